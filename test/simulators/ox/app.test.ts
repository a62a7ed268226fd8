// @date-sensitive: OX's hourly quota window in the simulator. Also run with the clock moved (scripts/test-clock-shift.mjs).
import { buildSchema, isUnionType } from 'graphql';
import { OX_SDL, startOxSimulator, startSimulators, type OxSimulator } from '../../../src/simulators';
import { clockInWindow, HOUR_MS } from '../../support/clock';
import { closeClient, fixture, send, shapeOf, type Reply } from '../support/http';

let ox: OxSimulator;
const endpoint = (): string => `${ox.url}/api/apollo-gateway`;
const gql = (query: string, variables?: object, headers: Record<string, string> = {}): Promise<Reply> =>
  send(endpoint(), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: ox.token, ...headers },
    body: JSON.stringify({ query, variables }),
  });

const FULL_SELECTION =
  'credentials { __typename ... on UserPasswordCredentials { credentialsId credentialsName credentialsType name password hostURL isCertChecksDisabled } ... on TokenCredentials { credentialsId token } }';
const ADD = `mutation Add($i: AddCredentialsInput!) { addCredentials(addCredentialsInput: $i) { connector { id isConfigured ${FULL_SELECTION} } } }`;
const REMOVE = `mutation Remove($i: RemoveCredentialsInput!) { removeCredentials(removeCredentialsInput: $i) { connector { id ${FULL_SELECTION} } } }`;
const VERIFY =
  'mutation V($i: VerifyCredentialsInput!) { verifySingleConnectorCredentials(verifyCredentialsInput: $i) { credentialsAreValid noReposFound validationMessage } }';

const addUserPassword = (password: string, connectorID = '2', name = 'svc') =>
  gql(ADD, {
    i: {
      connectorID,
      credentialsType: 'UserPassword',
      credentialsInput: { name, password },
      credentialsName: `${name}-creds`,
    },
  });

beforeEach(async () => {
  ox = await startOxSimulator();
});
afterEach(async () => {
  await ox.stop();
});
afterAll(closeClient);

/** Every field the seed's example selects on `connector`, with the JSON type it comes back as. */
const CONNECTOR_SELECTION_KEYS = [
  'id',
  'name',
  'displayName',
  'description',
  'hostURL',
  'iconURL',
  'family',
  'credentialsType',
  'credentialsTypes',
  'brokerSupportCredentialsTypes',
  'disabledMultiCredentialsTypes',
  'credentials',
  'isConfigured',
  'isResourceAvailable',
  'ffKeyResourceAvailable',
  'resourceOptions',
  'resources',
  'isOxBuiltIn',
  'isOpenSource',
  'openSourceWebsiteUrl',
  'openSourceLicense',
  'openSourceAuthor',
  'defaultEnabled',
  'comingSoon',
  'isDemoEnabled',
  'aliasFor',
  'identityProviderInfo',
  'gitHubAppInfo',
  'bitbucketAppInfo',
  'awsCloudFormationInfo',
  'awsCloudFormationOrganizationInfo',
  'connectionInstructions',
  'isDiscovered',
  'isEmptyOfRepos',
  'isDevelopment',
  'connectorExplanation',
  'optionalInputFields',
  'conditionalOptionalTabs',
  'dependsOn',
  'disabledBy',
  'externalLink',
  'textExternalLink',
  'internalLink',
  'textInternalLink',
  'ffKey',
  'beta',
  'supportedDisabledCertChecksTypes',
  'enableMultiCredentials',
];

