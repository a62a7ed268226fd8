/** The one DX client of a provider process, from the resolved settings. */
import type { ClientFactory } from '../connections';
import { DxClient } from './client';
import { dxVendor } from './vendor';

export const clientFactory: ClientFactory<DxClient> = {
  vendor: dxVendor,
  make(settings, connections) {
    const token = settings.credentials.token;
    if (!token) return { missing: 'Set the `DX_API_TOKEN` environment variable where Terraform runs (or `token` in the provider\'s `dx` block).' };
    return { client: new DxClient(connections.httpClient(settings, () => ({ Authorization: `Bearer ${token}` }))) };
  },
};
