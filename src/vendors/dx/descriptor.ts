/** DX as the provider serves it: registered once in ../provider.ts. */
import type { VendorDescriptor } from '../descriptor';
import { clientFactory } from './client-factory';
import { dxConnectionsDataSource } from './connections-data-source';
import { dxCredentialResource } from './resource';
import { dxVendor } from './vendor';

export const descriptor: VendorDescriptor = {
  vendor: dxVendor,
  client: clientFactory,
  resources: [dxCredentialResource],
  dataSources: [dxConnectionsDataSource],
};
