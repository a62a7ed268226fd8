/**
 * The Tines error mapper: every body shape Tines uses (`{errors:[{message,details}]}`, a bare array,
 * plain text, HTML) becomes a readable diagnostic on the attribute it names. The bodies come from the
 * Tines simulator through the real HTTP client (and, for shapes the simulator never sends, as data).
 */
import { Diagnostics } from '../../../src/tfplugin/diagnostics';
import { AmbiguousRequestError, HttpClient, RetryBudgetExceededError, TransportError, VendorHttpError, vendorErrorDetails } from '../../../src/vendors/http';
import { TinesClient } from '../../../src/vendors/tines/client';
import { tinesMessages } from '../../../src/vendors/tines/error-body';
import { attributeOfMessage, describeTinesError, reportError } from '../../../src/vendors/tines/errors';
import { startTinesSimulator, type TinesSimulator } from '../../../src/simulators';
import { tinesVendor } from '../../../src/vendors/tines/vendor';

const ctx = { action: 'create', subject: 'credential "x" in team 2', valueAttribute: 'value_wo' };
const request = { vendor: 'tines', vendorName: 'Tines', method: 'POST', path: '/api/v1/user_credentials', attempts: 1 };
/** The error as the HTTP layer makes it: the body read by Tines' reader into `vendorMessage` and `issues`. */
function httpError(status: number, body: unknown, call: { method?: string; path?: string } = {}): VendorHttpError {
  const { code, message, issues } = vendorErrorDetails(body, typeof body === 'string' ? body : JSON.stringify(body ?? ''), undefined, tinesVendor.errorBody);
  return new VendorHttpError({ ...request, ...call, status, body, code, vendorMessage: message, issues });
}

describe('tinesMessages: every body shape', () => {
  test.each([
    ['errors[] with details', { errors: [{ message: 'Validation failed', details: "Name can't be blank" }, { message: 'Validation failed', details: 'Team 9 does not exist' }] }, ["Name can't be blank", 'Team 9 does not exist']],
    ['errors[] with a meaningful headline', { errors: [{ message: 'Unauthorized', details: 'A valid API key is required' }] }, ['Unauthorized: A valid API key is required']],
    ['errors[] without details', { errors: [{ message: 'Rate limit exceeded' }] }, ['Rate limit exceeded']],
    ['errors[] of strings', { errors: ['Name has already been taken'] }, ['Name has already been taken']],
    ['Rails-style errors object', { errors: { name: ['has already been taken'], team_id: ["can't be blank"] } }, ['Name has already been taken', "Team id can't be blank"]],
    ['bare array', ['Name has already been taken'], ['Name has already been taken']],
    ['bare array of objects', [{ message: 'Bad', details: 'per_page must be a positive integer' }], ['Bad: per_page must be a positive integer']],
    ['plain text', 'Not Found', ['Not Found']],
    ['plain text over lines', 'Internal\n  Server Error\n', ['Internal Server Error']],
    ['HTML page', '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>…</body></html>', ['an HTML page titled "502 Bad Gateway"']],
    ['{ error }', { error: 'Something broke' }, ['Something broke']],
    ['empty', undefined, []],
    ['empty string', '   ', []],
  ])('%s', (_name, body, expected) => {
    expect(tinesMessages(body)).toEqual(expected);
  });

  test('a very long message is cut', () => {
    expect(tinesMessages('x'.repeat(1000))[0]!.length).toBeLessThan(310);
  });
});

describe('attributeOfMessage', () => {
  test.each([
    ["Name can't be blank", 'name'],
    ['Team 99 does not exist', 'team_id'],
    ['Folder 2 does not exist in this team', 'folder_id'],
    ['Read access must be one of TEAM, GLOBAL, SPECIFIC_TEAMS', 'read_access'],
    ['Shared team slugs are required when read_access is SPECIFIC_TEAMS', 'shared_team_slugs'],
    ['Shared team slug nope does not match a team', 'shared_team_slugs'],
    ['Allowed hosts must be an array of strings', 'allowed_hosts'],
    ["Value can't be blank", 'value_wo'],
    ['Live credential 7 does not exist', 'live_credential_id'],
    ['Metadata must be an object of key/value pairs', 'metadata'],
    ['Mode X is not supported', undefined],
  ])('%s → %s', (message, attribute) => {
    expect(attributeOfMessage(message, 'value_wo')).toBe(attribute);
  });
});

