/**
 * The two mappers of the CRUD pipeline: the typed model of configuration and plan → Tines request
 * fields, and a Tines credential → the model of the state. Nothing else converts between the two.
 */
import { ModelError, requireValue } from '../../tfplugin/schema/model';
import { valuesEqual } from '../../tfplugin/values/equal';
import type { CredentialFields, NewCredentialFields, TinesCredential } from './client';
import { DEFAULT_READ_ACCESS, type ReadAccess, type TextCredentialModel } from './schema';

type M = TextCredentialModel;

/** Attributes that a `PUT` can change, in the order they are compared. */
export const UPDATABLE = ['name', 'folder_id', 'read_access', 'shared_team_slugs', 'description', 'metadata', 'allowed_hosts'] as const;
type Updatable = (typeof UPDATABLE)[number];

/**
 * A value the schema requires or defaults, so Terraform never hands it over null at apply (nor keeps
 * it null in state); null here is a bug, which the engine reports on the attribute.
 */
/** Tines' credential IDs are numbers; Terraform keeps them as text (the import ID). The one place one becomes the other. */
export function idText(id: number): string {
  return String(id);
}

/** The secret from the configuration (write-only first); apply always has it known. */
export function configuredValue(config: M): string {
  const value = config.value_wo ?? config.value;
  if (value === null) throw new ModelError('value_wo', 'the credential value is not known at apply time');
  return value;
}

/** One attribute as Tines wants it in a `PUT`: no slugs is `[]`, no folder is null. */
const PUT_FIELD: { readonly [K in Updatable]: (m: M) => CredentialFields } = {
  name: (m) => ({ name: requireValue(m, 'name') }),
  folder_id: (m) => ({ folder_id: m.folder_id }),
  read_access: (m) => ({ read_access: requireValue(m, 'read_access') }),
  shared_team_slugs: (m) => ({ shared_team_slugs: m.shared_team_slugs ?? [] }),
  description: (m) => ({ description: requireValue(m, 'description') }),
  metadata: (m) => ({ metadata: requireValue(m, 'metadata') }),
  allowed_hosts: (m) => ({ allowed_hosts: requireValue(m, 'allowed_hosts') }),
};

/**
 * The `POST` body: what the seed documents as required, plus each optional field only when it
 * differs from Tines' documented default, so the simplest credential is exactly the seed's sample
 * request, and a test credential leaves the live credential's settings alone.
 */
export function createFields(m: M, value: string): NewCredentialFields {
  const { folder_id, read_access, shared_team_slugs, description, metadata, allowed_hosts, live_credential_id } = m;
  return {
    name: requireValue(m, 'name'),
    value,
    team_id: requireValue(m, 'team_id'),
    ...(folder_id !== null ? { folder_id } : {}),
    ...(read_access !== null && read_access !== DEFAULT_READ_ACCESS ? { read_access } : {}),
    ...(shared_team_slugs !== null ? { shared_team_slugs } : {}),
    ...(description !== null && description !== '' ? { description } : {}),
    ...(metadata !== null && Object.keys(metadata).length > 0 ? { metadata } : {}),
    ...(allowed_hosts !== null && allowed_hosts.length > 0 ? { allowed_hosts } : {}),
    ...(live_credential_id !== null ? { live_credential_id } : {}),
  };
}

/** The `PUT` body besides `mode`: only the attributes whose planned value differs from state. */
export function changedFields(plan: M, prior: M): CredentialFields {
  let out: CredentialFields = {};
  for (const name of UPDATABLE) {
    if (!valuesEqual(plan[name], prior[name])) out = { ...out, ...PUT_FIELD[name](plan) };
  }
  return out;
}

/** Tines metadata may hold any JSON; the attribute is a string map, so other values keep their JSON text. */
function stringMap(metadata: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(metadata).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
}

/**
 * Tines documents three access modes, and the client reads the field leniently. A mode it may add
 * later is kept as Tines reports it (state is read back by Terraform type only, see schema/model.ts),
 * so the next plan shows it changing to the configured one instead of hiding it.
 */
const readAccessOf = (c: TinesCredential): ReadAccess => c.read_access as ReadAccess;

/** The state of a credential as Tines reports it; `base` supplies what Tines never returns (value, version, revision). */
export function stateOf(c: TinesCredential, base: M): M {
  return {
    ...base,
    id: idText(c.id),
    name: c.name,
    team_id: c.team_id,
    folder_id: c.folder_id,
    read_access: readAccessOf(c),
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
export function isAttachedTest(m: M, c?: TinesCredential): boolean {
  const live = m.live_credential_id;
  if (live === null) return false;
  return c ? c.id === live : m.id === idText(live);
}

export function testCredentialStateOf(c: TinesCredential, base: M): M {
  const stamps = c.test_credential ?? c;
  return { ...base, id: idText(c.id), slug: base.slug ?? c.slug, created_at: stamps.created_at, updated_at: stamps.updated_at };
}

/** True when `c` holds exactly what a create with `sent` sends (besides the value, which Tines never returns). */
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
