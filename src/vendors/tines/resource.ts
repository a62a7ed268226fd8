/**
 * `credform_tines_text_credential`: config → Tines request → call → response → state, the same fixed
 * pipeline for every operation, on the typed model of schema.ts; attribute rules live in schema.ts,
 * vendor wording in errors.ts, recovery of a create in create-recovery.ts.
 */
import type { PrivateState, ResourceType } from '../../tfplugin/resource';
import type { ObjectValue } from '../../tfplugin/schema/config-validators';
import { readModel, requireValue, writeModel } from '../../tfplugin/schema/model';
import { valuesEqual } from '../../tfplugin/values/equal';
import { Unknown } from '../../tfplugin/values/types';
import { clientFor, type Connections } from '../connections';
import { adoptedThisRun } from '../adoption';
import { createOrRecover } from '../create-or-recover';
import { beginSecretRecord, planSecretRotation, recordSecretApplied, secretRotates } from '../secret-rotation';
import type { CredentialFields, TinesCredential } from './client';
import { clientFactory } from './client-factory';
import { createRecovery } from './create-recovery';
import { reportError } from './errors';
import { changedFields, configuredValue, createFields, isAttachedTest, stateOf, testCredentialStateOf } from './mapping';
import { checkAgainstTines } from './plan-checks';
import {
  SECRET_ATTRIBUTES as SECRET,
  TINES_TEXT_CREDENTIAL_TYPE,
  textCredentialAttributes as attributes,
  textCredentialBlock,
  textCredentialDescription,
  textCredentialValidators,
  type TextCredentialModel,
} from './schema';
import { tinesVendor } from './vendor';

/**
 * Private-state key carrying the id of the credential a replacement will destroy from the first
 * PlanResourceChange (prior state known) to the second (prior null, planning the new object), so
 * the name check does not flag the credential being replaced. Never stored after apply.
 */
const REPLACES_KEY = 'tines_replaces_id';

const subjectOf = (m: TextCredentialModel) => `credential "${m.name}" in team ${m.team_id}`;
/** Where a "Value …" message of Tines points; on the raw configuration, where the value may not be known yet. */
const valueAttributeOf = (config: ObjectValue) => ((config[SECRET.sensitive] ?? null) !== null ? SECRET.sensitive : SECRET.writeOnly);

function withoutPlanningKeys(priv: PrivateState): PrivateState {
  const { [REPLACES_KEY]: _dropped, ...rest } = priv;
  return rest;
}