describe('describeTinesError', () => {
  test('422 errors[]: one problem per message, on its attribute', () => {
    const problems = describeTinesError(httpError(422, { errors: [{ message: 'Validation failed', details: "Name can't be blank" }, { message: 'Validation failed', details: "Value can't be blank" }] }), ctx);
    expect(problems).toEqual([
      { summary: 'Tines refused the create', attribute: 'name', detail: expect.stringContaining("Tines answered HTTP 422: Name can't be blank") },
      { summary: 'Tines refused the create', attribute: 'value_wo', detail: expect.stringContaining("Value can't be blank") },
    ]);
  });

  test('422 bare array "Name has already been taken": a name problem that says what to do', () => {
    const [p] = describeTinesError(httpError(422, ['Name has already been taken']), ctx);
    expect(p).toMatchObject({ summary: 'Credential name already taken', attribute: 'name' });
    expect(p!.detail).toContain('Names are unique within a team');
    expect(p!.detail).toContain('terraform import');
  });

  test('404 plain text on update: deleted outside Terraform; on create: the base URL', () => {
    const [update] = describeTinesError(httpError(404, 'Not Found', { method: 'PUT', path: '/api/v1/user_credentials/5' }), { ...ctx, action: 'update' });
    expect(update).toMatchObject({ summary: 'Credential not found in Tines' });
    expect(update!.detail).toContain('Tines answered HTTP 404: Not Found (PUT /api/v1/user_credentials/5');
    expect(update!.detail).toContain('deleted outside Terraform');
    const [create] = describeTinesError(httpError(404, 'Not Found'), ctx);
    expect(create!.detail).toContain('base URL');
  });

  test('401 errors[]: the key, and where it comes from', () => {
    const [p] = describeTinesError(httpError(401, { errors: [{ message: 'Unauthorized', details: 'A valid API key is required' }] }), ctx);
    expect(p!.summary).toBe('Tines did not accept the API key');
    expect(p!.detail).toContain('Unauthorized: A valid API key is required');
    expect(p!.detail).toContain('TINES_API_KEY');
  });

  test('403, 5xx plain text, 429 after retries, unexpected 409', () => {
    expect(describeTinesError(httpError(403, { errors: [{ message: 'Forbidden' }] }), ctx)[0]!.summary).toBe('The Tines API key lacks a permission');
    const [server] = describeTinesError(httpError(503, 'Internal Server Error'), ctx);
    expect(server!.summary).toBe('Tines create failed on the Tines side');
    expect(server!.detail).toContain('HTTP 503: Internal Server Error');
    const last = httpError(429, { errors: [{ message: 'Rate limit exceeded', details: 'Too many requests' }] });
    const budget = new RetryBudgetExceededError({ ...request, attempts: 5, reason: 'max_attempts', elapsedMs: 1000, waitedMs: 900, maxAttempts: 5, maxTotalWaitMs: 60000, lastCause: last });
    expect(describeTinesError(budget, ctx)[0]!.summary).toBe('Tines is rate limiting this API key');
    expect(describeTinesError(httpError(409, ['Conflict']), ctx)[0]).toMatchObject({ summary: 'Tines create failed', detail: expect.stringContaining('HTTP 409: Conflict') });
  });

  test('no HTTP answer: transport and ambiguous errors keep their words', () => {
    const transport = new TransportError({ ...request, code: 'ECONNREFUSED', phase: 'connect', origin: 'https://t.example', detail: 'could not connect' });
    expect(describeTinesError(transport, ctx)[0]).toMatchObject({ summary: 'Cannot reach Tines', detail: expect.stringContaining('TINES_BASE_URL') });
    const lost = new AmbiguousRequestError({ ...request, reason: 'connection_lost', detail: 'the connection closed before the answer' });
    expect(describeTinesError(lost, ctx)[0]!.summary).toBe('Tines create outcome unknown');
    expect(describeTinesError(new Error('boom'), ctx)[0]).toEqual({ summary: 'Tines create failed', detail: 'boom' });
  });

  test('reportError puts attribute problems on their path and adds the extra detail', () => {
    const diags = new Diagnostics();
    reportError(diags, httpError(422, ['Name has already been taken']), { ...ctx, extra: 'The credential holding it has ID 7.' });
    expect(diags.items).toEqual([{ severity: 'error', summary: 'Credential name already taken', path: ['name'], detail: expect.stringContaining('has ID 7.') }]);
  });
});

