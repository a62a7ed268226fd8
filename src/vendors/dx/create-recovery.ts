/**
 * A create whose answer was lost (connection dropped after sending, a gateway timeout) may or may not
 * have been stored. Blindly retrying could make a second credential; giving up would leave one DX
 * holds but Terraform does not know. So the connection's credentials are listed again, and one that
 * (a) did not exist before the create was sent and (b) has exactly the label, settings and expiration
 * just sent is the one made: it is adopted. DX refuses duplicate settings on a connection, so (b)
 * rarely matches anything else; (a) rules out a credential that was already there.
 */
import type { Diagnostics } from '../../tfplugin/diagnostics';
import { createdRecently } from '../adoption';
import type { AmbiguousRequestError } from '../http';
import type { DxClient, DxCredentialListItem, DxCredentialSummary } from './client';
import { addDxError } from './errors';
import { sameSettings } from './json-settings';
import type { Desired } from './mapping';

export async function adoptAfterLostAnswer(
  client: DxClient,
  want: Desired,
  before: ReadonlySet<number>,
  lost: AmbiguousRequestError,
  diags: Diagnostics,
): Promise<DxCredentialSummary | undefined> {
  let after;
  try {
    after = await client.listCredentials(want.connectionId);
  } catch (e) {
    diags.addError(
      'DX create outcome unknown',
      `DX's answer to credentials.create on connection ${want.connectionId} was lost (${lost.detail}), and listing the connection's credentials to find out whether it was stored failed too. Check DX for a new credential: if there is one, import it (terraform import <address> ${want.connectionId}/<credential_id>); otherwise apply again.`,
    );
    addDxError(diags, e, { operation: 'create', connectionId: want.connectionId });
    return undefined;
  }
  const sameDate = (d: string | null | undefined) => (d ? d.slice(0, 10) : null) === want.expirationDate;
  const matches = after.filter(
    (c) =>
      !before.has(c.id) &&
      sameSettings(c.settings, want.settings) &&
      (want.label === undefined || c.label === want.label) &&
      sameDate(c.expiration_date),
  );
  if (matches.length === 1) {
    const made = matches[0]!;
    diags.addWarning(
      'DX answer lost; credential adopted',
      `DX's answer to credentials.create was lost (${lost.detail}). Credential ${made.id} appeared on connection ${want.connectionId} with exactly what was sent, so it was recorded in state instead of creating another.`,
    );
    return made;
  }
  if (matches.length === 0) {
    diags.addError(
      'DX create did not happen',
      `DX's answer to credentials.create on connection ${want.connectionId} was lost (${lost.detail}), and no new credential matching it exists there: nothing was created. Run terraform apply again.`,
    );
    return undefined;
  }
  diags.addError(
    'DX create outcome ambiguous',
    `DX's answer to credentials.create on connection ${want.connectionId} was lost (${lost.detail}), and ${matches.length} new credentials match it (${matches.map((c) => c.id).join(', ')}): another writer is creating the same credential. Import the right one (terraform import <address> ${want.connectionId}/<credential_id>) and delete the others in DX.`,
  );
  return undefined;
}

/**
 * Adoption at create (see ../adoption.ts): a credential an interrupted apply left on the connection
 * has exactly the configured label (a label must be configured: without one nothing tells the
 * credential apart from another with the same settings), settings and expiration date, and was
 * created within the adoption window. DX would refuse a second one as a duplicate.
 */
export function leftBehind(existing: readonly DxCredentialListItem[], want: Desired, taken: (id: number) => boolean): DxCredentialListItem | undefined {
  if (want.label === undefined) return undefined;
  const matches = existing.filter(
    (c) =>
      c.label === want.label &&
      sameSettings(c.settings, want.settings) &&
      (c.expiration_date ? c.expiration_date.slice(0, 10) : null) === want.expirationDate &&
      !c.disabled_at &&
      createdRecently(c.created_at) &&
      !taken(c.id),
  );
  return matches.length === 1 ? matches[0] : undefined;
}

/** Adopts `found` by sending it the configured secrets (DX verifies them, as at create). */
export async function adoptLeftBehind(client: DxClient, want: Desired, found: DxCredentialListItem, diags: Diagnostics): Promise<DxCredentialSummary | undefined> {
  let updated: DxCredentialSummary;
  try {
    updated = await client.updateCredential(want.connectionId, { id: found.id, ...(want.secrets ? { secrets: want.secrets } : {}) });
  } catch (e) {
    addDxError(diags, e, { operation: 'update', connectionId: want.connectionId, credentialId: found.id });
    return undefined;
  }
  diags.addWarning(
    'DX credential adopted',
    `Connection ${want.connectionId} already holds credential ${found.id} (created ${found.created_at}) with exactly the configured label, settings and expiration date, most likely made by an apply that was interrupted before it could record it. It was adopted instead of creating a duplicate, and the configured secrets were sent to it.`,
  );
  return updated;
}
