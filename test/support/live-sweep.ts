/**
 * The live tests' sweeper: lists, through credform's own vendor clients, what a live run made — the
 * objects whose name starts with a prefix (`credform-acc-<run>-` for one run, `credform-acc-` for all)
 * in the places the live fixtures name — and deletes it. Run after each live test file and by
 * `npm run test:live -- --sweep`.
 */
import type { Fixtures, LiveVendor, VendorApis } from './live';

/** Every name a live run gives starts with this, then the run id: the one prefix the sweeper ever deletes under. */
export const LIVE_PREFIX = 'credform-acc-';

export interface Leftover {
  /** How a person finds it at the vendor, e.g. `DX connection 123 credential 456 "credform-acc-…"`. */
  readonly what: string;
  remove(): Promise<void>;
}

type Lister<V extends LiveVendor> = (api: VendorApis[V], fixtures: Fixtures[V], prefix: string) => Promise<Leftover[]>;

const listers: { [V in LiveVendor]: Lister<V> } = {
  async dx(api, fixtures, prefix) {
    const connections = [fixtures.connectionId, ...(fixtures.secondConnectionId === undefined ? [] : [fixtures.secondConnectionId])];
    const out: Leftover[] = [];
    for (const connection of connections) {
      for (const c of await api.listCredentials(connection)) {
        if (c.label.startsWith(prefix)) out.push({ what: `DX connection ${connection} credential ${c.id} ${JSON.stringify(c.label)}`, remove: () => api.deleteCredential(connection, c.id) });
      }
    }
    return out;
  },
  async apinizer(api, fixtures, prefix) {
    return (await api.listCredentials(fixtures.project))
      .filter((c) => c.username.startsWith(prefix))
      .map((c) => ({ what: `Apinizer project ${fixtures.project} credential ${JSON.stringify(c.username)}`, remove: async () => void (await api.deleteCredential(fixtures.project, c.username)) }));
  },
  async ox(api, fixtures, prefix) {
    const types = [fixtures.credentialsType];
    const connector = (await api.connectors(types)).find((c) => c.id === fixtures.connectorId);
    return (connector?.credentials ?? [])
      .filter((c) => c.credentialsId && c.credentialsName?.startsWith(prefix))
      .map((c) => ({
        what: `OX connector ${fixtures.connectorId} credentials ${c.credentialsId} ${JSON.stringify(c.credentialsName)}`,
        remove: async () => void (await api.removeCredentials(fixtures.connectorId, c.credentialsId!, types)),
      }));
  },
  async tines(api, fixtures, prefix) {
    return (await api.listCredentials(fixtures.teamId))
      .filter((c) => c.name.startsWith(prefix))
      .map((c) => ({ what: `Tines team ${fixtures.teamId} credential ${c.id} ${JSON.stringify(c.name)}`, remove: async () => void (await api.deleteCredential(c.id)) }));
  },
};

/** What carries `prefix` at the vendor now. */
export function leftovers<V extends LiveVendor>(vendor: V, api: VendorApis[V], fixtures: Fixtures[V], prefix: string): Promise<Leftover[]> {
  if (!prefix.startsWith(LIVE_PREFIX)) throw new Error(`refusing to sweep ${JSON.stringify(prefix)}: only names starting credform-acc- are the live tests'`);
  return (listers[vendor] as Lister<V>)(api, fixtures, prefix);
}

/** Deletes everything carrying `prefix`; returns what it removed. Every removal is tried; the first error is thrown after. */
export async function sweep<V extends LiveVendor>(vendor: V, api: VendorApis[V], fixtures: Fixtures[V], prefix: string): Promise<string[]> {
  const removed: string[] = [];
  const failed: string[] = [];
  for (const item of await leftovers(vendor, api, fixtures, prefix)) {
    try {
      await item.remove();
      removed.push(item.what);
    } catch (e) {
      failed.push(`${item.what}: ${(e as Error).message}`);
    }
  }
  if (failed.length) throw new Error(`could not remove:\n${failed.join('\n')}${removed.length ? `\n(removed: ${removed.join('; ')})` : ''}`);
  return removed;
}
