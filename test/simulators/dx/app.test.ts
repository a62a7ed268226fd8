// @date-sensitive: DX's per-minute rate window in the simulator. Also run with the clock moved (scripts/test-clock-shift.mjs).
import { startDxSimulator, type DxSimulator } from '../../../src/simulators';
import { clockInWindow, MINUTE_MS } from '../../support/clock';
import { ISO_TIMESTAMP, closeClient, fixture, send, shapeOf, type Reply } from '../support/http';

let dx: DxSimulator;
const auth = (): Record<string, string> => ({ Authorization: `Bearer ${dx.token}` });

/** The seed page's curl: same headers, body as written; only host and token substituted. */
const curl = (path: string, body: string): Promise<Reply> =>
  send(`${dx.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${dx.token}` },
    body,
  });
const post = (path: string, body: object): Promise<Reply> => send(`${dx.url}${path}`, { headers: auth(), body });
const get = (path: string): Promise<Reply> => send(`${dx.url}${path}`, { headers: auth() });

const liveRows = (connectionId: number) =>
  dx.snapshot().credentials.filter((c) => c.connection_id === connectionId && c.deleted_at === null);

beforeEach(async () => {
  dx = await startDxSimulator();
});
afterEach(async () => {
  await dx.stop();
});
afterAll(closeClient);

describe('DX seed examples, sent as written', () => {
  test('credentials.create answers 201 with the documented credential', async () => {
    const r = await curl('/api/connections/123/credentials.create', fixture('dx-create-body.json'));
    expect(r.status).toBe(201);
    expect(r.body).toEqual({
      ok: true,
      credential: {
        id: 456,
        type: 'jira_cloud',
        label: 'Automation user — myfakecompany',
        created_at: expect.stringMatching(ISO_TIMESTAMP),
      },
    });
    const [row] = liveRows(123);
    expect(row?.secrets).toEqual({ api_token: 'ATATT3xFakeExampleToken000000000000000123abc=' });
  });

  test('credentials.update (label only) answers 200 and keeps settings and secrets', async () => {
    await curl('/api/connections/123/credentials.create', fixture('dx-create-body.json'));
    const before = liveRows(123)[0]!;
    const r = await curl('/api/connections/123/credentials.update', fixture('dx-update-body.json'));
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      ok: true,
      credential: {
        id: 456,
        type: 'jira_cloud',
        label: 'Automation user — myfakecompany (updated)',
        created_at: before.created_at,
      },
    });
    const after = liveRows(123)[0]!;
    expect(after.settings).toEqual(before.settings);
    expect(after.secrets).toEqual(before.secrets);
  });
});

describe('DX reads', () => {
  test('connections.list has every documented field', async () => {
    const r = await get('/api/connections.list');
    expect(r.status).toBe(200);
    expect(r.body.ok).toBe(true);
    const jira = r.body.connections.find((c: { id: number }) => c.id === 123);
    expect(shapeOf(jira)).toEqual({
      id: 'number',
      type: 'string',
      name: 'string',
      state: 'string',
      disabled_at: 'null',
      last_synced_at: 'null',
      created_at: 'string',
      supports_multiple_credentials: 'boolean',
    });
    expect(jira.type).toBe('jira_cloud');
    expect(r.body.connections.find((c: { type: string }) => c.type === 'github').supports_multiple_credentials).toBe(
      false
    );
  });

  test('credentials.list shows settings, never secrets; info adds deleted_at', async () => {
    await curl('/api/connections/123/credentials.create', fixture('dx-create-body.json'));
    const list = await get('/api/connections/123/credentials.list');
    expect(list.status).toBe(200);
    expect(list.body.credentials).toHaveLength(1);
    expect(shapeOf(list.body.credentials[0])).toEqual({
      id: 'number',
      type: 'string',
      label: 'string',
      settings: 'object',
      created_at: 'string',
      disabled_at: 'null',
      expiration_date: 'null',
    });
    expect(list.text).not.toContain('ATATT3x');
    const info = await get('/api/connections/123/credentials.info/456');
    expect(info.status).toBe(200);
    expect(info.body).toEqual({ ok: true, credential: { ...list.body.credentials[0], deleted_at: null } });
    expect(info.text).not.toContain('ATATT3x');
  });

  test('delete is soft: the row leaves the list, info still answers with deleted_at', async () => {
    await curl('/api/connections/123/credentials.create', fixture('dx-create-body.json'));
    const del = await post('/api/connections/123/credentials.delete', { id: 456 });
    expect(del.status).toBe(200);
    expect(del.body).toEqual({ ok: true });
    expect((await get('/api/connections/123/credentials.list')).body.credentials).toEqual([]);
    const info = await get('/api/connections/123/credentials.info/456');
    expect(info.body.credential.deleted_at).toMatch(ISO_TIMESTAMP);
    expect(dx.snapshot().credentials).toHaveLength(1);
    // A second delete, or an update, of a deleted credential does not find it.
    expect((await post('/api/connections/123/credentials.delete', { id: 456 })).body.error).toBe(
      'credential_not_found'
    );
    expect((await post('/api/connections/123/credentials.update', { id: 456, label: 'x' })).body.error).toBe(
      'credential_not_found'
    );
  });
});

