/** The OX GraphQL client, the scan cache and the input mapping, against the OX simulator (no terraform). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startOxSimulator, type OxSimulator } from '../../../src/simulators';
import { Logger } from '../../../src/tfplugin/logging';
import { HttpClient } from '../../../src/vendors/http';
import { OxCatalog } from '../../../src/vendors/ox/catalog';
import { OxClient, OxGraphQLError } from '../../../src/vendors/ox/client';
import { describeOxError, isNotFound } from '../../../src/vendors/ox/errors';
import { SECRET_FIELDS, credentialsSecretsZod, inputFieldPaths, toOxCredentialsInput } from '../../../src/vendors/ox/input-fields';
import { canary } from '../../support/canary';
import { oxVendor } from '../../../src/vendors/ox/vendor';

let ox: OxSimulator;
const clients: HttpClient[] = [];

function client(sim: OxSimulator = ox, key = sim.token): OxClient {
  const http = new HttpClient({ vendor: oxVendor, baseUrl: sim.url, auth: () => ({ Authorization: key }) });
  clients.push(http);
  return new OxClient(http, new Logger('test'));
}

const add = (c: OxClient, type: string, input: Record<string, unknown>, name = 'n', connectorID = '2') =>
  c.addCredentials({ connectorID, credentialsType: type, credentialsName: name, credentialsInput: input }, [type], []);

beforeEach(async () => {
  ox = await startOxSimulator();
});
afterEach(async () => {
  await ox.stop();
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
});

describe('mapping Terraform names to OX names', () => {
  test('every name is mapped explicitly, nested objects and secrets merged into one credentialsInput', () => {
    const input = {
      name: 'bot',
      host_url: 'https://gitlab.example.com',
      broker_ssh_public_key: 'ssh-ed25519 AAAA',
      installation_id: 42,
      optional_fields: { repo_search_query: 'q', config: null, build_issue_to_cloud: false },
      idp_token: { token_type: 'bearer', expires_in: 60, created_at: null, scope: null },
      extra_optional_creds: { atlassian: { organization_id: 'org' } },
      tenant: null,
    };
    const secrets = { password: 'p', ssh_key: 'k', idp_access_token: 'a', atlassian_api_key: 'z', installation_token: 't' };
    expect(toOxCredentialsInput(input, secrets)).toEqual({
      name: 'bot',
      password: 'p',
      hostURL: 'https://gitlab.example.com',
      brokerSSHPublicKey: 'ssh-ed25519 AAAA',
      installationId: 42,
      optionalFields: { RepoSearchQuery: 'q', buildIssueToCloud: false, SSHKey: 'k' },
      idpToken: { token_type: 'bearer', expires_in: 60, access_token: 'a' },
      extraOptionalCreds: { atlassian: { organizationId: 'org', apiKey: 'z' } },
      installationToken: { token: 't' },
    });
  });

  test('an unknown secret key is refused, naming it and the known ones', () => {
    const r = credentialsSecretsZod.safeParse({ password: 'x', passwd: 'y' });
    expect(r.success).toBe(false);
    expect(r.error!.issues).toEqual([expect.objectContaining({ path: ['passwd'], message: expect.stringContaining('"passwd" is not a known secret field; use one of: password, token') })]);
  });

  test('docs/vendors/ox.md lists every field mapping and every secret key', () => {
    const doc = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'vendors', 'ox.md'), 'utf8');
    for (const [tf, oxName] of inputFieldPaths()) expect(doc).toContain(`| \`${tf}\` | \`${oxName}\` |`);
    for (const [key, path] of Object.entries(SECRET_FIELDS)) expect(doc).toContain(`| \`${key}\` | \`${path.join('.')}\` |`);
  });
});

describe('OxClient', () => {
  test('reads the credentials of the selected union members; others come back as a bare __typename', async () => {
    const c = client();
    await add(c, 'UserPassword', { name: 'u', password: 'pw-1' }, 'up');
    await add(c, 'Token', { token: 'tok-1' }, 'tk');
    const onlyToken = (await c.connectors(['Token'])).find((x) => x.id === '2')!;
    expect(onlyToken.credentials).toEqual([
      { __typename: 'UserPasswordCredentials' },
      expect.objectContaining({ __typename: 'TokenCredentials', credentialsName: 'tk', credentialsType: 'Token', credentialsId: expect.any(String) }),
    ]);
    const both = (await c.connectors(['Token', 'UserPassword'])).find((x) => x.id === '2')!;
    expect(both.credentials.map((x) => x.credentialsName)).toEqual(['up', 'tk']);
    expect(both.credentialsTypes).toContain('UserPassword');
    expect(JSON.stringify(both)).not.toMatch(/pw-1|tok-1/);
  });

  test('GraphQL errors[] with HTTP 200 keep the code, the message and the path', async () => {
    const err = await add(client(), 'GitHubApp', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OxGraphQLError);
    expect(err).toMatchObject({ status: 200, code: 'BAD_USER_INPUT', issues: [{ path: 'addCredentials', message: expect.stringContaining('GitHubApp is not supported by connector GitLab') }] });
  });

  test('GraphQL errors[] with HTTP 401 say to check the API key', async () => {
    const err = await client(ox, 'wrong-key').connectors([]).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    expect(describeOxError(err)).toContain('Check the OX API key (`OX_API_KEY`');
  });

  test('a secret echoed in a GraphQL error message is redacted', async () => {
    const secret = canary('ox-echo');
    const c = client();
    // An input field OX does not know: graphql-js quotes the whole credentialsInput back (HTTP 400).
    const err = await c
      .addCredentials({ connectorID: '2', credentialsType: 'Token', credentialsName: 'n', credentialsInput: { token: secret, bogus: 1 } }, ['Token'], [secret])
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 400 });
    expect(describeOxError(err)).toContain('bogus');
    expect(describeOxError(err)).not.toContain(secret);
  });

  test('verification answers with OX validationMessage; removing twice is NOT_FOUND the second time', async () => {
    const c = client();
    const connector = await add(c, 'Token', { token: 'invalid-token' });
    const id = connector.credentials[0]!.credentialsId!;
    expect(await c.verifyCredentials('2', id)).toEqual({ credentialsAreValid: false, noReposFound: false, validationMessage: expect.stringContaining('Failed to authenticate') });
    await c.removeCredentials('2', id, ['Token']);
    const again = await c.removeCredentials('2', id, ['Token']).catch((e: unknown) => e);
    expect(isNotFound(again)).toBe(true);
  });

  test('a spent RateLimit window is waited for, not failed', async () => {
    const limited = await startOxSimulator({ rateLimits: [{ limit: 2, windowSeconds: 2 }] });
    try {
      const c = client(limited);
      for (let i = 0; i < 3; i++) await c.connectors([]);
      expect(limited.requestLog().map((r) => r.status)).toEqual([200, 200, 200]);
    } finally {
      await limited.stop();
    }
  });
});

describe('OxCatalog', () => {
  test('one scan per process serves every lookup, concurrent ones included', async () => {
    const catalog = new OxCatalog(client());
    await Promise.all([catalog.connector('2', ['Token']), catalog.connector('7', []), catalog.connector('3', ['UserPassword'])]);
    await catalog.connector('2', ['ApiKey']);
    expect(ox.requestCount()).toBe(1);
    expect(await catalog.knownTypes('ApiKey')).toEqual(['Token', 'ApiKey']);
  });

  test('entries of union members not selected are read by a second scan, so none can look deleted', async () => {
    const c = client();
    await add(c, 'UserPassword', { name: 'u', password: 'pw' }, 'up');
    await add(c, 'Token', { token: 'tok' }, 'tk');
    ox.clearRequestLog();
    const catalog = new OxCatalog(c);
    const connector = await catalog.connector('2', ['Token']);
    expect(connector!.credentials.map((x) => [x.__typename, x.credentialsName, typeof x.credentialsId])).toEqual([
      ['UserPasswordCredentials', 'up', 'string'],
      ['TokenCredentials', 'tk', 'string'],
    ]);
    expect(ox.requestLog()).toHaveLength(2);

    // A mutation answer that cannot read every entry drops the cache instead of replacing the connector.
    const narrow = await add(c, 'Token', { token: 't2' }, 'tk2');
    await catalog.remember(narrow);
    await catalog.connector('2', ['Token']);
    expect(ox.requestLog()).toHaveLength(5); // the add, then a new scan and its second pass
  });
});
