import { startTinesSimulator, type TinesSimulator } from '../../../src/simulators';
import { ISO_TIMESTAMP, closeClient, fixture, send, shapeOf, type Reply } from '../support/http';

let tines: TinesSimulator;
const url = (path: string): string => `${tines.url}/api/v1${path}`;
const auth = (): Record<string, string> => ({
  Authorization: `Bearer ${tines.token}`,
  'content-type': 'application/json',
});
const call = (method: string, path: string, body?: object): Promise<Reply> =>
  send(url(path), { method, headers: auth(), body: body && JSON.stringify(body) });
const create = (body: object) => call('POST', '/user_credentials', body);
const text = (name: string, extra: object = {}) => ({ name, mode: 'TEXT', value: `v-${name}`, team_id: 2, ...extra });

/** The sample response's keys and JSON types. */
const SAMPLE_SHAPE = {
  id: 'number',
  name: 'string',
  mode: 'string',
  team_id: 'number',
  folder_id: 'number',
  read_access: 'string',
  shared_team_slugs: 'array',
  slug: 'string',
  created_at: 'string',
  updated_at: 'string',
  description: 'string',
  allowed_hosts: 'array',
  metadata: 'object',
  test_credential_enabled: 'boolean',
};

beforeEach(async () => {
  tines = await startTinesSimulator();
});
afterEach(async () => {
  await tines.stop();
});
afterAll(closeClient);

describe('Tines sample request, sent as written', () => {
  test('answers the credential object, without the value', async () => {
    const r = await send('' + url('/user_credentials'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', Authorization: `Bearer ${tines.token}` },
      body: fixture('tines-create-body.json'),
    });
    expect(r.status).toBe(201);
    expect(Object.keys(r.body)).toEqual(Object.keys(SAMPLE_SHAPE));
    expect(shapeOf(r.body)).toEqual({ ...SAMPLE_SHAPE, folder_id: 'null' });
    expect(r.body).toMatchObject({
      name: 'text credential',
      mode: 'TEXT',
      team_id: 2,
      folder_id: null,
      read_access: 'TEAM',
      shared_team_slugs: [],
      slug: 'text_credential',
      description: '',
      allowed_hosts: [],
      metadata: {},
      test_credential_enabled: false,
    });
    expect(r.body.created_at).toMatch(ISO_TIMESTAMP);
    expect(r.body.updated_at).toBe(r.body.created_at);
    expect(r.text).not.toContain('"bar"');
    expect(tines.snapshot().credentials[0]!.value).toBe('bar');
  });

  test('every optional field is taken and returned (value excepted)', async () => {
    const r = await create(
      text('full', {
        folder_id: 1,
        read_access: 'SPECIFIC_TEAMS',
        shared_team_slugs: ['platform'],
        description: 'for the API',
        metadata: { owner: 'secops' },
        allowed_hosts: ['*.example.com'],
      })
    );
    expect(r.status).toBe(201);
    expect(shapeOf(r.body)).toEqual(SAMPLE_SHAPE);
    expect(r.body).toMatchObject({
      folder_id: 1,
      read_access: 'SPECIFIC_TEAMS',
      shared_team_slugs: ['platform'],
      description: 'for the API',
      metadata: { owner: 'secops' },
      allowed_hosts: ['*.example.com'],
    });
  });
});

describe('Tines reads', () => {
  test('GET one, and a plain-text 404 when missing', async () => {
    const created = (await create(text('one'))).body;
    const r = await call('GET', `/user_credentials/${created.id}`);
    expect(r.status).toBe(200);
    expect(r.body).toEqual(created);
    const missing = await call('GET', '/user_credentials/999');
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toMatch(/^text\/plain/);
    expect(missing.text).toBe('Not Found');
  });

  test('the list paginates with the documented meta', async () => {
    for (let i = 1; i <= 25; i++) await create(text(`cred ${String(i).padStart(2, '0')}`));
    await create(text('elsewhere', { team_id: 1 }));
    const first = await call('GET', '/user_credentials?team_id=2&per_page=10');
    expect(first.status).toBe(200);
    expect(first.body.user_credentials).toHaveLength(10);
    expect(Object.keys(first.body.meta)).toEqual([
      'current_page',
      'previous_page',
      'next_page',
      'next_page_number',
      'per_page',
      'pages',
      'count',
    ]);
    expect(first.body.meta).toMatchObject({
      previous_page: null,
      next_page_number: 2,
      per_page: 10,
      pages: 3,
      count: 25,
    });
    expect(first.body.meta.next_page).toContain('page=2');
    const last = await call('GET', '/user_credentials?team_id=2&per_page=10&page=3');
    expect(last.body.user_credentials.map((c: { name: string }) => c.name)).toEqual([
      'cred 21',
      'cred 22',
      'cred 23',
      'cred 24',
      'cred 25',
    ]);
    expect(last.body.meta).toMatchObject({ next_page: null, next_page_number: null });
    expect(last.body.meta.previous_page).toContain('page=2');
    const all = await call('GET', '/user_credentials');
    expect(all.body.meta).toMatchObject({ per_page: 20, count: 26, pages: 2 });
    const filtered = await call('GET', '/user_credentials?filter=ELSE');
    expect(filtered.body.user_credentials.map((c: { name: string }) => c.name)).toEqual(['elsewhere']);
    expect(JSON.stringify(all.body)).not.toContain('v-cred');
  });

  test('per_page above 500 is clamped to 500; a bad per_page is a 400 bare array', async () => {
    const big = await call('GET', '/user_credentials?per_page=1000');
    expect(big.status).toBe(200);
    expect(big.body.meta.per_page).toBe(500);
    const bad = await call('GET', '/user_credentials?per_page=0');
    expect(bad.status).toBe(400);
    expect(Array.isArray(bad.body)).toBe(true);
    expect(bad.body[0]).toContain('per_page');
  });

  test('teams: get one, list, 404 for a missing one', async () => {
    const team = await call('GET', '/teams/2');
    expect(team.status).toBe(200);
    expect(team.body).toEqual({ id: 2, name: expect.any(String), slug: 'security' });
    const list = await call('GET', '/teams');
    expect(list.body.teams.map((t: { id: number }) => t.id)).toEqual([1, 2]);
    expect(list.body.meta).toMatchObject({ count: 2, pages: 1, per_page: 20 });
    const missing = await call('GET', '/teams/99');
    expect(missing.status).toBe(404);
    expect(missing.text).toBe('Not Found');
  });
});

