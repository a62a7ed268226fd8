/**
 * OX has no get-by-id: connectors and credentials are found by scanning `getConnectorsByFamily`.
 * With 1,000 requests an hour per key, one scan serves every resource of a provider process (the
 * plan-time checks and each refresh); the connectors a mutation answers with keep it current.
 *
 * A scan reads the credentials of the union members it selects (see documents.ts). It selects the
 * types asked for; if OX then reports entries of other members (a bare `__typename`), it scans once
 * more with those members too — their names come from OX itself, so that second document is valid.
 * A cached scan therefore always reads every entry: credentials that merely could not be read never
 * look deleted.
 */
import type { OxClient } from './client';
import type { OxConnector } from './documents';
import { typeOf } from './mapping';

interface Snapshot {
  readonly types: readonly string[];
  readonly connectors: Map<string, OxConnector>;
}

/** Types of the entries a selection could not read. */
function unreadTypes(connectors: Iterable<OxConnector>): string[] {
  const out = new Set<string>();
  for (const c of connectors) for (const cred of c.credentials) if (!cred.credentialsId && typeOf(cred)) out.add(typeOf(cred)!);
  return [...out];
}

export class OxCatalog {
  private snapshot: Promise<Snapshot> | undefined;
  /** Credentials this process created: never adopted for another resource after a lost answer. */
  private readonly claimed = new Set<string>();

  constructor(readonly client: OxClient) {}

  /** Every connector, every entry readable; from the process's scan unless `fresh`. Concurrent callers share one scan. */
  connectors(types: readonly string[], fresh = false): Promise<ReadonlyMap<string, OxConnector>> {
    const previous = this.snapshot;
    if (previous && !fresh) return previous.then((s) => s.connectors, () => this.connectors(types, true));
    const scan = (async () => {
      const known = previous ? ((await previous.catch(() => undefined))?.types ?? []) : [];
      return this.scan([...new Set([...known, ...types])]);
    })();
    this.snapshot = scan;
    // A failed scan is not kept: the next caller tries again.
    scan.catch(() => {
      if (this.snapshot === scan) this.snapshot = undefined;
    });
    return scan.then((s) => s.connectors);
  }

  async connector(id: string, types: readonly string[], fresh = false): Promise<OxConnector | undefined> {
    return (await this.connectors(types, fresh)).get(id);
  }

  /** The types a mutation should select so that its answer reads like the cached scan. */
  async knownTypes(extra: string | undefined): Promise<string[]> {
    return [...new Set([...((await this.current())?.types ?? []), ...(extra === undefined ? [] : [extra])])];
  }

  /** Keeps the cache current with a connector a mutation answered with; drops the cache if the answer could not read every entry. */
  async remember(connector: OxConnector): Promise<void> {
    const pending = this.snapshot;
    const current = await this.current();
    if (!current) return;
    if (unreadTypes([connector]).length === 0) current.connectors.set(connector.id, connector);
    else if (this.snapshot === pending) this.snapshot = undefined;
  }

  claim(credentialsId: string): void {
    this.claimed.add(credentialsId);
  }

  isClaimed(credentialsId: string): boolean {
    return this.claimed.has(credentialsId);
  }

  private async current(): Promise<Snapshot | undefined> {
    return this.snapshot ? this.snapshot.catch(() => undefined) : undefined;
  }

  private async scan(types: readonly string[]): Promise<Snapshot> {
    let list = await this.client.connectors(types);
    const missing = unreadTypes(list).filter((t) => !types.includes(t));
    if (missing.length) {
      types = [...types, ...missing];
      list = await this.client.connectors(types);
    }
    return { types, connectors: new Map(list.map((c) => [c.id, c])) };
  }
}
