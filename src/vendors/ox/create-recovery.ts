/**
 * The hooks of the shared create-or-recover mechanism (../create-or-recover.ts) for one
 * `addCredentials`. OX names are not unique, so the natural key — this name and type (and the host
 * URL where configured) on the connector — is listed before the add: credentials already there, such
 * as the ones a create_before_destroy replacement under the same name replaces, are never taken for
 * the new ones. If the add's answer is lost, the key is listed again from a fresh scan, and exactly
 * one new entry is the one it made. OX never adopts credentials left behind by an interrupted apply
 * (it cannot change their secret): create-flow.ts supersedes them instead, so there is no
 * `leftBehind` hook.
 */
import type { CreateRecovery } from '../create-or-recover';
import type { OxCatalog } from './catalog';
import type { OxConnector } from './documents';
import { reportError } from './errors';
import { addCredentialsInput, resourceId, typeOf, underKey, type Desired, type StoredCredentials } from './mapping';
import { oxVendor } from './vendor';

/** OX accepted addCredentials, but neither its answer nor a fresh scan lists the new entry. */
class AddedNotListed extends Error {}

/** What is being added, for messages: `credentials "ci" (Token) on connector 2`. */
export const credentialsSubject = (d: Desired): string => `credentials ${JSON.stringify(d.name)} (${d.type}) on connector ${d.connectorId}`;

/** `refusalHint`: one more sentence when OX refuses the add (a connector holding a single set). */
export function createRecovery(catalog: OxCatalog, d: Desired, refusalHint?: string): CreateRecovery<StoredCredentials> {
  const isClaimed = (id: string) => catalog.isClaimed(id);
  // The ids under the key before the add, from the mechanism's first listing (`listsBefore`).
  let before: ReadonlySet<string> | undefined;
  // What `send` threw: reported as OX's refusal of the add; anything else reported is a failed listing.
  let refusal: unknown;

  /** OX appends added credentials: among the new entries under the key, the last is ours. */
  const lastNew = (connector: OxConnector | undefined): StoredCredentials | undefined =>
    underKey(connector, d, isClaimed)
      .filter((c) => !before?.has(c.credentialsId))
      .at(-1);

  return {
    vendor: oxVendor,
    subject: credentialsSubject(d),
    noun: 'credentials',
    keyAttribute: 'credentials_name',
    listsBefore: true,
    idOf: (c) => c.credentialsId,
    importId: (c) => resourceId(d.connectorId, c.credentialsId),

    async findByNaturalKey() {
      // The listing before the add is the process's scan; after it, only a fresh scan shows what it made.
      const found = underKey(await catalog.connector(d.connectorId, [d.type], before !== undefined), d, isClaimed);
      before ??= new Set(found.map((c) => c.credentialsId));
      return found;
    },

    matchesSent: (c) => c.credentialsName === d.name && typeOf(c) === d.type,

    async send() {
      try {
        const types = await catalog.knownTypes(d.type);
        const connector = await catalog.client.addCredentials(addCredentialsInput(d), types, Object.values(d.secrets));
        await catalog.remember(connector);
        // An answer that could not read the new entry (OX filed it under another union member): read it all.
        const added = lastNew(connector) ?? lastNew(await catalog.connector(d.connectorId, [d.type], true));
        if (!added) {
          throw new AddedNotListed('OX accepted addCredentials, but its answer lists no new credentials with this name and type. Check the connector in OX and import the credentials if they exist.');
        }
        return added;
      } catch (e) {
        refusal = e;
        throw e;
      }
    },

    report(diags, error, extra) {
      if (error !== refusal) {
        reportError(diags, error, { action: 'look-up', subject: `connector ${d.connectorId}`, extra });
        return;
      }
      const unlisted = error instanceof AddedNotListed;
      reportError(diags, error, { action: unlisted ? 'find-added' : 'create', subject: credentialsSubject(d), extra: extra ?? (unlisted ? undefined : refusalHint) });
    },
  };
}
