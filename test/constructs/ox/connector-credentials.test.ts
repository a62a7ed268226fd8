/** OxConnectorCredentials at synth: the seed example, the typed helpers, validation naming the field. */
import { TerraformStack, Testing } from 'cdktf';
import 'cdktf/lib/testing/adapters/jest';
import { OxConnectorCredentials, OxCredentials, Secret } from '../../../src/constructs';
import { canary } from '../../support/canary';
import { SEED_SECRET_ENV, seedExampleJson } from '../../vendors/ox/support';
import { synthErrorsAt } from '../../support/synth-errors';

Testing.setupJest();

const TYPE = 'credform_ox_connector_credentials';

function stack(): TerraformStack {
  return new TerraformStack(Testing.app(), 'test');
}

function resourceOf(s: TerraformStack, name = 'c'): Record<string, any> {
  return JSON.parse(Testing.synth(s)).resource[TYPE][name];
}

describe('the seed page example as a construct', () => {
  test('synthesizes every input field in snake_case, secrets as ephemeral references, create_before_destroy', () => {
    const secret = canary('ox-synth');
    process.env.OX_SEED_PASSWORD = secret; // what a user's shell holds at synth: must not be read
    try {
      const { text, config } = seedExampleJson();
      expect(text).not.toContain(secret);
      const r = (config.resource as any)[TYPE].seed_example;
      expect(r).toMatchObject({
        connector_id: '2',
        credentials_type: 'UserPassword',
        credentials_name: 'example',
        host_url: 'example',
        is_cert_checks_disabled: true,
        lifecycle: { create_before_destroy: true },
      });
      expect(r.credentials_input).toEqual({
        name: 'SomeName',
        client_id: 'example',
        aws_role_arn: 'example',
        aws_external_id: 'example',
        aws_access_key: 'example',
        tenant: 'example',
        idp_token: { token_type: 'example', expires_in: 42, created_at: 42, scope: 'example' },
        project_id: 'example',
        installation_id: 42,
        installation_token: { created_at: 'example', expires_at: 'example' },
        subscription_id: 'example',
        tenant_id: 'example',
        organization_id: 'example',
        optional_fields: { repo_search_query: 'example', config: 'example', build_issue_to_cloud: true },
        extra_optional_creds: { atlassian: { organization_id: 'example' } },
        api_url: 'example',
        deployment_name: 'example',
        app_id: '30966426',
        git_username: 'example',
        webhook_url: 'example',
        host_url: 'example',
        broker_username: 'example',
        broker_ssh_public_key: 'example',
        broker_enabled: true,
        is_cert_checks_disabled: true,
      });
      expect(Object.keys(r.credentials_secrets_wo).sort()).toEqual(
        ['password', 'token', 'secret_key', 'aws_access_secret', 'idp_access_token', 'idp_refresh_token', 'installation_token', 'api_access_key', 'api_secret_key', 'client_secret', 'api_key', 'ssh_key', 'atlassian_api_key', 'git_password', 'broker_password'].sort(),
      );
      expect(r.credentials_secrets_wo.password).toBe('${ephemeral.credform_env_secret.env_ox_seed_password.value}');
      expect(r.credentials_secrets).toBeUndefined();
      expect((config.ephemeral as any).credform_env_secret.env_ox_seed_password).toEqual({ name: SEED_SECRET_ENV.password });
    } finally {
      delete process.env.OX_SEED_PASSWORD;
    }
  });

  test('the cdktf Testing matchers see it', () => {
    const synthesized = Testing.synthScope((scope) => {
      new OxConnectorCredentials(scope as TerraformStack, 'c', {
        connectorId: '2',
        credentialsName: 'ci',
        credentials: OxCredentials.token({ token: Secret.fromEnv(scope, 'GITLAB_TOKEN') }),
      });
    });
    expect(synthesized).toHaveResourceWithProperties({ tfResourceType: TYPE }, { connector_id: '2', credentials_type: 'Token', credentials_name: 'ci' });
  });
});

