/**
 * Every example synthesizes with the real cdktf CLI, and no secret value reaches cdk.tf.json: the
 * environment holds canary secrets for every variable the examples read, and the canary scanner
 * (plus the explicit checks here) looks for them in the synthesized stacks.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CdktfProject } from '../support/cdktf';
import { canary } from '../support/canary';
import { REPO_ROOT } from '../support/provider-build';

const examples = readdirSync(join(REPO_ROOT, 'examples')).filter((d) => d !== 'ci');

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

describe.each(examples)('examples/%s', (example) => {
  test('synthesizes; no secret value in cdk.tf.json; secrets are references', async () => {
    const env = secretEnv();
    const project = new CdktfProject(join(REPO_ROOT, 'examples', example, 'main.ts'), env, `credform-example-${example}-`);
    await project.ok(['synth']);
    const stacks = readdirSync(join(project.dir, 'cdktf.out', 'stacks'));
    expect(stacks.length).toBe(1);
    const json = project.synthesized(stacks[0]);
    for (const value of Object.values(env)) expect(json).not.toContain(value);
    const parsed = JSON.parse(json);
    expect(parsed.terraform.required_providers.credform.source).toBe('credform/credform');
    // Secrets come from ephemeral env reads or variables, never literals.
    expect(json).toMatch(/\$\{(ephemeral\.credform_env_secret|var)\./);
    // Zero-config: the provider and its lock entry are in the stack's working directory.
    expect(readdirSync(join(project.stackDir(stacks[0]), 'terraform.d', 'plugins', 'registry.terraform.io', 'credform', 'credform'))).toHaveLength(1);
    expect(readdirSync(project.stackDir(stacks[0]))).toContain('.terraform.lock.hcl');
  });
});

test('the root cdktf.json runs the quickstart', async () => {
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
