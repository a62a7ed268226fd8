/**
 * What is refused, and when: bad shapes at validate, what OX can tell before anything changes at
 * plan, credentials OX cannot verify at apply (removed again: nothing left behind), and OX's rate
 * limit waited for rather than failed.
 */
import { startOxSimulator, type Simulators } from '../../../src/simulators';
import { canary } from '../../support/canary';
import { credformTerraform } from '../../support/credform-terraform';
import { startTestSimulators } from '../../support/simulators';
import { addOutsideTerraform, removeOutsideTerraform, stored } from './support';

function config(opts: { connector?: string; type?: string; name?: string; secrets?: string; extra?: string } = {}): string {
  return `
ephemeral "credform_env_secret" "pw" {
  name = "OX_PW"
}
resource "credform_ox_connector_credentials" "c" {
  connector_id     = "${opts.connector ?? '2'}"
  credentials_type = "${opts.type ?? 'Token'}"
  credentials_name = "${opts.name ?? 'ci'}"
  credentials_secrets_wo = ${opts.secrets ?? '{ token = ephemeral.credform_env_secret.pw.value }'}
  ${opts.extra ?? ''}
  lifecycle {
    create_before_destroy = true
  }
}
`;
}

/** Terraform wraps diagnostics at 80 columns. */
const flat = (text: string): string => text.replace(/\s+/g, ' ');

let sims: Simulators;
let env: Record<string, string>;
beforeAll(async () => {
  ({ sims, env } = await startTestSimulators());
});
afterAll(async () => {
  await sims?.stop();
});

test('credentials OX cannot verify are removed again; the apply fails with OX validationMessage; nothing is left', async () => {
  const tf = await credformTerraform('credform-ox-invalid-', { ...env, OX_PW: `invalid-${canary('ox-invalid')}` });
  tf.write('main.tf', config({ name: 'bad-token' }));
  const r = await tf.run(['apply', '-auto-approve']);
  expect(r.code).not.toBe(0);
  expect(r.stderr).toContain('OX rejected the credentials');
  expect(flat(r.stderr)).toContain('OX could not verify them: Failed to authenticate to GitLab with the provided credentials (401 Unauthorized)');
  expect(flat(r.stderr)).toContain('were removed again: nothing changed in OX');
  expect(stored(sims)).toEqual([]);
  expect(await tf.resources()).toEqual([]);

  // A replacement whose new credentials fail keeps the old ones, in OX and in state.
  const good = canary('ox-good');
  await tf.ok(['apply', '-auto-approve'], { OX_PW: good });
  const [kept] = stored(sims);
  const failed = await tf.run(['apply', '-auto-approve'], { OX_PW: `invalid-${canary('ox-invalid-2')}` });
  expect(failed.code).not.toBe(0);
  expect(failed.stderr).toContain('OX rejected the credentials');
  expect(stored(sims).map((c) => c.credentialsId)).toEqual([kept!.credentialsId]);
  expect((await tf.resources())[0]!.values.credentials_id).toBe(kept!.credentialsId);
  const again = await tf.run(['plan', '-detailed-exitcode'], { OX_PW: good });
  expect({ code: again.code, stderr: again.stderr }).toEqual({ code: 0, stderr: '' });
  await tf.ok(['destroy', '-auto-approve'], { OX_PW: good });
});

test('plan fails, naming the attribute, when the connector does not exist or does not take the type; warns when it holds its only credentials', async () => {
  const tf = await credformTerraform('credform-ox-plan-', { ...env, OX_PW: 'tok-value' });
  const before = sims.ox.snapshot();

  tf.write('main.tf', config({ connector: '3', type: 'UserPassword', secrets: '{ password = ephemeral.credform_env_secret.pw.value }', extra: 'credentials_input = { name = "bot" }' }));
  const unsupported = await tf.run(['plan']);
  expect(unsupported.code).not.toBe(0);
  expect(unsupported.stderr).toContain('Credentials type not supported by the connector');
  expect(flat(unsupported.stderr)).toContain('OX connector 3 (GitHub) does not accept UserPassword credentials');
  expect(flat(unsupported.stderr)).toContain('it accepts: GitHubApp, Token, IdentityProvider');
  expect(unsupported.stderr).toMatch(/credentials_type += "UserPassword"/); // terraform points at the line

  tf.write('main.tf', config({ connector: '99' }));
  const unknown = await tf.run(['plan']);
  expect(unknown.code).not.toBe(0);
  expect(flat(unknown.stderr)).toContain('OX has no connector with ID "99". Connectors: 2 (GitLab), 3 (GitHub), 7 (Jira).');
  expect(unknown.stderr).toMatch(/connector_id += "99"/);

  const jira = await addOutsideTerraform(sims, { connectorID: '7', credentialsType: 'Token', credentialsName: 'existing', credentialsInput: { token: 'tok' } });
  tf.write('main.tf', config({ connector: '7' }));
  const single = await tf.ok(['plan']);
  expect(single.stdout).toContain('Warning: The OX connector already holds credentials');
  expect(flat(single.stdout)).toContain(`OX connector 7 (Jira) holds a single set of Token credentials and already has "existing" (${jira}): OX will refuse new ones`);

  expect(sims.ox.snapshot().connectors.filter((c) => c.id !== '7')).toEqual(before.connectors.filter((c) => c.id !== '7'));
  await removeOutsideTerraform(sims, '7', jira);
});

