/**
 * The hooks of the shared create-or-recover mechanism (../create-or-recover.ts) for one create of a
 * credential. Its natural key is the username in the project, which Apinizer keeps unique, so
 * nothing is listed before the POST: a second POST is refused as a duplicate rather than doubling.
 *
 * - The create's answer is lost (connection dropped after sending): if the project now holds a
 *   credential by that username with exactly the settings sent, it is the one just made and is
 *   adopted, rather than failing and leaving it unmanaged.
 * - The POST is refused because the username is taken: a credential by that username with exactly
 *   the configured settings is one an interrupted apply left behind (Apinizer never returns
 *   passwords, so those cannot be compared). It is adopted with the full-replace PUT, which sends
 *   the configured password and deploys it again; anything else, and the refusal stands.
 */
import type { Diagnostics } from '../../tfplugin/diagnostics';
import type { CreateRecovery } from '../create-or-recover';
import type { ApinizerClient, DeploymentResult, RemoteCredential } from './client';
import { isDuplicateUsername, reportError, type ApinizerErrorContext } from './errors';
import { bodyOf, sameSettings, type Desired } from './mapping';
import { credentialId } from './schema';
import { apinizerVendor } from './vendor';

/** A credential the create made or took over. */
export interface CreatedCredential {
  readonly username: string;
  /** Apinizer's record, when the credential was found by listing the project. */
  readonly listed?: RemoteCredential;
  /**
   * What the write that made it this resource's deployed. Undefined when that answer was lost (the
   * credential was found by a lookup instead): `deployment` is then empty (see `lostAnswerNote`).
   */
  readonly deployment?: DeploymentResult;
}

export interface CredentialCreate {
  readonly client: ApinizerClient;
  readonly desired: Desired;
  readonly password: string;
  /** The create's error context (action `create`); adopting reports under action `adopt`. */
  readonly ctx: ApinizerErrorContext;
  /** Where adopting a left-behind credential reports a failed PUT. */
  readonly diags: Diagnostics;
  readonly signal?: AbortSignal;
}

export function createRecovery({ client, desired: d, password, ctx, diags, signal }: CredentialCreate): CreateRecovery<CreatedCredential> {
  const body = bodyOf(d, password);
  const id = (c: CreatedCredential) => credentialId(d.project, c.username);
  const holdsWhatWasSent = (c: CreatedCredential) => c.listed !== undefined && sameSettings(c.listed, d);
  return {
    vendor: apinizerVendor,
    subject: ctx.subject,
    keyAttribute: 'username',
    idOf: id,
    importId: id,
    async send() {
      return { username: d.username, deployment: await client.createCredential(d.project, body, signal) };
    },
    async findByNaturalKey() {
      const listed = await client.findCredential(d.project, d.username, signal);
      return listed ? [{ username: listed.username, listed }] : [];
    },
    matchesSent: holdsWhatWasSent,
    leftBehind: {
      when: isDuplicateUsername,
      qualifies: holdsWhatWasSent,
      async adopt(found) {
        try {
          return { ...found, deployment: await client.replaceCredential(d.project, body, signal) };
        } catch (error) {
          reportError(diags, error, { ...ctx, action: 'adopt' });
          return undefined;
        }
      },
      how: 'the configured password was sent to it (full-replace PUT, deployed again)',
    },
    report: (to, error, extra) => reportError(to, error, { ...ctx, extra }),
    lostAnswerNote: "Its deployment result was lost with the answer, so `deployment` is empty: check the project's environments in Apinizer.",
  };
}
