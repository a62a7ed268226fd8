/**
 * One mapper each way between Terraform values and Apinizer bodies: the plan → the request body,
 * Apinizer's record → the state, the deployment result → the `deployment` attribute. Equality rules
 * that tolerate how Apinizer may echo a value back (list order, date formatting, "" for no
 * description) live here too, so that a read never invents drift.
 */
import type { State } from '../../tfplugin/resource';
import type { ObjectValue } from '../../tfplugin/schema/config-validators';
import { isWhollyKnown, toPlain } from '../../tfplugin/schema/validate';
import type { TfValue } from '../../tfplugin/values/types';
import type { CredentialBody, DeploymentResult, RemoteCredential } from './client';
import { credentialId } from './schema';

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

/** From a plan (defaults filled) or, at plan time, from a proposed state; undefined while anything is unknown. */
export function desiredOf(values: State | ObjectValue): Desired | undefined {
  const names = ['project_name', 'username', ...REPLACED_BY_PUT];
  if (!names.every((n) => isWhollyKnown(values[n] ?? null))) return undefined;
  const v = (n: string) => toPlain(values[n] ?? null);
  return {
    project: v('project_name') as string,
    username: v('username') as string,
    email: v('email') as string,
    fullName: v('full_name') as string,
    description: (v('description') as string | null) ?? null,
    roleNames: (v('role_names') as string[] | null) ?? [],
    enabled: (v('enabled') as boolean | null) ?? true,
    ipList: (v('ip_list') as string[] | null) ?? [],
    expireDate: (v('expire_date') as string | null) ?? null,
  };
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
function keep<T>(prior: TfValue | undefined, remote: T, same: (p: T, r: T) => boolean): TfValue {
  if (prior !== undefined && prior !== null && same(toPlain(prior) as T, remote)) return prior;
  return remote as unknown as TfValue;
}

/** Apinizer's record → the managed attributes of the state (password and computed ones untouched). */
export function stateFromRemote(remote: RemoteCredential, prior: State, project: string): State {
  const description = blank(remote.description) && blank(prior.description as string | null) ? (prior.description ?? null) : (remote.description ?? null);
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

/** The `deployment` attribute: one entry per environment; an unexplained overall failure counts as one. */
export function deploymentState(result: DeploymentResult | undefined): TfValue {
  const entries: TfValue[] = (result?.environmentResults ?? []).map((e) => ({
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
export function hasFailedEnvironment(deployment: TfValue | undefined): boolean {
  return Array.isArray(deployment) && deployment.some((e) => e !== null && typeof e === 'object' && !Array.isArray(e) && (e as Record<string, TfValue>).success === false);
}
