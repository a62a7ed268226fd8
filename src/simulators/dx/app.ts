/**
 * DX Data Cloud API, RPC style: `/api/<family>.<method>`. Every answer carries `ok`; errors are
 * `{ ok: false, error }` (verification failures add `display_message` and `raw_message`).
 */
import {
  Router,
  bearerToken,
  isPlainObject,
  json,
  mediaType,
  parseJsonBody,
  type SimRequest,
  type SimResponse,
} from '../http-kit';
import { RateCounter, type RateLimitWindow } from '../rate-window';
import type { VendorApp } from '../simulator';
import {
  DUPLICATES_IGNORE_EMPTY,
  ERROR_STATUS,
  FORM_OBJECT_FIELDS,
  KNOWN_CONNECTOR_FIELDS,
  MULTIPLE_CREDENTIALS_MESSAGE,
  RETRY_AFTER_SECONDS,
  UPDATE_SECRETS_REPLACE,
  VERIFICATION,
  defaultLabel,
} from './assumptions';
import type { DxStoredConnection, DxStoredCredential, DxState } from './state';

export interface DxAppOptions {
  readonly token: string;
  readonly now: () => number;
  readonly rateLimits: readonly RateLimitWindow[];
  /** Called after every change to the store. */
  readonly onChange: () => void;
}

type Args = Record<string, unknown>;
type ErrorBody = { readonly error: string } & Record<string, string>;

export function fail(error: string, extra: Record<string, string> = {}, headers?: Record<string, string>): SimResponse {
  return json(ERROR_STATUS[error] ?? 422, { ok: false, error, ...extra }, headers);
}

const failBody = (body: ErrorBody): SimResponse => {
  const { error, ...extra } = body;
  return fail(error, extra);
};

