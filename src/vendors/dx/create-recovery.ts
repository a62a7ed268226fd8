/**
 * The hooks of the shared create-or-recover mechanism (../create-or-recover.ts) for one DX create.
 * DX keeps nothing unique by name: the natural key is the connection, and a credential is told apart
 * by what was sent — its label, settings (compared as JSON) and expiration date. So the connection's
 * credentials are listed before the create: one that was already there is never taken for the new
 * one, and one an interrupted apply left behind (exactly the configured label, settings and date, made
 * within the adoption window) is adopted instead of creating a duplicate DX would refuse. A label must
 * be configured for that: without one nothing tells such a credential apart from another.
 */
import type { Diagnostics } from '../../tfplugin/diagnostics';
import { createdRecently } from '../adoption';
import type { CreateRecovery } from '../create-or-recover';
import type { DxClient, DxCredentialListItem } from './client';
import { dxContext, reportError } from './errors';
import { sameSettings } from './json-settings';
import { createBody, credentialAddress, type Desired } from './mapping';
import { dxVendor } from './vendor';

const dateOf = (d: string | null | undefined) => (d ? d.slice(0, 10) : null);

/** Exactly the label (when configured), settings and expiration date sent. */
function holdsWhatWasSent(c: DxCredentialListItem, want: Desired): boolean {
  return (want.label === undefined || c.label === want.label) && sameSettings(c.settings, want.settings) && dateOf(c.expiration_date) === want.expirationDate;
}

export function createRecovery(client: DxClient, want: Desired, diagnostics: Diagnostics): CreateRecovery<DxCredentialListItem> {
  const connectionId = want.connectionId;
  return {
    vendor: dxVendor,
    subject: `credential${want.label === undefined ? '' : ` ${JSON.stringify(want.label)}`} on connection ${connectionId}`,
    keyAttribute: 'settings_json',
    idOf: (c) => String(c.id),
    importId: (c) => credentialAddress(connectionId, c.id),
    // DX answers a create with the summary only; the list fields are those just sent (never read back from it).
    send: async () => ({ settings: want.settings, disabled_at: null, expiration_date: want.expirationDate, ...(await client.createCredential(connectionId, createBody(want))) }),
    findByNaturalKey: () => client.listCredentials(connectionId),
    matchesSent: (c) => holdsWhatWasSent(c, want),
    listsBefore: true,
    leftBehind: {
      when: 'before-create',
      qualifies: (c) => want.label !== undefined && holdsWhatWasSent(c, want) && !c.disabled_at && createdRecently(c.created_at),
      async adopt(found) {
        try {
          const updated = await client.updateCredential(connectionId, { id: found.id, ...(want.secrets ? { secrets: want.secrets } : {}) });
          return { ...found, ...updated };
        } catch (e) {
          reportError(diagnostics, e, dxContext('update', connectionId, found.id));
          return undefined;
        }
      },
      how: 'the configured secrets were sent to it (DX verified them, as at create)',
      createdAt: (c) => c.created_at,
    },
    report: (diags: Diagnostics, error: unknown, extra?: string) => reportError(diags, error, { ...dxContext('create', connectionId), extra }),
  };
}
