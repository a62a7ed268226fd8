/**
 * The Tines REST API as credform uses it: one method per documented endpoint, responses parsed with
 * zod, errors left as the HTTP layer's typed errors (status and body kept) for `errors.ts` to word.
 * A 404 on a lookup is an answer ("not there"), not an error.
 */
import { z } from 'zod';
import { encodePath, type HttpClient } from '../http';

/** DOCUMENTED: `per_page` maximum. */
export const PER_PAGE_MAX = 500;
/** Safety stop for a list whose `next_page` never ends (a vendor bug must not hang a plan). */
const MAX_PAGES = 1000;

const CREDENTIALS = '/api/v1/user_credentials';

/** The credential object (the value is never returned). Lenient where Tines may send null. */
export const tinesCredentialSchema = z.looseObject({
  id: z.number().int(),
  name: z.string(),
  mode: z.string(),
  team_id: z.number().int(),
  folder_id: z.number().int().nullable().optional().transform((v) => v ?? null),
  read_access: z.string().nullable().optional().transform((v) => v ?? 'TEAM'),
  shared_team_slugs: z.array(z.string()).nullable().optional().transform((v) => v ?? []),
  slug: z.string().nullable().optional().transform((v) => v ?? ''),
  created_at: z.string(),
  updated_at: z.string(),
  description: z.string().nullable().optional().transform((v) => v ?? ''),
  allowed_hosts: z.array(z.string()).nullable().optional().transform((v) => v ?? []),
  metadata: z.record(z.string(), z.unknown()).nullable().optional().transform((v) => v ?? {}),
  test_credential_enabled: z.boolean().optional().transform((v) => v ?? false),
  test_credential: z.looseObject({ created_at: z.string(), updated_at: z.string() }).nullable().optional().transform((v) => v ?? null),
});
export type TinesCredential = z.output<typeof tinesCredentialSchema>;

const metaSchema = z.looseObject({
  next_page: z.union([z.string(), z.number()]).nullable().optional(),
  next_page_number: z.number().int().nullable().optional(),
  pages: z.number().int().optional(),
});

const credentialPageSchema = z.looseObject({ user_credentials: z.array(tinesCredentialSchema), meta: metaSchema });

export const tinesTeamSchema = z.looseObject({ id: z.number().int(), name: z.string(), slug: z.string() });
export type TinesTeam = z.output<typeof tinesTeamSchema>;
const teamPageSchema = z.looseObject({ teams: z.array(tinesTeamSchema), meta: metaSchema });

/** Fields of a create (`POST`) or update (`PUT`) body besides `mode`; on update every one is optional. */
export interface CredentialFields {
  readonly name?: string;
  readonly value?: string;
  readonly team_id?: number;
  readonly folder_id?: number | null;
  readonly read_access?: string;
  readonly shared_team_slugs?: readonly string[];
  readonly description?: string;
  readonly metadata?: Readonly<Record<string, string>>;
  readonly allowed_hosts?: readonly string[];
  readonly live_credential_id?: number;
}

/** A create (`POST`) body besides `mode`: the seed documents name, value and team as required. */
export interface NewCredentialFields extends CredentialFields {
  readonly name: string;
  readonly value: string;
  readonly team_id: number;
}

/** A credential's ID as Tines gives it (a number) or as Terraform state keeps it (its text): the path is the same. */
export type CredentialId = number | string;

export class TinesClient {
  constructor(private readonly http: HttpClient) {}

  /** `POST /api/v1/user_credentials` (mode TEXT). Not idempotent: a lost answer is an `AmbiguousRequestError`. */
  async createCredential(fields: NewCredentialFields, signal?: AbortSignal): Promise<TinesCredential> {
    const res = await this.http.request({
      method: 'POST',
      path: CREDENTIALS,
      json: { ...fields, mode: 'TEXT' },
      idempotent: false,
      secrets: secretsOf(fields),
      schema: tinesCredentialSchema,
      signal,
    });
    return res.body;
  }

  /** `GET /api/v1/user_credentials/{id}`; null when Tines answers 404. */
  async getCredential(id: CredentialId, signal?: AbortSignal): Promise<TinesCredential | null> {
    const res = await this.http.request({
      method: 'GET',
      path: credentialPath(id),
      idempotent: true,
      acceptErrorStatus: true,
      schema: tinesCredentialSchema,
      signal,
    });
    if (res.ok) return res.body;
    if (res.status === 404) return null;
    throw res.error;
  }

