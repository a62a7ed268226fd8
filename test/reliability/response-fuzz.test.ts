// @date-sensitive: fixtures created "now", inside the adoption window. Also run with the clock moved (scripts/test-clock-shift.mjs).
/**
 * Malformed vendor answers. A loopback server stands in for all four vendors: it answers each
 * documented endpoint with a valid body, except for the request a case aims at, which gets a fuzzed
 * answer — a valid body with one field deleted or of the wrong type, any JSON, malformed or cut-off
 * JSON, HTML, an empty body, a body over the 5 MiB limit, deep nesting, binary bytes, a connection
 * cut mid-body or reset, any status — sometimes echoing the request (secrets included) back.
 *
 * Every vendor client call ends in a result or a typed error (the HTTP layer's errors, OX's
 * GraphQL/response errors), and a body of the wrong shape is an error naming the field; through the
 * provider server, every read, plan and create ends in diagnostics (never "Unexpected provider
 * error"), and no diagnostic or error carries a secret the request held. Nothing rejects unhandled.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { now } from '../../src/clock';
import { Logger } from '../../src/tfplugin/logging';
import { blockType, type Block } from '../../src/tfplugin/schema/attribute';
import { ProviderServer } from '../../src/tfplugin/server/provider-server';
import { decodeMsgpack, encodeMsgpack } from '../../src/tfplugin/values/msgpack';
import type { TfValue } from '../../src/tfplugin/values/types';
import { ApinizerClient } from '../../src/vendors/apinizer/client';
import { staticToken } from '../../src/vendors/apinizer/auth';
import { DxClient } from '../../src/vendors/dx/client';
import { HttpClient, isHttpLayerError } from '../../src/vendors/http';
import { OxClient, OxGraphQLError, OxResponseError } from '../../src/vendors/ox/client';
import { credformProvider } from '../../src/vendors/provider';
import { TinesClient } from '../../src/vendors/tines/client';
import { dynamicValue, proposedCreate } from './fuzz-values';
import { vendorById } from '../../src/vendors/registry';

// ---------------------------------------------------------------------------------------------
// Valid answers per endpoint

// Made "just now" by the clock the provider reads (src/clock.ts): within the adoption window on any
// day the suite runs, and wherever CREDFORM_CLOCK_OFFSET_MS moves that clock.
const CREATED = new Date(now()).toISOString();
const DX_SUMMARY = { id: 456, type: 'jira_cloud', label: 'l', created_at: CREATED };
const DX_ITEM = { ...DX_SUMMARY, settings: { jira_user: 'a@example.com' }, disabled_at: null, expiration_date: null };
const APINIZER_ITEM = { username: 'u', email: 'u@example.com', fullName: 'F', description: null, roleNameList: ['API_USER'], enabled: true, ipList: [], expireDate: null };
const APINIZER_WRITE = { success: true, deploymentResult: { success: true, message: 'ok', environmentResults: [{ environmentName: 'production', success: true, message: 'ok' }] } };
const OX_CONNECTOR = {
  id: '2',
  name: 'gitlab',
  displayName: 'GitLab',
  family: 'sourceControl',
  credentialsTypes: ['Token'],
  enableMultiCredentials: true,
  disabledMultiCredentialsTypes: [],
  credentials: [{ __typename: 'TokenCredentials', credentialsId: 'abc123', credentialsName: 'n', credentialsType: 'Token', hostURL: null, isCertChecksDisabled: false }],
};
const TINES_CREDENTIAL = {
  id: 7,
  name: 'n',
  mode: 'TEXT',
  team_id: 2,
  folder_id: null,
  read_access: 'TEAM',
  shared_team_slugs: [],
  slug: 'n',
  created_at: CREATED,
  updated_at: CREATED,
  description: '',
  allowed_hosts: [],
  metadata: {},
  test_credential_enabled: false,
  test_credential: null,
};

interface Template {
  readonly status: number;
  readonly body: unknown;
}

/** The valid answer to a request, by vendor endpoint (the OX operation from the GraphQL body). */
function validAnswer(method: string, path: string, requestBody: string): Template {
  const p = path.replace(/\?.*$/, '');
  if (p === '/api/connections.list') return { status: 200, body: { ok: true, connections: [{ id: 123, type: 'jira_cloud', name: 'Jira', state: 'active', supports_multiple_credentials: true }] } };
  if (/credentials\.list$/.test(p)) return { status: 200, body: { ok: true, credentials: [DX_ITEM] } };
  if (/credentials\.info\/\d+$/.test(p)) return { status: 200, body: { ok: true, credential: { ...DX_ITEM, deleted_at: null } } };
  if (/credentials\.(create|update)$/.test(p)) return { status: p.endsWith('create') ? 201 : 200, body: { ok: true, credential: DX_SUMMARY } };
  if (/credentials\.delete$/.test(p)) return { status: 200, body: { ok: true } };
  if (p.startsWith('/apiops/')) return method === 'GET' ? { status: 200, body: { success: true, resultList: [APINIZER_ITEM] } } : { status: 200, body: APINIZER_WRITE };
  if (p === '/api/apollo-gateway') {
    const op = (() => {
      try {
        return (JSON.parse(requestBody) as { operationName?: string }).operationName;
      } catch {
        return undefined;
      }
    })();
    if (op === 'AddCredentials') return { status: 200, body: { data: { addCredentials: { connector: { ...OX_CONNECTOR, credentials: [...OX_CONNECTOR.credentials, { ...OX_CONNECTOR.credentials[0], credentialsId: 'new456' }] } } } } };
    if (op === 'RemoveCredentials') return { status: 200, body: { data: { removeCredentials: { connector: OX_CONNECTOR } } } };
    if (op === 'VerifySingleConnectorCredentials') return { status: 200, body: { data: { verifySingleConnectorCredentials: { credentialsAreValid: true, noReposFound: false, validationMessage: null } } } };
    return { status: 200, body: { data: { getConnectorsByFamily: [{ family: 'sourceControl', connectors: [{ connector: OX_CONNECTOR }] }] } } };
  }
  if (p === '/api/v1/user_credentials') return method === 'POST' ? { status: 201, body: TINES_CREDENTIAL } : { status: 200, body: { user_credentials: [TINES_CREDENTIAL], meta: { next_page: null, pages: 1 } } };
  if (/^\/api\/v1\/user_credentials\/\d+$/.test(p)) return method === 'DELETE' ? { status: 204, body: undefined } : { status: 200, body: TINES_CREDENTIAL };
  if (/^\/api\/v1\/teams\/\d+$/.test(p)) return { status: 200, body: { id: 2, name: 'Security', slug: 'security' } };
  if (p === '/api/v1/teams') return { status: 200, body: { teams: [{ id: 2, name: 'Security', slug: 'security' }], meta: { next_page: null } } };
  return { status: 404, body: 'Not Found' };
}

