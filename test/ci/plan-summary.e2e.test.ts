/**
 * `credform plan-summary` on real plans: a stack with creates, in-place updates, replacements, a
 * delete and secret rotations across the four vendors, and a stack whose plan fails a plan-time
 * check. The Markdown is compared with a golden file (UPDATE_GOLDEN=1 rewrites it) and must not hold
 * any canary secret, even though the plan JSON holds the sensitive fallback's value.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { installProvider } from '../../src/cli/install';
import { ensureLockEntry, packageHashV1 } from '../../src/cli/lock-file';
import type { Simulators } from '../../src/simulators';
import { canary, recordOutput } from '../support/canary';
import { CREDFORM_REQUIRED, credformBundleDir } from '../support/credform-terraform';
import { CREDFORM_BIN } from '../support/provider-build';
import { startTestSimulators } from '../support/simulators';
import { collect, TerraformDir } from '../support/terraform';

const GOLDEN = join(__dirname, 'golden', 'plan-summary.md');

function secretsHcl(): string {
  return ['JIRA', 'APINIZER', 'OX', 'TINES_A', 'TINES_B', 'TINES_C'].map((n) => `ephemeral "credform_env_secret" "${n.toLowerCase()}" {\n  name = "${n}_SECRET"\n}\n`).join('');
}

function mainStack(v: { label: string; username: string; oxName: string; keepB: boolean; tinesADescription: string; sensitive: string }): string {
  return `${CREDFORM_REQUIRED}provider "credform" {}
${secretsHcl()}
resource "credform_dx_credential" "jira" {
  connection_id = 123
  label         = "${v.label}"
  settings_json = jsonencode({ jira_user = "dx-automation@myfakecompany.atlassian.net" })
  secrets_wo    = { api_token = ephemeral.credform_env_secret.jira.value }
}
resource "credform_apinizer_credential" "api_user" {
  project_name = "MyProject"
  username     = "${v.username}"
  email        = "user@example.com"
  full_name    = "John Doe"
  role_names   = ["API_USER"]
  password_wo  = ephemeral.credform_env_secret.apinizer.value
}
resource "credform_ox_connector_credentials" "gitlab" {
  connector_id           = "2"
  credentials_type       = "UserPassword"
  credentials_name       = "${v.oxName}"
  credentials_input      = { name = "SomeName" }
  credentials_secrets_wo = { password = ephemeral.credform_env_secret.ox.value }
  lifecycle {
    create_before_destroy = true
  }
}
resource "credform_tines_text_credential" "a" {
  name        = "text credential a"
  team_id     = 2
  description = "${v.tinesADescription}"
  value_wo    = ephemeral.credform_env_secret.tines_a.value
}
${v.keepB ? `resource "credform_tines_text_credential" "b" {\n  name     = "text credential b"\n  team_id  = 2\n  value_wo = ephemeral.credform_env_secret.tines_b.value\n}\n` : `resource "credform_tines_text_credential" "c" {\n  name     = "text credential c"\n  team_id  = 2\n  value_wo = ephemeral.credform_env_secret.tines_c.value\n}\n`}
resource "credform_tines_text_credential" "legacy" {
  name    = "legacy credential"
  team_id = 2
  value   = "${v.sensitive}"
}
`;
}

const brokenStack = `${CREDFORM_REQUIRED}provider "credform" {}
resource "credform_dx_credential" "missing" {
  connection_id = 999
  settings_json = jsonencode({ jira_user = "someone@example.com" })
  secrets       = { api_token = "not-a-canary" }
}
`;

async function stackDir(root: string, name: string, content: string): Promise<string> {
  const dir = join(root, 'stacks', name);
  mkdirSync(dir, { recursive: true });
  const r = installProvider({ dir: join(dir, 'terraform.d', 'plugins'), bundleDir: await credformBundleDir() });
  ensureLockEntry(dir, r.address, r.version, packageHashV1(join(r.path, '..')));
  writeFileSync(join(dir, 'cdk.tf.json'), JSON.stringify({ '//': 'written by the test as plain Terraform JSON' }));
  writeFileSync(join(dir, 'main.tf'), content);
  return dir;
}

/** Ids the simulators assign differ between runs; the golden file holds placeholders. */
function normalize(markdown: string): string {
  return markdown.replace(/"[0-9a-f]{24}"/g, '"<id>"').replace(/`[0-9a-f]{8}-[0-9a-f-]{27}`/g, '`<uuid>`').replace(/"[0-9a-f]{8}-[0-9a-f-]{27}"/g, '"<uuid>"').replace(/"\d{4}-\d\d-\d\dT[\d:.]+Z"/g, '"<time>"');
}

describe('credform plan-summary', () => {
  let sims: Simulators;
  let env: Record<string, string>;
  beforeAll(async () => {
    const started = await startTestSimulators();
    sims = started.sims;
    env = started.env;
  });
  afterAll(() => sims?.stop());

  test('golden Markdown for a cross-vendor plan; no secret in it; exit status 1 for the failed check', async () => {
    const secrets: Record<string, string> = {
      JIRA_SECRET: canary('jira'),
      APINIZER_SECRET: canary('apinizer'),
      OX_SECRET: canary('ox'),
      TINES_A_SECRET: canary('tines-a'),
      TINES_B_SECRET: canary('tines-b'),
      TINES_C_SECRET: canary('tines-c'),
    };
    // The sensitive fallback is kept in state by Terraform itself (that is why it is the fallback),
    // so these two are not canaries; the summary must still never show them.
    const legacyBefore = 'legacy-value-before-7d1c';
    const legacyAfter = 'legacy-value-after-93ab';
    const root = new TerraformDir('credform-summary-', { ...env, ...secrets });
    const main = await stackDir(root.dir, 'main', mainStack({ label: 'Automation user', username: 'api-user', oxName: 'credform quickstart', keepB: true, tinesADescription: '', sensitive: legacyBefore }));
    await stackDir(root.dir, 'broken', brokenStack);
    const tf = root.in(main);
    await tf.ok(['init', '-input=false']);
    await tf.ok(['apply', '-auto-approve']);

    // The change under review: an in-place update, two replacements, a delete, a create, and rotations.
    writeFileSync(join(main, 'main.tf'), mainStack({ label: 'Automation user (renamed)', username: 'api-user-2', oxName: 'credform quickstart v2', keepB: false, tinesADescription: 'rotated by CI', sensitive: legacyAfter }));
    const runEnv = { ...root.env, JIRA_SECRET: canary('jira-rotated'), TINES_A_SECRET: canary('tines-a-rotated') };
    const child = spawn(process.execPath, [CREDFORM_BIN, 'plan-summary', root.dir], { env: runEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    const r = await collect(child, 'credform plan-summary');
    writeFileSync(join(root.dir, 'plan-summary.md'), r.stdout); // scanned for canaries too
    recordOutput('plan-summary', r.stdout + r.stderr);
    expect(r.code).toBe(1); // a plan-time check failed in stack "broken"

    expect(r.stdout).not.toContain(legacyBefore);
    expect(r.stdout).not.toContain(legacyAfter);
    const markdown = normalize(r.stdout);
    // Tines' updated_at moves on every write: a vendor timestamp is not news in a review.
    expect(markdown).not.toContain('updated_at');
    if (process.env.UPDATE_GOLDEN === '1') {
      mkdirSync(join(GOLDEN, '..'), { recursive: true });
      writeFileSync(GOLDEN, markdown);
    }
    expect(markdown).toBe(readFileSync(GOLDEN, 'utf8'));
  }, 300_000);
});
