/**
 * The hooks of the shared create-or-recover mechanism (../create-or-recover.ts) for one Tines create.
 * The natural key is the name in the team, which Tines keeps unique, so nothing is listed before the
 * create. A test credential (`live_credential_id`) has no name of its own: it is looked up through
 * its live credential, and is never adopted when left behind.
 */
import type { Diagnostics } from '../../tfplugin/diagnostics';
import { createdRecently } from '../adoption';
import type { CreateRecovery, LeftBehind } from '../create-or-recover';
import { VendorHttpError } from '../http';
import type { NewCredentialFields, TinesCredential } from './client';
import type { Tines } from './client-factory';
import { reportError, type TinesErrorContext } from './errors';
import { idText, matchesSent } from './mapping';
import { tinesVendor } from './vendor';

/** How long Tines' clock may be behind ours when a lost create is matched by its timestamps. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

export interface TinesCreate {
  readonly tines: Tines;
  readonly fields: NewCredentialFields;
  /** `value_wo` or `value`: where a "Value …" message of Tines points. */
  readonly valueAttribute: string;
  readonly diagnostics: Diagnostics;
  readonly signal: AbortSignal;
}

/** True for a Tines timestamp no older than the create (allowing Tines' clock to run behind). */
const since = (iso: string | undefined, sentAt: number) => iso !== undefined && Date.parse(iso) >= sentAt - CLOCK_SKEW_MS;

export function createRecovery({ tines, fields, valueAttribute, diagnostics, signal }: TinesCreate): CreateRecovery<TinesCredential> {
  const subject = `credential "${fields.name}" in team ${fields.team_id}`;
  const ctx: TinesErrorContext = { action: 'create', subject, valueAttribute };
  const common = {
    vendor: tinesVendor,
    subject,
    importId: (c: TinesCredential) => idText(c.id),
    send: () => tines.api.createCredential(fields, signal),
    report: (diags: Diagnostics, error: unknown, extra?: string) => reportError(diags, error, { ...ctx, extra }),
  };

  const liveId = fields.live_credential_id;
  if (liveId !== undefined) {
    return {
      ...common,
      keyAttribute: 'live_credential_id',
      // Recorded apart from the live credential's own ID: adopting the test value must neither make
      // the live credential's delete skip nor hide the live credential from its own resource's create.
      idOf: (c) => `${idText(c.id)}/test`,
      async findByNaturalKey() {
        const live = await tines.api.getCredential(liveId, signal);
        return live?.test_credential ? [live] : [];
      },
      // Tines answers with the live credential; only the test value's stamp tells this create made it.
      matchesSent: (live, sentAt) => since(live.test_credential?.updated_at, sentAt),
    };
  }

  const leftBehind: LeftBehind<TinesCredential> = {
    when: (refusal) => refusal instanceof VendorHttpError && (refusal.issues ?? []).some((i) => /already been taken/i.test(i.message)),
    qualifies: (holder) => matchesSent(holder, fields) && createdRecently(holder.created_at),
    async adopt(holder) {
      try {
        return await tines.api.updateCredential(holder.id, { value: fields.value }, signal); // the value alone
      } catch (e) {
        reportError(diagnostics, e, { ...ctx, action: 'adopt' });
        return undefined;
      }
    },
    how: 'the configured value was sent to it',
    createdAt: (holder) => holder.created_at,
  };
  return {
    ...common,
    keyAttribute: 'name',
    idOf: (c) => idText(c.id),
    findByNaturalKey: async () => (await tines.api.listCredentials(fields.team_id, signal)).filter((c) => c.name === fields.name),
    matchesSent: (c, sentAt) => matchesSent(c, fields) && since(c.created_at, sentAt),
    leftBehind,
  };
}