describe('DX documented errors', () => {
  const expectError = (r: Reply, error: string): void => {
    expect(r.status).toBe(422);
    expect(r.body).toEqual({ ok: false, error });
  };

  test('not_authed: no key, a wrong key, a raw key without Bearer', async () => {
    expectError(await send(`${dx.url}/api/connections.list`), 'not_authed');
    expectError(
      await send(`${dx.url}/api/connections.list`, { headers: { Authorization: 'Bearer nope' } }),
      'not_authed'
    );
    expectError(await send(`${dx.url}/api/connections.list`, { headers: { Authorization: dx.token } }), 'not_authed');
    expectError(
      await send(`${dx.url}/api/connections/123/credentials.create`, {
        headers: { Authorization: 'Bearer nope' },
        body: JSON.parse(fixture('dx-create-body.json')),
      }),
      'not_authed'
    );
    expect(dx.snapshot().credentials).toHaveLength(0);
  });

  test('connection_not_found on every connection method', async () => {
    expectError(
      await post('/api/connections/999/credentials.create', JSON.parse(fixture('dx-create-body.json'))),
      'connection_not_found'
    );
    expectError(await post('/api/connections/999/credentials.update', { id: 1 }), 'connection_not_found');
    expectError(await post('/api/connections/999/credentials.delete', { id: 1 }), 'connection_not_found');
    expectError(await get('/api/connections/999/credentials.list'), 'connection_not_found');
    expectError(await get('/api/connections/abc/credentials.list'), 'connection_not_found');
    expectError(await get('/api/connections/999/credentials.info/1'), 'connection_not_found');
  });

  test('credential_not_found on update, delete and info', async () => {
    expectError(await post('/api/connections/123/credentials.update', { id: 999, label: 'x' }), 'credential_not_found');
    expectError(await post('/api/connections/123/credentials.delete', { id: 999 }), 'credential_not_found');
    expectError(await get('/api/connections/123/credentials.info/999'), 'credential_not_found');
  });

  test('invalid_json on a body that does not parse', async () => {
    expectError(await curl('/api/connections/123/credentials.create', '{"label": "x",'), 'invalid_json');
    expectError(await curl('/api/connections/123/credentials.update', '{nope'), 'invalid_json');
    expectError(await curl('/api/connections/123/credentials.delete', '[1,'), 'invalid_json');
  });

  test('missing settings or secrets on create is invalid_arguments (assumed code)', async () => {
    expectError(await post('/api/connections/123/credentials.create', { label: 'x' }), 'invalid_arguments');
    expectError(
      await post('/api/connections/123/credentials.create', { settings: { jira_user: 'a@b.c' }, secrets: {} }),
      'invalid_arguments'
    );
    expect(dx.snapshot().credentials).toHaveLength(0);
  });
});

describe('DX verification', () => {
  const jira = (user: string, token: string) => ({ settings: { jira_user: user }, secrets: { api_token: token } });

  test('a secret starting with "invalid" is "Invalid credentials", and nothing is stored', async () => {
    const r = await post('/api/connections/123/credentials.create', jira('a@x.io', 'invalid-token'));
    expect(r.status).toBe(422);
    expect(r.body).toEqual({
      ok: false,
      error: 'Invalid credentials',
      display_message: 'The API token provided is invalid.',
      raw_message: '401 Unauthorized',
    });
    expect(dx.snapshot().credentials).toHaveLength(0);
  });

  test('a secret starting with "noperm" is "Invalid permissions" with display and raw messages', async () => {
    const r = await post('/api/connections/125/credentials.create', {
      settings: {},
      secrets: { nested: { key: 'noperm-1' } },
    });
    expect(r.status).toBe(422);
    expect(r.body.ok).toBe(false);
    expect(r.body.error).toBe('Invalid permissions');
    expect(typeof r.body.display_message).toBe('string');
    expect(typeof r.body.raw_message).toBe('string');
    expect(dx.snapshot().credentials).toHaveLength(0);
  });

  test('duplicate secrets, then duplicate settings, among live credentials of the connection', async () => {
    expect((await post('/api/connections/123/credentials.create', jira('a@x.io', 'tok-1'))).status).toBe(201);
    const dupSecrets = await post('/api/connections/123/credentials.create', jira('b@x.io', 'tok-1'));
    expect(dupSecrets.body).toEqual({ ok: false, error: 'Duplicate secrets', display_message: expect.any(String) });
    const dupSettings = await post('/api/connections/123/credentials.create', jira('a@x.io', 'tok-2'));
    expect(dupSettings.body).toEqual({ ok: false, error: 'Duplicate settings', display_message: expect.any(String) });
    expect(liveRows(123)).toHaveLength(1);
    // Once deleted, the same secrets may be used again.
    await post('/api/connections/123/credentials.delete', { id: 456 });
    expect((await post('/api/connections/123/credentials.create', jira('a@x.io', 'tok-1'))).status).toBe(201);
  });

  test('a failed update leaves the row unchanged', async () => {
    await post('/api/connections/123/credentials.create', jira('a@x.io', 'tok-1'));
    await post('/api/connections/123/credentials.create', jira('b@x.io', 'tok-2'));
    const before = dx.snapshot();
    for (const change of [
      { id: 456, label: 'new', secrets: { api_token: 'invalid-x' } },
      { id: 456, label: 'new', secrets: { api_token: 'noperm-x' } },
      { id: 456, label: 'new', secrets: { api_token: 'tok-2' } },
      { id: 456, label: 'new', settings: { jira_user: 'b@x.io' } },
    ]) {
      const r = await post('/api/connections/123/credentials.update', change);
      expect(r.status).toBe(422);
      expect(r.body.ok).toBe(false);
    }
    expect(dx.snapshot()).toEqual(before);
  });

  test('update: omitted settings and {} secrets keep the stored ones; new secrets replace them', async () => {
    await post('/api/connections/123/credentials.create', jira('a@x.io', 'tok-1'));
    await post('/api/connections/123/credentials.update', { id: 456, secrets: {}, expiration_date: '2027-01-31' });
    let row = liveRows(123)[0]!;
    expect(row.settings).toEqual({ jira_user: 'a@x.io' });
    expect(row.secrets).toEqual({ api_token: 'tok-1' });
    expect(row.expiration_date).toBe('2027-01-31');
    await post('/api/connections/123/credentials.update', { id: 456, secrets: { api_token: 'tok-9' } });
    row = liveRows(123)[0]!;
    expect(row.secrets).toEqual({ api_token: 'tok-9' });
    expect(row.settings).toEqual({ jira_user: 'a@x.io' });
  });
});

