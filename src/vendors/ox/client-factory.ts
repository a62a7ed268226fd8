/** The one OX catalog (client + scan cache) of a provider process, from the resolved settings. */
import { Logger } from '../../tfplugin/logging';
import type { ClientFactory } from '../connections';
import { HttpClient } from '../http';
import { OxCatalog } from './catalog';
import { OxClient } from './client';
import { oxVendor } from './vendor';

export const log = new Logger('credform.ox');

/**
 * ASSUMED: how long one OX call may wait for a spent rate-limit window (`RateLimit-Remaining: 0`
 * until `RateLimit-Reset`) before failing with a message saying when it resets.
 */
export const OX_MAX_RATE_LIMIT_WAIT_MS = 15 * 60_000;

export const clientFactory: ClientFactory<OxCatalog> = {
  vendor: oxVendor,
  make(settings, connections) {
    const apiKey = settings.credentials.api_key;
    if (!apiKey) return { missing: 'Set the `OX_API_KEY` environment variable (or `api_key` in the provider\'s `ox` block).' };
    const options = connections.httpOptions(settings, () => ({ Authorization: apiKey }));
    const http = new HttpClient({
      ...options,
      retry: { ...options.retry, maxTotalWaitMs: OX_MAX_RATE_LIMIT_WAIT_MS },
      onEvent: (e) => log.debug('ox http', { ...e }),
    });
    return { client: new OxCatalog(new OxClient(http, log)) };
  },
};
