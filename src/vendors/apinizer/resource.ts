/**
 * `credform_apinizer_credential`: the fixed pipeline config → API body → call → answer → state.
 * Create is POST; a change of the password alone is PATCH; any other change (and a deployment to
 * retry) is the full-replace PUT, which needs the password: it comes from the configuration, where
 * Terraform hands write-only values to apply. Read lists the project and matches the username.
 */
import type { Diagnostics } from '../../tfplugin/diagnostics';
import type { CreateRequest, ResourceType, State, UpdateRequest } from '../../tfplugin/resource';
import type { ObjectValue } from '../../tfplugin/schema/config-validators';
import { valuesEqual } from '../../tfplugin/values/equal';
import { Unknown } from '../../tfplugin/values/types';
import { clientFor, type Connections } from '../connections';
import { adoptedBefore, adoptedThisRun, recordAdoption } from '../adoption';
import { AmbiguousRequestError } from '../http';
import { beginSecretRecord, configuredSecret, planSecretRotation, recordSecretApplied, secretRotates } from '../secret-rotation';
import { failedEnvironments, type ApinizerClient, type DeploymentResult } from './client';
import { clientFactory } from './client-factory';
import { isCredentialNotFound, isDuplicateUsername, reportApinizerError, reportDeploymentFailures, type ErrorContext } from './errors';
import { REPLACED_BY_PUT, bodyOf, deploymentState, desiredOf, hasFailedEnvironment, sameSettings, stateFromRemote, type Desired } from './mapping';
import { REPLACING, checkCreate } from './plan-checks';
import {
  APINIZER_CREDENTIAL_TYPE,
  CREDENTIAL_DESCRIPTION,
  PASSWORD,
  credentialBlock,
  credentialConfigValidators,
  credentialId,
  parseCredentialId,
} from './schema';

function passwordOf(config: ObjectValue, diags: Diagnostics): string | undefined {
  const secret = configuredSecret(config, PASSWORD);
  if (typeof secret === 'string' && secret !== '') return secret;
  diags.addAttributeError([PASSWORD.writeOnly], 'Password missing', 'Set `password_wo` (or `password` on Terraform older than 1.11): Apinizer needs the password to create or replace a credential.');
  return undefined;
}

function errorContext(d: Desired, config: ObjectValue, action: string): ErrorContext {
  const passwordAttribute = (config[PASSWORD.writeOnly] ?? null) !== null ? PASSWORD.writeOnly : PASSWORD.sensitive;
  return { action, project: d.project, username: d.username, passwordAttribute, roleNames: d.roleNames, ipList: d.ipList };
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
  deployment: ReturnType<typeof deploymentState>,
  result: DeploymentResult | undefined,
  rotated: boolean,
): Promise<void> {
  const state: State = { ...req.plan, id: credentialId(d.project, d.username), deployment };
  await recordSecretApplied(req, state, PASSWORD, rotated, req.providerData?.secretCheckKey('apinizer'));
  delete req.private[REPLACING];
  // Set explicitly even when a deployment failed: the credential exists and must stay in state.
  req.state = state;
  reportDeploymentFailures(req.diagnostics, failedEnvironments(result), { project: d.project, username: d.username, operation: 'priorState' in req ? 'update' : 'create' });
}

/**
 * The create's answer was lost (connection dropped after sending): Apinizer may have made it. If a
 * credential by that username now carries exactly the settings sent, it is the one just made: adopt
 * it rather than fail and leave it unmanaged (a second POST would only be refused as a duplicate).
 */
async function adoptAfterLostAnswer(req: CreateRequest<Connections>, client: ApinizerClient, d: Desired, lost: AmbiguousRequestError): Promise<void> {
  let found;
  try {
    found = await client.findCredential(d.project, d.username, req.signal);
  } catch (error) {
    reportApinizerError(req.diagnostics, lost, errorContext(d, req.config, 'create'));
    reportApinizerError(req.diagnostics, error, errorContext(d, req.config, 'look up after a lost answer to create'));
    return;
  }
  if (!found) {
    req.diagnostics.addError(
      `Creating Apinizer credential ${d.project}/${d.username} did not happen`,
      `Apinizer's answer to the create was lost (${lost.detail}), and no credential named ${JSON.stringify(d.username)} exists in project ${d.project} now, so the create did not take effect. Run terraform apply again.`,
    );
    return;
  }
  if (!sameSettings(found, d)) {
    req.diagnostics.addAttributeError(
      ['username'],
      'Create outcome unknown, and the username is taken by a different credential',
      `Apinizer's answer to the create was lost (${lost.detail}). Project ${d.project} now has a credential named ${JSON.stringify(d.username)}, but its settings differ from those just sent, so it is not adopted. Check it in Apinizer; to manage it with Terraform, import it: terraform import <resource address> ${d.project}/${d.username}`,
    );
    return;
  }
  req.diagnostics.addWarning(
    `Apinizer's answer to the create of ${d.project}/${d.username} was lost; the credential was adopted`,
    `The connection ended before Apinizer answered (${lost.detail}). A credential with exactly the settings sent exists, so credform keeps it in state. Its deployment result was lost with the answer, so \`deployment\` is empty: check the project's environments in Apinizer.`,
  );
  await settle(req, d, [], undefined, true);
}

