/**
 * The value's life through the real terraform binary: kept out of cdk.tf.json, plans (text and
 * JSON), state and TF_LOG=trace output; rotated in place without a version bump; re-sent on a
 * version bump; not re-sent by other changes. Then team change → replacement, deletion outside
 * Terraform → re-creation, import (the next apply sends the configured value), destroy.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Secret, TinesTextCredential, type TinesTextCredentialProps } from '../../../src/constructs';
import { ADDRESS, applyConverged, expectConverged, credentialRow, credentials, startTinesWorld, stateOf, synthStack, tinesCall, useSynthesized, type TinesWorld } from './support';

const CANARY_1 = 'canary-tines-first-3b9e52';
const CANARY_2 = 'canary-tines-second-a07f1d';

function configure(w: TinesWorld, extra: Partial<TinesTextCredentialProps> = {}): void {
  const json = synthStack((stack) => {
    new TinesTextCredential(stack, 'this', { name: 'text credential', teamId: 2, value: Secret.fromEnv(stack, 'TINES_SECRET'), ...extra });
  });
  expect(json).not.toContain('canary');
  useSynthesized(w.tf, json);
}

describe('credform_tines_text_credential value, replacement and import', () => {
  let w: TinesWorld;
  let id: string;
  const first = { TINES_SECRET: CANARY_1 };
  const second = { TINES_SECRET: CANARY_2 };

  beforeAll(async () => {
    w = await startTinesWorld('credform-tines-secret-', first);
  });
  afterAll(async () => {
    await w?.sims.stop();
  });

  test('create with TF_LOG=trace: the canary is in Tines and nowhere in logs, plan or state', async () => {
    configure(w);
    await w.tf.ok(['plan', '-out=create.tfplan', '-input=false']);
    const planJson = await w.tf.ok(['show', '-json', 'create.tfplan']);
    expect(planJson.stdout).not.toContain(CANARY_1);
    const trace = await w.tf.ok(['apply', '-auto-approve', '-input=false'], { TF_LOG: 'trace' });
    expect(trace.stderr.length).toBeGreaterThan(10_000); // trace logging really ran
    expect(trace.stdout + trace.stderr).not.toContain(CANARY_1);
    id = (await stateOf(w.tf))!.id;
    expect(credentialRow(w.sims, id)!.value).toBe(CANARY_1);
    expect(w.tf.read('terraform.tfstate')).not.toContain(CANARY_1);
    await expectConverged(w.tf);
  });

  test('a changed value alone plans value_revision (known after apply) and is sent in place, no version bump', async () => {
    const plan = await w.tf.ok(['plan', '-out=rotate.tfplan', '-input=false'], second);
    expect(plan.stdout).toContain('1 to change, 0 to destroy');
    expect(plan.stdout).toMatch(/~ value_revision += 1 -> \(known after apply\)/);
    expect(plan.stdout + plan.stderr).not.toContain(CANARY_2);
    const planJson = await w.tf.ok(['show', '-json', 'rotate.tfplan'], second);
    expect(planJson.stdout).not.toContain(CANARY_2);
    expect(planJson.stdout).not.toContain(CANARY_1);
    await w.tf.ok(['apply', '-auto-approve', '-input=false', 'rotate.tfplan'], second);
    expect(credentialRow(w.sims, id)!.value).toBe(CANARY_2);
    expect((await stateOf(w.tf))!).toMatchObject({ id, value_revision: 2 });
    const state = w.tf.read('terraform.tfstate');
    expect(state).not.toContain(CANARY_2);
    expect(state).not.toContain(CANARY_1);
    await applyConverged(w.tf, second); // and the next plan is empty
  });

  test('a change of another attribute does not send the value; a version bump does', async () => {
    await tinesCall(w.sims, 'PUT', `/api/v1/user_credentials/${id}`, { mode: 'TEXT', value: 'changed-in-the-tines-ui' });
    configure(w, { description: 'rotated quarterly' });
    await applyConverged(w.tf, second);
    expect(credentialRow(w.sims, id)).toMatchObject({ description: 'rotated quarterly', value: 'changed-in-the-tines-ui' });
    configure(w, { description: 'rotated quarterly', valueVersion: 1 });
    const apply = await applyConverged(w.tf, second);
    expect(apply.stdout).toMatch(/\+ value_wo_version += 1/);
    expect(credentialRow(w.sims, id)!.value).toBe(CANARY_2);
    expect((await stateOf(w.tf))!.value_revision).toBe(3);
  });

  test('team_id change replaces the credential (old one deleted, new one in the other team)', async () => {
    configure(w, { teamId: 1 });
    const apply = await applyConverged(w.tf, second);
    expect(apply.stdout).toContain('must be replaced');
    expect(apply.stdout).toMatch(/~ team_id += 2 -> 1 # forces replacement/);
    const state = (await stateOf(w.tf))!;
    expect(state.id).not.toBe(id);
    expect(credentialRow(w.sims, id)).toBeUndefined();
    expect(credentials(w.sims)).toHaveLength(1);
    expect(credentialRow(w.sims, state.id)).toMatchObject({ team_id: 1, name: 'text credential', value: CANARY_2 });
    id = state.id;
  });

  test('deleted outside Terraform: the refresh removes it and apply creates it again', async () => {
    expect((await tinesCall(w.sims, 'DELETE', `/api/v1/user_credentials/${id}`)).status).toBe(204);
    const plan = await w.tf.ok(['plan', '-input=false'], second);
    expect(plan.stdout).toContain('1 to add, 0 to change, 0 to destroy');
    await applyConverged(w.tf, second);
    const state = (await stateOf(w.tf))!;
    expect(state.id).not.toBe(id);
    expect(credentialRow(w.sims, state.id)).toMatchObject({ team_id: 1, value: CANARY_2 });
    id = state.id;
  });

  test('-replace of the same name in the same team is not mistaken for a name conflict', async () => {
    const apply = await w.tf.ok(['apply', '-auto-approve', '-input=false', `-replace=${ADDRESS}`], second);
    expect(apply.stdout).toContain('1 added, 0 changed, 1 destroyed');
    await expectConverged(w.tf, second);
    const state = (await stateOf(w.tf))!;
    expect(state.id).not.toBe(id);
    expect(credentials(w.sims).map((c) => c.id)).toEqual([Number(state.id)]);
    id = state.id;
  });

  test('import by ID: the next apply sends the configured value (no fingerprint yet), then converges', async () => {
    rmSync(join(w.tf.dir, 'terraform.tfstate')); // Terraform forgets it (`state rm`; the harness cannot pass that subcommand)
    await tinesCall(w.sims, 'PUT', `/api/v1/user_credentials/${id}`, { mode: 'TEXT', value: 'not-what-terraform-has' });
    const bad = await w.tf.run(['import', '-input=false', ADDRESS, 'abc'], second);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('Invalid import ID');
    await w.tf.ok(['import', '-input=false', ADDRESS, id], second);
    const imported = (await stateOf(w.tf))!;
    expect(imported).toMatchObject({ id, name: 'text credential', team_id: 1, read_access: 'TEAM', value_revision: null });
    const plan = await w.tf.ok(['plan', '-input=false'], second);
    expect(plan.stdout).toContain('1 to change');
    expect(plan.stdout).toMatch(/value_revision += \(known after apply\)|value_revision += null -> \(known after apply\)/);
    await applyConverged(w.tf, second);
    expect(credentialRow(w.sims, id)!.value).toBe(CANARY_2);
    expect((await stateOf(w.tf))!).toMatchObject({ id, value_revision: 1 });
  });

  test('drift made in Tines is shown and planned back; an import block from the construct works too', async () => {
    await tinesCall(w.sims, 'PUT', `/api/v1/user_credentials/${id}`, { mode: 'TEXT', description: 'edited in the UI', allowed_hosts: ['x.example.com'] });
    const apply = await applyConverged(w.tf, second);
    expect(apply.stdout).toMatch(/description += "edited in the UI" -> (""|null)/); // Terraform renders a change to "" as "-> null"
    expect(apply.stdout).toContain('- "x.example.com"');
    expect(credentialRow(w.sims, id)).toMatchObject({ description: '', allowed_hosts: [] });

    rmSync(join(w.tf.dir, 'terraform.tfstate'));
    const json = synthStack((stack) => {
      const c = new TinesTextCredential(stack, 'this', { name: 'text credential', teamId: 1, value: Secret.fromEnv(stack, 'TINES_SECRET') });
      c.importFrom(id);
    });
    useSynthesized(w.tf, json);
    const imported = await applyConverged(w.tf, second);
    expect(imported.stdout).toContain('1 imported, 0 added, 1 changed, 0 destroyed');
    expect((await stateOf(w.tf))!).toMatchObject({ id, value_revision: 1 });
    configure(w, { teamId: 1 }); // the same stack without the import block
    await applyConverged(w.tf, second);
  });

  test('destroy removes it from Tines', async () => {
    await w.tf.ok(['destroy', '-auto-approve', '-input=false'], second);
    expect(credentials(w.sims)).toHaveLength(0);
    expect(w.tf.read('terraform.tfstate')).not.toMatch(/canary-tines/);
  });
});
