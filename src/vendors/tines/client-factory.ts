/** The one Tines client (and its team directory) of a provider process, from the resolved settings. */
import type { ClientFactory } from '../connections';
import { TinesClient } from './client';
import { TinesDirectory } from './directory';
import { tinesVendor } from './vendor';

export interface Tines {
  readonly api: TinesClient;
  readonly directory: TinesDirectory;
}

export const clientFactory: ClientFactory<Tines> = {
  vendor: tinesVendor,
  make(settings, connections) {
    const apiKey = settings.credentials.api_key;
    if (!apiKey) return { missing: 'Set the TINES_API_KEY environment variable where Terraform runs (or `api_key` in the provider\'s `tines` block).' };
    const api = new TinesClient(connections.httpClient(settings, () => ({ Authorization: `Bearer ${apiKey}` })));
    return { client: { api, directory: new TinesDirectory(api) } };
  },
};
