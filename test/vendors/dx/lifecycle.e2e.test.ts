/**
 * The DX seed page's Jira Cloud example as a `DxCredential` construct, synthesized and run through the
 * real terraform binary against the DX simulator: create, in-place changes, rotation, replacement,
 * drift, import, destroy — and the plan is empty after every apply. The canary secrets must never show
 * up in cdk.tf.json, plan output (text and JSON), state, or a TF_LOG=trace apply.
 */
import { Secret } from '../../../src/constructs';
import { DxCredential, type DxCredentialProps } from '../../../src/constructs/dx';
import { canary } from '../../support/canary';
import { credentialRow, dxCall, forgetInState, expectConverged, liveCredentials, startDxWorld, stateOf, synthStack, useSynthesized, type DxWorld } from './support';

const ADDRESS = 'credform_dx_credential.jira';
const CANARY_1 = canary('dx-jira-one');
const CANARY_2 = canary('dx-jira-two');
// The seed page's example values.
const SEED = { connectionId: 123, label: 'Automation user — myfakecompany', jiraUser: 'dx-automation@myfakecompany.atlassian.net' };

let w: DxWorld;
let token = CANARY_1;
let credentialId = 0;
const env = () => ({ DX_JIRA_TOKEN: token });

function synthJira(overrides: Partial<Omit<DxCredentialProps, 'settings' | 'secrets'>> & { jiraUser?: string } = {}): string {
  return synthStack((stack) => {
    DxCredential.jiraCloud(stack, 'jira', { ...SEED, apiToken: Secret.fromEnv(stack, 'DX_JIRA_TOKEN'), ...overrides });
  });
}

function expectNoCanary(text: string, where: string): void {
  for (const canary of [CANARY_1, CANARY_2]) {
    if (text.includes(canary)) throw new Error(`a canary secret leaked into ${where}`);
  }
}

async function planOut(name: string): Promise<string> {
  const r = await w.tf.ok(['plan', '-input=false', `-out=${name}`], env());
  expectNoCanary(r.stdout + r.stderr, `plan output (${name})`);
  const json = await w.tf.ok(['show', '-json', name], env());
  expectNoCanary(json.stdout, `terraform show -json ${name}`);
  return r.stdout;
}

async function applyPlan(name: string, extraEnv: Record<string, string> = {}): Promise<string> {
  const r = await w.tf.ok(['apply', '-input=false', name], { ...env(), ...extraEnv });
  expectNoCanary(r.stdout + r.stderr, `apply output (${name})`);
  expectNoCanary(w.tf.read('terraform.tfstate'), 'terraform.tfstate');
  return r.stdout + r.stderr;
}

beforeAll(async () => {
  w = await startDxWorld('credform-dx-life-');
});
afterAll(async () => {
  await w?.sims.stop();
});

