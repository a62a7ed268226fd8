/**
 * `credform_apinizer_credential`: the fixed pipeline config → API body → call → answer → state.
 * Create is POST, through the shared create-or-recover mechanism (./create-recovery.ts); a change of
 * the password alone is PATCH; any other change (and a deployment to retry) is the full-replace PUT,
 * which needs the password: it comes from the configuration, where Terraform hands write-only values
 * to apply. Read lists the project and matches the username.
 */
import type { Diagnostics } from '../../tfplugin/diagnostics';
import type { CreateRequest, ResourceType, State, UpdateRequest } from '../../tfplugin/resource';
import type { ObjectValue } from '../../tfplugin/schema/config-validators';
import { readModel, writeModel } from '../../tfplugin/schema/model';
import { valuesEqual } from '../../tfplugin/values/equal';
import { Unknown } from '../../tfplugin/values/types';
import { clientFor, type Connections } from '../connections';
import { adoptedThisRun } from '../adoption';
import { createOrRecover } from '../create-or-recover';
import { beginSecretRecord, configuredSecret, planSecretRotation, recordSecretApplied, secretRotates } from '../secret-rotation';
import { failedEnvironments, type DeploymentResult } from './client';
import { clientFactory } from './client-factory';
import { createRecovery } from './create-recovery';
import { credentialContext, isCredentialNotFound, reportDeploymentFailures, reportError, type ApinizerErrorContext } from './errors';
import { REPLACED_BY_PUT, bodyOf, deploymentState, desiredOf, hasFailedEnvironment, keyOf, stateFromRemote, type DeploymentState, type Desired } from './mapping';
import { REPLACING, checkCreate } from './plan-checks';
import {
  APINIZER_CREDENTIAL_TYPE,
  CREDENTIAL_DESCRIPTION,
  SECRET_ATTRIBUTES,
  credentialAttributes,
  credentialBlock,
  credentialConfigValidators,
  credentialId,
  parseCredentialId,
} from './schema';
import { apinizerVendor } from './vendor';

function passwordOf(config: ObjectValue, diags: Diagnostics): string | undefined {
  const secret = configuredSecret(config, SECRET_ATTRIBUTES);
  if (typeof secret === 'string' && secret !== '') return secret;
  diags.addAttributeError([SECRET_ATTRIBUTES.writeOnly], 'Password missing', 'Set `password_wo` (or `password` on Terraform older than 1.11): Apinizer needs the password to create or replace a credential.');
  return undefined;
}

function errorContext(d: Desired, config: ObjectValue, action: string): ApinizerErrorContext {
  const passwordAttribute = (config[SECRET_ATTRIBUTES.writeOnly] ?? null) !== null ? SECRET_ATTRIBUTES.writeOnly : SECRET_ATTRIBUTES.sensitive;
  return credentialContext(action, d.project, d.username, { passwordAttribute, roleNames: d.roleNames, ipList: d.ipList });
}

function desiredOrError(plan: State, diags: Diagnostics): Desired | undefined {
  const d = desiredOf(plan);
  if (!d) diags.addError('Values not known at apply', 'This is a bug in credform: the plan still holds unknown values at apply. Please report it.');
  return d;
}

/** After a write Apinizer accepted: the state to keep, and one error per environment that failed. */
async function settle(
  req: CreateRequest<Connections> | UpdateRequest<Connections>,
  d: Desired,
  deployment: DeploymentState,
  result: DeploymentResult | undefined,
  rotated: boolean,
): Promise<void> {
  const planned = readModel(credentialAttributes, req.plan);
  const state = writeModel(credentialAttributes, { ...planned, id: credentialId(d.project, d.username), deployment });
  await recordSecretApplied(req, state, SECRET_ATTRIBUTES, rotated, req.providerData?.secretCheckKey(apinizerVendor.id));
  delete req.private[REPLACING];
  // Set explicitly even when a deployment failed: the credential exists and must stay in state.
  req.state = state;
  reportDeploymentFailures(req.diagnostics, failedEnvironments(result), { project: d.project, username: d.username, operation: 'priorState' in req ? 'update' : 'create' });
}

