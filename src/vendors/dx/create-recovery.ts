/**
 * A create whose answer was lost (connection dropped after sending, a gateway timeout) may or may not
 * have been stored. Blindly retrying could make a second credential; giving up would leave one DX
 * holds but Terraform does not know. So the connection's credentials are listed again, and one that
 * (a) did not exist before the create was sent and (b) has exactly the label, settings and expiration
 * just sent is the one made: it is adopted. DX refuses duplicate settings on a connection, so (b)
 * rarely matches anything else; (a) rules out a credential that was already there.
 */
import type { Diagnostics } from '../../tfplugin/diagnostics';
import type { AmbiguousRequestError } from '../http';
import type { DxClient, DxCredentialSummary } from './client';
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
