/**
 * Secrets from AWS Secrets Manager, end to end: a cdktf stack with one credential at each vendor,
 * every secret from `Secret.fromAwsSecretsManager` (a whole secret string, by name and by ARN, and
 * two keys of one JSON secret), applied by the real terraform with the real hashicorp/aws provider
 * (from the machine's plugin directory) against a local Secrets Manager endpoint and the vendor
 * simulators. Create; no change; a rotation in Secrets Manager plans the rotated credentials'
 * `…_revision` (never a value) and sends the new values; a missing secret and a missing JSON key fail
 * the plan without showing a value; destroy. The canaries are never in cdk.tf.json, plan output (text
 * or JSON), state, or TF_LOG=trace output (the canary scanner checks everything recorded, too).
 *
 * Skipped, saying why, where hashicorp/aws is not installed (test/support/aws-provider.ts).
 */
import { TerraformProvider, type TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { ApinizerCredential, DxCredential, OxConnectorCredentials, OxCredentials, Secret, TinesTextCredential } from '../../src/constructs';
import { awsProviderMissing, awsTestEnv, findAwsProvider, localAwsProviderConfig, useAwsProvider } from '../support/aws-provider';
import { canary } from '../support/canary';
import { startLocalSecretsManager, type LocalSecretsManager } from '../support/secrets-manager';
import { expectConverged, startWorld, synthStack, useSynthesized, type World } from '../support/world';

const plugin = findAwsProvider();
const missing = awsProviderMissing(plugin);
const describeWithAws = missing ? describe.skip : describe;

/** The `aws` provider as a user without @cdktf/provider-aws declares it (docs/secret-managers.md). */
class AwsProvider extends TerraformProvider {
  constructor(
    scope: Construct,
    id: string,
    private readonly config: Record<string, unknown>,
  ) {
    super(scope, id, {
      terraformResourceType: 'aws',
      terraformProviderSource: 'hashicorp/aws',
      terraformGeneratorMetadata: { providerName: 'aws', providerVersionConstraint: plugin?.version ?? '>= 5.0' },
    });
  }

  protected override synthesizeAttributes(): Record<string, unknown> {
    return this.config;
  }
}

const TINES_SECRET = 'prod/tines/webhook-signing';
const DEV_TOOLS_SECRET = 'prod/dev-tools';
const APINIZER_SECRET = 'prod/apinizer/api-user';

interface Secrets {
  tines: string;
  jira: string;
  ox: string;
  apinizer: string;
}

/** The stack: the AWS provider at the local endpoint, and a credential at each vendor fed from Secrets Manager. */
function build(stack: TerraformStack, sm: LocalSecretsManager, apinizerArn: string, wrong: { secretId?: string; jsonKey?: string } = {}): void {
  new AwsProvider(stack, 'aws', localAwsProviderConfig(sm.url, sm.region));
  new TinesTextCredential(stack, 'webhook', {
    name: 'webhook signing secret',
    teamId: 2,
    value: Secret.fromAwsSecretsManager(stack, 'tines_webhook', { secretId: wrong.secretId ?? TINES_SECRET }),
  });
  DxCredential.jiraCloud(stack, 'jira', {
    connectionId: 123,
    label: 'Automation user',
    jiraUser: 'dx-automation@example.atlassian.net',
    apiToken: Secret.fromAwsSecretsManager(stack, 'jira_api_token', { secretId: DEV_TOOLS_SECRET, jsonKey: wrong.jsonKey ?? 'jira_api_token' }),
  });
  new OxConnectorCredentials(stack, 'gitlab', {
    connectorId: '2',
    credentialsName: 'ox-bot',
    credentials: OxCredentials.userPassword({ name: 'ox-bot', password: Secret.fromAwsSecretsManager(stack, 'ox_password', { secretId: DEV_TOOLS_SECRET, jsonKey: 'ox_password' }) }),
  });
  new ApinizerCredential(stack, 'api_user', {
    projectName: 'MyProject',
    username: 'api-user',
    email: 'api-user@example.com',
    fullName: 'API User',
    roleNames: ['API_USER'],
    password: Secret.fromAwsSecretsManager(stack, 'apinizer_password', { secretId: apinizerArn, versionStage: 'AWSCURRENT' }),
  });
}

describeWithAws(`Secret.fromAwsSecretsManager with hashicorp/aws ${plugin?.version ?? ''}${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let w: World;
  let sm: LocalSecretsManager;
  let apinizerArn: string;
  const first: Secrets = { tines: canary('aws-tines'), jira: canary('aws-jira'), ox: canary('aws-ox'), apinizer: canary('aws-apinizer') };
  const rotated: Secrets = { ...first, tines: canary('aws-tines-rotated'), jira: canary('aws-jira-rotated') };
  const everyCanary = [...new Set([...Object.values(first), ...Object.values(rotated)])];

  const expectNoCanary = (text: string) => {
    for (const c of everyCanary) expect(text).not.toContain(c);
  };
  const configure = (wrong: { secretId?: string; jsonKey?: string } = {}) => {
    const json = synthStack('secret-managers', (stack) => build(stack, sm, apinizerArn, wrong));
    expectNoCanary(json);
    useSynthesized(w.tf, json);
    return JSON.parse(json);
  };
  const vendorValues = () => ({
    tines: w.sims.tines.snapshot().credentials.map((c) => c.value),
    jira: w.sims.dx.snapshot().credentials.filter((c) => c.deleted_at === null).map((c) => c.secrets.api_token),
    ox: w.sims.ox.snapshot().connectors.find((c) => c.id === '2')!.credentials.map((c) => c.input.password),
    apinizer: w.sims.apinizer.snapshot().projects.find((p) => p.name === 'MyProject')!.credentials.map((c) => c.password),
  });
  const expectVendorsHold = (s: Secrets) => expect(vendorValues()).toEqual({ tines: [s.tines], jira: [s.jira], ox: [s.ox], apinizer: [s.apinizer] });

  beforeAll(async () => {
    sm = await startLocalSecretsManager();
    sm.createSecret(TINES_SECRET, first.tines);
    sm.createSecret(DEV_TOOLS_SECRET, JSON.stringify({ jira_api_token: first.jira, ox_password: first.ox }));
    apinizerArn = sm.createSecret(APINIZER_SECRET, first.apinizer);
    w = await startWorld('credform-aws-secrets-', awsTestEnv());
    useAwsProvider(w.tf, plugin!);
    const json = configure();
    // What the constructs wrote: the AWS provider, four ephemeral reads, and references to them.
    expect(json.terraform.required_providers.aws).toEqual({ source: 'hashicorp/aws', version: plugin!.version });
    expect(Object.keys(json.ephemeral.aws_secretsmanager_secret_version).sort()).toEqual(['apinizer_password', 'jira_api_token', 'ox_password', 'tines_webhook']);
    expect(json.ephemeral.aws_secretsmanager_secret_version.apinizer_password).toMatchObject({ secret_id: apinizerArn, version_stage: 'AWSCURRENT' });
    expect(json.resource.credform_tines_text_credential.webhook.value_wo).toBe('${ephemeral.aws_secretsmanager_secret_version.tines_webhook.secret_string}');
    expect(json.resource.credform_dx_credential.jira.secrets_wo.api_token).toBe('${jsondecode(ephemeral.aws_secretsmanager_secret_version.jira_api_token.secret_string)["jira_api_token"]}');
    const init = await w.tf.ok(['init', '-input=false']);
    expect(init.stdout).toContain(`Installing hashicorp/aws v${plugin!.version}`);
  }, 120_000);

  afterAll(async () => {
    await w?.sims.stop();
    await sm?.stop();
  });

  test('create: every vendor holds the value from Secrets Manager; no canary in the plan, TF_LOG=trace output or state; nothing to change after', async () => {
    const plan = await w.tf.ok(['plan', '-out=create.tfplan', '-input=false']);
    expect(plan.stdout).toContain('Plan: 4 to add, 0 to change, 0 to destroy.');
    expect(plan.stdout).toContain('ephemeral.aws_secretsmanager_secret_version.tines_webhook: Opening...');
    expectNoCanary(plan.stdout + plan.stderr);
    expectNoCanary((await w.tf.ok(['show', '-json', 'create.tfplan'])).stdout);

    sm.clearRequests();
    const apply = await w.tf.ok(['apply', '-auto-approve', '-input=false'], { TF_LOG: 'trace' });
    expect(apply.stderr.length).toBeGreaterThan(100_000); // trace logging really ran, the AWS provider's HTTP logs included
    expect(apply.stderr).toContain('GetSecretValue');
    expectNoCanary(apply.stdout + apply.stderr);
    expect(apply.stdout).toContain('Apply complete! Resources: 4 added, 0 changed, 0 destroyed.');
    // The provider needed nothing but GetSecretValue (no STS, no DescribeSecret), each call signed.
    expect(new Set(sm.requests.map((r) => r.operation))).toEqual(new Set(['GetSecretValue']));
    expect(sm.requests.every((r) => r.signed && r.status === 200)).toBe(true);

    expectVendorsHold(first);
    expectNoCanary(w.tf.read('terraform.tfstate'));
    // Ephemeral reads leave nothing in state: only the four credentials.
    expect((await w.tf.resources()).map((r) => r.address).sort()).toEqual([
      'credform_apinizer_credential.api_user',
      'credform_dx_credential.jira',
      'credform_ox_connector_credentials.gitlab',
      'credform_tines_text_credential.webhook',
    ]);
    await expectConverged(w.tf);
  }, 300_000);

  test('rotation in Secrets Manager: the plan shows the rotated credentials’ revisions changing, never a value; apply sends the new values', async () => {
    sm.putSecretValue(TINES_SECRET, rotated.tines);
    sm.putSecretValue(DEV_TOOLS_SECRET, JSON.stringify({ jira_api_token: rotated.jira, ox_password: rotated.ox })); // the OX key unchanged

    const plan = await w.tf.ok(['plan', '-out=rotate.tfplan', '-input=false'], { TF_LOG: 'trace' });
    expectNoCanary(plan.stdout + plan.stderr);
    expect(plan.stdout).toContain('Plan: 0 to add, 2 to change, 0 to destroy.');
    expect(plan.stdout).toMatch(/# credform_tines_text_credential\.webhook will be updated in-place[\s\S]*~ value_revision += 1 -> \(known after apply\)/);
    expect(plan.stdout).toMatch(/# credform_dx_credential\.jira will be updated in-place[\s\S]*~ secrets_revision += 1 -> \(known after apply\)/);
    expect(plan.stdout).not.toContain('credform_ox_connector_credentials.gitlab will be');
    expect(plan.stdout).not.toContain('credform_apinizer_credential.api_user will be');
    expectNoCanary((await w.tf.ok(['show', '-json', 'rotate.tfplan'])).stdout);

    const apply = await w.tf.ok(['apply', '-auto-approve', '-input=false', 'rotate.tfplan']);
    expectNoCanary(apply.stdout + apply.stderr);
    expectVendorsHold(rotated);
    expectNoCanary(w.tf.read('terraform.tfstate'));
    await expectConverged(w.tf);
  }, 300_000);

  test('a secret that does not exist, and a JSON key the secret lacks, fail the plan without showing a value', async () => {
    configure({ secretId: 'prod/no-such-secret', jsonKey: 'no_such_key' });
    sm.clearRequests();
    const plan = await w.tf.run(['plan', '-input=false']);
    expect(plan.code).toBe(1);
    expectNoCanary(plan.stdout + plan.stderr);
    // Secrets Manager's ResourceNotFoundException, in the AWS provider's words: it names the block, not the secret.
    expect(sm.requests).toContainEqual(expect.objectContaining({ operation: 'GetSecretValue', secretId: 'prod/no-such-secret', status: 400 }));
    expect(plan.stderr).toMatch(/Error: reading AWS Secrets Manager Secret Versions .*couldn't find resource\s+with ephemeral\.aws_secretsmanager_secret_version\.tines_webhook,/);
    // A missing key: Terraform's own error, showing the expression, not the secret.
    expect(plan.stderr).toMatch(/Error: Invalid index\s+on cdk\.tf\.json line \d+, in resource\.credform_dx_credential\.jira\.secrets_wo:[\s\S]*\[\\"no_such_key\\"\][\s\S]*The given key does not identify an element in this collection value\./);
    expectVendorsHold(rotated); // nothing was touched
    configure();
    await expectConverged(w.tf);
  }, 300_000);

  test('destroy removes every credential from the vendors', async () => {
    const destroy = await w.tf.ok(['destroy', '-auto-approve', '-input=false']);
    expect(destroy.stdout).toContain('Destroy complete! Resources: 4 destroyed.');
    expectNoCanary(destroy.stdout + destroy.stderr);
    expect(vendorValues()).toEqual({ tines: [], jira: [], ox: [], apinizer: [] });
    expectNoCanary(w.tf.read('terraform.tfstate'));
  }, 300_000);
});

// Where hashicorp/aws is absent the suite above is skipped; say so in the run's output too.
if (missing) {
  test.skip(`Secret.fromAwsSecretsManager end to end: ${missing}`, () => undefined);
  console.warn(`secret-managers.e2e: skipped, ${missing}`);
}