describe('Tines writes and errors', () => {
  test('validation errors are {errors:[{message,details}]}, and nothing is stored', async () => {
    const r = await create({ mode: 'TEXT' });
    expect(r.status).toBe(422);
    expect(r.body.errors.length).toBe(3);
    for (const e of r.body.errors) expect(shapeOf(e)).toEqual({ message: 'string', details: 'string' });
    const details = r.body.errors.map((e: { details: string }) => e.details).join(' | ');
    expect(details).toMatch(/Name/);
    expect(details).toMatch(/Value/);
    expect(details).toMatch(/Team/);
    for (const body of [
      text('x', { team_id: 99 }),
      text('x', { mode: 'JWT' }),
      text('x', { read_access: 'SPECIFIC_TEAMS' }),
      text('x', { read_access: 'EVERYONE' }),
      text('x', { folder_id: 2 }),
      text('x', { shared_team_slugs: ['nope'], read_access: 'SPECIFIC_TEAMS' }),
    ]) {
      const bad = await create(body);
      expect(bad.status).toBe(422);
      expect(bad.body.errors[0]).toEqual({ message: expect.any(String), details: expect.any(String) });
    }
    expect(tines.snapshot().credentials).toEqual([]);
  });

  test('a name taken in the team is a 422 bare array; another team may use it', async () => {
    expect((await create(text('dup'))).status).toBe(201);
    const r = await create(text('dup'));
    expect(r.status).toBe(422);
    expect(r.body).toEqual(['Name has already been taken']);
    expect((await create(text('dup', { team_id: 1 }))).status).toBe(201);
  });

  test('PUT requires mode; omitted fields stay; the value can change', async () => {
    const created = (await create(text('put me', { description: 'keep', metadata: { a: '1' } }))).body;
    const noMode = await call('PUT', `/user_credentials/${created.id}`, { description: 'x' });
    expect(noMode.status).toBe(422);
    expect(noMode.body.errors[0].details).toMatch(/Mode/);
    const r = await call('PUT', `/user_credentials/${created.id}`, { mode: 'TEXT', name: 'renamed', value: 'v2' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      id: created.id,
      name: 'renamed',
      slug: 'renamed',
      description: 'keep',
      metadata: { a: '1' },
    });
    expect(Date.parse(r.body.updated_at)).toBeGreaterThanOrEqual(Date.parse(created.updated_at));
    expect(tines.snapshot().credentials[0]!.value).toBe('v2');
    const moved = await call('PUT', `/user_credentials/${created.id}`, { mode: 'TEXT', team_id: 1 });
    expect(moved.status).toBe(422);
    expect((await call('PUT', '/user_credentials/999', { mode: 'TEXT' })).status).toBe(404);
  });

  test('DELETE answers 204 with an empty body; then GET is 404', async () => {
    const created = (await create(text('bye'))).body;
    const r = await call('DELETE', `/user_credentials/${created.id}`);
    expect(r.status).toBe(204);
    expect(r.text).toBe('');
    expect((await call('GET', `/user_credentials/${created.id}`)).status).toBe(404);
    expect((await call('DELETE', `/user_credentials/${created.id}`)).status).toBe(404);
  });

  test('401 without a valid Bearer key', async () => {
    const none = await send(url('/user_credentials'));
    expect(none.status).toBe(401);
    expect(none.body.errors[0]).toEqual({ message: expect.any(String), details: expect.any(String) });
    const raw = await send(url('/user_credentials'), { headers: { Authorization: tines.token } });
    expect(raw.status).toBe(401);
    const post = await send(url('/user_credentials'), { headers: { Authorization: 'Bearer no' }, body: text('x') });
    expect(post.status).toBe(401);
    expect(tines.snapshot().credentials).toEqual([]);
  });

  test('live_credential_id attaches a test credential to the live one', async () => {
    const live = (await create(text('live'))).body;
    const r = await create({ live_credential_id: live.id, mode: 'TEXT', value: 'test-value', name: 'live (test)' });
    expect(r.status).toBe(201);
    expect(r.body.id).toBe(live.id);
    expect(r.body.test_credential_enabled).toBe(true);
    expect(r.body.test_credential).toEqual({
      created_at: expect.stringMatching(ISO_TIMESTAMP),
      updated_at: expect.stringMatching(ISO_TIMESTAMP),
    });
    expect(r.text).not.toContain('test-value');
    expect((await create({ live_credential_id: 999, mode: 'TEXT', value: 'x' })).status).toBe(422);
  });

  test('malformed JSON is a 400 with errors[]', async () => {
    const r = await send(url('/user_credentials'), { method: 'POST', headers: auth(), body: '{"name":' });
    expect(r.status).toBe(400);
    expect(r.body.errors[0]).toEqual({ message: expect.any(String), details: expect.any(String) });
  });
});
