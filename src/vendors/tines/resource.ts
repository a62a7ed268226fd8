/**
 * `credform_tines_text_credential`: config → Tines request → call → response → state, the same fixed
 * pipeline for every operation; attribute rules live in schema.ts, vendor wording in errors.ts.
 */
import type { Diagnostics } from '../../tfplugin/diagnostics';
import type { CreateRequest, PrivateState, ResourceType, State } from '../../tfplugin/resource';
import { valuesEqual } from '../../tfplugin/values/equal';
import { Unknown } from '../../tfplugin/values/types';
import { clientFor, type Connections } from '../connections';
import { AmbiguousRequestError, VendorHttpError } from '../http';
import { adoptedBefore, adoptedThisRun, createdRecently, recordAdoption } from '../adoption';
import { beginSecretRecord, planSecretRotation, recordSecretApplied, secretRotates } from '../secret-rotation';
import type { CredentialFields, TinesCredential } from './client';
import { clientFactory, type Tines } from './client-factory';
import { reportTinesError, tinesMessages } from './errors';
import { changedFields, configuredValue, createFields, desiredOf, isAttachedTest, matchesSent, stateOf, testCredentialStateOf } from './mapping';
import { checkAgainstTines } from './plan-checks';
import { TINES_TEXT_CREDENTIAL_TYPE, VALUE_ATTRIBUTES as VALUE, textCredentialBlock, textCredentialDescription, textCredentialValidators } from './schema';
import { now } from '../../clock';


/**
 * Private-state key carrying the id of the credential a replacement will destroy from the first
 * PlanResourceChange (prior state known) to the second (prior null, planning the new object), so
 * the name check does not flag the credential being replaced. Never stored after apply.
 */
const REPLACES_KEY = 'tines_replaces_id';