describe('OX seed example, sent as written', () => {
  test('the GraphQL tab (mutation + variables) returns the documented connector shape', async () => {
    const r = await gql(fixture('ox-mutation.graphql'), JSON.parse(fixture('ox-variables.json')));
    expect(r.status).toBe(200);
    expect(r.body.errors).toBeUndefined();
    const connector = r.body.data.addCredentials.connector;
    expect(Object.keys(connector)).toEqual(CONNECTOR_SELECTION_KEYS);
    expect(connector).toMatchObject({
      id: '2',
      name: expect.any(String),
      family: expect.any(String),
      credentialsTypes: expect.arrayContaining(['UserPassword']),
      isConfigured: true,
      enableMultiCredentials: true,
    });
    // A UserPassword credential is a UserPasswordCredentials: the example's only fragment
    // (UserPasswordOnlyCredentials) does not apply, so it reads back as an empty object.
    expect(connector.credentials).toEqual([{}]);
    expect(shapeOf(connector.resourceOptions)).toEqual({
      resourceName: 'string',
      hideMonitorNewResourcesCheckbox: 'boolean',
      showSettingsPerResource: 'boolean',
    });
    const [stored] = ox.snapshot().connectors.find((c) => c.id === '2')!.credentials;
    expect(stored).toMatchObject({
      credentialsType: 'UserPassword',
      credentialsName: 'example',
      hostURL: 'example',
      isCertChecksDisabled: true,
    });
    expect(stored!.input).toMatchObject({ name: 'SomeName', password: 'example', installationId: 42 });
  });

  test('the cURL tab body, byte for byte, works too', async () => {
    const r = await send(endpoint(), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: ox.token },
      body: fixture('ox-curl-body.json'),
    });
    expect(r.status).toBe(200);
    expect(r.body.errors).toBeUndefined();
    expect(Object.keys(r.body.data.addCredentials.connector)).toEqual(CONNECTOR_SELECTION_KEYS);
  });

  test('a client selecting __typename and the right member sees the credential, secrets masked', async () => {
    const r = await addUserPassword('hunter2');
    const [cred] = r.body.data.addCredentials.connector.credentials;
    expect(cred).toEqual({
      __typename: 'UserPasswordCredentials',
      credentialsId: expect.any(String),
      credentialsName: 'svc-creds',
      credentialsType: 'UserPassword',
      name: 'svc',
      password: '********',
      hostURL: null,
      isCertChecksDisabled: false,
    });
    expect(r.text).not.toContain('hunter2');
  });
});

describe('OX schema', () => {
  test('Credential is a union with one XCredentials member per CredentialsType value', () => {
    const schema = buildSchema(OX_SDL);
    const union = schema.getType('Credential');
    expect(isUnionType(union)).toBe(true);
    const enumValues = (schema.getType('CredentialsType') as unknown as { getValues(): { name: string }[] })
      .getValues()
      .map((v) => v.name);
    expect(enumValues).toHaveLength(48);
    const members = isUnionType(union) ? union.getTypes().map((t) => t.name) : [];
    expect(members).toEqual(enumValues.map((v) => `${v}Credentials`));
    for (const member of isUnionType(union) ? union.getTypes() : []) {
      for (const shared of [
        'credentialsId',
        'credentialsName',
        'tokenExpirationDate',
        'credentialsType',
        'isCertChecksDisabled',
        'hostURL',
        'iv',
        'monitoredResources',
        'monitorAllResources',
        'monitorAllNewlyCreatedResources',
        'brokerUsername',
        'brokerPassword',
        'brokerEnabled',
        'brokerHost',
        'brokerPort',
      ]) {
        expect(member.getFields()[shared]).toBeDefined();
      }
    }
  });
});