/**
 * Adoption at create (see ../adoption.ts): Apinizer refused the POST because the username is taken.
 * When the project holds a credential by that username with exactly the configured settings (one an
 * interrupted apply left behind; Apinizer never returns passwords, so those cannot be compared), it
 * is adopted with the full-replace PUT, which sends the configured password and deploys it again.
 * Returns false when it is not adoptable: the refusal then stands.
 */
async function adoptLeftBehind(req: CreateRequest<Connections>, client: ApinizerClient, d: Desired, body: ReturnType<typeof bodyOf>): Promise<boolean> {
  const id = credentialId(d.project, d.username);
  if (adoptedBefore(req.providerData, 'apinizer', id)) return false;
  let found;
  try {
    found = await client.findCredential(d.project, d.username, req.signal);
  } catch {
    return false;
  }
  if (!found || !sameSettings(found, d)) return false;
  let result: DeploymentResult | undefined;
  try {
    result = await client.replaceCredential(d.project, body, req.signal);
  } catch (error) {
    reportApinizerError(req.diagnostics, error, errorContext(d, req.config, 'adopt'));
    return true;
  }
  recordAdoption(req.providerData, 'apinizer', id);
  req.diagnostics.addWarning(
    `Apinizer credential ${id} adopted`,
    `Project ${d.project} already holds a credential named ${JSON.stringify(d.username)} with exactly the configured settings, most likely made by an apply that was interrupted before it could record it. It was adopted instead of failing on the duplicate username, and the configured password was sent to it (full-replace PUT, deployed again).`,
  );
  await settle(req, d, deploymentState(result), result, true);
  return true;
}

export const apinizerCredentialResource: ResourceType<Connections> = {
  typeName: APINIZER_CREDENTIAL_TYPE,
  schema: { version: 0, description: CREDENTIAL_DESCRIPTION, block: credentialBlock, configValidators: credentialConfigValidators },

  async modifyPlan(req) {
    await planSecretRotation(req, PASSWORD, req.providerData?.secretCheckKey('apinizer'));
    const prior = req.priorState;
    if (prior) {
      // The last write left an environment without the credential: deploy again.
      if (hasFailedEnvironment(prior.deployment)) req.plan.deployment = new Unknown();
      req.plannedPrivate[REPLACING] = prior.id ?? null;
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
    beginSecretRecord(req, PASSWORD, req.providerData?.secretCheckKey('apinizer'));
    const body = bodyOf(d, password);
    let result: DeploymentResult | undefined;
    try {
      result = await client.createCredential(d.project, body, req.signal);
    } catch (error) {
      if (error instanceof AmbiguousRequestError) return adoptAfterLostAnswer(req, client, d, error);
      if (isDuplicateUsername(error) && (await adoptLeftBehind(req, client, d, body))) return;
      reportApinizerError(req.diagnostics, error, errorContext(d, req.config, 'create'));
      return;
    }
    await settle(req, d, deploymentState(result), result, true);
  },

  async read(req) {
    const client = clientFor(clientFactory, req);
    const prior = req.state;
    if (!client || !prior) return;
    const project = prior.project_name as string;
    const username = prior.username as string;
    try {
      const found = await client.findCredential(project, username, req.signal);
      req.state = found ? stateFromRemote(found, prior, project) : null;
    } catch (error) {
      // A 404 may mean "no privilege" as well as "no project": an error, never a silent removal.
      reportApinizerError(req.diagnostics, error, { action: 'read', project, username });
    }
  },

  async update(req) {
    const client = clientFor(clientFactory, req);
    const d = desiredOrError(req.plan, req.diagnostics);
    const password = passwordOf(req.config, req.diagnostics);
    if (!client || !d || password === undefined) return;
    const prior = req.priorState;
    const rotated = secretRotates(req, PASSWORD);
    if (rotated) beginSecretRecord(req, PASSWORD, req.providerData?.secretCheckKey('apinizer'));
    const fieldsChanged = REPLACED_BY_PUT.some((name) => !valuesEqual(req.plan[name] ?? null, prior[name] ?? null));
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
      reportApinizerError(req.diagnostics, error, errorContext(d, req.config, 'update'));
      return;
    }
    await settle(req, d, deploymentState(result), result, rotated);
  },

  async delete(req) {
    const client = clientFor(clientFactory, req);
    if (!client) return;
    const project = req.priorState.project_name as string;
    const username = req.priorState.username as string;
    if (adoptedThisRun(req, 'apinizer', credentialId(project, username), `Apinizer credential ${project}/${username}`)) return;
    let result: DeploymentResult | undefined;
    try {
      result = await client.deleteCredential(project, username, req.signal);
    } catch (error) {
      if (isCredentialNotFound(error)) return; // already gone: what delete wants
      reportApinizerError(req.diagnostics, error, { action: 'delete', project, username });
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
    req.state = { id: credentialId(parsed.project, parsed.username), project_name: parsed.project, username: parsed.username };
  },
};