export const tinesTextCredential: ResourceType<Connections> = {
  typeName: TINES_TEXT_CREDENTIAL_TYPE,
  schema: { version: 0, description: textCredentialDescription, block: textCredentialBlock, configValidators: textCredentialValidators },

  validateConfig(req) {
    if ((req.config[SECRET.sensitive] ?? null) !== null && req.writeOnlyAllowed) {
      req.diagnostics.addAttributeWarning([SECRET.sensitive], 'Value kept in state', 'This Terraform supports write-only attributes: use `value_wo` instead of `value`, so the value is kept out of the state file.');
    }
  },

  async modifyPlan(req) {
    const { plan } = req;
    await planSecretRotation(req, SECRET, req.providerData?.secretCheckKey(tinesVendor.id));
    const prior = req.priorState ? readModel(attributes, req.priorState) : null;
    if (prior) {
      // Tines derives the slug from the name; a test credential shows its live credential's slug.
      if (!valuesEqual(plan.name ?? null, prior.name) && !isAttachedTest(prior)) plan.slug = new Unknown();
      req.plannedPrivate[REPLACES_KEY] = prior.id;
    }
    if (!req.providerData) return; // provider configuration not known yet: Tines checks at apply
    const tines = clientFor(clientFactory, req);
    if (!tines) return;
    const ownIds = [prior?.id, prior ? undefined : req.priorPrivate[REPLACES_KEY]].filter((v): v is string => typeof v === 'string');
    await checkAgainstTines({ ...tines, req, ownIds, valueAttribute: valueAttributeOf(req.config) });
  },

  async create(req) {
    const tines = clientFor(clientFactory, req);
    if (!tines) return;
    beginSecretRecord(req, SECRET, req.providerData?.secretCheckKey(tinesVendor.id));
    const plan = readModel(attributes, req.plan);
    const fields = createFields(plan, configuredValue(readModel(attributes, req.config)));
    const recovery = createRecovery({ tines, fields, valueAttribute: valueAttributeOf(req.config), diagnostics: req.diagnostics, signal: req.signal });
    const created = await createOrRecover(recovery, req.providerData, req.diagnostics);
    tines.directory.forget(fields.team_id);
    if (!created) return;
    const credential = created.value;
    const state = writeModel(attributes, isAttachedTest(plan, credential) ? testCredentialStateOf(credential, plan) : stateOf(credential, plan));
    req.private = withoutPlanningKeys(req.private);
    await recordSecretApplied(req, state, SECRET, true, req.providerData?.secretCheckKey(tinesVendor.id));
    req.state = state;
  },

  async read(req) {
    const tines = clientFor(clientFactory, req);
    if (!tines || !req.state) return;
    const prior = readModel(attributes, req.state);
    const id = requireValue(prior, 'id');
    let credential: TinesCredential | null;
    try {
      credential = await tines.api.getCredential(id, req.signal);
    } catch (e) {
      reportError(req.diagnostics, e, { action: 'read', subject: `credential ${id}`, valueAttribute: SECRET.writeOnly });
      return;
    }
    if (!credential) {
      req.state = null; // deleted outside Terraform: plan a new one
    } else if (isAttachedTest(prior)) {
      req.state = credential.test_credential_enabled ? writeModel(attributes, testCredentialStateOf(credential, prior)) : null;
    } else {
      req.state = writeModel(attributes, stateOf(credential, prior));
    }
  },

  async update(req) {
    const tines = clientFor(clientFactory, req);
    if (!tines) return;
    const rotated = secretRotates(req, SECRET);
    if (rotated) beginSecretRecord(req, SECRET, req.providerData?.secretCheckKey(tinesVendor.id));
    const [plan, prior] = [readModel(attributes, req.plan), readModel(attributes, req.priorState)];
    const value = configuredValue(readModel(attributes, req.config));
    const [id, teamId] = [requireValue(prior, 'id'), requireValue(prior, 'team_id')];
    const ctx = { action: 'update', subject: `${subjectOf(plan)} (ID ${id})`, valueAttribute: valueAttributeOf(req.config) };
    let model: TextCredentialModel;
    try {
      if (isAttachedTest(prior)) {
        // Tines replaces a test credential's value by creating it again against the live credential.
        model = testCredentialStateOf(await tines.api.createCredential(createFields(plan, value), req.signal), plan);
      } else {
        const fields: CredentialFields = { ...changedFields(plan, prior), ...(rotated ? { value } : {}) };
        model = stateOf(await tines.api.updateCredential(id, fields, req.signal), plan);
      }
    } catch (e) {
      reportError(req.diagnostics, e, ctx);
      return;
    } finally {
      tines.directory.forget(teamId);
    }
    const state = writeModel(attributes, model);
    req.private = withoutPlanningKeys(req.private);
    await recordSecretApplied(req, state, SECRET, rotated, req.providerData?.secretCheckKey(tinesVendor.id));
    req.state = state;
  },

  async delete(req) {
    const tines = clientFor(clientFactory, req);
    if (!tines) return;
    const prior = readModel(attributes, req.priorState);
    const id = requireValue(prior, 'id');
    if (isAttachedTest(prior)) {
      req.diagnostics.addWarning(
        'Test credential left in Tines',
        `Tines documents no call that removes a test credential from its live credential (${prior.live_credential_id}), and deleting ID ${id} would delete the live credential. It was removed from Terraform state only; remove the test value in Tines if it must go.`,
      );
      return;
    }
    if (adoptedThisRun(req, tinesVendor.id, id, `Tines credential ${id}`)) return;
    const teamId = requireValue(prior, 'team_id');
    try {
      await tines.api.deleteCredential(id, req.signal); // already gone (404) is fine
    } catch (e) {
      reportError(req.diagnostics, e, { action: 'delete', subject: `${subjectOf(prior)} (ID ${id})`, valueAttribute: SECRET.writeOnly });
    } finally {
      tines.directory.forget(teamId);
    }
  },

  importState(req) {
    const id = req.id.trim();
    if (!/^[1-9]\d*$/.test(id)) {
      req.diagnostics.addError('Invalid import ID', `Expected a Tines credential ID (a positive whole number, as in /api/v1/user_credentials/<id>), got ${JSON.stringify(req.id)}.`);
      return;
    }
    req.state = writeModel(attributes, { id });
  },
};
