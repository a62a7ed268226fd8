import { startApinizerSimulator, type ApinizerSimulator } from '../../../src/simulators';
import { closeClient, fixture, send, shapeOf, type Reply } from '../support/http';

let api: ApinizerSimulator;
let clock = Date.parse('2026-03-01T10:00:00.000Z');
const base = (): string => `${api.url}/apiops/projects/MyProject/credentials/`;
const auth = (): Record<string, string> => ({
  Authorization: `Bearer ${api.token}`,
  'Content-Type': 'application/json',
});
const call = (method: string, url: string, body?: object | string): Promise<Reply> =>
  send(url, { method, headers: auth(), body: typeof body === 'string' ? body : body && JSON.stringify(body) });

const deploymentShape = (r: Reply, message = 'Deployment completed successfully'): void => {
  expect(r.status).toBe(200);
  expect(r.body).toEqual({
    success: true,
    deploymentResult: {
      success: true,
      message,
      environmentResults: [
        { environmentName: 'production', success: true, message: expect.any(String) },
        { environmentName: 'staging', success: true, message: expect.any(String) },
      ],
    },
  });
};

const full = (username: string, extra: Record<string, unknown> = {}) => ({
  email: `${username}@example.com`,
  fullName: 'Full Name',
  description: 'd',
  username,
  password: 'Secret123!',
  roleNameList: ['API_USER'],
  enabled: true,
  ipList: [],
  expireDate: null,
  ...extra,
});

beforeEach(async () => {
  clock = Date.parse('2026-03-01T10:00:00.000Z');
  api = await startApinizerSimulator({ now: () => clock });
});
afterEach(async () => {
  await api.stop();
});
afterAll(closeClient);