describe('typed credentials', () => {
  test.each([
    ['Token', OxCredentials.token({ token: '${var.t}' }), {}, { token: '${var.t}' }],
    ['UserPassword', OxCredentials.userPassword({ name: 'bot', password: '${var.p}' }), { name: 'bot' }, { password: '${var.p}' }],
    ['ApiKey', OxCredentials.apiKey({ apiKey: '${var.k}', input: { apiUrl: 'https://x' } }), { api_url: 'https://x' }, { api_key: '${var.k}' }],
    ['ClientIdSecretKey', OxCredentials.clientIdSecretKey({ clientId: 'cid', secretKey: '${var.s}' }), { client_id: 'cid' }, { secret_key: '${var.s}' }],
    ['AzureCloud', OxCredentials.of('AzureCloud', { input: { tenantId: 't', subscriptionId: 's' }, secrets: { clientSecret: '${var.c}' } }), { tenant_id: 't', subscription_id: 's' }, { client_secret: '${var.c}' }],
  ])('%s', (type, credentials, input, secrets) => {
    const s = stack();
    new OxConnectorCredentials(s, 'c', { connectorId: '2', credentialsName: 'n', credentials });
    const r = resourceOf(s);
    expect(r.credentials_type).toBe(type);
    expect(r.credentials_input ?? {}).toEqual(input);
    expect(r.credentials_secrets_wo).toEqual(secrets);
  });

  test('createBeforeDestroy can be turned off (single-credentials connectors), secrets can go to the sensitive attribute', () => {
    const s = stack();
    new OxConnectorCredentials(s, 'c', {
      connectorId: '7',
      credentialsName: 'jira',
      credentials: OxCredentials.token({ token: '${var.t}' }),
      createBeforeDestroy: false,
      writeOnlySecrets: false,
    });
    const r = resourceOf(s);
    expect(r.lifecycle).toEqual({ create_before_destroy: false });
    expect(r.credentials_secrets).toEqual({ token: '${var.t}' });
    expect(r.credentials_secrets_wo).toBeUndefined();
  });

  test('a literal secret is a synth warning on the construct, naming the field', () => {
    const s = stack();
    new OxConnectorCredentials(s, 'c', { connectorId: '2', credentialsName: 'n', credentials: OxCredentials.token({ token: 'literal-token' }) });
    const warnings = s.node.findAll().flatMap((c) => c.node.metadata.filter((m) => /warn/.test(m.type)).map((m) => ({ path: c.node.path, data: String(m.data) })));
    expect(warnings).toEqual([{ path: 'test/c', data: expect.stringContaining('credentials.secrets.token: a literal secret') }]);
  });
});

describe('bad props fail synth, naming the construct path and the field, echoing the value (never a secret)', () => {
  test.each([
    ['empty connector id', { connectorId: '' }, /^connectorId: must not be empty.* \(got ""\)$/],
    ['unknown type', { credentials: OxCredentials.of('Passkey' as never) }, /^credentials\.type: must be one of OX's credentials types.* \(got "Passkey"\)$/],
    ['fractional installation id', { credentials: OxCredentials.of('GitHubApp', { input: { installationId: 1.5 } }) }, /^credentials\.input\.installationId: must be a whole number.* \(got 1\.5\)$/],
    // A secret put among the inputs: named, never echoed.
    ['unknown nested input field', { credentials: OxCredentials.of('UserPassword', { input: { optionalFields: { sshKey: 'x' } as never } }) }, /^credentials\.input\.optionalFields\.sshKey: is not a field of OX's credentialsInput$/],
    ['unknown secret field', { credentials: OxCredentials.of('UserPassword', { secrets: { passwd: '${var.p}' } as never }) }, /^credentials\.secrets\.passwd: is not a known OX secret field[^()]*\([^)]*\)$/],
    ['version without write-only secrets', { writeOnlySecrets: false, secretsVersion: 2 }, /^secretsVersion: only applies to write-only secrets.* \(got 2\)$/],
  ])('%s', (_label, override, message) => {
    const s = stack();
    new OxConnectorCredentials(s, 'bad', {
      connectorId: '2',
      credentialsName: 'n',
      credentials: OxCredentials.token({ token: '${var.t}' }),
      ...(override as object),
    });
    expect(synthErrorsAt(s, 'test/bad')).toEqual([expect.stringMatching(message)]);
  });
});