describe('OX auth and rate limits', () => {
  test('the raw key is required: none, a wrong one, or "Bearer <key>" is 401', async () => {
    for (const authorization of [undefined, 'nope', `Bearer ${ox.token}`]) {
      const r = await send(endpoint(), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...(authorization ? { Authorization: authorization } : {}) },
        body: JSON.stringify({ query: '{ getConnectorsByFamily { family } }' }),
      });
      expect(r.status).toBe(401);
      expect(r.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    }
    expect((await gql('{ getConnectorsByFamily { family } }')).status).toBe(200);
  });

  test('RateLimit-* headers on every answer, counting down; 429 past the limit', async () => {
    // Half past the hour, on credform's clock: the hourly window cannot turn between the four asks.
    const limited = await startOxSimulator({
      now: clockInWindow(HOUR_MS, HOUR_MS / 2),
      rateLimits: [
        { limit: 3, windowSeconds: 3600 },
        { limit: 100, windowSeconds: 86400 },
      ],
    });
    try {
      const ask = (authorization: string) =>
        send(`${limited.url}/api/apollo-gateway`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: authorization },
          body: JSON.stringify({ query: '{ getConnectorsByFamily { family } }' }),
        });
      const replies = [
        await ask(limited.token),
        await ask(limited.token),
        await ask(limited.token),
        await ask(limited.token),
      ];
      expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 429]);
      expect(replies.map((r) => r.headers['ratelimit-remaining'])).toEqual(['2', '1', '0', '0']);
      for (const r of replies) {
        expect(r.headers['ratelimit-limit']).toBe('3');
        expect(Number(r.headers['ratelimit-reset'])).toBeGreaterThan(0);
      }
      expect(Number(replies[3]!.headers['retry-after'])).toBeGreaterThan(0);
      // Counted per key: another key has its own window, and even a 401 carries the headers.
      const other = await ask('another-key');
      expect(other.status).toBe(401);
      expect(other.headers['ratelimit-remaining']).toBe('2');
    } finally {
      await limited.stop();
    }
  });

  test('the default limits are 1,000 an hour (15,000 a day)', async () => {
    const r = await gql('{ getConnectorsByFamily { family } }');
    expect(r.headers['ratelimit-limit']).toBe('1000');
    expect(r.headers['ratelimit-remaining']).toBe('999');
  });

  test('startSimulators({ rateLimits: false }) counts nothing: no RateLimit headers', async () => {
    const all = await startSimulators({ rateLimits: false });
    try {
      const r = await send(`${all.ox.url}/api/apollo-gateway`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: all.ox.token },
        body: JSON.stringify({ query: '{ getConnectorsByFamily { family } }' }),
      });
      expect(r.status).toBe(200);
      expect(r.headers['ratelimit-limit']).toBeUndefined();
    } finally {
      await all.stop();
    }
  });
});