export function createDxApp(state: DxState, options: DxAppOptions): VendorApp<DxState> {
  const iso = (): string => new Date(options.now()).toISOString();
  const rate = new RateCounter(options.rateLimits, options.now);

  const connectionOf = (req: SimRequest): DxStoredConnection | undefined => {
    const raw = req.params.connection_id ?? '';
    if (!/^\d+$/.test(raw)) return undefined;
    const id = Number(raw);
    return state.connections.find((c) => c.id === id);
  };

  const liveOn = (connectionId: number): DxStoredCredential[] =>
    state.credentials.filter((c) => c.connection_id === connectionId && c.deleted_at === null);

  /** The checks DX runs before it stores anything: the connector's answer, then duplicates. */
  const verify = (connection: DxStoredConnection, settings: Args, secrets: Args, self?: number): ErrorBody | undefined => {
    const values = stringLeaves(secrets);
    if (values.some((v) => v.startsWith(VERIFICATION.invalidPrefix))) return VERIFICATION.invalidCredentials;
    if (values.some((v) => v.startsWith(VERIFICATION.noPermissionPrefix))) return VERIFICATION.invalidPermissions;
    const others = liveOn(connection.id).filter((c) => c.id !== self);
    const duplicates = (mine: Args, theirs: (c: DxStoredCredential) => Args): boolean =>
      !(DUPLICATES_IGNORE_EMPTY && Object.keys(mine).length === 0) &&
      others.some((c) => canonicalJson(theirs(c)) === canonicalJson(mine));
    if (duplicates(secrets, (c) => c.secrets)) return VERIFICATION.duplicateSecrets;
    if (duplicates(settings, (c) => c.settings)) return VERIFICATION.duplicateSettings;
    return undefined;
  };

  const createCredential = (req: SimRequest): SimResponse => {
    const connection = connectionOf(req);
    if (!connection) return fail('connection_not_found');
    const args = readArgs(req);
    if ('failure' in args) return args.failure;
    const { settings, secrets, label, expiration_date } = args.value;
    if (!isPlainObject(settings) || !isPlainObject(secrets)) return fail('invalid_arguments');
    if (label !== undefined && label !== null && typeof label !== 'string') return fail('invalid_arguments');
    if (!isDateOrAbsent(expiration_date)) return fail('invalid_arguments');
    if (!hasKnownFields(connection, settings, secrets)) return fail('invalid_arguments');
    if (!connection.supports_multiple_credentials && liveOn(connection.id).length > 0) {
      return fail('multiple_credentials_not_supported', { display_message: MULTIPLE_CREDENTIALS_MESSAGE });
    }
    const problem = verify(connection, settings, secrets);
    if (problem) return failBody(problem);

    const id = state.next_credential_id++;
    const row: DxStoredCredential = {
      id,
      connection_id: connection.id,
      type: connection.type,
      label: typeof label === 'string' ? label : defaultLabel(connection.name, id),
      settings,
      secrets,
      created_at: iso(),
      disabled_at: null,
      expiration_date: typeof expiration_date === 'string' ? expiration_date : null,
      deleted_at: null,
    };
    state.credentials.push(row);
    options.onChange();
    return json(201, { ok: true, credential: summary(row) });
  };

  const updateCredential = (req: SimRequest): SimResponse => {
    const connection = connectionOf(req);
    if (!connection) return fail('connection_not_found');
    const args = readArgs(req);
    if ('failure' in args) return args.failure;
    const { id, label, settings, secrets, expiration_date } = args.value;
    const credentialId = integerArg(id);
    if (credentialId === undefined) return fail('invalid_arguments');
    const row = liveOn(connection.id).find((c) => c.id === credentialId);
    if (!row) return fail('credential_not_found');
    if (label !== undefined && typeof label !== 'string') return fail('invalid_arguments');
    if (settings !== undefined && !isPlainObject(settings)) return fail('invalid_arguments');
    if (secrets !== undefined && !isPlainObject(secrets)) return fail('invalid_arguments');
    if (!isDateOrAbsent(expiration_date)) return fail('invalid_arguments');

    const nextSettings = settings ?? row.settings;
    const keepSecrets = secrets === undefined || Object.keys(secrets).length === 0;
    const nextSecrets = keepSecrets ? row.secrets : UPDATE_SECRETS_REPLACE ? secrets : { ...row.secrets, ...secrets };
    if (!hasKnownFields(connection, nextSettings, nextSecrets)) return fail('invalid_arguments');
    const problem = verify(connection, nextSettings, nextSecrets, row.id);
    if (problem) return failBody(problem);

    if (typeof label === 'string') row.label = label;
    row.settings = nextSettings;
    row.secrets = nextSecrets;
    if (expiration_date !== undefined) row.expiration_date = expiration_date as string | null;
    options.onChange();
    return json(200, { ok: true, credential: summary(row) });
  };

  const deleteCredential = (req: SimRequest): SimResponse => {
    const connection = connectionOf(req);
    if (!connection) return fail('connection_not_found');
    const args = readArgs(req);
    if ('failure' in args) return args.failure;
    const credentialId = integerArg(args.value.id);
    if (credentialId === undefined) return fail('invalid_arguments');
    const row = liveOn(connection.id).find((c) => c.id === credentialId);
    if (!row) return fail('credential_not_found');
    row.deleted_at = iso();
    options.onChange();
    return json(200, { ok: true });
  };

  const listCredentials = (req: SimRequest): SimResponse => {
    const connection = connectionOf(req);
    if (!connection) return fail('connection_not_found');
    const credentials = liveOn(connection.id)
      .sort((a, b) => a.id - b.id)
      .map(listFields);
    return json(200, { ok: true, credentials });
  };

  const credentialInfo = (req: SimRequest): SimResponse => {
    const connection = connectionOf(req);
    if (!connection) return fail('connection_not_found');
    const credentialId = integerArg(req.params.id);
    const row = state.credentials.find((c) => c.connection_id === connection.id && c.id === credentialId);
    if (!row) return fail('credential_not_found');
    return json(200, { ok: true, credential: { ...listFields(row), deleted_at: row.deleted_at } });
  };

  const listConnections = (): SimResponse =>
    json(200, {
      ok: true,
      connections: state.connections.map((c) => ({
        id: c.id,
        type: c.type,
        name: c.name,
        state: c.state,
        disabled_at: c.disabled_at,
        last_synced_at: c.last_synced_at,
        created_at: c.created_at,
        supports_multiple_credentials: c.supports_multiple_credentials,
      })),
    });

  const base = '/api/connections/:connection_id';
  const router = new Router()
    .add('GET', '/api/connections.list', listConnections)
    .add('POST', `${base}/credentials.create`, createCredential)
    .add('POST', `${base}/credentials.update`, updateCredential)
    .add('POST', `${base}/credentials.delete`, deleteCredential)
    .add('GET', `${base}/credentials.list`, listCredentials)
    .add('GET', `${base}/credentials.info/:id`, credentialInfo);

  return {
    vendor: 'dx',
    state: () => state,
    isWrite: (req) => req.method !== 'GET' && req.method !== 'HEAD',
    prepare(req) {
      if (options.rateLimits.length === 0) return {};
      const verdict = rate.hit(bearerToken(req) ?? '');
      if (verdict.allowed) return {};
      return { reject: fail('rate_limited', {}, { 'retry-after': String(verdict.resetSeconds) }) };
    },
    faultResponse(kind, decision) {
      if (kind === 'rate-limit') {
        const retryAfter = String(decision.retryAfterSeconds ?? RETRY_AFTER_SECONDS);
        return fail('rate_limited', {}, { 'retry-after': retryAfter });
      }
      return json(decision.serverErrorStatus, { ok: false, error: 'internal_error' });
    },
    handle(req) {
      const match = router.match(req.method, req.path);
      if (match.kind === 'none') return fail('unknown_method');
      if (match.kind === 'wrong-method') return fail('method_not_allowed', {}, { allow: match.allow.join(', ') });
      if (bearerToken(req) !== options.token) return fail('not_authed');
      return match.handler({ ...req, params: match.params });
    },
  };
}

