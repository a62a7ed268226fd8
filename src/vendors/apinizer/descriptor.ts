/** Apinizer as the provider serves it: registered once in ../provider.ts. */
import type { VendorDescriptor } from '../descriptor';
import { clientFactory } from './client-factory';
import { apinizerCredentialResource } from './resource';
import { apinizerVendor } from './vendor';

export const descriptor: VendorDescriptor = {
  vendor: apinizerVendor,
  client: clientFactory,
  resources: [apinizerCredentialResource],
  dataSources: [],
};
