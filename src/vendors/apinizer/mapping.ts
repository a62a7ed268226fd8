/**
 * One mapper each way between Terraform values and Apinizer bodies: the plan → the request body,
 * Apinizer's record → the state, the deployment result → the `deployment` attribute. Equality rules
 * that tolerate how Apinizer may echo a value back (list order, date formatting, "" for no
 * description) live here too, so that a read never invents drift.
 */
import type { State } from '../../tfplugin/resource';
import type { ObjectValue } from '../../tfplugin/schema/config-validators';
import { ModelError, readModel } from '../../tfplugin/schema/model';
import { isWhollyKnown } from '../../tfplugin/schema/validate';
import type { CredentialBody, DeploymentResult, RemoteCredential } from './client';
import { credentialAttributes, credentialId, type CredentialModel } from './schema';

/** What the configuration asks for, minus the password. */
export interface Desired {
  readonly project: string;
  readonly username: string;
  readonly email: string;
  readonly fullName: string;
  readonly description: string | null;
  readonly roleNames: readonly string[];
  readonly enabled: boolean;
  readonly ipList: readonly string[];
  readonly expireDate: string | null;
}

/** Attributes a full replace (PUT) changes; a change of the password alone goes by PATCH. */
export const REPLACED_BY_PUT = ['email', 'full_name', 'description', 'role_names', 'enabled', 'ip_list', 'expire_date'] as const;

/**
 * The attributes Apinizer holds, read on their own: at plan time the password (or its version) may
 * still be unknown while these are known, and the plan checks compare these alone.
 */
const desiredAttributes = {
  project_name: credentialAttributes.project_name,
  username: credentialAttributes.username,
  email: credentialAttributes.email,
  full_name: credentialAttributes.full_name,
  description: credentialAttributes.description,
  role_names: credentialAttributes.role_names,
  enabled: credentialAttributes.enabled,
  ip_list: credentialAttributes.ip_list,
  expire_date: credentialAttributes.expire_date,
};

/** From a plan (defaults filled) or, at plan time, from a proposed state; undefined while anything is unknown. */
export function desiredOf(values: State | ObjectValue): Desired | undefined {
  if (!Object.keys(desiredAttributes).every((n) => isWhollyKnown(values[n] ?? null))) return undefined;
  const m = readModel(desiredAttributes, values);
  if (m.project_name === null || m.username === null || m.email === null || m.full_name === null) return undefined;
  return {
    project: m.project_name,
    username: m.username,
    email: m.email,
    fullName: m.full_name,
    description: m.description,
    roleNames: m.role_names ?? [],
    enabled: m.enabled ?? true,
    ipList: m.ip_list ?? [],
    expireDate: m.expire_date,
  };
}

/** The credential a stored state names; state without it was not written by credform. */
export function keyOf(state: CredentialModel): { readonly project: string; readonly username: string } {
  if (state.project_name === null) throw new ModelError('project_name', 'is null in the stored state');
  if (state.username === null) throw new ModelError('username', 'is null in the stored state');
  return { project: state.project_name, username: state.username };
}

/** The documented POST/PUT body: every field present, nulls where the configuration has none. */
export function bodyOf(d: Desired, password: string): CredentialBody {
  return {
    email: d.email,
    fullName: d.fullName,
    description: d.description,
    username: d.username,
    password,
    roleNameList: d.roleNames,
    enabled: d.enabled,
    ipList: d.ipList,
    expireDate: d.expireDate,
  };
}

/** Same elements, any order: Apinizer may not keep the order it was given. */
function sameMembers(a: readonly string[], b: readonly string[]): boolean {
  const sortedB = [...b].sort();
  return a.length === b.length && [...a].sort().every((x, i) => x === sortedB[i]);
}

/** Two ISO dates naming the same instant ("…59Z" and "…59.000Z"). */
export function sameInstant(a: string | null | undefined, b: string | null | undefined): boolean {
  if (a == null || b == null) return a == b;
  return a === b || (!Number.isNaN(Date.parse(a)) && Date.parse(a) === Date.parse(b));
}

const blank = (s: string | null | undefined) => s == null || s === '';

/** Keep what state says when Apinizer's value means the same; otherwise take Apinizer's. */
function keep<T>(prior: T | null, remote: T, same: (p: T, r: T) => boolean): T {
  return prior !== null && same(prior, remote) ? prior : remote;
}

/** Apinizer's record → the managed attributes of the state (password and computed ones untouched). */
export function stateFromRemote(remote: RemoteCredential, prior: CredentialModel, project: string): CredentialModel {
  const description = blank(remote.description) && blank(prior.description) ? prior.description : (remote.description ?? null);
  return {
    ...prior,
    id: credentialId(project, remote.username),
    project_name: project,
    username: remote.username,
    email: remote.email ?? null,
    full_name: remote.fullName ?? null,
    description,
    role_names: keep(prior.role_names, remote.roleNameList ?? [], sameMembers),
    enabled: remote.enabled ?? true,
    ip_list: keep(prior.ip_list, remote.ipList ?? [], sameMembers),
    expire_date: keep(prior.expire_date, remote.expireDate ?? null, sameInstant),
  };
}

/** True when Apinizer's record carries exactly these settings (the password cannot be compared). */
export function sameSettings(remote: RemoteCredential, d: Desired): boolean {
  return (
    remote.email === d.email &&
    remote.fullName === d.fullName &&
    (remote.description === d.description || (blank(remote.description) && blank(d.description))) &&
    sameMembers(remote.roleNameList ?? [], d.roleNames) &&
    (remote.enabled ?? true) === d.enabled &&
    sameMembers(remote.ipList ?? [], d.ipList) &&
    sameInstant(remote.expireDate, d.expireDate)
  );
}

export type DeploymentState = NonNullable<CredentialModel['deployment']>;

/** The `deployment` attribute: one entry per environment; an unexplained overall failure counts as one. */
export function deploymentState(result: DeploymentResult | undefined): DeploymentState {
  const entries: DeploymentState = (result?.environmentResults ?? []).map((e) => ({
    environment_name: e.environmentName,
    success: e.success,
    message: e.message ?? '',
  }));
  if (result && !result.success && (result.environmentResults ?? []).every((e) => e.success)) {
    entries.push({ environment_name: '', success: false, message: result.message ?? 'deployment failed' });
  }
  return entries;
}

/** Whether the last recorded deployment left an environment without the credential. */
export function hasFailedEnvironment(deployment: CredentialModel['deployment']): boolean {
  return (deployment ?? []).some((e) => e.success === false);
}