describe('DX connections and bodies', () => {
  test('a single-credential connection refuses a second live credential', async () => {
    const first = await post('/api/connections/124/credentials.create', { settings: {}, secrets: { token: 'ghp_1' } });
    expect(first.status).toBe(201);
    expect(first.body.credential.type).toBe('github');
    const second = await post('/api/connections/124/credentials.create', { settings: {}, secrets: { token: 'ghp_2' } });
    expect(second.status).toBe(422);
    expect(second.body.error).toBe('multiple_credentials_not_supported');
    await post('/api/connections/124/credentials.delete', { id: first.body.credential.id });
    expect(
      (await post('/api/connections/124/credentials.create', { settings: {}, secrets: { token: 'ghp_2' } })).status
    ).toBe(201);
  });

  test('an omitted label gets a server-side default', async () => {
    const r = await post('/api/connections/125/credentials.create', { settings: {}, secrets: { api_key: 'lin_1' } });
    expect(r.status).toBe(201);
    expect(r.body.credential.label).toEqual(expect.any(String));
    expect(r.body.credential.label.length).toBeGreaterThan(0);
  });

  test('form-encoded bodies are accepted (JSON text or bracket keys)', async () => {
    const form = (fields: Record<string, string>) =>
      send(`${dx.url}/api/connections/123/credentials.create`, {
        method: 'POST',
        headers: { ...auth(), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(fields).toString(),
      });
    const a = await form({ label: 'form', settings: '{"jira_user":"f@x.io"}', secrets: '{"api_token":"tok-f"}' });
    expect(a.status).toBe(201);
    const b = await form({ 'settings[jira_user]': 'g@x.io', 'secrets[api_token]': 'tok-g' });
    expect(b.status).toBe(201);
    expect(liveRows(123).map((c) => c.settings)).toEqual([{ jira_user: 'f@x.io' }, { jira_user: 'g@x.io' }]);
    const del = await send(`${dx.url}/api/connections/123/credentials.delete`, {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'application/x-www-form-urlencoded' },
      body: `id=${a.body.credential.id}`,
    });
    expect(del.body).toEqual({ ok: true });
  });

  test('real rate limiting answers 429 with Retry-After once the window is used up', async () => {
    // Mid-minute on credform's clock: the minute window cannot turn between the three calls.
    const limited = await startDxSimulator({ now: clockInWindow(MINUTE_MS, MINUTE_MS / 2), rateLimits: [{ limit: 2, windowSeconds: 60 }] });
    try {
      const call = () =>
        send(`${limited.url}/api/connections.list`, { headers: { Authorization: `Bearer ${limited.token}` } });
      expect((await call()).status).toBe(200);
      expect((await call()).status).toBe(200);
      const third = await call();
      expect(third.status).toBe(429);
      expect(third.body).toEqual({ ok: false, error: 'rate_limited' });
      expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await limited.stop();
    }
  });

  test('the request log keeps method, path and status, never bodies', async () => {
    await curl('/api/connections/123/credentials.create', fixture('dx-create-body.json'));
    await get('/api/connections/123/credentials.list');
    expect(dx.requestLog()).toEqual([
      { method: 'POST', path: '/api/connections/123/credentials.create', status: 201 },
      { method: 'GET', path: '/api/connections/123/credentials.list', status: 200 },
    ]);
    expect(JSON.stringify(dx.requestLog())).not.toContain('ATATT3x');
    expect(dx.requestCount()).toBe(2);
  });
});