/** How long Tines' clock may be behind ours when a lost create is matched by `created_at`. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

const subjectOf = (values: State) => `credential "${String(values.name)}" in team ${String(values.team_id)}`;
const valueAttributeOf = (config: Record<string, unknown>) => ((config[VALUE.sensitive] ?? null) !== null ? VALUE.sensitive : VALUE.writeOnly);

function withoutPlanningKeys(priv: PrivateState): PrivateState {
  const { [REPLACES_KEY]: _dropped, ...rest } = priv;
  return rest;
}

export const tinesTextCredential: ResourceType<Connections> = {
  typeName: TINES_TEXT_CREDENTIAL_TYPE,
  schema: { version: 0, description: textCredentialDescription, block: textCredentialBlock, configValidators: textCredentialValidators },

  validateConfig(req) {
    if ((req.config[VALUE.sensitive] ?? null) !== null && req.writeOnlyAllowed) {
      req.diagnostics.addAttributeWarning([VALUE.sensitive], 'Value kept in state', 'This Terraform supports write-only attributes: use `value_wo` instead of `value`, so the value is kept out of the state file.');
    }
  },

  async modifyPlan(req) {
    const { plan, priorState: prior } = req;
    await planSecretRotation(req, VALUE, req.providerData?.secretCheckKey('tines'));
    if (prior) {
      // Tines derives the slug from the name; a test credential shows its live credential's slug.
      if (!valuesEqual(plan.name ?? null, prior.name ?? null) && !isAttachedTest(prior)) plan.slug = new Unknown();
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
    beginSecretRecord(req, VALUE, req.providerData?.secretCheckKey('tines'));
    const fields = createFields(desiredOf(req.plan), configuredValue(req.config));
    const credential = await createOrAdopt(tines, fields, req);
    tines.directory.forget(fields.team_id!);
    if (!credential) return;
    const state = isAttachedTest(req.plan, credential) ? testCredentialStateOf(credential, req.plan) : stateOf(credential, req.plan);
    req.private = withoutPlanningKeys(req.private);
    await recordSecretApplied(req, state, VALUE, true, req.providerData?.secretCheckKey('tines'));
    req.state = state;
  },

  async read(req) {
    const tines = clientFor(clientFactory, req);
    if (!tines || !req.state) return;
    const prior = req.state;
    let credential: TinesCredential | null;
    try {
      credential = await tines.api.getCredential(Number(prior.id), req.signal);
    } catch (e) {
      reportTinesError(req.diagnostics, e, { action: 'read', subject: `credential ${String(prior.id)}`, valueAttribute: VALUE.writeOnly });
      return;
    }
    if (!credential) {
      req.state = null; // deleted outside Terraform: plan a new one
    } else if (isAttachedTest(prior)) {
      req.state = credential.test_credential_enabled ? testCredentialStateOf(credential, prior) : null;
    } else {
      req.state = stateOf(credential, prior);
    }
  },

  async update(req) {
    const tines = clientFor(clientFactory, req);
    if (!tines) return;
    const rotated = secretRotates(req, VALUE);
    if (rotated) beginSecretRecord(req, VALUE, req.providerData?.secretCheckKey('tines'));
    const value = configuredValue(req.config);
    const ctx = { action: 'update', subject: `${subjectOf(req.plan)} (ID ${String(req.priorState.id)})`, valueAttribute: valueAttributeOf(req.config) };
    const teamId = Number(req.priorState.team_id);
    let state: State;
    try {
      if (isAttachedTest(req.priorState)) {
        // Tines replaces a test credential's value by creating it again against the live credential.
        const credential = await tines.api.createCredential(createFields(desiredOf(req.plan), value), req.signal);
        state = testCredentialStateOf(credential, req.plan);
      } else {
        const fields: CredentialFields = { ...changedFields(req.plan, req.priorState), ...(rotated ? { value } : {}) };
        state = stateOf(await tines.api.updateCredential(Number(req.priorState.id), fields, req.signal), req.plan);
      }
    } catch (e) {
      reportTinesError(req.diagnostics, e, ctx);
      return;
    } finally {
      tines.directory.forget(teamId);
    }
    req.private = withoutPlanningKeys(req.private);
    await recordSecretApplied(req, state, VALUE, rotated, req.providerData?.secretCheckKey('tines'));
    req.state = state;
  },

  async delete(req) {
    const tines = clientFor(clientFactory, req);
    if (!tines) return;
    const prior = req.priorState;
    if (isAttachedTest(prior)) {
      req.diagnostics.addWarning(
        'Test credential left in Tines',
        `Tines documents no call that removes a test credential from its live credential (${String(prior.live_credential_id)}), and deleting ID ${String(prior.id)} would delete the live credential. It was removed from Terraform state only; remove the test value in Tines if it must go.`,
      );
      return;
    }
    if (adoptedThisRun(req, 'tines', String(prior.id), `Tines credential ${String(prior.id)}`)) return;
    try {
      await tines.api.deleteCredential(Number(prior.id), req.signal); // already gone (404) is fine
    } catch (e) {
      reportTinesError(req.diagnostics, e, { action: 'delete', subject: `${subjectOf(prior)} (ID ${String(prior.id)})`, valueAttribute: VALUE.writeOnly });
    } finally {
      tines.directory.forget(Number(prior.team_id));
    }
  },

  importState(req) {
    const id = req.id.trim();
    if (!/^[1-9]\d*$/.test(id)) {
      req.diagnostics.addError('Invalid import ID', `Expected a Tines credential ID (a positive whole number, as in /api/v1/user_credentials/<id>), got ${JSON.stringify(req.id)}.`);
      return;
    }
    req.state = { id };
  },
};

/**
 * POST the credential. When the answer is lost (the create may or may not have happened), look
 * the credential up by its natural key (team + name) and adopt it if it is the one just sent;
 * when the name is taken, say which credential holds it.
 */