function summary(row: DxStoredCredential): Record<string, unknown> {
  return { id: row.id, type: row.type, label: row.label, created_at: row.created_at };
}

function listFields(row: DxStoredCredential): Record<string, unknown> {
  return {
    id: row.id,
    type: row.type,
    label: row.label,
    settings: row.settings,
    created_at: row.created_at,
    disabled_at: row.disabled_at,
    expiration_date: row.expiration_date,
  };
}

/** The body as arguments: JSON, or form-encoded (DX accepts both). */
function readArgs(req: SimRequest): { value: Args } | { failure: SimResponse } {
  if (mediaType(req) === 'application/x-www-form-urlencoded') return readFormArgs(req);
  const parsed = parseJsonBody(req);
  if (!parsed.ok) return parsed.reason === 'empty' ? { value: {} } : { failure: fail('invalid_json') };
  if (!isPlainObject(parsed.value)) return { failure: fail('invalid_json') };
  return { value: parsed.value };
}

function readFormArgs(req: SimRequest): { value: Args } | { failure: SimResponse } {
  const out: Args = {};
  for (const [key, value] of new URLSearchParams(req.rawBody.toString('utf8'))) {
    const nested = /^([A-Za-z_][\w]*)\[([^\]]*)\]$/.exec(key);
    if (nested) {
      const holder = isPlainObject(out[nested[1]!]) ? (out[nested[1]!] as Args) : (out[nested[1]!] = {});
      holder[nested[2]!] = value;
    } else {
      out[key] = value;
    }
  }
  for (const field of FORM_OBJECT_FIELDS) {
    const raw = out[field];
    if (typeof raw !== 'string') continue;
    try {
      out[field] = JSON.parse(raw) as unknown;
    } catch {
      return { failure: fail('invalid_json') };
    }
  }
  return { value: out };
}

function integerArg(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return undefined;
}

/** `expiration_date`: absent, null, or a date (`2026-12-31` or a full ISO 8601 timestamp). */
function isDateOrAbsent(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) && !Number.isNaN(Date.parse(value));
}

function hasKnownFields(connection: DxStoredConnection, settings: Args, secrets: Args): boolean {
  const known = KNOWN_CONNECTOR_FIELDS[connection.type];
  if (!known) return true;
  const present = (obj: Args, key: string): boolean => typeof obj[key] === 'string' && obj[key] !== '';
  return known.settings.every((k) => present(settings, k)) && known.secrets.every((k) => present(secrets, k));
}

/** JSON with object keys sorted, so two equal values always give the same string. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = sortKeys(value[key]);
    return out;
  }
  return value;
}

/** Every string found anywhere inside a JSON value (object values, array items). */
function stringLeaves(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringLeaves);
  if (isPlainObject(value)) return Object.values(value).flatMap(stringLeaves);
  return [];
}
