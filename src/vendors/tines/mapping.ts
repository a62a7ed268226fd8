/**
 * The two mappers of the CRUD pipeline: Terraform values → Tines request fields, and a Tines
 * credential → Terraform state. Nothing else converts between the two.
 */
import type { State } from '../../tfplugin/resource';
import type { ObjectValue } from '../../tfplugin/schema/config-validators';
import { toPlain } from '../../tfplugin/schema/validate';
import { valuesEqual } from '../../tfplugin/values/equal';
import type { TfValue } from '../../tfplugin/values/types';
import type { CredentialFields, TinesCredential } from './client';
import { DEFAULT_READ_ACCESS, VALUE_ATTRIBUTES } from './schema';

/** A credential as the configuration and plan describe it (known values, plain JavaScript). */
export interface DesiredCredential {
  readonly name: string;
  readonly team_id: number;
  readonly folder_id: number | null;
  readonly read_access: string;
  readonly shared_team_slugs: string[] | null;
  readonly description: string;
  readonly metadata: Record<string, string>;
  readonly allowed_hosts: string[];
  readonly live_credential_id: number | null;
}

/** Attributes that a `PUT` can change, in the order they are compared. */
export const UPDATABLE = ['name', 'folder_id', 'read_access', 'shared_team_slugs', 'description', 'metadata', 'allowed_hosts'] as const;
type Updatable = (typeof UPDATABLE)[number];

export function desiredOf(values: State | ObjectValue): DesiredCredential {
  return toPlain(values as Record<string, TfValue>) as unknown as DesiredCredential;
}

/** The secret from the configuration (write-only first); apply always has it known. */
export function configuredValue(config: ObjectValue): string {
  const v = config[VALUE_ATTRIBUTES.writeOnly] ?? config[VALUE_ATTRIBUTES.sensitive];
  if (typeof v !== 'string') throw new Error('the credential value is not known at apply time');
  return v;
}

/** One attribute as Tines wants it: no slugs is `[]`, not null. */
function apiField(d: DesiredCredential, name: Updatable): Partial<CredentialFields> {
  if (name === 'shared_team_slugs') return { shared_team_slugs: d.shared_team_slugs ?? [] };
  return { [name]: d[name] } as Partial<CredentialFields>;
}

/**
 * The `POST` body: what the seed documents as required, plus each optional field only when it
 * differs from Tines' documented default, so the simplest credential is exactly the seed's sample
 * request, and a test credential leaves the live credential's settings alone.
 */
export function createFields(d: DesiredCredential, value: string): CredentialFields {
  const out: Record<string, unknown> = { name: d.name, value, team_id: d.team_id };
  if (d.folder_id !== null) out.folder_id = d.folder_id;
  if (d.read_access !== DEFAULT_READ_ACCESS) out.read_access = d.read_access;
  if (d.shared_team_slugs !== null) out.shared_team_slugs = d.shared_team_slugs;
  if (d.description !== '') out.description = d.description;
  if (Object.keys(d.metadata).length > 0) out.metadata = d.metadata;
  if (d.allowed_hosts.length > 0) out.allowed_hosts = d.allowed_hosts;
  if (d.live_credential_id !== null) out.live_credential_id = d.live_credential_id;
  return out as CredentialFields;
}

/** The `PUT` body besides `mode`: only the attributes whose planned value differs from state. */
export function changedFields(plan: State, prior: State): CredentialFields {
  const d = desiredOf(plan);
  let out: CredentialFields = {};
  for (const name of UPDATABLE) {
    if (!valuesEqual(plan[name] ?? null, prior[name] ?? null)) out = { ...out, ...apiField(d, name) };
  }
  return out;
}

/** Tines metadata may hold any JSON; the attribute is a string map, so other values keep their JSON text. */
function stringMap(metadata: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(metadata).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
}

/** The state of a credential as Tines reports it; `base` supplies what Tines never returns (value, version, revision). */
export function stateOf(c: TinesCredential, base: State): State {
  return {
    ...base,
    id: String(c.id),
    name: c.name,
    team_id: c.team_id,
    folder_id: c.folder_id,
    read_access: c.read_access,
    shared_team_slugs: c.read_access === 'SPECIFIC_TEAMS' && c.shared_team_slugs.length > 0 ? c.shared_team_slugs : null,
    description: c.description,
    metadata: stringMap(c.metadata),
    allowed_hosts: c.allowed_hosts,
    slug: c.slug,
    created_at: c.created_at,
    updated_at: c.updated_at,
  };
}

/**
 * A test credential is attached to its live credential: Tines answers with the live credential,
 * whose name, folder and access are the live one's. The resource keeps what was configured and
 * takes only the identity and the test value's timestamps from Tines.
 */
export function isAttachedTest(values: State, c?: TinesCredential): boolean {
  const live = values.live_credential_id ?? null;
  if (live === null) return false;
  return String(c ? c.id : values.id) === String(live);
}

export function testCredentialStateOf(c: TinesCredential, base: State): State {
  const stamps = c.test_credential ?? c;
  const slug = typeof base.slug === 'string' ? base.slug : c.slug;
  return { ...base, id: String(c.id), slug, created_at: stamps.created_at, updated_at: stamps.updated_at };
}

/** True when `c` is plausibly the credential a create with `sent` made (used when the answer was lost). */
export function matchesSent(c: TinesCredential, sent: CredentialFields): boolean {
  const sorted = (a: readonly string[] | undefined) => JSON.stringify([...(a ?? [])].sort());
  const sortedMap = (m: Readonly<Record<string, unknown>> | undefined) => JSON.stringify(Object.entries(m ?? {}).sort(([a], [b]) => a.localeCompare(b)));
  return (
    c.name === sent.name &&
    c.team_id === sent.team_id &&
    c.mode === 'TEXT' &&
    c.folder_id === (sent.folder_id ?? null) &&
    c.read_access === (sent.read_access ?? DEFAULT_READ_ACCESS) &&
    c.description === (sent.description ?? '') &&
    sorted(c.allowed_hosts) === sorted(sent.allowed_hosts) &&
    sortedMap(stringMap(c.metadata)) === sortedMap(sent.metadata) &&
    (c.read_access !== 'SPECIFIC_TEAMS' || sorted(c.shared_team_slugs) === sorted(sent.shared_team_slugs))
  );
}