async function createOrAdopt(tines: Tines, fields: CredentialFields, req: CreateRequest<Connections>): Promise<TinesCredential | undefined> {
  const ctx = { action: 'create', subject: `credential "${fields.name}" in team ${fields.team_id}`, valueAttribute: valueAttributeOf(req.config) };
  const started = now();
  try {
    return await tines.api.createCredential(fields, req.signal);
  } catch (e) {
    if (e instanceof AmbiguousRequestError) return adoptAfterLostAnswer(tines, fields, started, e, req.diagnostics, req.signal, ctx);
    let extra = '';
    if (e instanceof VendorHttpError && tinesMessages(e.body).some((m) => /already been taken/i.test(m))) {
      const holder = await tines.api.listCredentials(fields.team_id!, req.signal).then((all) => all.find((c) => c.name === fields.name), () => undefined);
      if (holder && isLeftBehind(holder, fields, req.providerData)) return adoptLeftBehind(tines, holder, fields, req, ctx);
      if (holder) extra = `The credential holding the name has ID ${holder.id}.`;
    }
    reportTinesError(req.diagnostics, e, ctx, extra);
    return undefined;
  }
}

/**
 * Adoption at create (see ../adoption.ts): the name is taken in the team by a credential with
 * exactly the settings sent, created within the adoption window: one an interrupted apply left
 * behind. (Not for a test credential, which takes its live credential's name.)
 */
function isLeftBehind(holder: TinesCredential, fields: CredentialFields, connections: Connections | undefined): boolean {
  return fields.live_credential_id === undefined && matchesSent(holder, fields) && createdRecently(holder.created_at) && !adoptedBefore(connections, 'tines', String(holder.id));
}

/** Adopts `holder` by sending it the configured value (`PUT`, the value alone). */
async function adoptLeftBehind(
  tines: Tines,
  holder: TinesCredential,
  fields: CredentialFields,
  req: CreateRequest<Connections>,
  ctx: { action: string; subject: string; valueAttribute: string },
): Promise<TinesCredential | undefined> {
  let updated: TinesCredential;
  try {
    updated = await tines.api.updateCredential(holder.id, { value: fields.value! }, req.signal);
  } catch (e) {
    reportTinesError(req.diagnostics, e, { ...ctx, action: 'adopt' });
    return undefined;
  }
  recordAdoption(req.providerData, 'tines', String(holder.id));
  req.diagnostics.addWarning(
    'Tines credential adopted',
    `Team ${fields.team_id} already holds the ${ctx.subject} (ID ${holder.id}, created ${holder.created_at}) with exactly the configured settings, most likely made by an apply that was interrupted before it could record it. It was adopted instead of failing on the taken name, and the configured value was sent to it.`,
  );
  return updated;
}

async function adoptAfterLostAnswer(
  tines: Tines,
  fields: CredentialFields,
  started: number,
  lost: AmbiguousRequestError,
  diags: Diagnostics,
  signal: AbortSignal,
  ctx: { action: string; subject: string; valueAttribute: string },
): Promise<TinesCredential | undefined> {
  const recent = (iso: string | undefined) => iso !== undefined && Date.parse(iso) >= started - CLOCK_SKEW_MS;
  let found: TinesCredential | undefined;
  try {
    if (fields.live_credential_id !== undefined) {
      const live = await tines.api.getCredential(fields.live_credential_id, signal);
      found = live && recent(live.test_credential?.updated_at) ? live : undefined;
    } else {
      found = (await tines.api.listCredentials(fields.team_id!, signal)).find((c) => c.name === fields.name);
    }
  } catch (e) {
    reportTinesError(diags, e, { ...ctx, action: 'look-up after a lost create answer' }, `The create itself ${lost.message}.`);
    return undefined;
  }
  if (!found) {
    diags.addError('Tines create did not take effect', `${lost.message}. Looking it up afterwards found no ${ctx.subject}, so nothing was created and nothing was stored; run \`terraform apply\` again.`);
    return undefined;
  }
  if (fields.live_credential_id === undefined && !(matchesSent(found, fields) && recent(found.created_at))) {
    diags.addAttributeError(
      ['name'],
      'Tines create outcome unknown',
      `${lost.message}. Afterwards the team holds a ${ctx.subject} (ID ${found.id}, created ${found.created_at}) that does not match what was sent, so it was not adopted. If it is the one this apply made, import it: \`terraform import <resource address> ${found.id}\`.`,
    );
    return undefined;
  }
  diags.addWarning('Tines create answer lost; credential adopted', `The answer to the create was lost (${lost.reason}); the ${ctx.subject} it made (ID ${found.id}) was found and adopted.`);
  return found;
}
