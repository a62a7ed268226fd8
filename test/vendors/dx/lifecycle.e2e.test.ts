/**
 * The DX seed page's Jira Cloud example as a `DxCredential` construct, synthesized and run through the
 * real terraform binary against the DX simulator — and, with the CREDFORM_LIVE_DX_* variables set,
 * against a DX tenant (test/support/live.ts, docs/live-tests.md): create, in-place changes, rotation,
 * replacement, drift, import, a refused rotation, destroy — and the plan is empty after every apply.
 * The secrets must never show up in cdk.tf.json, plan output (text and JSON), state, or a
 * TF_LOG=trace apply. DX is observed through credform's own client; what DX never returns (the
 * secrets it holds) is asserted on the simulator's store, on the simulator only.
 */
import { Secret } from '../../../src/constructs';
import { DxCredential, type DxCredentialProps } from '../../../src/constructs/dx';
import { canary } from '../../support/canary';
import { credformTerraform } from '../../support/credform-terraform';
import { describeTargets } from '../../support/live';
import type { TerraformDir } from '../../support/terraform';
import { credentialRow, dxCall, forgetInState, expectConverged, liveCredentials, stateOf, synthStack, useSynthesized } from './support';

const ADDRESS = 'credform_dx_credential.jira';

/** Terraform wraps diagnostics in a box: strip the frame to match sentences. */
const unboxed = (text: string) => text.replace(/^[│╷╵]\s?/gm, '').replace(/\s*\n\s*/g, ' ');
const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describeTargets('dx', 'DxCredential.jiraCloud through terraform (the seed example)', (t) => {
  const fx = t.fixtures;
  // The seed page's example values; live, the run's label and the tenant's connection and Jira user.
  const SEED = { connectionId: fx.connectionId, label: t.name('Automation user — myfakecompany'), jiraUser: fx.jiraUser };

  let tf: TerraformDir;
  let token = fx.jiraToken;
  let credentialId = 0;
  // What the configuration says now.
  let connection = SEED.connectionId;
  let label = SEED.label;
  let jiraUser = SEED.jiraUser;
  let secretsVersion: number | undefined;
  const env = () => ({ DX_JIRA_TOKEN: token });
  const endpoint = () => ({ dx: t.endpoint });
  /** The credentials of this run DX lists on a connection (on the simulator: all of them), through credform's client. */
  const ours = async (connectionId: number) => (await t.api.listCredentials(connectionId)).filter((c) => t.owns(c.label));
  const listedIds = async (connectionId: number) => (await t.api.listCredentials(connectionId)).map((c) => c.id);

  function synthJira(overrides: Partial<Omit<DxCredentialProps, 'settings' | 'secrets'>> = {}): string {
    return synthStack((stack) => {
      DxCredential.jiraCloud(stack, 'jira', {
        connectionId: connection,
        label,
        jiraUser,
        ...(secretsVersion === undefined ? {} : { secretsVersion }),
        apiToken: Secret.fromEnv(stack, 'DX_JIRA_TOKEN'),
        ...overrides,
      });
    });
  }

  function expectNoCanary(text: string, where: string): void {
    for (const secret of [fx.jiraToken, fx.rotatedJiraToken]) {
      if (text.includes(secret)) throw new Error(`a secret leaked into ${where}`);
    }
  }

  async function planOut(name: string): Promise<string> {
    const r = await tf.ok(['plan', '-input=false', `-out=${name}`], env());
    expectNoCanary(r.stdout + r.stderr, `plan output (${name})`);
    const json = await tf.ok(['show', '-json', name], env());
    expectNoCanary(json.stdout, `terraform show -json ${name}`);
    return r.stdout;
  }

  async function applyPlan(name: string, extraEnv: Record<string, string> = {}): Promise<string> {
    const r = await tf.ok(['apply', '-input=false', name], { ...env(), ...extraEnv });
    expectNoCanary(r.stdout + r.stderr, `apply output (${name})`);
    expectNoCanary(tf.read('terraform.tfstate'), 'terraform.tfstate');
    return r.stdout + r.stderr;
  }

  beforeAll(async () => {
    tf = await credformTerraform('credform-dx-life-', t.env);
  });

  t.test('create: the seed request reaches DX; computed attributes in state; nothing secret anywhere', async () => {
    const json = synthJira();
    expectNoCanary(json, 'cdk.tf.json');
    expect(JSON.parse(json).resource.credform_dx_credential.jira.secrets_wo).toEqual({ api_token: '${ephemeral.credform_env_secret.env_dx_jira_token.value}' });
    useSynthesized(tf, json);

    const plan = await planOut('create.tfplan');
    expect(plan).toContain(`${ADDRESS} will be created`);
    const log = await applyPlan('create.tfplan', { TF_LOG: 'trace' });
    expect(log).toContain('PlanResourceChange'); // the trace really was on
    expectNoCanary(log, 'TF_LOG=trace output');

    const listed = await ours(connection);
    expect(listed).toHaveLength(1);
    credentialId = listed[0]!.id;
    expect(listed[0]).toMatchObject({ label: SEED.label, settings: { jira_user: SEED.jiraUser }, type: 'jira_cloud' });
    if (t.sims) {
      // Simulator only: the secret DX holds.
      const rows = liveCredentials(t.sims, 123);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ id: credentialId, label: SEED.label, settings: { jira_user: SEED.jiraUser }, secrets: { api_token: fx.jiraToken }, type: 'jira_cloud', created_at: listed[0]!.created_at });
    }
    expect(await stateOf(tf, ADDRESS)).toMatchObject({
      connection_id: SEED.connectionId,
      credential_id: credentialId,
      id: `${SEED.connectionId}/${credentialId}`,
      type: 'jira_cloud',
      label: SEED.label,
      settings_json: JSON.stringify({ jira_user: SEED.jiraUser }),
      secrets_wo: null,
      secrets_revision: 1,
      created_at: listed[0]!.created_at,
    });
    await expectConverged(tf, env());
  });

  t.test('label change: in place, settings and secrets not sent; then what changed outside is drift, put back', async () => {
    // Another admin rotates the token and edits the settings at DX. Without a refresh credform does
    // not know; a label-only change must then leave both as they are at DX. (A real DX verifies what
    // it is sent: live, the outside change is the other valid token of the same Jira user only.)
    const outside: { settings?: Record<string, string>; secrets: Record<string, string> } = t.sims
      ? { settings: { jira_user: 'outside@example.com' }, secrets: { api_token: 'outside-token' } }
      : { secrets: { api_token: fx.rotatedJiraToken } };
    await dxCall(endpoint(), 'POST', `/api/connections/${connection}/credentials.update`, { id: credentialId, ...outside });
    label = t.name('Automation user — renamed');
    useSynthesized(tf, synthJira());
    const r = await tf.ok(['apply', '-input=false', '-auto-approve', '-refresh=false'], env());
    expect(r.stdout).toContain('1 changed');
    const settingsAtDx = outside.settings ?? { jira_user: SEED.jiraUser };
    expect(await t.api.credentialInfo(connection, credentialId)).toMatchObject({ label, settings: settingsAtDx });
    if (t.sims) expect(credentialRow(t.sims, credentialId)).toMatchObject({ label, settings: settingsAtDx, secrets: { api_token: 'outside-token' } });

    // With refresh, what changed outside is drift and is put back: the label, changed outside now,
    // and (on the simulator) the settings.
    const labelOutside = t.name('label changed outside');
    await dxCall(endpoint(), 'POST', `/api/connections/${connection}/credentials.update`, { id: credentialId, label: labelOutside });
    const plan = await planOut('drift.tfplan');
    expect(plan).toMatch(new RegExp(`~ label\\s+= "${literal(labelOutside)}" -> "${literal(label)}"`));
    if (t.sims) {
      expect(plan).toMatch(/~ settings_json\s+= jsonencode\(/);
      expect(plan).toContain('outside@example.com');
    }
    await applyPlan('drift.tfplan');
    expect(await t.api.credentialInfo(connection, credentialId)).toMatchObject({ label, settings: { jira_user: SEED.jiraUser } });
    if (t.sims) {
      expect(credentialRow(t.sims, credentialId)?.settings).toEqual({ jira_user: SEED.jiraUser });
      expect(credentialRow(t.sims, credentialId)?.secrets).toEqual({ api_token: 'outside-token' });
    }
    await expectConverged(tf, env());
  });

  t.simulatorOnly('settings change: in place, shown as a JSON diff', 'DX verifies a new jira_user against Jira with the stored token, which needs a second Jira account', async () => {
    jiraUser = 'dx-automation-2@myfakecompany.atlassian.net';
    useSynthesized(tf, synthJira());
    const plan = await planOut('settings.tfplan');
    expect(plan).toContain(`${ADDRESS} will be updated in-place`);
    expect(plan).toMatch(/~ jira_user = "dx-automation@myfakecompany.atlassian.net" -> "dx-automation-2@myfakecompany.atlassian.net"/);
    expect(plan).not.toContain('secrets_revision');
    await applyPlan('settings.tfplan');
    expect(credentialRow(t.sims!, credentialId)).toMatchObject({ settings: { jira_user: 'dx-automation-2@myfakecompany.atlassian.net' }, secrets: { api_token: 'outside-token' } });
    await expectConverged(tf, env());
  });

  t.test('secret rotation without a version bump: planned as an update, sent, converges', async () => {
    token = fx.rotatedJiraToken;
    const plan = await planOut('rotate.tfplan');
    expect(plan).toContain(`${ADDRESS} will be updated in-place`);
    expect(plan).toMatch(/~ secrets_revision\s+= 1 -> \(known after apply\)/);
    await applyPlan('rotate.tfplan');
    if (t.sims) expect(credentialRow(t.sims, credentialId)?.secrets).toEqual({ api_token: fx.rotatedJiraToken });
    expect((await stateOf(tf, ADDRESS))?.secrets_revision).toBe(2);
    await expectConverged(tf, env());
  });

  t.test('a version bump with the same secret sends it again', async () => {
    // DX holds another secret now, set outside Terraform: the bump sends the configured one again.
    await dxCall(endpoint(), 'POST', `/api/connections/${connection}/credentials.update`, { id: credentialId, secrets: { api_token: fx.jiraToken } });
    secretsVersion = 1;
    useSynthesized(tf, synthJira());
    const plan = await planOut('version.tfplan');
    expect(plan).toMatch(/\+ secrets_wo_version\s+= 1/);
    expect(plan).toMatch(/~ secrets_revision\s+= 2 -> \(known after apply\)/);
    await applyPlan('version.tfplan');
    if (t.sims) expect(credentialRow(t.sims, credentialId)?.secrets).toEqual({ api_token: fx.rotatedJiraToken });
    expect((await stateOf(tf, ADDRESS))?.secrets_revision).toBe(3);
    await expectConverged(tf, env());
  });

  t.testUnless(fx.secondConnectionId === undefined ? 'set CREDFORM_LIVE_DX_SECOND_CONNECTION_ID' : undefined, 'connection_id change: replaced', async () => {
    const second = fx.secondConnectionId!;
    const before = connection;
    connection = second;
    useSynthesized(tf, synthJira());
    const plan = await planOut('replace.tfplan');
    expect(plan).toContain(`${ADDRESS} must be replaced`);
    expect(plan).toMatch(new RegExp(`~ connection_id\\s+= ${before} -> ${second} # forces replacement`));
    await applyPlan('replace.tfplan');
    expect(await listedIds(before)).not.toContain(credentialId);
    const listed = await ours(second);
    expect(listed).toHaveLength(1);
    if (t.sims) {
      expect(credentialRow(t.sims, credentialId)?.deleted_at).not.toBeNull();
      const rows = liveCredentials(t.sims, 125);
      expect(rows).toHaveLength(1);
      expect(rows[0]!.secrets).toEqual({ api_token: fx.rotatedJiraToken });
      expect(rows[0]!.id).toBe(listed[0]!.id);
    }
    credentialId = listed[0]!.id;
    expect(await stateOf(tf, ADDRESS)).toMatchObject({ id: `${second}/${credentialId}`, secrets_revision: 1 });
    await expectConverged(tf, env());
  });

  t.test('deleted outside Terraform: dropped at refresh and created again', async () => {
    const deleted = await dxCall(endpoint(), 'POST', `/api/connections/${connection}/credentials.delete`, { id: credentialId });
    expect(deleted.body).toEqual({ ok: true });
    const plan = await planOut('recreate.tfplan');
    expect(plan).toContain('Plan: 1 to add, 0 to change, 0 to destroy.');
    expect(plan).toContain(`${ADDRESS} will be created`);
    await applyPlan('recreate.tfplan');
    const listed = await ours(connection);
    expect(listed).toHaveLength(1);
    expect(listed[0]!.id).not.toBe(credentialId);
    if (t.sims) {
      const rows = liveCredentials(t.sims, 125);
      expect(rows).toHaveLength(1);
      expect(rows[0]!.id).toBe(listed[0]!.id);
    }
    credentialId = listed[0]!.id;
    await expectConverged(tf, env());
  });

  t.test('import by <connection_id>/<credential_id>; the next apply sends the configured secret', async () => {
    await forgetInState(tf, ADDRESS);
    // The secret DX holds differs from the configured one: import cannot know (DX never returns secrets).
    await dxCall(endpoint(), 'POST', `/api/connections/${connection}/credentials.update`, { id: credentialId, secrets: { api_token: fx.jiraToken } });
    const imported = await tf.ok(['import', '-input=false', ADDRESS, `${connection}/${credentialId}`], env());
    expectNoCanary(imported.stdout + imported.stderr, 'import output');
    expect(await stateOf(tf, ADDRESS)).toMatchObject({
      connection_id: connection,
      credential_id: credentialId,
      label,
      settings_json: JSON.stringify({ jira_user: jiraUser }),
      secrets_revision: null,
    });
    const plan = await planOut('import.tfplan');
    expect(plan).toContain(`${ADDRESS} will be updated in-place`);
    expect(plan).toMatch(/~ secrets_revision\s+= null -> \(known after apply\)|\+ secrets_revision\s+= \(known after apply\)/);
    await applyPlan('import.tfplan');
    if (t.sims) expect(credentialRow(t.sims, credentialId)?.secrets).toEqual({ api_token: fx.rotatedJiraToken });
    await expectConverged(tf, env());
  });

  t.liveOnly('a rotation DX refuses: its words in the error, DX and the state unchanged, going back plans nothing', 'errors.e2e.test.ts "a failed update" and failed-rotation.e2e.test.ts', async () => {
    const before = await stateOf(tf, ADDRESS);
    const atDx = await t.api.credentialInfo(connection, credentialId);
    // Refused by the simulator's `invalid` convention, and by a real DX because Jira refuses it.
    token = `invalid-${canary('dx-refused')}`;
    const r = await tf.run(['apply', '-input=false', '-auto-approve'], env());
    expect(r.code).toBe(1);
    expect(unboxed(r.stderr)).toContain('Error: DX refused the credential: Invalid credentials');
    expect(await stateOf(tf, ADDRESS)).toEqual(before);
    expect(await t.api.credentialInfo(connection, credentialId)).toEqual(atDx);
    token = fx.rotatedJiraToken;
    await expectConverged(tf, env());
  });

  t.test('destroy: deleted at DX, state empty', async () => {
    const r = await tf.ok(['destroy', '-input=false', '-auto-approve'], env());
    expect(r.stdout).toContain('1 destroyed');
    expect(await listedIds(connection)).not.toContain(credentialId);
    expect(await ours(connection)).toEqual([]);
    // credentials.info still answers for a deleted credential, with its deleted_at (assumed by the simulator: docs/simulators.md).
    expect((await t.api.credentialInfo(connection, credentialId)).deleted_at).toEqual(expect.any(String));
    if (t.sims) {
      expect(credentialRow(t.sims, credentialId)?.deleted_at).not.toBeNull();
      expect(liveCredentials(t.sims)).toHaveLength(0);
    }
    expect(await tf.resources()).toHaveLength(0);
  });
});