describe('real bodies from the Tines simulator, through the HTTP client', () => {
  let sim: TinesSimulator;
  let api: TinesClient;
  let http: HttpClient;
  beforeAll(async () => {
    sim = await startTinesSimulator({ rateLimits: [] });
    http = new HttpClient({ vendor: tinesVendor, baseUrl: sim.url, auth: () => ({ Authorization: `Bearer ${sim.token}` }), retry: { maxAttempts: 1 } });
    api = new TinesClient(http);
  });
  afterAll(async () => {
    await http.close();
    await sim.stop();
  });

  const caught = (p: Promise<unknown>) => p.then(() => { throw new Error('expected a failure'); }, (e: unknown) => e);

  test('validation `{errors:[…]}` (422) → attribute problems', async () => {
    const e = await caught(api.createCredential({ name: ' ', value: 'v', team_id: 2, folder_id: 2 }));
    const problems = describeTinesError(e, ctx);
    expect(problems.map((p) => p.attribute)).toEqual(['name', 'folder_id']);
  });

  test('name taken (422 bare array) → "Credential name already taken"', async () => {
    await api.createCredential({ name: 'taken', value: 'v', team_id: 2 });
    const e = await caught(api.createCredential({ name: 'taken', value: 'secret-never-shown', team_id: 2 }));
    const [p] = describeTinesError(e, ctx);
    expect(p).toMatchObject({ summary: 'Credential name already taken', attribute: 'name' });
    expect(JSON.stringify(p)).not.toContain('secret-never-shown');
  });

  test('bad list parameter (400 bare array) → the parameter in the words of Tines', async () => {
    const e = await caught(http.request({ method: 'GET', path: '/api/v1/user_credentials', query: { per_page: 0 }, idempotent: true }));
    expect(describeTinesError(e, { ...ctx, action: 'check' })[0]!.detail).toContain('per_page must be a positive integer');
  });

  test('unknown credential (404 text/plain) → deleted outside Terraform', async () => {
    const e = await caught(api.updateCredential(999, { description: 'x' }));
    expect(describeTinesError(e, { ...ctx, action: 'update' })[0]!.summary).toBe('Credential not found in Tines');
  });

  test('malformed JSON (400 errors[]) and a wrong key (401 errors[])', async () => {
    const bad = await caught(http.request({ method: 'POST', path: '/api/v1/user_credentials', headers: { 'content-type': 'application/json' }, json: 'not an object', idempotent: false }));
    expect(describeTinesError(bad, ctx)[0]!.detail).toContain('Malformed JSON: The request body could not be parsed as a JSON object');
    const wrong = new HttpClient({ vendor: tinesVendor, baseUrl: sim.url, auth: () => ({ Authorization: 'Bearer nope' }), retry: { maxAttempts: 1 } });
    const e = await caught(new TinesClient(wrong).getTeam(1));
    await wrong.close();
    expect(describeTinesError(e, ctx)[0]!.summary).toBe('Tines did not accept the API key');
  });

  test('injected server error (503 text/plain)', async () => {
    sim.setFaults({ serverErrorShare: 1 });
    const e = await caught(api.getTeam(1));
    sim.setFaults(undefined);
    expect(describeTinesError(e, ctx)[0]!.detail).toContain('HTTP 503: Internal Server Error');
  });
});