describe('OX operations and errors', () => {
  test('unsupported type, unknown connector and bad input come back as errors[] with extensions.code', async () => {
    const unsupported = await gql(ADD, {
      i: { connectorID: '2', credentialsType: 'AWSEKS', credentialsInput: { awsRoleArn: 'arn' } },
    });
    expect(unsupported.status).toBe(200);
    expect(unsupported.body.data.addCredentials).toBeNull();
    expect(unsupported.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');

    const unknown = await addUserPassword('pw', '999');
    expect(unknown.body.errors[0].extensions.code).toBe('NOT_FOUND');

    const missing = await gql(ADD, {
      i: { connectorID: '2', credentialsType: 'UserPassword', credentialsInput: { name: 'x' } },
    });
    expect(missing.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(missing.body.errors[0].message).toContain('password');

    const badField = await gql(ADD, {
      i: { connectorID: '2', credentialsType: 'UserPassword', credentialsInput: { nope: 1 } },
    });
    expect(badField.status).toBe(400);
    expect(badField.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');

    const badEnum = await gql(ADD, { i: { connectorID: '2', credentialsType: 'Password', credentialsInput: {} } });
    expect(badEnum.status).toBe(400);

    const badQuery = await gql('mutation { addCredentials { connector { nope } } }');
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');

    const syntax = await gql('mutation {');
    expect(syntax.status).toBe(400);
    expect(syntax.body.errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');

    expect(ox.snapshot().connectors.every((c) => c.credentials.length === 0)).toBe(true);
  });

  test('credentialsId is assigned by the server; remove by id and by index', async () => {
    const a = (await addUserPassword('pw-a', '2', 'a')).body.data.addCredentials.connector.credentials[0].credentialsId;
    const tokenAdd = await gql(ADD, {
      i: { connectorID: '2', credentialsType: 'Token', credentialsInput: { token: 'glpat-1' } },
    });
    const creds = tokenAdd.body.data.addCredentials.connector.credentials;
    expect(creds.map((c: { __typename: string }) => c.__typename)).toEqual([
      'UserPasswordCredentials',
      'TokenCredentials',
    ]);
    expect(creds[1].token).toBe('********');
    const b = creds[1].credentialsId;
    expect(typeof a).toBe('string');
    expect(a).not.toBe(b);

    const byId = await gql(REMOVE, { i: { connectorID: '2', credentialsId: a } });
    expect(
      byId.body.data.removeCredentials.connector.credentials.map((c: { credentialsId: string }) => c.credentialsId)
    ).toEqual([b]);
    const byIndex = await gql(REMOVE, { i: { connectorID: '2', credentialsIndex: 0 } });
    expect(byIndex.body.data.removeCredentials.connector.credentials).toEqual([]);
    const again = await gql(REMOVE, { i: { connectorID: '2', credentialsId: a } });
    expect(again.body.errors[0].extensions.code).toBe('NOT_FOUND');
    const neither = await gql(REMOVE, { i: { connectorID: '2' } });
    expect(neither.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  test('verifySingleConnectorCredentials: valid, or false with a message for an "invalid…" secret', async () => {
    const good = (await addUserPassword('fine')).body.data.addCredentials.connector.credentials[0].credentialsId;
    const bad = (await addUserPassword('invalid-password', '2', 'b')).body.data.addCredentials.connector.credentials[1]
      .credentialsId;
    const ok = await gql(VERIFY, { i: { connectorID: '2', credentialsID: good } });
    expect(ok.body.data.verifySingleConnectorCredentials).toEqual({
      credentialsAreValid: true,
      noReposFound: false,
      validationMessage: null,
    });
    const ko = await gql(VERIFY, { i: { connectorID: '2', credentialsID: bad, featureFlags: { anything: true } } });
    expect(ko.body.data.verifySingleConnectorCredentials).toEqual({
      credentialsAreValid: false,
      noReposFound: false,
      validationMessage: expect.any(String),
    });
    const all = await gql(VERIFY, { i: { connectorID: '2' } });
    expect(all.body.data.verifySingleConnectorCredentials.credentialsAreValid).toBe(false);
    const missing = await gql(VERIFY, { i: { connectorID: '2', credentialsID: 'nope' } });
    expect(missing.body.errors[0].extensions.code).toBe('NOT_FOUND');
  });

  test('a connector without multi-credentials refuses a second set', async () => {
    const add = (token: string) =>
      gql(ADD, { i: { connectorID: '7', credentialsType: 'Token', credentialsInput: { token } } });
    expect((await add('t1')).body.errors).toBeUndefined();
    const second = await add('t2');
    expect(second.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(ox.snapshot().connectors.find((c) => c.id === '7')!.credentials).toHaveLength(1);
  });

  test('getConnectorsByFamily lists families with their connectors, or one family', async () => {
    await addUserPassword('pw');
    const q =
      'query F($f: String) { getConnectorsByFamily(family: $f) { family familyDisplayName connectors { connector { id isConfigured credentials { __typename } } } } }';
    const all = await gql(q, {});
    const families = all.body.data.getConnectorsByFamily;
    expect(families.length).toBeGreaterThanOrEqual(2);
    const source = families.find((f: { connectors: { connector: { id: string } }[] }) =>
      f.connectors.some((c) => c.connector.id === '2')
    );
    expect(source.connectors.find((c: { connector: { id: string } }) => c.connector.id === '2').connector).toEqual({
      id: '2',
      isConfigured: true,
      credentials: [{ __typename: 'UserPasswordCredentials' }],
    });
    const one = await gql(q, { f: source.family });
    expect(one.body.data.getConnectorsByFamily).toHaveLength(1);
    expect((await gql(q, { f: 'nope' })).body.data.getConnectorsByFamily).toEqual([]);
  });
});
