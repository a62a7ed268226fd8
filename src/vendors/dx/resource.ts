/**
 * `credform_dx_credential`: config → API body → DX call → response → state, one mapper each way
 * (`mapping.ts`); errors become diagnostics in `errors.ts`; plan-time checks live in `preflight.ts`.
 */
import type { PlanRequest, ResourceType, State } from '../../tfplugin/resource';
import { AmbiguousRequestError } from '../http';
import { clientFor, type Connections } from '../connections';
import { adoptedBefore, adoptedThisRun, recordAdoption } from '../adoption';
import { beginSecretRecord, planSecretRotation, recordSecretApplied, secretRotates } from '../secret-rotation';
import type { DxCredentialSummary } from './client';
import { clientFactory } from './client-factory';
import { adoptAfterLostAnswer, adoptLeftBehind, leftBehind } from './create-recovery';
import { addDxError, dxErrorCode } from './errors';
import { sameSettings } from './json-settings';
import { createBody, desiredFrom, parseImportId, stateFromRead, stateFromWrite, updateBody, credentialAddress } from './mapping';
import { checkConnection } from './preflight';
import { DX_CREDENTIAL_DESCRIPTION, DX_CREDENTIAL_TYPE, DX_SECRET_ATTRIBUTES as SECRETS, dxCredentialBlock, dxCredentialValidators } from './schema';

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
    await planSecretRotation(req, SECRETS, req.providerData?.secretCheckKey('dx'));
    if (!req.providerData) return; // provider configuration not known yet: DX is checked at apply
    const client = clientFor(clientFactory, req);
    if (client) await checkConnection(req, client);
  },

  async create(req) {
    const client = clientFor(clientFactory, req);
    if (!client) return;
    beginSecretRecord(req, SECRETS, req.providerData?.secretCheckKey('dx'));
    const want = desiredFrom(req.config, req.plan);
    let created: DxCredentialSummary | undefined;
    let before = new Set<number>();
    try {
      // Known ids first, so that a lost answer can be told apart from a credential that was already there.
      const existing = await client.listCredentials(want.connectionId);
      before = new Set(existing.map((c) => c.id));
      const left = leftBehind(existing, want, (id) => adoptedBefore(req.providerData, 'dx', String(id)));
      if (left) {
        created = await adoptLeftBehind(client, want, left, req.diagnostics);
        if (created) recordAdoption(req.providerData, 'dx', String(created.id));
      } else {
        created = await client.createCredential(want.connectionId, createBody(want));
      }
    } catch (e) {
      if (!(e instanceof AmbiguousRequestError)) return addDxError(req.diagnostics, e, { operation: 'create', connectionId: want.connectionId });
      created = await adoptAfterLostAnswer(client, want, before, e, req.diagnostics);
    }
    if (!created) return;
    const state = stateFromWrite(req.plan, want.connectionId, created);
    await recordSecretApplied(req, state, SECRETS, true, req.providerData?.secretCheckKey('dx'));
    req.state = state;
  },

  async read(req) {
    const client = clientFor(clientFactory, req);
    const stored = req.state;
    if (!client || !stored) return;
    const connectionId = stored.connection_id as number;
    const credentialId = stored.credential_id as number;
    try {
      const info = await client.credentialInfo(connectionId, credentialId);
      // Deleted (DX deletes softly) or gone: dropped from state, so the next plan creates it again.
      req.state = info.deleted_at ? null : stateFromRead(stored, connectionId, info);
    } catch (e) {
      if (GONE.has(dxErrorCode(e) ?? '')) req.state = null;
      else addDxError(req.diagnostics, e, { operation: 'read', connectionId, credentialId });
    }
  },

  async update(req) {
    const client = clientFor(clientFactory, req);
    if (!client) return;
    const want = desiredFrom(req.config, req.plan);
    const rotated = secretRotates(req, SECRETS);
    if (rotated) beginSecretRecord(req, SECRETS, req.providerData?.secretCheckKey('dx'));
    const body = updateBody(want, req.plan, req.priorState, rotated);
    let state: State = { ...req.plan };
    if (Object.keys(body).length > 1) {
      try {
        state = stateFromWrite(req.plan, want.connectionId, await client.updateCredential(want.connectionId, body));
      } catch (e) {
        return addDxError(req.diagnostics, e, { operation: 'update', connectionId: want.connectionId, credentialId: body.id });
      }
    }
    await recordSecretApplied(req, state, SECRETS, rotated, req.providerData?.secretCheckKey('dx'));
    req.state = state;
  },

  async delete(req) {
    const client = clientFor(clientFactory, req);
    if (!client) return;
    const connectionId = req.priorState.connection_id as number;
    const credentialId = req.priorState.credential_id as number;
    if (adoptedThisRun(req, 'dx', String(credentialId), `DX credential ${connectionId}/${credentialId}`)) return;
    try {
      await client.deleteCredential(connectionId, credentialId);
    } catch (e) {
      if (!GONE.has(dxErrorCode(e) ?? '')) addDxError(req.diagnostics, e, { operation: 'delete', connectionId, credentialId });
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
