/**
 * The two mappers: Terraform configuration -> OX `AddCredentialsInput`, and OX credentials -> state;
 * and which of a connector's credentials are under a resource's natural key (OX names are not unique).
 */
import type { ObjectValue } from '../../tfplugin/schema/config-validators';
import { readModel, requireValue } from '../../tfplugin/schema/model';
import type { AddCredentialsInput } from './client';
import type { OxConnector, OxCredentials } from './documents';
import { toOxCredentialsInput } from './input-fields';
import { connectorCredentialsAttributes as attributes, type ConnectorCredentialsModel } from './schema';

/** Credentials OX gave an id: the ones this provider adds, adopts, reads and supersedes. */
export type StoredCredentials = OxCredentials & { readonly credentialsId: string };

/** What tells one set of credentials from another on a connector: name and type, and the settings where configured. */
export interface NaturalKey {
  readonly connectorId: string;
  readonly type: string;
  readonly name: string;
  readonly hostUrl?: string;
  readonly certChecksDisabled?: boolean;
}

/** What the configuration asks OX for, as plain values. */
export interface Desired extends NaturalKey {
  readonly input: Record<string, unknown> | null;
  readonly secrets: Readonly<Record<string, string>>;
}

const { connector_id, credentials_type, credentials_name, host_url, is_cert_checks_disabled } = attributes;

/** The natural key's attributes, to read it alone (at plan, where other values may not be known yet). */
export const naturalKeyAttributes = { connector_id, credentials_type, credentials_name, host_url, is_cert_checks_disabled };

/** A required attribute's value; null only in a bug in credform or in state edited by hand. */
/** At apply (every value known). */
export function desiredFrom(config: ObjectValue): Desired {
  const m = readModel(attributes, config);
  return {
    connectorId: requireValue(m, 'connector_id'),
    type: requireValue(m, 'credentials_type'),
    name: requireValue(m, 'credentials_name'),
    hostUrl: m.host_url ?? undefined,
    certChecksDisabled: m.is_cert_checks_disabled ?? undefined,
    input: m.credentials_input,
    secrets: m.credentials_secrets_wo ?? m.credentials_secrets ?? {},
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

/**
 * Entries under the natural key: this name and type, and the host URL where configured; not claimed
 * by another resource of this run.
 */
export function underKey(connector: OxConnector | undefined, k: NaturalKey, isClaimed: (id: string) => boolean): StoredCredentials[] {
  return (connector?.credentials ?? []).filter(
    (c): c is StoredCredentials =>
      !!c.credentialsId &&
      !isClaimed(c.credentialsId) &&
      c.credentialsName === k.name &&
      typeOf(c) === k.type &&
      (k.hostUrl === undefined || (c.hostURL ?? undefined) === k.hostUrl),
  );
}

/**
 * Entries an interrupted apply may have left behind (see ../adoption.ts): under the natural key, with
 * the certificate setting too where configured.
 */
export function leftBehind(connector: OxConnector | undefined, k: NaturalKey, isClaimed: (id: string) => boolean): StoredCredentials[] {
  return underKey(connector, k, isClaimed).filter((c) => k.certChecksDisabled === undefined || (c.isCertChecksDisabled ?? false) === k.certChecksDisabled);
}

export const resourceId = (connectorId: string, credentialsId: string): string => `${connectorId}/${credentialsId}`;

/** State after create: the plan, with what only OX knows filled in (values the plan knows stay as planned). */
export function stateAfterCreate(planned: ConnectorCredentialsModel, d: NaturalKey, c: StoredCredentials): ConnectorCredentialsModel {
  return {
    ...planned,
    credentials_id: c.credentialsId,
    id: resourceId(d.connectorId, c.credentialsId),
    host_url: planned.host_url ?? c.hostURL ?? null,
    is_cert_checks_disabled: planned.is_cert_checks_disabled ?? c.isCertChecksDisabled ?? null,
  };
}

/** State after a refresh: what OX reports about the credentials; the rest (inputs, secrets) OX never returns. */
export function stateAfterRead(state: ConnectorCredentialsModel, c: OxCredentials): ConnectorCredentialsModel {
  return {
    ...state,
    credentials_type: typeOf(c) ?? state.credentials_type,
    credentials_name: c.credentialsName ?? null,
    host_url: c.hostURL ?? null,
    is_cert_checks_disabled: c.isCertChecksDisabled ?? null,
  };
}
