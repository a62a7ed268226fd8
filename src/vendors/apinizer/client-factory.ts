/** The one Apinizer client of a provider process (its exchanged token shared by every resource). */
import type { ClientFactory } from '../connections';
import { ApinizerClient } from './client';
import { apinizerVendor } from './vendor';

export const clientFactory: ClientFactory<ApinizerClient> = {
  vendor: apinizerVendor,
  make(settings, connections) {
    const problems: string[] = [];
    const client = ApinizerClient.fromSettings(settings, connections, problems);
    return client ? { client } : { missing: problems.join(' ') };
  },
};
