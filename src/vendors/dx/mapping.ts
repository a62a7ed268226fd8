/**
 * The two mappers of `credform_dx_credential`: configuration → what DX should hold, and DX's answer →
 * state. Resource code calls these and holds no per-field logic of its own.
 */
import type { State } from '../../tfplugin/resource';
import type { ObjectValue } from '../../tfplugin/schema/config-validators';
import { readModel, requireValue, writeModel } from '../../tfplugin/schema/model';
import type { DxCreateBody, DxCredentialInfo, DxCredentialSummary, DxUpdateBody } from './client';
import { parseJsonObject, sameSettings, settingsText, type JsonObject } from './json-settings';
import { dxCredentialAttributes as attributes, type DxCredentialModel } from './schema';

/** What the configuration asks DX to hold, as plain data (apply time: everything is known). */
export interface Desired {
  readonly connectionId: number;
  /** Undefined: let DX choose (create) or keep (update). */
  readonly label: string | undefined;
  readonly settings: JsonObject;
  readonly secrets: Record<string, string> | undefined;
  readonly expirationDate: string | null;
}

/** Reads configuration, plan or state as the typed model. */
export const modelOf = (values: State | ObjectValue): DxCredentialModel => readModel(attributes, values);

export function desiredFrom(config: DxCredentialModel, plan: DxCredentialModel): Desired {
  const settings = plan.settings_json !== null ? parseJsonObject(plan.settings_json) : undefined;
  return {
    connectionId: requireValue(plan, 'connection_id'),
    label: config.label ?? undefined,
    settings: settings?.ok ? settings.value : {},
    secrets: config.secrets_wo ?? config.secrets ?? undefined,
    expirationDate: plan.expiration_date,
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
export function updateBody(want: Desired, plan: DxCredentialModel, prior: DxCredentialModel, secretsRotate: boolean): DxUpdateBody {
  const settingsChanged = prior.settings_json === null || plan.settings_json === null || !sameSettings(plan.settings_json, prior.settings_json);
  return {
    id: requireValue(prior, 'credential_id'),
    ...(plan.label !== null && plan.label !== prior.label ? { label: plan.label } : {}),
    ...(settingsChanged ? { settings: want.settings } : {}),
    ...(secretsRotate && want.secrets ? { secrets: want.secrets } : {}),
    ...(plan.expiration_date !== prior.expiration_date ? { expiration_date: want.expirationDate } : {}),
  };
}

export const credentialAddress = (connectionId: number, credentialId: number) => `${connectionId}/${credentialId}`;

/** State as planned, where an update sends nothing to DX. */
export const stateFromPlan = (plan: DxCredentialModel): State => writeModel(attributes, plan);

/** State after create/update: the plan, with what DX decided (id, type, creation time, a default label). */
export function stateFromWrite(plan: DxCredentialModel, connectionId: number, cred: DxCredentialSummary): State {
  return writeModel(attributes, {
    ...plan,
    connection_id: connectionId,
    credential_id: cred.id,
    type: cred.type,
    created_at: cred.created_at,
    // A configured label is kept as written; DX's is taken only where the plan left it to DX.
    label: plan.label ?? cred.label,
    id: credentialAddress(connectionId, cred.id),
  });
}

/** State after read: what DX holds, keeping the stored text of settings and date when they mean the same. */
export function stateFromRead(stored: DxCredentialModel, connectionId: number, cred: DxCredentialInfo): State {
  const remoteDate = cred.expiration_date ? cred.expiration_date.slice(0, 10) : null;
  return writeModel(attributes, {
    ...stored,
    connection_id: connectionId,
    credential_id: cred.id,
    type: cred.type,
    created_at: cred.created_at,
    label: cred.label,
    id: credentialAddress(connectionId, cred.id),
    settings_json: stored.settings_json !== null && sameSettings(stored.settings_json, cred.settings) ? stored.settings_json : settingsText(cred.settings),
    expiration_date: stored.expiration_date === remoteDate ? stored.expiration_date : remoteDate,
  });
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
