/** OX Security as the provider serves it: registered once in ../provider.ts. */
import type { VendorDescriptor } from '../descriptor';
import { clientFactory } from './client-factory';
import { oxConnectorCredentials } from './resource';
import { oxVendor } from './vendor';

export const descriptor: VendorDescriptor = {
  vendor: oxVendor,
  client: clientFactory,
  resources: [oxConnectorCredentials],
  dataSources: [],
};
