/**
 * The two mappers of `credform_dx_credential`: configuration → what DX should hold, and DX's answer →
 * state. Resource code calls these and holds no per-field logic of its own.
 */
import type { State } from '../../tfplugin/resource';
import type { ObjectValue } from '../../tfplugin/schema/config-validators';
import { toPlain } from '../../tfplugin/schema/validate';
import { Unknown } from '../../tfplugin/values/types';
import type { DxCreateBody, DxCredentialInfo, DxCredentialSummary, DxUpdateBody } from './client';
import { parseJsonObject, sameSettings, settingsText, type JsonObject } from './json-settings';

/** What the configuration asks DX to hold, as plain data (apply time: everything is known). */
export interface Desired {
  readonly connectionId: number;
  /** Undefined: let DX choose (create) or keep (update). */
  readonly label: string | undefined;
  readonly settings: JsonObject;
  readonly secrets: Record<string, string> | undefined;
  readonly expirationDate: string | null;
}

const plain = (v: ObjectValue | State) => toPlain(v as never) as Record<string, unknown>;

export function desiredFrom(config: ObjectValue, plan: State): Desired {
  const c = plain(config);
  const p = plain(plan);
  const settings = typeof p.settings_json === 'string' ? parseJsonObject(p.settings_json) : undefined;
  return {
    connectionId: p.connection_id as number,
    label: typeof c.label === 'string' ? c.label : undefined,
    settings: settings?.ok ? settings.value : {},
    secrets: ((c.secrets_wo ?? c.secrets) as Record<string, string> | null | undefined) ?? undefined,
    expirationDate: typeof p.expiration_date === 'string' ? p.expiration_date : null,
  };
}

export function createBody(want: Desired): DxCreateBody {
  return {
    ...(want.label !== undefined ? { label: want.label } : {}),
    settings: want.settings,
    secrets: want.secrets ?? {},
    ...(want.expirationDate !== null ? { expiration_date: want.expirationDate } : {}),
  };
}

/** Only the fields whose planned value differs from state; secrets only when they rotate. */
export function updateBody(want: Desired, plan: State, prior: State, secretsRotate: boolean): DxUpdateBody {
  const settingsChanged = typeof prior.settings_json !== 'string' || !sameSettings(plan.settings_json as string, prior.settings_json);
  return {
    id: prior.credential_id as number,
    ...(typeof plan.label === 'string' && plan.label !== prior.label ? { label: plan.label } : {}),
    ...(settingsChanged ? { settings: want.settings } : {}),
    ...(secretsRotate && want.secrets ? { secrets: want.secrets } : {}),
    ...((plan.expiration_date ?? null) !== (prior.expiration_date ?? null) ? { expiration_date: want.expirationDate } : {}),
  };
}

export const credentialAddress = (connectionId: number, credentialId: number) => `${connectionId}/${credentialId}`;

/** State after create/update: the plan, with what DX decided (id, type, creation time, a default label). */
export function stateFromWrite(plan: State, connectionId: number, cred: DxCredentialSummary): State {
  return {
    ...plan,
    connection_id: connectionId,
    credential_id: cred.id,
    type: cred.type,
    created_at: cred.created_at,
    // A configured label is kept as written; DX's is taken only where the plan left it to DX.
    label: plan.label instanceof Unknown || plan.label === null ? cred.label : plan.label,
    id: credentialAddress(connectionId, cred.id),
  };
}

/** State after read: what DX holds, keeping the stored text of settings and date when they mean the same. */
export function stateFromRead(state: State, connectionId: number, cred: DxCredentialInfo): State {
  const storedSettings = state.settings_json;
  const storedDate = typeof state.expiration_date === 'string' ? state.expiration_date : null;
  const remoteDate = cred.expiration_date ? cred.expiration_date.slice(0, 10) : null;
  return {
    ...state,
    connection_id: connectionId,
    credential_id: cred.id,
    type: cred.type,
    created_at: cred.created_at,
    label: cred.label,
    id: credentialAddress(connectionId, cred.id),
    settings_json: typeof storedSettings === 'string' && sameSettings(storedSettings, cred.settings) ? storedSettings : settingsText(cred.settings),
    expiration_date: storedDate === remoteDate ? storedDate : remoteDate,
  };
}

/** `<connection_id>/<credential_id>` → the numbers, or undefined. */
export function parseImportId(id: string): { connectionId: number; credentialId: number } | undefined {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(id);
  if (!m) return undefined;
  const connectionId = Number(m[1]);
  const credentialId = Number(m[2]);
  if (!Number.isSafeInteger(connectionId) || !Number.isSafeInteger(credentialId) || connectionId <= 0 || credentialId <= 0) return undefined;
  return { connectionId, credentialId };
}
