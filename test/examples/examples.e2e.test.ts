/**
 * Every example synthesizes with the real CLI of its CDK — cdktf-cli, or cdktn-cli for
 * examples/cdktn — and no secret value reaches cdk.tf.json: the environment holds canary secrets
 * for every variable the examples read, and the canary scanner (plus the explicit checks here) looks
 * for them in the synthesized stacks.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CdktfProject, testWithCdktfCli } from '../support/cdktf';
import { testWithCdktnCli } from '../support/cdktn';
import { canary, recordDir } from '../support/canary';
import { REPO_ROOT } from '../support/provider-build';
import { collect } from '../support/terraform';

/** Examples on cdktn, synthesized with cdktn-cli; every other one is a cdktf app. */
const CDKTN_EXAMPLES = ['cdktn'];
const examples = readdirSync(join(REPO_ROOT, 'examples')).filter((d) => d !== 'ci' && !CDKTN_EXAMPLES.includes(d));

const secretEnv = () => ({
  JIRA_API_TOKEN: canary('jira'),
  APINIZER_API_USER_PASSWORD: canary('apinizer'),
  OX_CONNECTOR_PASSWORD: canary('ox'),
  TINES_TEXT_CREDENTIAL: canary('tines'),
  US_WEBHOOK_SECRET: canary('us'),
  EU_WEBHOOK_SECRET: canary('eu'),
  SHARED_CREDENTIAL_VALUE: canary('shared'),
  TF_VAR_tines_eu_api_key: canary('eu-key'),
  DX_API_TOKEN: canary('dx-token'),
  TINES_API_KEY: canary('tines-key'),
});

/** The one stack synthesized into `projectDir`/cdktf.out: no secret value in it, secrets as references, the provider beside it. Returns its cdk.tf.json, parsed. */
function expectSynthesized(projectDir: string, env: Record<string, string>): any {
  const stacks = readdirSync(join(projectDir, 'cdktf.out', 'stacks'));
  expect(stacks.length).toBe(1);
  const stackDir = join(projectDir, 'cdktf.out', 'stacks', stacks[0]!);
  const json = readFileSync(join(stackDir, 'cdk.tf.json'), 'utf8');
  for (const value of Object.values(env)) expect(json).not.toContain(value);
  const parsed = JSON.parse(json);
  expect(parsed.terraform.required_providers.credform.source).toBe('credform/credform');
  // Secrets come from ephemeral reads (credform's env secret, a secret manager's) or variables, never literals.
  expect(json).toMatch(/\$\{(jsondecode\()?(ephemeral\.(credform_env_secret|aws_secretsmanager_secret_version)|var)\./);
  // Zero-config: the provider and its lock entry are in the stack's working directory.
  expect(readdirSync(join(stackDir, 'terraform.d', 'plugins', 'registry.terraform.io', 'credform', 'credform'))).toHaveLength(1);
  expect(readdirSync(stackDir)).toContain('.terraform.lock.hcl');
  return parsed;
}

describe.each(examples)('examples/%s', (example) => {
  testWithCdktfCli('synthesizes; no secret value in cdk.tf.json; secrets are references', async () => {
    const env = secretEnv();
    const project = new CdktfProject(join(REPO_ROOT, 'examples', example, 'main.ts'), env, `credform-example-${example}-`);
    await project.ok(['synth']);
    expectSynthesized(project.dir, env);
  });
});

describe.each(CDKTN_EXAMPLES)('examples/%s', (example) => {
  testWithCdktnCli('synthesizes with cdktn-cli (Node ≥ 22.19); no secret value in cdk.tf.json; secrets are references', async () => {
    const env = secretEnv();
    const dir = mkdtempSync(join(tmpdir(), `credform-example-${example}-`));
    recordDir(dir);
    const tsx = join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
    writeFileSync(join(dir, 'cdktf.json'), JSON.stringify({ language: 'typescript', app: `${tsx} ${join(REPO_ROOT, 'examples', example, 'main.ts')}` }));
    const childEnv: NodeJS.ProcessEnv = { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null', CHECKPOINT_DISABLE: '1', CI: '1', NO_COLOR: '1', ...env };
    delete childEnv.TF_LOG;
    const child = spawn(join(REPO_ROOT, 'node_modules', '.bin', 'cdktn'), ['synth'], { cwd: dir, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    const r = await collect(child, `cdktn synth in ${dir}`);
    if (r.code !== 0) throw new Error(`cdktn synth exited ${r.code}\n${r.stdout}\n${r.stderr}`);
    const stack = expectSynthesized(dir, env);
    // cdktn's App made it, from the constructs of credform/cdktn: all four vendors.
    expect(stack['//'].metadata.version).toBe(JSON.parse(readFileSync(join(REPO_ROOT, 'node_modules', 'cdktn', 'package.json'), 'utf8')).version);
    expect(Object.keys(stack.resource).sort()).toEqual(['credform_apinizer_credential', 'credform_dx_credential', 'credform_ox_connector_credentials', 'credform_tines_text_credential']);
  });
});

testWithCdktfCli('the root cdktf.json runs the quickstart', async () => {
  const { spawn } = await import('node:child_process');
  const { mkdtempSync, readFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { collect } = await import('../support/terraform');
  const out = mkdtempSync(join(tmpdir(), 'credform-root-synth-'));
  const child = spawn(join(REPO_ROOT, 'node_modules', '.bin', 'cdktf'), ['synth', '--output', out], {
    cwd: REPO_ROOT,
    env: { ...process.env, CI: '1', TF_CLI_CONFIG_FILE: '/dev/null' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const r = await collect(child, 'cdktf synth (repository root)');
  expect(r.code).toBe(0);
  const json = JSON.parse(readFileSync(join(out, 'stacks', 'quickstart', 'cdk.tf.json'), 'utf8'));
  expect(Object.keys(json.resource).sort()).toEqual(['credform_apinizer_credential', 'credform_dx_credential', 'credform_ox_connector_credentials', 'credform_tines_text_credential']);
});