describe('Apinizer seed examples, sent as written', () => {
  test.each([1, 2, 3, 4])('create body example %i answers the deployment result', async (n) => {
    const r = await call('POST', base(), fixture(`apinizer-body-${n}.json`));
    expect(r.body).toBeDefined();
    deploymentShape(r);
    expect(r.body.deploymentResult.environmentResults[0].message).toBe('Deployed successfully');
  });

  test.each([1, 2, 3])('cURL example %i answers the deployment result', async (n) => {
    const r = await send(`${api.url}/apiops/projects/MyProject/credentials/`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${api.token}`, 'Content-Type': 'application/json' },
      body: fixture(`apinizer-curl-${n}.json`),
    });
    deploymentShape(r);
  });

  test('the list shows every documented field, the password as null', async () => {
    await call('POST', base(), fixture('apinizer-body-2.json'));
    await call('POST', base(), fixture('apinizer-body-3.json'));
    const r = await call('GET', base());
    expect(r.status).toBe(200);
    expect(r.body.success).toBe(true);
    expect(r.body.resultList).toHaveLength(2);
    const [restricted, temporary] = r.body.resultList;
    expect(shapeOf(restricted)).toEqual({
      email: 'string',
      fullName: 'string',
      description: 'string',
      username: 'string',
      password: 'null',
      roleNameList: 'array',
      enabled: 'boolean',
      ipList: 'array',
      expireDate: 'null',
    });
    expect(restricted.ipList).toEqual(['192.168.1.100', '10.0.0.0/8', '172.16.0.0/12']);
    expect(restricted.roleNameList).toEqual(['API_USER', 'DEVELOPER']);
    expect(temporary.expireDate).toBe('2024-12-31T23:59:59.000Z');
    expect(r.text).not.toContain('SecurePassword123!');
  });

  test('defaults: enabled true, empty lists, null expiry', async () => {
    await call('POST', base(), { email: 'm@x.io', fullName: 'Min', username: 'min', password: 'p' });
    const [row] = (await call('GET', base())).body.resultList;
    expect(row).toEqual({
      email: 'm@x.io',
      fullName: 'Min',
      description: null,
      username: 'min',
      password: null,
      roleNameList: [],
      enabled: true,
      ipList: [],
      expireDate: null,
    });
  });
});

describe('Apinizer documented errors, word for word', () => {
  const expectBad = (r: Reply, description: string): void => {
    expect(r.status).toBe(400);
    expect(r.body).toEqual({ error: 'bad_request', error_description: description });
  };

  test('the four "can not be empty" messages, in order', async () => {
    expectBad(await call('POST', base(), full('', {})), 'Credential username can not be empty!');
    expectBad(await call('POST', base(), full('u1', { password: '' })), 'Credential password can not be empty!');
    expectBad(await call('POST', base(), full('u1', { fullName: '  ' })), 'Credential full name can not be empty!');
    expectBad(await call('POST', base(), full('u1', { email: null })), 'Credential email can not be empty!');
    const { password: _omit, ...noPassword } = full('u1');
    expectBad(await call('POST', base(), noPassword), 'Credential password can not be empty!');
    expect(api.snapshot().projects[0]!.credentials).toHaveLength(0);
  });

  test('a taken username', async () => {
    await call('POST', base(), fixture('apinizer-body-1.json'));
    expectBad(
      await call('POST', base(), fixture('apinizer-body-1.json')),
      'There is already a credential has this name!'
    );
    // Unique across all credentials: another project cannot take it either.
    expectBad(
      await call('POST', `${api.url}/apiops/projects/OtherProject/credentials/`, fixture('apinizer-body-1.json')),
      'There is already a credential has this name!'
    );
  });

  test('an unknown username on PUT, PATCH and DELETE', async () => {
    expectBad(await call('PUT', base(), full('ghost')), 'Credential (username: ghost) was not found!');
    expectBad(await call('PATCH', `${base()}ghost/`, { password: 'x' }), 'Credential (username: ghost) was not found!');
    expectBad(await call('DELETE', `${base()}ghost/`), 'Credential (username: ghost) was not found!');
  });

  test('401 for a missing or unknown token', async () => {
    const expected = { error: 'unauthorized_client', error_description: 'Invalid token' };
    const none = await send(base());
    expect(none.status).toBe(401);
    expect(none.body).toEqual(expected);
    const wrong = await send(base(), { headers: { Authorization: 'Bearer not-a-token' } });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual(expected);
    const post = await send(base(), { method: 'POST', headers: { Authorization: 'Bearer x' }, body: full('u') });
    expect(post.status).toBe(401);
    expect(api.snapshot().projects[0]!.credentials).toHaveLength(0);
  });

  test('404 for an unknown project', async () => {
    const r = await call('POST', `${api.url}/apiops/projects/Nope/credentials/`, fixture('apinizer-body-1.json'));
    expect(r.status).toBe(404);
    expect(r.body).toEqual({
      error: 'not_found',
      error_description: 'Project(Nope) was not found or user does not have privilege to access it!',
    });
    const list = await call('GET', `${api.url}/apiops/projects/Nope/credentials/`);
    expect(list.status).toBe(404);
  });

  test('format problems are validation_failed with one entry per field', async () => {
    const r = await call(
      'POST',
      base(),
      full('u2', {
        email: 'not-an-email',
        roleNameList: ['API_USER', 'ADMIN'],
        ipList: ['10.0.0.1', '300.1.1.1', '10.0.0.0/40'],
        expireDate: '31/12/2024',
      })
    );
    expect(r.status).toBe(400);
    expect(r.body.error).toBe('validation_failed');
    expect(typeof r.body.error_description).toBe('string');
    const fields = r.body.validation_errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(['email', 'roleNameList', 'ipList', 'ipList', 'expireDate']);
    for (const e of r.body.validation_errors) expect(typeof e.message).toBe('string');
    expect(api.snapshot().projects[0]!.credentials).toHaveLength(0);
  });

  test('an injected 429 carries rate_limit_exceeded and retry_after 60', async () => {
    api.setFaults({ rateLimitShare: 1 });
    const r = await call('GET', base());
    expect(r.status).toBe(429);
    expect(r.body).toEqual({ error: 'rate_limit_exceeded', error_description: expect.any(String), retry_after: 60 });
    expect(r.headers['retry-after']).toBe('60');
  });
});

describe('Apinizer update, password change, delete', () => {
  test('PUT replaces the whole credential and requires every field', async () => {
    await call('POST', base(), fixture('apinizer-body-2.json'));
    const replaced = full('restricted-user', { fullName: 'Renamed', ipList: ['10.1.0.0/16'], enabled: false });
    deploymentShape(await call('PUT', base(), replaced));
    const [row] = (await call('GET', base())).body.resultList;
    expect(row).toMatchObject({
      fullName: 'Renamed',
      ipList: ['10.1.0.0/16'],
      enabled: false,
      roleNameList: ['API_USER'],
    });
    expect(api.snapshot().projects[0]!.credentials[0]!.password).toBe('Secret123!');

    const { ipList: _ip, expireDate: _exp, ...partial } = full('restricted-user');
    const r = await call('PUT', base(), partial);
    expect(r.status).toBe(400);
    expect(r.body.error).toBe('validation_failed');
    expect(r.body.validation_errors.map((e: { field: string }) => e.field)).toEqual(['ipList', 'expireDate']);
    const { password: _pw, ...noPassword } = full('restricted-user');
    expect((await call('PUT', base(), noPassword)).body.error_description).toBe(
      'Credential password can not be empty!'
    );
  });

  test('PATCH changes the password only', async () => {
    await call('POST', base(), fixture('apinizer-body-1.json'));
    deploymentShape(await call('PATCH', `${base()}api-user/`, { password: 'N3w!' }));
    expect(api.snapshot().projects[0]!.credentials[0]!.password).toBe('N3w!');
    const empty = await call('PATCH', `${base()}api-user/`, { password: '' });
    expect(empty.status).toBe(400);
    expect(empty.body).toEqual({ error: 'bad_request', error_description: 'Credential password can not be empty!' });
  });

  test('DELETE is permanent and answers the undeployment result', async () => {
    await call('POST', base(), fixture('apinizer-body-1.json'));
    deploymentShape(await call('DELETE', `${base()}api-user/`), 'Undeployment completed successfully');
    expect((await call('GET', base())).body.resultList).toEqual([]);
    expect(api.snapshot().projects[0]!.credentials).toEqual([]);
    // The username is free again.
    deploymentShape(await call('POST', base(), fixture('apinizer-body-1.json')));
  });

  test('a failing environment is reported in environmentResults with HTTP 200', async () => {
    api.setEnvironmentFailure('MyProject', 'staging', 'cluster unreachable');
    const r = await call('POST', base(), fixture('apinizer-body-1.json'));
    expect(r.status).toBe(200);
    expect(r.body.success).toBe(true);
    expect(r.body.deploymentResult.success).toBe(false);
    expect(r.body.deploymentResult.environmentResults).toEqual([
      { environmentName: 'production', success: true, message: 'Deployed successfully' },
      { environmentName: 'staging', success: false, message: expect.stringContaining('cluster unreachable') },
    ]);
    expect(api.snapshot().projects[0]!.credentials[0]!.deployedTo).toEqual(['production']);
    api.setEnvironmentFailure('MyProject', 'staging', false);
    deploymentShape(await call('PATCH', `${base()}api-user/`, { password: 'again' }));
    expect(() => api.setEnvironmentFailure('MyProject', 'qa', true)).toThrow(/qa/);
  });

  test('20 concurrent creates of one username: exactly one wins', async () => {
    const replies = await Promise.all(
      Array.from({ length: 20 }, () => call('POST', base(), fixture('apinizer-body-1.json')))
    );
    expect(replies.filter((r) => r.status === 200)).toHaveLength(1);
    expect(replies.filter((r) => r.status === 400)).toHaveLength(19);
    expect(api.snapshot().projects[0]!.credentials).toHaveLength(1);
  });
});

describe('Apinizer tokens', () => {
  const getToken = (form: string): Promise<Reply> =>
    send(`${api.url}/apiops/auth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: form,
    });

  test('client credentials give a bearer token that works until it expires', async () => {
    const r = await getToken(
      `grant_type=client_credentials&client_id=${api.clientId}&client_secret=${api.clientSecret}`
    );
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 3600 });
    const withToken = () => send(base(), { headers: { Authorization: `Bearer ${r.body.access_token}` } });
    expect((await withToken()).status).toBe(200);
    clock += 3599_000;
    expect((await withToken()).status).toBe(200);
    clock += 1_000;
    const expired = await withToken();
    expect(expired.status).toBe(401);
    expect(expired.body).toEqual({ error: 'token_expired', error_description: expect.any(String) });
    // The static personal token is not affected.
    expect((await call('GET', base())).status).toBe(200);
  });

  test('a short TTL is reported and enforced', async () => {
    const short = await startApinizerSimulator({ tokenTtlSeconds: 1 });
    try {
      const r = await send(`${short.url}/apiops/auth/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials&client_id=admin&client_secret=admin-secret',
      });
      expect(r.body.expires_in).toBe(1);
      const url = `${short.url}/apiops/projects/MyProject/credentials/`;
      expect((await send(url, { headers: { Authorization: `Bearer ${r.body.access_token}` } })).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      const expired = await send(url, { headers: { Authorization: `Bearer ${r.body.access_token}` } });
      expect(expired.body.error).toBe('token_expired');
    } finally {
      await short.stop();
    }
  });

  test('wrong client credentials are 401 unauthorized_client; a wrong grant is 400', async () => {
    const wrong = await getToken('grant_type=client_credentials&client_id=admin&client_secret=nope');
    expect(wrong.status).toBe(401);
    expect(wrong.body.error).toBe('unauthorized_client');
    const grant = await getToken('grant_type=password&client_id=admin&client_secret=admin-secret');
    expect(grant.status).toBe(400);
    expect(grant.body.error).toBe('invalid_parameter');
  });
});

describe('paths are decoded exactly once', () => {
  test('an encoded slash stays inside its segment: DELETE of "a%2Fb" removes the credential "a/b" and nothing else; "%2e%2e" is not ".."', async () => {
    for (const username of ['a/b', 'a', '..']) expect((await call('POST', base(), full(username))).status).toBe(200);
    const names = () => api.snapshot().projects.find((p) => p.name === 'MyProject')!.credentials.map((c) => c.username).sort();
    expect(names()).toEqual(['..', 'a', 'a/b'].sort());
    // Before: the whole path was decoded, then each segment again — "a%252Fb" reached "a/b".
    expect((await call('DELETE', `${base()}a%252Fb/`)).status).toBe(400);
    expect(names()).toContain('a/b');
    expect((await call('DELETE', `${base()}a%2Fb/`)).status).toBe(200);
    expect(names()).toEqual(['..', 'a']);
    // A URL's dot segments are resolved by the URL, encoded or not: this names no credential at all.
    expect((await call('DELETE', `${base()}%2e%2e/`)).status).not.toBe(200);
    expect(names()).toEqual(['..', 'a']);
  });
});
