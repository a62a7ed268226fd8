// @date-sensitive: expiration_date literals, never compared with now (past or future is the vendor's business). Also run with the clock moved (scripts/test-clock-shift.mjs).
/**
 * The behaviours around the edges of `credform_dx_credential`: JSON compared as JSON, DX's default
 * label, expiration dates, the Terraform < 1.11 `secrets` attribute, and a create whose answer is lost.
 */
import { Secret } from '../../../src/constructs';
import { canary } from '../../support/canary';
import { DxCredential } from '../../../src/constructs/dx';
import { credentialRow, expectConverged, liveCredentials, startDxWorld, stateOf, synthStack, useSynthesized, type DxWorld } from './support';

let w: DxWorld;
beforeAll(async () => {
  w = await startDxWorld('credform-dx-edge-');
});
afterAll(async () => {
  await w?.sims.stop();
});

const PROVIDER = 'provider "credform" {}\n';
const unboxed = (text: string) => text.replace(/^[│╷╵]\s?/gm, '').replace(/\s*\n\s*/g, ' ');

describe('edges', () => {
  test('settings are compared as JSON: reformatting or reordering plans nothing', async () => {
    const cfg = (settings: string) => PROVIDER + `resource "credform_dx_credential" "s" {\n  connection_id = 125\n  settings_json = ${settings}\n  secrets_wo = { token = "json-test" }\n}\n`;
    w.tf.write('main.tf', cfg('jsonencode({ a = 1, b = { c = [1, 2] } })'));
    await w.tf.ok(['apply', '-input=false', '-auto-approve']);
    w.tf.write('main.tf', cfg('<<-EOT\n    {\n      "b": { "c": [1, 2.0] },\n      "a": 1\n    }\n  EOT'));
    await expectConverged(w.tf);
    // A value that really differs is a change.
    w.tf.write('main.tf', cfg('jsonencode({ a = 1, b = { c = [2, 1] } })'));
    const r = await w.tf.run(['plan', '-detailed-exitcode', '-input=false']);
    expect(r.code).toBe(2);
    await w.tf.ok(['destroy', '-input=false', '-auto-approve']);
  });

  test('label left to DX, expiration_date set and cleared', async () => {
    const cfg = (extra: string) => PROVIDER + `resource "credform_dx_credential" "e" {\n  connection_id = 125\n  settings_json = jsonencode({ team = "expiry" })\n  secrets_wo = { token = "expiry-secret" }\n${extra}}\n`;
    w.tf.write('main.tf', cfg('  expiration_date = "2027-01-31"\n'));
    await w.tf.ok(['apply', '-input=false', '-auto-approve']);
    const state = (await stateOf(w.tf, 'credform_dx_credential.e'))!;
    const id = state.credential_id as number;
    expect(state.label).toBe(`Linear credential ${id}`); // DX's default
    expect(credentialRow(w.sims, id)).toMatchObject({ expiration_date: '2027-01-31', label: `Linear credential ${id}` });
    await expectConverged(w.tf);
    w.tf.write('main.tf', cfg(''));
    const plan = await w.tf.ok(['plan', '-input=false']);
    expect(plan.stdout).toMatch(/- expiration_date\s+= "2027-01-31" -> null/);
    expect(plan.stdout).not.toContain('label');
    await w.tf.ok(['apply', '-input=false', '-auto-approve']);
    expect(credentialRow(w.sims, id)).toMatchObject({ expiration_date: null, label: `Linear credential ${id}` });
    await expectConverged(w.tf);
    await w.tf.ok(['destroy', '-input=false', '-auto-approve']);
  });

  test('the sensitive `secrets` attribute (Terraform < 1.11) creates and rotates', async () => {
    const cfg = (secret: string) =>
      PROVIDER + `variable "token" {\n  type = string\n  sensitive = true\n}\nresource "credform_dx_credential" "old" {\n  connection_id = 125\n  settings_json = jsonencode({ team = "legacy" })\n  secrets = { token = var.token }\n}\n`;
    w.tf.write('main.tf', cfg('a'));
    await w.tf.ok(['apply', '-input=false', '-auto-approve'], { TF_VAR_token: 'legacy-1' });
    const id = (await stateOf(w.tf, 'credform_dx_credential.old'))!.credential_id as number;
    expect(credentialRow(w.sims, id)?.secrets).toEqual({ token: 'legacy-1' });
    await expectConverged(w.tf, { TF_VAR_token: 'legacy-1' });
    const plan = await w.tf.ok(['plan', '-input=false'], { TF_VAR_token: 'legacy-2' });
    expect(plan.stdout).toMatch(/~ secrets\s+= \(sensitive value\)/);
    expect(plan.stdout).not.toContain('legacy-2');
    await w.tf.ok(['apply', '-input=false', '-auto-approve'], { TF_VAR_token: 'legacy-2' });
    expect(credentialRow(w.sims, id)?.secrets).toEqual({ token: 'legacy-2' });
    expect((await stateOf(w.tf, 'credform_dx_credential.old'))!.secrets_revision).toBe(2);
    await expectConverged(w.tf, { TF_VAR_token: 'legacy-2' });
    await w.tf.ok(['destroy', '-input=false', '-auto-approve'], { TF_VAR_token: 'legacy-2' });
  });

  test('a create whose answer is lost adopts the credential it made: exactly one at DX and in state', async () => {
    const secret = canary('dx-lost');
    w.tf.write('main.tf', PROVIDER + 'ephemeral "credform_env_secret" "s" {\n  name = "LOST_SECRET"\n}\nresource "credform_dx_credential" "lost" {\n  connection_id = 125\n  label = "lost answer"\n  settings_json = jsonencode({ team = "lost" })\n  secrets_wo = { token = ephemeral.credform_env_secret.s.value }\n}\n');
    w.sims.dx.setFaults({ commitThenDropShare: 1, pathPattern: 'credentials\\.create$' });
    let r;
    try {
      r = await w.tf.ok(['apply', '-input=false', '-auto-approve'], { LOST_SECRET: secret });
    } finally {
      w.sims.dx.setFaults(undefined);
    }
    expect(w.sims.dx.requestLog().filter((e) => e.fault === 'commit-then-drop')).toHaveLength(1);
    expect(unboxed(r.stdout + r.stderr)).toContain('Warning: DX create answer lost; credential adopted');
    const made = liveCredentials(w.sims, 125).filter((c) => c.label === 'lost answer');
    expect(made).toHaveLength(1);
    expect(made[0]!.secrets).toEqual({ token: secret });
    expect((await stateOf(w.tf, 'credform_dx_credential.lost'))!.credential_id).toBe(made[0]!.id);
    await expectConverged(w.tf, { LOST_SECRET: secret });
    await w.tf.ok(['destroy', '-input=false', '-auto-approve'], { LOST_SECRET: secret });
    expect(liveCredentials(w.sims, 125)).toHaveLength(0);
  });
});

describe('construct settings through terraform', () => {
  test('template sigils in settings reach DX literally, and converge', async () => {
    const settings = { tpl: 'a${b}%{c}', n: 1 };
    const token = canary('dx-tpl');
    useSynthesized(w.tf, synthStack((stack) => new DxCredential(stack, 'tpl', { connectionId: 125, settings, secrets: { token: Secret.fromVariable(stack, 'tpl_token') } })));
    await w.tf.ok(['apply', '-input=false', '-auto-approve'], { TF_VAR_tpl_token: token });
    const id = (await stateOf(w.tf, 'credform_dx_credential.tpl'))!.credential_id as number;
    expect(credentialRow(w.sims, id)).toMatchObject({ settings, secrets: { token } });
    await expectConverged(w.tf, { TF_VAR_tpl_token: token });
  });
});