// ---------------------------------------------------------------------------------------------
// Fuzzed answers

type Kind = 'mutated' | 'json' | 'text' | 'cut-json' | 'html' | 'empty' | 'huge' | 'deep' | 'deep-echo' | 'binary' | 'truncated' | 'reset' | 'echo' | 'pages';

interface Mutation {
  /** Chooses the field changed among all fields of the valid body. */
  readonly path: number[];
  readonly to: 'delete' | 'null' | 'number' | 'string' | 'bool' | 'array' | 'object';
}

interface FuzzAnswer {
  readonly kind: Kind;
  readonly status: number;
  readonly contentType?: string;
  readonly text?: string;
  readonly mutation?: Mutation;
}

const HUGE_BODY = `{"ok":true,"pad":"${'x'.repeat(6 * 1024 * 1024)}"}`;
const DEEP_BODY = '['.repeat(100_000) + ']'.repeat(100_000);
const STATUSES = [200, 201, 204, 400, 401, 403, 404, 409, 422, 429, 500, 502, 503, 504];

const fuzzAnswer: fc.Arbitrary<FuzzAnswer> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ path: fc.array(fc.nat(), { maxLength: 6 }), to: fc.constantFrom('delete', 'null', 'number', 'string', 'bool', 'array', 'object') }).map((m) => ({ kind: 'mutated' as const, status: 200, mutation: { path: m.path, to: m.to } as Mutation })) },
  { weight: 3, arbitrary: fc.tuple(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom(...STATUSES)).map(([v, status]) => ({ kind: 'json' as const, status, text: JSON.stringify(v) ?? 'null', contentType: 'application/json' })) },
  { weight: 2, arbitrary: fc.tuple(fc.string({ maxLength: 200 }), fc.constantFrom(...STATUSES)).map(([text, status]) => ({ kind: 'text' as const, status, text, contentType: 'text/plain' })) },
  { weight: 2, arbitrary: fc.tuple(fc.nat(), fc.constantFrom(200, 201)).map(([cut, status]) => ({ kind: 'cut-json' as const, status, text: String(cut) })) },
  { weight: 1, arbitrary: fc.constantFrom(200, 401, 502, 503).map((status) => ({ kind: 'html' as const, status, contentType: 'text/html; charset=utf-8', text: '<!DOCTYPE html><html><head><title>Sign in - Corporate Proxy</title></head><body><h1>Login</h1></body></html>' })) },
  { weight: 1, arbitrary: fc.constantFrom(200, 201, 204, 400, 500).map((status) => ({ kind: 'empty' as const, status, text: '', contentType: 'application/json' })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'huge' as const, status: 200, contentType: 'application/json' }) },
  { weight: 1, arbitrary: fc.constantFrom(200, 400).map((status) => ({ kind: 'deep' as const, status, contentType: 'application/json' })) },
  { weight: 1, arbitrary: fc.uint8Array({ minLength: 1, maxLength: 64 }).map((b) => ({ kind: 'binary' as const, status: 200, text: Buffer.from(b).toString('latin1'), contentType: 'application/json; charset=nope' })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'truncated' as const, status: 200, contentType: 'application/json' }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'reset' as const, status: 0 }) },
  { weight: 2, arbitrary: fc.constantFrom(200, 400, 401, 422, 500).map((status) => ({ kind: 'echo' as const, status })) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(200, 422), fc.integer({ min: 1, max: 200 })).map(([status, depth]) => ({ kind: 'deep-echo' as const, status, text: String(depth) })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'pages' as const, status: 200, contentType: 'application/json' }) },
);

