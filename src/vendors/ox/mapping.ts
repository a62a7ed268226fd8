/**
 * The two mappers: Terraform configuration -> OX `AddCredentialsInput`, and OX credentials -> state.
 */
import type { State } from '../../tfplugin/resource';
import type { ObjectValue } from '../../tfplugin/schema/config-validators';
import { toPlain } from '../../tfplugin/schema/validate';
import { Unknown, type TfValue } from '../../tfplugin/values/types';
import type { AddCredentialsInput } from './client';
import type { OxConnector, OxCredentials } from './documents';
import { toOxCredentialsInput } from './input-fields';
import { SECRETS_ATTRIBUTES } from './schema';

/** What the configuration asks OX for, as plain values. */
export interface Desired {
  readonly connectorId: string;
  readonly type: string;
  readonly name: string;
  readonly hostUrl?: string;
  readonly certChecksDisabled?: boolean;
  readonly input: Record<string, unknown> | null;
  readonly secrets: Readonly<Record<string, string>>;
}

const known = (v: TfValue | undefined): unknown => (v === undefined || v === null || v instanceof Unknown ? undefined : toPlain(v));

export function desiredFrom(config: ObjectValue): Desired {
  const secrets = known(config[SECRETS_ATTRIBUTES.writeOnly]) ?? known(config[SECRETS_ATTRIBUTES.sensitive]) ?? {};
  return {
    connectorId: String(toPlain(config.connector_id)),
    type: String(toPlain(config.credentials_type)),
    name: String(toPlain(config.credentials_name)),
    hostUrl: known(config.host_url) as string | undefined,
    certChecksDisabled: known(config.is_cert_checks_disabled) as boolean | undefined,
    input: (known(config.credentials_input) as Record<string, unknown> | undefined) ?? null,
    secrets: secrets as Record<string, string>,
  };
}

export function addCredentialsInput(d: Desired): AddCredentialsInput {
  return {
    connectorID: d.connectorId,
    credentialsType: d.type,
    credentialsName: d.name,
    credentialsInput: toOxCredentialsInput(d.input, d.secrets),
    ...(d.hostUrl !== undefined ? { hostURL: d.hostUrl } : {}),
    ...(d.certChecksDisabled !== undefined ? { isCertChecksDisabled: d.certChecksDisabled } : {}),
  };
}

/** The credentials type of an entry: its `credentialsType`, else what its `__typename` says. */
export function typeOf(c: OxCredentials): string | undefined {
  return c.credentialsType ?? c.__typename?.replace(/Credentials$/, '');
}

/** Entries that may be the ones just added: not there before, not taken by another resource, same name and type. */
export function newCredentials(
  connector: OxConnector,
  d: Desired,
  existedBefore: ReadonlySet<string>,
  isClaimed: (id: string) => boolean,
): OxCredentials[] {
  return connector.credentials.filter(
    (c) =>
      !!c.credentialsId &&
      !existedBefore.has(c.credentialsId) &&
      !isClaimed(c.credentialsId) &&
      c.credentialsName === d.name &&
      typeOf(c) === d.type &&
      (d.hostUrl === undefined || (c.hostURL ?? undefined) === d.hostUrl),
  );
}

/**
 * Entries an interrupted apply may have left behind (see ../adoption.ts): this name and type, and
 * the host URL and certificate setting where configured, not claimed by another resource of this run.
 */
export function leftBehind(connector: OxConnector, d: Desired, isClaimed: (id: string) => boolean): OxCredentials[] {
  return connector.credentials.filter(
    (c) =>
      !!c.credentialsId &&
      !isClaimed(c.credentialsId) &&
      c.credentialsName === d.name &&
      typeOf(c) === d.type &&
      (d.hostUrl === undefined || (c.hostURL ?? undefined) === d.hostUrl) &&
      (d.certChecksDisabled === undefined || (c.isCertChecksDisabled ?? false) === d.certChecksDisabled),
  );
}

export const credentialsIds = (connector: OxConnector | undefined): Set<string> =>
  new Set((connector?.credentials ?? []).flatMap((c) => (c.credentialsId ? [c.credentialsId] : [])));

export const resourceId = (connectorId: string, credentialsId: string): string => `${connectorId}/${credentialsId}`;

/** State after create: the plan, with what only OX knows filled in (values the plan knows stay as planned). */
export function stateAfterCreate(plan: State, d: Desired, c: OxCredentials & { credentialsId: string }): State {
  const unknownOr = (v: TfValue | undefined, remote: TfValue): TfValue => (v instanceof Unknown || v === undefined ? remote : v);
  return {
    ...plan,
    credentials_id: c.credentialsId,
    id: resourceId(d.connectorId, c.credentialsId),
    host_url: unknownOr(plan.host_url, c.hostURL ?? null),
    is_cert_checks_disabled: unknownOr(plan.is_cert_checks_disabled, c.isCertChecksDisabled ?? null),
  };
}

/** State after a refresh: what OX reports about the credentials; the rest (inputs, secrets) OX never returns. */
export function stateAfterRead(state: State, c: OxCredentials): State {
  return {
    ...state,
    credentials_type: typeOf(c) ?? state.credentials_type ?? null,
    credentials_name: c.credentialsName ?? null,
    host_url: c.hostURL ?? null,
    is_cert_checks_disabled: c.isCertChecksDisabled ?? null,
  };
}
