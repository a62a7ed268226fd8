/**
 * OX has no get-by-id: connectors and credentials are found by scanning `getConnectorsByFamily`.
 * With 1,000 requests an hour per key, one scan serves every resource of a provider process (the
 * plan-time checks and each refresh); the connectors a mutation answers with keep it current.
 *
 * A scan only reads the credentials of the types asked for so far (see documents.ts), so asking for
 * a new type scans again with the union of the types.
 */
import type { OxClient } from './client';
import type { OxConnector } from './documents';

interface Snapshot {
  readonly types: ReadonlySet<string>;
  readonly connectors: Map<string, OxConnector>;
}

export class OxCatalog {
  private snapshot: Promise<Snapshot> | undefined;
  /** Credentials this process created: never adopted for another resource after a lost answer. */
  private readonly claimed = new Set<string>();

  constructor(readonly client: OxClient) {}

  /** The connectors, from the process's scan when it covers `types`. `fresh` scans again. */
  async connectors(types: readonly string[], fresh = false): Promise<ReadonlyMap<string, OxConnector>> {
    const current = this.snapshot ? await this.snapshot.catch(() => undefined) : undefined;
    if (!fresh && current && types.every((t) => current.types.has(t))) return current.connectors;
    const wanted = [...new Set([...(current?.types ?? []), ...types])];
    const scan = this.client.connectors(wanted).then((list) => ({ types: new Set(wanted), connectors: new Map(list.map((c) => [c.id, c])) }));
    this.snapshot = scan;
    // A failed scan is not kept: the next caller tries again.
    scan.catch(() => {
      if (this.snapshot === scan) this.snapshot = undefined;
    });
    return (await scan).connectors;
  }

  async connector(id: string, types: readonly string[], fresh = false): Promise<OxConnector | undefined> {
    return (await this.connectors(types, fresh)).get(id);
  }

  /** The types the cached scan can read: a mutation selects these too, so its answer can replace the connector. */
  async knownTypes(extra: string): Promise<string[]> {
    const current = this.snapshot ? await this.snapshot.catch(() => undefined) : undefined;
    return [...new Set([...(current?.types ?? []), extra])];
  }

  /**
   * Keeps the cache current with a connector a mutation answered with. If the answer cannot read
   * every type the cache covers (a wider scan ran meanwhile), the cache is dropped instead: a
   * credential that merely could not be read must never look deleted.
   */
  async remember(connector: OxConnector, selectedTypes: readonly string[]): Promise<void> {
    const pending = this.snapshot;
    const current = pending ? await pending.catch(() => undefined) : undefined;
    if (!current) return;
    if ([...current.types].every((t) => selectedTypes.includes(t))) current.connectors.set(connector.id, connector);
    else if (this.snapshot === pending) this.snapshot = undefined;
  }

  claim(credentialsId: string): void {
    this.claimed.add(credentialsId);
  }

  isClaimed(credentialsId: string): boolean {
    return this.claimed.has(credentialsId);
  }
}
