/**
 * `credform_dx_credential`: config → API body → DX call → response → state, one mapper each way
 * (`mapping.ts`) over the typed model; errors become diagnostics in `errors.ts`; plan-time checks live
 * in `plan-checks.ts`; a create goes through the shared create-or-recover mechanism (`create-recovery.ts`).
 */
import type { PlanRequest, ResourceType } from '../../tfplugin/resource';
import { requireValue } from '../../tfplugin/schema/model';
import { clientFor, type Connections } from '../connections';
import { adoptedThisRun } from '../adoption';
import { createOrRecover } from '../create-or-recover';
import { beginSecretRecord, planSecretRotation, recordSecretApplied, secretRotates } from '../secret-rotation';
import { clientFactory } from './client-factory';
import { createRecovery } from './create-recovery';
import { dxContext, dxErrorCode, reportError } from './errors';
import { sameSettings } from './json-settings';
import { credentialAddress, desiredFrom, modelOf, parseImportId, stateFromPlan, stateFromRead, stateFromWrite, updateBody } from './mapping';
import { checkConnection } from './plan-checks';
import { DX_CREDENTIAL_DESCRIPTION, DX_CREDENTIAL_TYPE, SECRET_ATTRIBUTES as SECRETS, dxCredentialBlock, dxCredentialValidators } from './schema';
import { dxVendor } from './vendor';

/** Codes meaning the credential is not at DX (any more). */
const GONE = new Set(['credential_not_found', 'connection_not_found']);

/** New settings text that means the same JSON as the stored one: plan the stored text (no diff). */
function keepEquivalentSettings(req: PlanRequest<Connections>): void {
  const prior = req.priorState?.settings_json;
  const planned = req.plan.settings_json;
  if (typeof prior === 'string' && typeof planned === 'string' && planned !== prior && sameSettings(planned, prior)) {
    req.plan.settings_json = prior;
  }
}

export const dxCredentialResource: ResourceType<Connections> = {
  typeName: DX_CREDENTIAL_TYPE,
  schema: { version: 0, description: DX_CREDENTIAL_DESCRIPTION, block: dxCredentialBlock, configValidators: dxCredentialValidators },

  async modifyPlan(req) {
    keepEquivalentSettings(req);
    await planSecretRotation(req, SECRETS, req.providerData?.secretCheckKey(dxVendor.id));
    if (!req.providerData) return; // provider configuration not known yet: DX is checked at apply
    const client = clientFor(clientFactory, req);
    if (client) await checkConnection(req, client);
  },

  async create(req) {
    const client = clientFor(clientFactory, req);
    if (!client) return;
    beginSecretRecord(req, SECRETS, req.providerData?.secretCheckKey(dxVendor.id));
    const plan = modelOf(req.plan);
    const want = desiredFrom(modelOf(req.config), plan);
    const created = await createOrRecover(createRecovery(client, want, req.diagnostics), req.providerData, req.diagnostics);
    if (!created) return;
    const state = stateFromWrite(plan, want.connectionId, created.value);
    await recordSecretApplied(req, state, SECRETS, true, req.providerData?.secretCheckKey(dxVendor.id));
    req.state = state;
  },

  async read(req) {
    const client = clientFor(clientFactory, req);
    if (!client || !req.state) return;
    const stored = modelOf(req.state);
    const connectionId = requireValue(stored, 'connection_id');
    const credentialId = requireValue(stored, 'credential_id');
    try {
      const info = await client.credentialInfo(connectionId, credentialId);
      // Deleted (DX deletes softly) or gone: dropped from state, so the next plan creates it again.
      req.state = info.deleted_at ? null : stateFromRead(stored, connectionId, info);
    } catch (e) {
      if (GONE.has(dxErrorCode(e) ?? '')) req.state = null;
      else reportError(req.diagnostics, e, dxContext('read', connectionId, credentialId));
    }
  },

  async update(req) {
    const client = clientFor(clientFactory, req);
    if (!client) return;
    const plan = modelOf(req.plan);
    const want = desiredFrom(modelOf(req.config), plan);
    const rotated = secretRotates(req, SECRETS);
    if (rotated) beginSecretRecord(req, SECRETS, req.providerData?.secretCheckKey(dxVendor.id));
    const body = updateBody(want, plan, modelOf(req.priorState), rotated);
    let state = stateFromPlan(plan); // nothing DX holds changes (e.g. only secrets_wo_version moved)
    if (Object.keys(body).length > 1) {
      try {
        state = stateFromWrite(plan, want.connectionId, await client.updateCredential(want.connectionId, body));
      } catch (e) {
        return reportError(req.diagnostics, e, dxContext('update', want.connectionId, body.id));
      }
    }
    await recordSecretApplied(req, state, SECRETS, rotated, req.providerData?.secretCheckKey(dxVendor.id));
    req.state = state;
  },

  async delete(req) {
    const client = clientFor(clientFactory, req);
    if (!client) return;
    const prior = modelOf(req.priorState);
    const connectionId = requireValue(prior, 'connection_id');
    const credentialId = requireValue(prior, 'credential_id');
    if (adoptedThisRun(req, dxVendor.id, String(credentialId), `DX credential ${credentialAddress(connectionId, credentialId)}`)) return;
    try {
      await client.deleteCredential(connectionId, credentialId);
    } catch (e) {
      if (!GONE.has(dxErrorCode(e) ?? '')) reportError(req.diagnostics, e, dxContext('delete', connectionId, credentialId));
    }
  },

  importState(req) {
    const ids = parseImportId(req.id);
    if (!ids) {
      req.diagnostics.addError(
        'Invalid import id',
        `Expected <connection_id>/<credential_id>, e.g. 123/456, got ${JSON.stringify(req.id)}. The secrets cannot be read back from DX: the next apply sends the configured ones.`,
      );
      return;
    }
    req.state = { connection_id: ids.connectionId, credential_id: ids.credentialId, id: credentialAddress(ids.connectionId, ids.credentialId) };
  },
};