export const apinizerCredentialResource: ResourceType<Connections> = {
  typeName: APINIZER_CREDENTIAL_TYPE,
  schema: { version: 0, description: CREDENTIAL_DESCRIPTION, block: credentialBlock, configValidators: credentialConfigValidators },

  async modifyPlan(req) {
    await planSecretRotation(req, SECRET_ATTRIBUTES, req.providerData?.secretCheckKey(apinizerVendor.id));
    if (req.priorState) {
      const prior = readModel(credentialAttributes, req.priorState);
      // The last write left an environment without the credential: deploy again.
      if (hasFailedEnvironment(prior.deployment)) req.plan.deployment = new Unknown();
      req.plannedPrivate[REPLACING] = prior.id;
      return;
    }
    const client = req.providerData ? clientFor(clientFactory, req) : undefined;
    if (client) await checkCreate(req, client);
  },

  async create(req) {
    const client = clientFor(clientFactory, req);
    const d = desiredOrError(req.plan, req.diagnostics);
    const password = passwordOf(req.config, req.diagnostics);
    if (!client || !d || password === undefined) return;
    beginSecretRecord(req, SECRET_ATTRIBUTES, req.providerData?.secretCheckKey(apinizerVendor.id));
    const ctx = errorContext(d, req.config, 'create');
    const recovery = createRecovery({ client, desired: d, password, ctx, diags: req.diagnostics, signal: req.signal });
    const created = await createOrRecover(recovery, req.providerData, req.diagnostics);
    // After a lost answer the deployment result is lost too: `deployment` is then empty.
    if (created) await settle(req, d, deploymentState(created.value.deployment), created.value.deployment, true);
  },

  async read(req) {
    const client = clientFor(clientFactory, req);
    if (!client || !req.state) return;
    const prior = readModel(credentialAttributes, req.state);
    const { project, username } = keyOf(prior);
    try {
      const found = await client.findCredential(project, username, req.signal);
      req.state = found ? writeModel(credentialAttributes, stateFromRemote(found, prior, project)) : null;
    } catch (error) {
      // A 404 may mean "no privilege" as well as "no project": an error, never a silent removal.
      reportError(req.diagnostics, error, credentialContext('read', project, username));
    }
  },

  async update(req) {
    const client = clientFor(clientFactory, req);
    const d = desiredOrError(req.plan, req.diagnostics);
    const password = passwordOf(req.config, req.diagnostics);
    if (!client || !d || password === undefined) return;
    const prior = readModel(credentialAttributes, req.priorState);
    const rotated = secretRotates(req, SECRET_ATTRIBUTES);
    if (rotated) beginSecretRecord(req, SECRET_ATTRIBUTES, req.providerData?.secretCheckKey(apinizerVendor.id));
    const fieldsChanged = REPLACED_BY_PUT.some((name) => !valuesEqual(req.plan[name] ?? null, req.priorState[name] ?? null));
    const redeploy = hasFailedEnvironment(prior.deployment);
    let result: DeploymentResult | undefined;
    try {
      if (fieldsChanged || redeploy) result = await client.replaceCredential(d.project, bodyOf(d, password), req.signal);
      else if (rotated) result = await client.changePassword(d.project, d.username, password, req.signal);
      else {
        // Nothing Apinizer holds changes (e.g. only the version companion moved with the password).
        await settle(req, d, prior.deployment ?? [], undefined, rotated);
        return;
      }
    } catch (error) {
      reportError(req.diagnostics, error, errorContext(d, req.config, 'update'));
      return;
    }
    await settle(req, d, deploymentState(result), result, rotated);
  },

  async delete(req) {
    const client = clientFor(clientFactory, req);
    if (!client) return;
    const { project, username } = keyOf(readModel(credentialAttributes, req.priorState));
    if (adoptedThisRun(req, apinizerVendor.id, credentialId(project, username), `Apinizer credential ${project}/${username}`)) return;
    let result: DeploymentResult | undefined;
    try {
      result = await client.deleteCredential(project, username, req.signal);
    } catch (error) {
      if (isCredentialNotFound(error)) return; // already gone: what delete wants
      reportError(req.diagnostics, error, credentialContext('delete', project, username));
      return;
    }
    // The credential is gone from the project either way; an environment that could not undeploy
    // is worth knowing, but not a reason to keep a deleted object in state.
    for (const env of failedEnvironments(result)) {
      req.diagnostics.addWarning(
        `Undeployment from ${env.name ? `environment "${env.name}"` : 'Apinizer environments'} failed`,
        `Credential ${project}/${username} was deleted from the project, but Apinizer reported: "${env.message}". That environment may accept it until it is reachable and redeployed; check it in Apinizer.`,
      );
    }
  },

  importState(req) {
    const parsed = parseCredentialId(req.id);
    if (!parsed) {
      req.diagnostics.addError('Invalid import id', `Expected <project_name>/<username>, e.g. MyProject/api-user; got ${JSON.stringify(req.id)}.`);
      return;
    }
    // Read fills in the rest. The password cannot be read back: the next apply sends the configured one.
    req.state = writeModel(credentialAttributes, { id: credentialId(parsed.project, parsed.username), project_name: parsed.project, username: parsed.username });
  },
};
