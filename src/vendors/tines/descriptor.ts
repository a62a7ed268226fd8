/** Tines as the provider serves it: registered once in ../provider.ts. */
import type { VendorDescriptor } from '../descriptor';
import { clientFactory } from './client-factory';
import { tinesTextCredential } from './resource';
import { tinesVendor } from './vendor';

export const descriptor: VendorDescriptor = {
  vendor: tinesVendor,
  client: clientFactory,
  resources: [tinesTextCredential],
  dataSources: [],
};
