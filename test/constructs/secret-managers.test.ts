/**
 * `Secret.fromAwsSecretsManager` at synth: the `ephemeral "aws_secretsmanager_secret_version"` block
 * it writes and the reference it returns (a JSON key's quoting: secret-json-key.e2e.test.ts), its
 * props checked with every other construct's problems, naming the prop; and `Secret.fromAttribute`
 * taking a reference to any provider's ephemeral resource, as text or as a token (cdktn's
 * `TerraformEphemeralResource` included), as an ephemeral secret. The end-to-end run with the real
 * AWS provider: secret-managers.e2e.test.ts.
 */
import { App, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { ApinizerCredential, CredformProvider, DxCredential, Secret, TinesTextCredential } from '../../src/constructs';
import { assertBuilt } from '../support/packed-package';
import { REPO_ROOT } from '../support/provider-build';
import { synthErrors, synthErrorsAt } from '../support/synth-errors';

function stack(): TerraformStack {
  const s = new TerraformStack(Testing.app() as App, 'test');
  new CredformProvider(s, 'credform', { installProvider: false });
  return s;
}

const synth = (s: TerraformStack) => JSON.parse(Testing.synth(s, true));

describe('Secret.fromAwsSecretsManager', () => {
  test('writes an ephemeral aws_secretsmanager_secret_version block and feeds its secret_string to the write-only attribute', () => {
    const s = stack();
    const secret = Secret.fromAwsSecretsManager(s, 'webhook', { secretId: 'prod/tines/webhook' });
    expect(secret).toMatchObject({ source: 'secret-manager', ephemeral: true, description: 'AWS Secrets Manager secret "prod/tines/webhook"' });
    new TinesTextCredential(s, 'c', { name: 'c', teamId: 2, value: secret });
    const json = synth(s);
    expect(json.ephemeral).toEqual({ aws_secretsmanager_secret_version: { webhook: { secret_id: 'prod/tines/webhook' } } });
    expect(json.resource.credform_tines_text_credential.c.value_wo).toBe('${ephemeral.aws_secretsmanager_secret_version.webhook.secret_string}');
  });

  test('versionStage, versionId and an aliased provider are written as given; a JSON key reads jsondecode(…)["key"]', () => {
    const s = stack();
    const versionId = '5bd6a7c8-0a1b-4c2d-9e3f-4a5b6c7d8e9f';
    const secret = Secret.fromAwsSecretsManager(s, 'tools', { secretId: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:tools-AbCdEf', versionStage: 'AWSPREVIOUS', versionId, jsonKey: 'jira_api_token', provider: { fqn: 'aws.eu' } });
    DxCredential.jiraCloud(s, 'jira', { connectionId: 123, jiraUser: 'u@example.com', apiToken: secret });
    const json = synth(s);
    expect(json.ephemeral.aws_secretsmanager_secret_version.tools).toEqual({
      secret_id: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:tools-AbCdEf',
      version_stage: 'AWSPREVIOUS',
      version_id: versionId,
      provider: 'aws.eu',
    });
    expect(json.resource.credform_dx_credential.jira.secrets_wo.api_token).toBe('${jsondecode(ephemeral.aws_secretsmanager_secret_version.tools.secret_string)["jira_api_token"]}');
  });

  test('a provider construct’s fqn names its alias; a secretId from a reference is passed through', () => {
    const s = stack();
    const eu = new CredformProvider(s, 'eu', { alias: 'eu', installProvider: false }); // any TerraformProvider: its fqn is `<type>.<alias>`
    const id = new TerraformVariable(s, 'secret_id', { type: 'string' });
    Secret.fromAwsSecretsManager(s, 'from_var', { secretId: id.stringValue, provider: eu });
    expect(synthErrors(s)).toEqual([]);
    expect(synth(s).ephemeral.aws_secretsmanager_secret_version.from_var).toEqual({ secret_id: '${var.secret_id}', provider: 'credform.eu' });
  });

  test('nested in a construct, the block gets a unique name; the same id twice in one scope is refused', () => {
    const s = stack();
    const team = new Construct(s, 'team');
    new TinesTextCredential(s, 'c', { name: 'c', teamId: 2, value: Secret.fromAwsSecretsManager(team, 'webhook', { secretId: 'x' }) });
    const json = synth(s);
    const [name] = Object.keys(json.ephemeral.aws_secretsmanager_secret_version);
    expect(name).toMatch(/^team_webhook_[0-9A-F]{8}$/);
    expect(json.resource.credform_tines_text_credential.c.value_wo).toBe(`\${ephemeral.aws_secretsmanager_secret_version.${name}.secret_string}`);
    expect(() => Secret.fromAwsSecretsManager(team, 'webhook', { secretId: 'y' })).toThrow(/There is already a Construct with name 'webhook'/);
  });

  test('every problem of every read fails synth at once, naming the construct path and the prop', () => {
    const s = stack();
    Secret.fromAwsSecretsManager(s, 'empty', { secretId: ' ', versionStage: '', versionId: 'v1', jsonKey: '' });
    Secret.fromAwsSecretsManager(s, 'spaced', { secretId: 'prod/my secret' });
    Secret.fromAwsSecretsManager(s, 'long', { secretId: `arn:${'x'.repeat(2048)}` });
    Secret.fromAwsSecretsManager(s, '9lives', { secretId: 'ok' });
    Secret.fromAwsSecretsManager(s, 'untyped', { secretId: 42, jsonKey: new TerraformVariable(s, 'k', { type: 'string' }).stringValue } as never);
    Secret.fromAwsSecretsManager(s, 'none', {} as never);
    new TinesTextCredential(s, 'c', { name: '', teamId: 2, value: Secret.fromEnv(s, 'X') }); // another construct's problem, in the same report
    expect(synthErrors(s)).toEqual([
      '[test/empty] secretId: must not be empty (got " ")',
      '[test/empty] versionStage: must not be empty (got "")',
      '[test/empty] versionId: must be 32 to 64 characters (a version ID, e.g. a UUID) (got "v1")',
      '[test/empty] jsonKey: must not be empty (got "")',
      '[test/spaced] secretId: must not contain whitespace (a name or an ARN) (got "prod/my secret")',
      expect.stringMatching(/^\[test\/long\] secretId: must be at most 2048 characters \(a name or an ARN\) \(got "arn:x+…\)$/),
      '[test/9lives] id: must start with a letter or underscore and hold only letters, digits, underscores and dashes (it names the ephemeral block) (got "9lives")',
      '[test/untyped] secretId: must be a string (got 42)',
      '[test/untyped] jsonKey: must be known at synth (a key name, not a reference)',
      '[test/none] secretId: is required',
      expect.stringMatching(/^\[test\/c\] name: /),
    ]);
  });

  test.each([
    ['TinesTextCredential', 'value', (s: TerraformStack, secret: Secret) => new TinesTextCredential(s, 'c', { name: 'c', teamId: 2, value: secret, useWriteOnly: false })],
    [
      'ApinizerCredential',
      'password',
      (s: TerraformStack, secret: Secret) => new ApinizerCredential(s, 'c', { projectName: 'P', username: 'u', email: 'u@example.com', fullName: 'U', roleNames: ['API_USER'], password: secret, useWriteOnly: false }),
    ],
  ])('%s refuses it for the sensitive fallback (useWriteOnly: false), naming the prop: the value is ephemeral', (_name, field, build) => {
    const s = stack();
    build(s, Secret.fromAwsSecretsManager(s, 'pw', { secretId: 'prod/pw', jsonKey: 'password' }));
    expect(synthErrorsAt(s, 'test/c')).toEqual([
      `${field}: AWS Secrets Manager secret "prod/pw" key "password" is ephemeral, and only the write-only attribute takes an ephemeral value: keep useWriteOnly true (Terraform 1.11+), or use Secret.fromVariable(scope, name, { ephemeral: false })`,
    ]);
  });
});

describe('Secret.fromAttribute', () => {
  test('takes `ephemeral.<type>.<name>.<attribute>` written as text, as an ephemeral secret', () => {
    const s = stack();
    const secret = Secret.fromAttribute('ephemeral.vault_kv_secret_v2.app.data["token"]');
    expect(secret).toMatchObject({ source: 'attribute', ephemeral: true });
    new TinesTextCredential(s, 'c', { name: 'c', teamId: 2, value: secret });
    expect(synth(s).resource.credform_tines_text_credential.c.value_wo).toBe('${ephemeral.vault_kv_secret_v2.app.data["token"]}');
  });

  test.each([
    ['an ephemeral reference as text', 'ephemeral.onepassword_item.db[0].password', true],
    ['a ${…} expression on an ephemeral resource', '${jsondecode(ephemeral.aws_secretsmanager_secret_version.x.secret_string)["k"]}', true],
    ['a ${…} expression on a variable', '${var.token}', false],
    ['a data source attribute', '${data.vault_kv_secret_v2.app.data["token"]}', false],
  ])('%s: ephemeral is %s', (_label, expression, ephemeral) => {
    expect(Secret.fromAttribute(expression).ephemeral).toBe(ephemeral);
  });

  test('tokens: an ephemeral resource’s attribute is ephemeral, a variable is not, and `ephemeral` overrides either', () => {
    const s = stack();
    const variable = new TerraformVariable(s, 'token', { type: 'string', sensitive: true });
    expect(Secret.fromAttribute(variable.stringValue).ephemeral).toBe(false);
    expect(Secret.fromAttribute(variable.stringValue, { ephemeral: true }).ephemeral).toBe(true);
    const fromAws = Secret.fromAwsSecretsManager(s, 'aws', { secretId: 'x' }).value;
    expect(Secret.fromAttribute(fromAws).ephemeral).toBe(true);
    expect(Secret.fromAttribute(fromAws, { ephemeral: false }).ephemeral).toBe(false);
  });

  test('a plain string prop holding an ephemeral expression is refused for the sensitive fallback, as a Secret is', () => {
    const s = stack();
    new TinesTextCredential(s, 'c', { name: 'c', teamId: 2, value: '${ephemeral.vault_kv_secret_v2.app.data["token"]}', useWriteOnly: false });
    expect(synthErrorsAt(s, 'test/c')).toEqual([expect.stringMatching(/^value: an expression on an ephemeral resource is ephemeral, and only the write-only attribute takes an ephemeral value/)]);
  });

  test.each(['hunter2', 'a.b.c', 'ephemeral.too_short', 'ephemeral. spaced.x.y'])('still refuses a literal: %j', (literal) => {
    expect(() => Secret.fromAttribute(literal)).toThrow(/Secret\.fromAttribute needs a reference .* not a literal string/);
  });
});

describe('with cdktn (credform/cdktn, as built)', () => {
  /** cdktn, and credform/cdktn as `npm run build` made it (lib/cdktn). */
  const load = () => {
    assertBuilt();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return { cdktn: require('cdktn'), credform: require(`${REPO_ROOT}/lib/cdktn`) };
  };

  test('fromAwsSecretsManager synthesizes with cdktn’s App; an attribute of cdktn’s TerraformEphemeralResource is an ephemeral secret', () => {
    const { cdktn, credform } = load();
    const s = new cdktn.TerraformStack(cdktn.Testing.app(), 'test');
    // cdktn's ephemeral class checks the project's targets (cdktf.json `targetVersions`): by default every Terraform from 1.5.7.
    s.node.setContext('targetVersions', { terraform: '>=1.11.0' });
    new credform.CredformProvider(s, 'credform', { installProvider: false });
    new credform.TinesTextCredential(s, 'a', { name: 'a', teamId: 2, value: credform.Secret.fromAwsSecretsManager(s, 'webhook', { secretId: 'prod/webhook' }) });
    const vault = new cdktn.TerraformEphemeralResource(s, 'vault', { terraformResourceType: 'vault_kv_secret_v2' });
    const fromVault = credform.Secret.fromAttribute(vault.getStringAttribute('data_json'));
    expect(fromVault.ephemeral).toBe(true);
    new credform.TinesTextCredential(s, 'b', { name: 'b', teamId: 2, value: fromVault });
    const json = JSON.parse(cdktn.Testing.synth(s, true));
    expect(json.ephemeral.aws_secretsmanager_secret_version.webhook).toEqual({ secret_id: 'prod/webhook' });
    expect(json.resource.credform_tines_text_credential.a.value_wo).toBe('${ephemeral.aws_secretsmanager_secret_version.webhook.secret_string}');
    expect(json.resource.credform_tines_text_credential.b.value_wo).toBe('${ephemeral.vault_kv_secret_v2.vault.data_json}');
  });
});