function leafPaths(v: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(v)) return v.length ? v.flatMap((item, i) => leafPaths(item, [...path, i])) : [path];
  if (v && typeof v === 'object') {
    const entries = Object.entries(v);
    return entries.length ? entries.flatMap(([k, item]) => [[...path, k], ...leafPaths(item, [...path, k])]) : [path];
  }
  return [path];
}

/** Every key inside a value. */
function keysIn(v: unknown): string[] {
  if (Array.isArray(v)) return v.flatMap(keysIn);
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, item]) => [k, ...keysIn(item)]);
  return [];
}

/**
 * Applies a mutation to a copy of `body`; returns the body and the names an error about it may use:
 * the keys on the way to the changed field, and the keys it held (a message may name what is missing
 * underneath it).
 */
function mutate(body: unknown, m: Mutation): { body: unknown; keys: string[] } {
  const copy = structuredClone(body);
  const leaves = leafPaths(copy).filter((p) => p.length > 0);
  if (!leaves.length) return { body: copy, keys: [] };
  const pick = leaves[m.path.reduce((a, b) => a + b, 0) % leaves.length]!;
  let parent = copy as Record<string | number, unknown>;
  for (const step of pick.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
  const last = pick[pick.length - 1]!;
  const held = keysIn(parent[last]);
  const replacement = { null: null, number: 12345, string: 'not-the-right-kind', bool: true, array: [], object: {} }[m.to as Exclude<Mutation['to'], 'delete'>];
  if (m.to === 'delete') {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else parent[last] = replacement;
  return { body: copy, keys: [...pick.filter((s): s is string => typeof s === 'string'), ...held] };
}

// ---------------------------------------------------------------------------------------------
// The stand-in vendor

interface Aim {
  /** Which request of the operation gets the fuzzed answer (0 = the first). */
  readonly at: number;
  readonly answer: FuzzAnswer;
}

let aim: Aim | undefined;
let seen = 0;
let lastMutatedKeys: string[] = [];
const stats: Record<string, number> = {};
let server: Server;
let base: string;

function send(res: ServerResponse, status: number, text: string | undefined, contentType = 'application/json'): void {
  const headers: Record<string, string | number> = { 'content-type': contentType };
  if (status === 429) headers['retry-after'] = '0';
  if (status === 204 || text === undefined) {
    res.writeHead(status, headers);
    res.end();
    return;
  }
  res.writeHead(status, { ...headers, 'content-length': Buffer.byteLength(text, 'latin1') });
  res.end(Buffer.from(text, 'latin1'));
}

function answer(req: IncomingMessage, res: ServerResponse, requestBody: string): void {
  const valid = validAnswer(req.method ?? 'GET', req.url ?? '/', requestBody);
  const n = seen++;
  if (!aim || n !== aim.at) {
    send(res, valid.status, valid.body === undefined ? undefined : typeof valid.body === 'string' ? valid.body : JSON.stringify(valid.body), typeof valid.body === 'string' ? 'text/plain' : 'application/json');
    return;
  }
  const a = aim.answer;
  stats[a.kind] = (stats[a.kind] ?? 0) + 1;
  const validText = JSON.stringify(valid.body ?? {});
  switch (a.kind) {
    case 'mutated': {
      const m = mutate(valid.body ?? {}, a.mutation!);
      lastMutatedKeys = m.keys;
      return send(res, valid.status === 204 ? 200 : valid.status, JSON.stringify(m.body));
    }
    case 'cut-json':
      return send(res, a.status, validText.slice(0, Number(a.text) % Math.max(1, validText.length)));
    case 'huge':
      return send(res, a.status, HUGE_BODY);
    case 'deep':
      return send(res, a.status, DEEP_BODY);
    case 'truncated':
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': validText.length + 100 });
      res.write(validText.slice(0, Math.floor(validText.length / 2)));
      setTimeout(() => res.socket?.destroy(), 5);
      return;
    case 'reset':
      req.socket.destroy();
      return;
    case 'echo':
      // An error page that quotes the request it refused — secrets included.
      return send(res, a.status, JSON.stringify({ ok: false, error: `refused: ${requestBody}`, error_description: requestBody, errors: [{ message: requestBody }], display_message: requestBody }));
    case 'deep-echo': {
      // The request quoted at the bottom of a deeply nested error body.
      let nested: unknown = { message: requestBody };
      for (let i = 0; i < Number(a.text); i++) nested = [nested];
      return send(res, a.status, JSON.stringify({ ok: false, error: 'nested', errors: nested }));
    }
    case 'pages':
      // A list that never ends: every page says there is a next one.
      return send(res, 200, JSON.stringify({ ...(valid.body as object), meta: { next_page: `${base}/api/v1/user_credentials?page=${n + 2}&per_page=500`, next_page_number: n + 2 } }));
    default:
      return send(res, a.status, a.text, a.contentType);
  }
}

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  process.on('uncaughtException', onUnhandled);
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => answer(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  process.off('uncaughtException', onUnhandled);
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  // eslint-disable-next-line no-console
  console.log(`response fuzz: answers by kind ${JSON.stringify(stats)}; outcomes ${JSON.stringify(outcomes)}`);
});

afterEach(() => {
  expect(unhandled).toEqual([]);
});

// ---------------------------------------------------------------------------------------------
// Vendor clients, called directly

const SECRET = 'fuzz-secret-value-9f3a';
const TOKEN = 'fuzz-api-token-51c7';
const outcomes: Record<string, number> = {};

function http(vendor: 'dx' | 'apinizer' | 'ox' | 'tines'): HttpClient {
  return new HttpClient({
    vendor: vendorById(vendor),
    baseUrl: base,
    auth: () => ({ Authorization: `Bearer ${TOKEN}` }),
    secrets: () => [TOKEN],
    retry: { maxAttempts: 1 },
    timeouts: { requestMs: 3000, connectMs: 1000 },
  });
}

type Call = () => Promise<unknown>;

function calls(): Record<string, Call[]> {
  const dx = new DxClient(http('dx'));
  const apinizer = new ApinizerClient(http('apinizer'), staticToken(TOKEN));
  const ox = new OxClient(http('ox'), new Logger('test', {}));
  const tines = new TinesClient(http('tines'));
  const body = { email: 'u@example.com', fullName: 'F', description: null, username: 'u', password: SECRET, roleNameList: ['API_USER'], enabled: true, ipList: [], expireDate: null };
  return {
    dx: [
      () => dx.listConnections(),
      () => dx.listCredentials(123),
      () => dx.credentialInfo(123, 456),
      () => dx.createCredential(123, { label: 'l', settings: { jira_user: 'a@example.com' }, secrets: { api_token: SECRET } }),
      () => dx.updateCredential(123, { id: 456, secrets: { api_token: SECRET } }),
      () => dx.deleteCredential(123, 456),
    ],
    apinizer: [
      () => apinizer.listCredentials('MyProject'),
      () => apinizer.createCredential('MyProject', body),
      () => apinizer.replaceCredential('MyProject', body),
      () => apinizer.changePassword('MyProject', 'u', SECRET),
      () => apinizer.deleteCredential('MyProject', 'u'),
    ],
    ox: [
      () => ox.connectors(['Token']),
      () => ox.addCredentials({ connectorID: '2', credentialsType: 'Token', credentialsName: 'n', credentialsInput: { token: SECRET } }, ['Token'], [SECRET]),
      () => ox.verifyCredentials('2', 'abc123'),
      () => ox.removeCredentials('2', 'abc123', ['Token']),
    ],
    tines: [
      () => tines.createCredential({ name: 'n', value: SECRET, team_id: 2 }),
      () => tines.getCredential(7),
      () => tines.updateCredential(7, { value: SECRET }),
      () => tines.deleteCredential(7),
      () => tines.listCredentials(2),
      () => tines.getTeam(2),
    ],
  };
}

function isTyped(e: unknown): boolean {
  return isHttpLayerError(e) || e instanceof OxGraphQLError || e instanceof OxResponseError;
}

/** Every string inside a value, however deep (without recursion: a vendor body may nest 100,000 levels). */
function allStrings(value: unknown): string {
  const out: string[] = [];
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === 'string') out.push(v);
    else if (v && typeof v === 'object') for (const [k, item] of Object.entries(v)) stack.push(k, item);
  }
  return out.join(' ');
}