  /** `PUT /api/v1/user_credentials/{id}`: `mode` plus only the fields that change. Repeating it is harmless. */
  async updateCredential(id: CredentialId, fields: CredentialFields, signal?: AbortSignal): Promise<TinesCredential> {
    const res = await this.http.request({
      method: 'PUT',
      path: credentialPath(id),
      json: { mode: 'TEXT', ...fields },
      idempotent: true,
      secrets: secretsOf(fields),
      schema: tinesCredentialSchema,
      signal,
    });
    return res.body;
  }

  /** `DELETE /api/v1/user_credentials/{id}` (204); false when it was already gone (404). */
  async deleteCredential(id: CredentialId, signal?: AbortSignal): Promise<boolean> {
    const res = await this.http.request({ method: 'DELETE', path: credentialPath(id), idempotent: true, parse: 'none', acceptErrorStatus: true, signal });
    if (res.ok) return true;
    if (res.status === 404) return false;
    throw res.error;
  }

  /** Every credential of a team: `GET /api/v1/user_credentials?team_id&per_page=500`, following `meta.next_page`. */
  listCredentials(teamId: number, signal?: AbortSignal): Promise<TinesCredential[]> {
    return this.listAll(CREDENTIALS, { team_id: teamId }, credentialPageSchema, (p) => p.user_credentials, signal);
  }

  /** `GET /api/v1/teams/{id}`; null when Tines answers 404. */
  async getTeam(id: number, signal?: AbortSignal): Promise<TinesTeam | null> {
    const res = await this.http.request({ method: 'GET', path: encodePath`/api/v1/teams/${id}`, idempotent: true, acceptErrorStatus: true, schema: tinesTeamSchema, signal });
    if (res.ok) return res.body;
    if (res.status === 404) return null;
    throw res.error;
  }

  /** Every team: `GET /api/v1/teams?per_page=500`, following `meta.next_page`. */
  listTeams(signal?: AbortSignal): Promise<TinesTeam[]> {
    return this.listAll('/api/v1/teams', {}, teamPageSchema, (p) => p.teams, signal);
  }

  private async listAll<P extends { meta: z.output<typeof metaSchema> }, T>(
    path: string,
    filter: Record<string, string | number>,
    schema: z.ZodType<P>,
    items: (page: P) => T[],
    signal?: AbortSignal,
  ): Promise<T[]> {
    const out: T[] = [];
    let query: Record<string, string | number> = { ...filter, per_page: PER_PAGE_MAX };
    for (let n = 0; n < MAX_PAGES; n++) {
      const res = await this.http.request({ method: 'GET', path, query, idempotent: true, schema, signal });
      out.push(...items(res.body));
      const next = nextPageQuery(res.body.meta, this.http.baseUrl, query);
      if (!next) return out;
      query = next;
    }
    throw new Error(`Tines GET ${path} still had a next page after ${MAX_PAGES} pages; stopping`);
  }
}

/**
 * The query of the page after this one, or undefined at the end. `meta.next_page` is followed when
 * it is a URL of the same origin as the base URL (its query is taken; the path stays the documented
 * one, so a token is never sent elsewhere); otherwise `next_page_number` (or a numeric `next_page`)
 * is used with the current query.
 */
export function nextPageQuery(meta: z.output<typeof metaSchema>, base: URL, current: Record<string, string | number>): Record<string, string | number> | undefined {
  const next = meta.next_page;
  if (next === null || next === undefined || next === '') return undefined;
  if (typeof next === 'string' && !/^\d+$/.test(next)) {
    let url: URL | undefined;
    try {
      url = new URL(next, base);
    } catch {
      url = undefined;
    }
    if (url && url.origin === base.origin && url.searchParams.has('page')) {
      const query: Record<string, string | number> = {};
      for (const [k, v] of url.searchParams) query[k] = v;
      return query;
    }
  }
  const number = meta.next_page_number ?? (typeof next === 'number' || /^\d+$/.test(String(next)) ? Number(next) : undefined);
  return number === undefined ? undefined : { ...current, page: number };
}

function credentialPath(id: CredentialId): string {
  return encodePath`/api/v1/user_credentials/${id}`;
}

function secretsOf(fields: CredentialFields): string[] {
  return fields.value ? [fields.value] : [];
}