test('a connector with a single set of credentials: replacing them needs create_before_destroy = false, and the plan says so', async () => {
  const first = canary('ox-jira-1');
  const second = canary('ox-jira-2');
  const tf = await credformTerraform('credform-ox-single-', { ...env, OX_PW: first });
  tf.write('main.tf', config({ connector: '7', name: 'jira' }));
  await tf.ok(['apply', '-auto-approve']);
  const [kept] = stored(sims, '7');

  const plan = await tf.ok(['plan'], { OX_PW: second });
  expect(plan.stdout).toContain('Replacing the only credentials of an OX connector');
  expect(flat(plan.stdout)).toContain('set `lifecycle { create_before_destroy = false }`');
  const refused = await tf.run(['apply', '-auto-approve'], { OX_PW: second });
  expect(refused.code).not.toBe(0);
  expect(flat(refused.stderr)).toContain('OX answered: Connector Jira does not support multiple credentials');
  expect(flat(refused.stderr)).toContain('set `lifecycle { create_before_destroy = false }`');
  expect((await tf.resources())[0]!.values.credentials_id).toBe(kept!.credentialsId);
  expect(stored(sims, '7').map((c) => c.credentialsId)).toEqual([kept!.credentialsId]);

  tf.write('main.tf', config({ connector: '7', name: 'jira' }).replace('create_before_destroy = true', 'create_before_destroy = false'));
  const apply = await tf.ok(['apply', '-auto-approve'], { OX_PW: second });
  expect(apply.stdout).toContain('Destroying...');
  const now = stored(sims, '7');
  expect(now).toHaveLength(1);
  expect(now[0]!.input.token).toBe(second);
  const again = await tf.run(['plan', '-detailed-exitcode'], { OX_PW: second });
  expect({ code: again.code, stderr: again.stderr }).toEqual({ code: 0, stderr: '' });
  await tf.ok(['destroy', '-auto-approve'], { OX_PW: second });
});

test('validate refuses an unknown type, an unknown secret key and an empty input field, naming them', async () => {
  const tf = await credformTerraform('credform-ox-validate-', { ...env, OX_PW: 'x' });
  tf.write('main.tf', config({ type: 'Passkey', secrets: '{ passwd = "x" }', extra: 'credentials_input = { name = "" }' }));
  const r = await tf.run(['validate']);
  expect(r.code).not.toBe(0);
  const text = flat(r.stderr);
  expect(text).toContain(`credentials_type = "Passkey" must be one of OX's credentials types: UserPassword,`);
  expect(text).toContain('credentials_secrets_wo = { passwd = "x" } "passwd" is not a known secret field; use one of: password, token');
  expect(text).toContain('credentials_input = { name = "" } must not be empty');
});

test("OX's RateLimit headers: a spent window is waited for, not failed", async () => {
  const limited = await startOxSimulator({ rateLimits: [{ limit: 3, windowSeconds: 3 }] });
  try {
    const tf = await credformTerraform('credform-ox-ratelimit-', { ...env, OX_BASE_URL: limited.url, OX_PW: 'tok-value' });
    tf.write('main.tf', ['a', 'b', 'c'].map((name) => config({ name }).replace('"c" {', `"${name}" {`).replace(/ephemeral "credform_env_secret" "pw" \{[^}]*\}/, '')).join('\n') + 'ephemeral "credform_env_secret" "pw" {\n  name = "OX_PW"\n}\n');
    const started = Date.now();
    // One resource at a time, so that each request sees the RateLimit headers of the one before.
    await tf.ok(['apply', '-auto-approve', '-parallelism=1']);
    const statuses = limited.requestLog().map((r) => r.status);
    expect(statuses.length).toBeGreaterThanOrEqual(7); // 2 scans, 3 adds, 3 verifications: over 2 windows' worth
    expect(statuses.every((s) => s === 200)).toBe(true); // none refused with 429: the provider waited for the reset
    expect(Date.now() - started).toBeGreaterThan(3000);
    expect(limited.snapshot().connectors.find((c) => c.id === '2')!.credentials).toHaveLength(3);
  } finally {
    await limited.stop();
  }
});