/** The error as a log or a diagnostic could show it: message and every field of its plain data (the body included). */
function describe_(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const data = isHttpLayerError(e) ? e.toJSON() : { ...e };
  return `${e.name}: ${e.message} ${allStrings(data)}`;
}

const RUNS_PER_VENDOR = 300;

describe.each(['dx', 'apinizer', 'ox', 'tines'])('%s client', (vendor) => {
  test(`${RUNS_PER_VENDOR} malformed answers: a result or a typed error that names the field, never a secret`, async () => {
    const byVendor = calls()[vendor]!;
    await fc.assert(
      fc.asyncProperty(fc.nat(byVendor.length - 1), fuzzAnswer, async (which, fuzzed) => {
        aim = { at: 0, answer: fuzzed };
        seen = 0;
        lastMutatedKeys = [];
        let error: unknown;
        try {
          await byVendor[which]!();
        } catch (e) {
          error = e;
        }
        aim = undefined;
        const outcome = error === undefined ? 'result' : error instanceof Error ? error.name : typeof error;
        outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
        if (error === undefined) return;
        if (!isTyped(error)) {
          // Tines' list has a safety stop for a next page that never ends: a plain Error, said plainly.
          if (fuzzed.kind === 'pages' && error instanceof Error && /still had a next page/.test(error.message)) return;
          throw new Error(`untyped error for a ${fuzzed.kind} answer: ${describe_(error)}`);
        }
        const text = describe_(error);
        expect(text).not.toContain(SECRET);
        expect(text).not.toContain(TOKEN);
        const shapeError = (error as { problem?: string }).problem === 'unexpected_shape' || error instanceof OxResponseError;
        if (fuzzed.kind === 'mutated' && shapeError && lastMutatedKeys.length > 0) {
          // The message names the field whose value is wrong, one on the way to it, or one it should hold.
          if (!lastMutatedKeys.some((k) => text.includes(k))) throw new Error(`the error names none of ${JSON.stringify(lastMutatedKeys)}: ${text}`);
          outcomes['shape errors naming the field'] = (outcomes['shape errors naming the field'] ?? 0) + 1;
        }
      }),
      { numRuns: RUNS_PER_VENDOR, seed: 4242, endOnFailure: true },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Through the provider server: read, plan and create of each resource type

const provider = credformProvider({});
const blocks: Record<string, Block> = Object.fromEntries(provider.resources.map((r) => [r.typeName, r.schema.block]));

const CONFIGS: Record<string, Record<string, TfValue>> = {
  credform_dx_credential: { connection_id: 123, label: 'l', settings_json: '{"jira_user":"a@example.com"}', secrets_wo: { api_token: SECRET } },
  credform_apinizer_credential: { project_name: 'MyProject', username: 'u', email: 'u@example.com', full_name: 'F', role_names: ['API_USER'], enabled: true, ip_list: [], password_wo: SECRET },
  credform_ox_connector_credentials: { connector_id: '2', credentials_type: 'Token', credentials_name: 'n', credentials_secrets_wo: { token: SECRET } },
  credform_tines_text_credential: { name: 'n', team_id: 2, value_wo: SECRET, read_access: 'TEAM', description: '', metadata: {}, allowed_hosts: [] },
};

interface Diag {
  severity: number;
  summary: string;
  detail: string;
}

describe('through the provider server', () => {
  let srv: ProviderServer<unknown>;
  const planned: Record<string, { state: Uint8Array; private: Uint8Array }> = {};
  const applied: Record<string, { state: Uint8Array; private: Uint8Array }> = {};

  const dv = (typeName: string, v: Record<string, TfValue> | null) => dynamicValue(encodeMsgpack(v, blockType(blocks[typeName]!)));
  const fullConfig = (typeName: string) => Object.fromEntries(Object.keys(blocks[typeName]!.attributes).map((k) => [k, CONFIGS[typeName]![k] ?? null])) as Record<string, TfValue>;

  async function run(typeName: string, rpc: 'read' | 'plan' | 'create'): Promise<{ diagnostics: Diag[]; new_state?: { msgpack?: Uint8Array } }> {
    const config = fullConfig(typeName);
    if (rpc === 'read') return (await srv.readResource({ type_name: typeName, current_state: dynamicValue(applied[typeName]!.state), private: Buffer.from(applied[typeName]!.private) })) as never;
    if (rpc === 'plan') {
      return (await srv.planResourceChange({ type_name: typeName, config: dv(typeName, config), prior_state: dv(typeName, null), proposed_new_state: dv(typeName, proposedCreate(blocks[typeName]!, config)), prior_private: Buffer.alloc(0) })) as never;
    }
    return (await srv.applyResourceChange({ type_name: typeName, config: dv(typeName, config), prior_state: dv(typeName, null), planned_state: dynamicValue(planned[typeName]!.state), planned_private: Buffer.from(planned[typeName]!.private) })) as never;
  }

  beforeAll(async () => {
    const withBase = credformProvider({ DX_BASE_URL: base, DX_API_TOKEN: TOKEN, APINIZER_BASE_URL: base, APINIZER_TOKEN: TOKEN, OX_BASE_URL: base, OX_API_KEY: TOKEN, TINES_BASE_URL: base, TINES_API_KEY: TOKEN });
    srv = new ProviderServer(withBase as never, new Logger('test', {}));
    const vendorBlock = { max_retries: 0, timeout_seconds: 3 };
    const providerConfig = encodeMsgpack({ dx: vendorBlock, apinizer: vendorBlock, ox: vendorBlock, tines: vendorBlock } as never, blockType(withBase.schema.block));
    const configured = (await srv.configureProvider({ config: dynamicValue(providerConfig), terraform_version: '' })) as { diagnostics: Diag[] };
    expect(configured.diagnostics).toEqual([]);
    // With valid answers everywhere: the plan and the state each fuzzed call starts from.
    for (const typeName of Object.keys(CONFIGS)) {
      aim = undefined;
      const plan = (await run(typeName, 'plan')) as { diagnostics: Diag[]; planned_state: { msgpack: Uint8Array }; planned_private: Uint8Array };
      expect(plan.diagnostics.filter((d) => d.severity === 1)).toEqual([]);
      planned[typeName] = { state: plan.planned_state.msgpack, private: plan.planned_private };
      const created = (await run(typeName, 'create')) as { diagnostics: Diag[]; new_state: { msgpack: Uint8Array }; private: Uint8Array };
      expect(created.diagnostics.filter((d) => d.severity === 1)).toEqual([]);
      expect(decodeMsgpack(created.new_state.msgpack, blockType(blocks[typeName]!))).not.toBeNull();
      applied[typeName] = { state: created.new_state.msgpack, private: created.private };
    }
  });

  test.each(Object.keys(CONFIGS))('%s: 100 reads, plans and creates, one answer of each malformed: diagnostics, never a crash or a secret', async (typeName) => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom<'read' | 'plan' | 'create'>('read', 'plan', 'create'), fc.nat(3), fuzzAnswer, async (rpc, at, fuzzed) => {
        // A read sends one request, a plan one or two, a create up to four.
        const target = rpc === 'read' ? 0 : rpc === 'plan' ? at % 2 : at;
        aim = { at: target, answer: fuzzed };
        seen = 0;
        const res = await run(typeName, rpc);
        aim = undefined;
        if (seen > target) outcomes['server: malformed answers delivered'] = (outcomes['server: malformed answers delivered'] ?? 0) + 1;
        const diags = res.diagnostics ?? [];
        for (const d of diags) {
          expect(d.summary).not.toBe('Unexpected provider error');
          expect(`${d.summary} ${d.detail}`).not.toContain(SECRET);
          expect(`${d.summary} ${d.detail}`).not.toContain(TOKEN);
        }
        outcomes[`server ${rpc} ${diags.some((d) => d.severity === 1) ? 'error' : 'ok'}`] = (outcomes[`server ${rpc} ${diags.some((d) => d.severity === 1) ? 'error' : 'ok'}`] ?? 0) + 1;
      }),
      { numRuns: 100, seed: 99, endOnFailure: true },
    );
  });
});