describe('DxCredential.jiraCloud through terraform (the seed example)', () => {
  test('create: the seed request reaches DX; computed attributes in state; nothing secret anywhere', async () => {
    const json = synthJira();
    expectNoCanary(json, 'cdk.tf.json');
    expect(JSON.parse(json).resource.credform_dx_credential.jira.secrets_wo).toEqual({ api_token: '${ephemeral.credform_env_secret.env_dx_jira_token.value}' });
    useSynthesized(w.tf, json);

    const plan = await planOut('create.tfplan');
    expect(plan).toContain(`${ADDRESS} will be created`);
    const log = await applyPlan('create.tfplan', { TF_LOG: 'trace' });
    expect(log).toContain('PlanResourceChange'); // the trace really was on
    expectNoCanary(log, 'TF_LOG=trace output');

    const rows = liveCredentials(w.sims, 123);
    expect(rows).toHaveLength(1);
    credentialId = rows[0]!.id;
    expect(rows[0]).toMatchObject({ label: SEED.label, settings: { jira_user: SEED.jiraUser }, secrets: { api_token: CANARY_1 }, type: 'jira_cloud' });
    expect(await stateOf(w.tf, ADDRESS)).toMatchObject({
      connection_id: 123,
      credential_id: credentialId,
      id: `123/${credentialId}`,
      type: 'jira_cloud',
      label: SEED.label,
      settings_json: JSON.stringify({ jira_user: SEED.jiraUser }),
      secrets_wo: null,
      secrets_revision: 1,
      created_at: rows[0]!.created_at,
    });
    await expectConverged(w.tf, env());
  });

  test('label change: in place, settings and secrets not sent', async () => {
    // Another admin rotates the token and edits the settings at DX. Without a refresh credform does
    // not know; a label-only change must then leave both as they are at DX.
    await dxCall(w.sims, 'POST', '/api/connections/123/credentials.update', { id: credentialId, settings: { jira_user: 'outside@example.com' }, secrets: { api_token: 'outside-token' } });
    useSynthesized(w.tf, synthJira({ label: 'Automation user — renamed' }));
    const r = await w.tf.ok(['apply', '-input=false', '-auto-approve', '-refresh=false'], env());
    expect(r.stdout).toContain('1 changed');
    expect(credentialRow(w.sims, credentialId)).toMatchObject({ label: 'Automation user — renamed', settings: { jira_user: 'outside@example.com' }, secrets: { api_token: 'outside-token' } });

    // With refresh, the settings changed outside are drift and are put back.
    const plan = await planOut('drift.tfplan');
    expect(plan).toMatch(/~ settings_json\s+= jsonencode\(/);
    expect(plan).toContain('outside@example.com');
    await applyPlan('drift.tfplan');
    expect(credentialRow(w.sims, credentialId)?.settings).toEqual({ jira_user: SEED.jiraUser });
    expect(credentialRow(w.sims, credentialId)?.secrets).toEqual({ api_token: 'outside-token' });
    await expectConverged(w.tf, env());
  });

  test('settings change: in place, shown as a JSON diff', async () => {
    useSynthesized(w.tf, synthJira({ label: 'Automation user — renamed', jiraUser: 'dx-automation-2@myfakecompany.atlassian.net' }));
    const plan = await planOut('settings.tfplan');
    expect(plan).toContain(`${ADDRESS} will be updated in-place`);
    expect(plan).toMatch(/~ jira_user = "dx-automation@myfakecompany.atlassian.net" -> "dx-automation-2@myfakecompany.atlassian.net"/);
    expect(plan).not.toContain('secrets_revision');
    await applyPlan('settings.tfplan');
    expect(credentialRow(w.sims, credentialId)).toMatchObject({ settings: { jira_user: 'dx-automation-2@myfakecompany.atlassian.net' }, secrets: { api_token: 'outside-token' } });
    await expectConverged(w.tf, env());
  });

  test('secret rotation without a version bump: planned as an update, sent, converges', async () => {
    token = CANARY_2;
    const plan = await planOut('rotate.tfplan');
    expect(plan).toContain(`${ADDRESS} will be updated in-place`);
    expect(plan).toMatch(/~ secrets_revision\s+= 1 -> \(known after apply\)/);
    await applyPlan('rotate.tfplan');
    expect(credentialRow(w.sims, credentialId)?.secrets).toEqual({ api_token: CANARY_2 });
    expect((await stateOf(w.tf, ADDRESS))?.secrets_revision).toBe(2);
    await expectConverged(w.tf, env());
  });

  test('a version bump with the same secret sends it again', async () => {
    await dxCall(w.sims, 'POST', '/api/connections/123/credentials.update', { id: credentialId, secrets: { api_token: 'outside-again' } });
    useSynthesized(w.tf, synthJira({ label: 'Automation user — renamed', jiraUser: 'dx-automation-2@myfakecompany.atlassian.net', secretsVersion: 1 }));
    const plan = await planOut('version.tfplan');
    expect(plan).toMatch(/\+ secrets_wo_version\s+= 1/);
    expect(plan).toMatch(/~ secrets_revision\s+= 2 -> \(known after apply\)/);
    await applyPlan('version.tfplan');
    expect(credentialRow(w.sims, credentialId)?.secrets).toEqual({ api_token: CANARY_2 });
    expect((await stateOf(w.tf, ADDRESS))?.secrets_revision).toBe(3);
    await expectConverged(w.tf, env());
  });

  test('connection_id change: replaced', async () => {
    useSynthesized(w.tf, synthJira({ connectionId: 125, label: 'Automation user — renamed', jiraUser: 'dx-automation-2@myfakecompany.atlassian.net', secretsVersion: 1 }));
    const plan = await planOut('replace.tfplan');
    expect(plan).toContain(`${ADDRESS} must be replaced`);
    expect(plan).toMatch(/~ connection_id\s+= 123 -> 125 # forces replacement/);
    await applyPlan('replace.tfplan');
    expect(credentialRow(w.sims, credentialId)?.deleted_at).not.toBeNull();
    const rows = liveCredentials(w.sims, 125);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.secrets).toEqual({ api_token: CANARY_2 });
    credentialId = rows[0]!.id;
    expect(await stateOf(w.tf, ADDRESS)).toMatchObject({ id: `125/${credentialId}`, secrets_revision: 1 });
    await expectConverged(w.tf, env());
  });

  test('deleted outside Terraform: dropped at refresh and created again', async () => {
    const deleted = await dxCall(w.sims, 'POST', '/api/connections/125/credentials.delete', { id: credentialId });
    expect(deleted.body).toEqual({ ok: true });
    const plan = await planOut('recreate.tfplan');
    expect(plan).toContain('Plan: 1 to add, 0 to change, 0 to destroy.');
    expect(plan).toContain(`${ADDRESS} will be created`);
    await applyPlan('recreate.tfplan');
    const rows = liveCredentials(w.sims, 125);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.id).not.toBe(credentialId);
    credentialId = rows[0]!.id;
    await expectConverged(w.tf, env());
  });

  test('import by <connection_id>/<credential_id>; the next apply sends the configured secret', async () => {
    await forgetInState(w.tf, ADDRESS);
    // The secret DX holds differs from the configured one: import cannot know (DX never returns secrets).
    await dxCall(w.sims, 'POST', '/api/connections/125/credentials.update', { id: credentialId, secrets: { api_token: 'held-before-import' } });
    const imported = await w.tf.ok(['import', '-input=false', ADDRESS, `125/${credentialId}`], env());
    expectNoCanary(imported.stdout + imported.stderr, 'import output');
    expect(await stateOf(w.tf, ADDRESS)).toMatchObject({
      connection_id: 125,
      credential_id: credentialId,
      label: 'Automation user — renamed',
      settings_json: JSON.stringify({ jira_user: 'dx-automation-2@myfakecompany.atlassian.net' }),
      secrets_revision: null,
    });
    const plan = await planOut('import.tfplan');
    expect(plan).toContain(`${ADDRESS} will be updated in-place`);
    expect(plan).toMatch(/~ secrets_revision\s+= null -> \(known after apply\)|\+ secrets_revision\s+= \(known after apply\)/);
    await applyPlan('import.tfplan');
    expect(credentialRow(w.sims, credentialId)?.secrets).toEqual({ api_token: CANARY_2 });
    await expectConverged(w.tf, env());
  });

  test('destroy: deleted at DX, state empty', async () => {
    const r = await w.tf.ok(['destroy', '-input=false', '-auto-approve'], env());
    expect(r.stdout).toContain('1 destroyed');
    expect(credentialRow(w.sims, credentialId)?.deleted_at).not.toBeNull();
    expect(liveCredentials(w.sims)).toHaveLength(0);
    expect(await w.tf.resources()).toHaveLength(0);
  });
});
