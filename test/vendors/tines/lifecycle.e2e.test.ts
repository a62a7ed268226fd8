/**
 * The seed's sample request as a `TinesTextCredential` construct, synthesized with cdktf and run
 * through the real terraform binary against the Tines simulator — and, with the
 * CREDFORM_LIVE_TINES_* variables set, against a Tines tenant (test/support/live.ts,
 * docs/live-tests.md): create, then each attribute changed in place (same ID, one PUT), the value
 * rotated, drift and a deletion made outside Terraform, import, a create Tines refuses, destroy;
 * each apply followed by an empty plan. Tines is read back through credform's client; the value
 * Tines holds (never returned) and the request log are asserted on the simulator only.
 * (`read_access` and `shared_team_slugs` are changed in access.e2e.test.ts, so the two files run
 * side by side.)
 */
import { Secret, TinesTextCredential, type TinesTextCredentialProps } from '../../../src/constructs';
import { canary, watchSecret } from '../../support/canary';
import { credformTerraform } from '../../support/credform-terraform';
import { describeTargets } from '../../support/live';
import type { TerraformDir } from '../../support/terraform';
import { ADDRESS, applyConverged, credentialRow, credentials, expectConverged, stateOf, synthStack, tinesCall, useSynthesized } from './support';

const CANARY = 'canary-tines-life-8d41c7';
watchSecret(CANARY);
/** No folder has this ID: Tines refuses a create into it. */
const MISSING_FOLDER = 2147483000;

/** The simulator's slug rule (`slugOf`, assumed): lower case, runs of other characters to `_`, none at the ends. */
const slugRule = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
const flat = (s: string) => s.replace(/^[│╷╵]\s?/gm, '').replace(/\s*\n\s*/g, ' ');

describeTargets('tines', 'credform_tines_text_credential lifecycle (construct → terraform → Tines)', (t) => {
  const fx = t.fixtures;
  /** The seed's sample: `{ name: "text credential", value, mode: "TEXT", team_id: 2 }` (live: the run's name, the tenant's team). */
  const SAMPLE: Omit<TinesTextCredentialProps, 'value'> = { name: t.name('text credential'), teamId: fx.teamId };
  const rotated = canary('tines-life-rotated');
  let tf: TerraformDir;
  let id: string;
  let value = CANARY;
  /** What the configuration adds to the sample now. */
  let current: Partial<TinesTextCredentialProps> = {};
  const env = () => ({ TINES_SECRET: value });
  const atTines = async () => (await t.api.getCredential(Number(id)))!;

  function stackJson(extra: Partial<TinesTextCredentialProps> = {}, more?: Omit<TinesTextCredentialProps, 'value'>): string {
    return synthStack((stack) => {
      new TinesTextCredential(stack, 'this', { ...SAMPLE, value: Secret.fromEnv(stack, 'TINES_SECRET'), ...extra });
      if (more) new TinesTextCredential(stack, 'refused', { ...more, value: Secret.fromEnv(stack, 'TINES_SECRET') });
    });
  }

  beforeAll(async () => {
    tf = await credformTerraform('credform-tines-life-', { ...t.env, TINES_SECRET: CANARY });
  });

  /** Applies `extra` on top of the sample, checks the ID is kept, and returns the state. */
  async function changeInPlace(extra: Partial<TinesTextCredentialProps>): Promise<Record<string, any>> {
    current = extra;
    useSynthesized(tf, stackJson(extra));
    t.sims?.tines.clearRequestLog();
    const apply = await applyConverged(tf, env());
    expect(apply.stdout).toContain('will be updated in-place');
    expect(apply.stdout).toMatch(/~ updated_at += "[^"]+" -> \(known after apply\)/);
    expect(apply.stdout).toContain('0 added, 1 changed, 0 destroyed');
    if (t.sims) {
      const writes = t.sims.tines.requestLog().filter((r) => r.method !== 'GET');
      expect(writes).toEqual([{ method: 'PUT', path: `/api/v1/user_credentials/${id}`, status: 200 }]);
    }
    const state = (await stateOf(tf))!;
    expect(state.id).toBe(id);
    return state;
  }

  t.test('create: the sample request, value from the environment, nothing secret in cdk.tf.json', async () => {
    const json = stackJson();
    expect(json).not.toContain(CANARY);
    const resource = JSON.parse(json).resource.credform_tines_text_credential.this;
    expect(resource).toMatchObject({ name: SAMPLE.name, team_id: fx.teamId, value_wo: '${ephemeral.credform_env_secret.env_tines_secret.value}' });
    useSynthesized(tf, json);
    await applyConverged(tf, env());
    const state = (await stateOf(tf))!;
    id = state.id;
    expect(state).toMatchObject({ name: SAMPLE.name, team_id: fx.teamId, folder_id: null, read_access: 'TEAM', description: '', metadata: {}, allowed_hosts: [], value_revision: 1, value_wo: null, value: null });
    const held = await atTines();
    expect(held).toMatchObject({ name: SAMPLE.name, mode: 'TEXT', team_id: fx.teamId });
    expect(state.slug).toBe(held.slug);
    // The simulator's slug rule (assumed, docs/simulators.md), which a live run confirms.
    expect(state.slug).toBe(slugRule(SAMPLE.name));
    if (t.sims) {
      expect(state.slug).toBe('text_credential');
      expect(credentials(t.sims)).toHaveLength(1);
      expect(credentialRow(t.sims, id)).toMatchObject({ name: 'text credential', mode: 'TEXT', team_id: 2, value: CANARY });
    }
    expect(tf.read('terraform.tfstate')).not.toContain(CANARY);
  });

  t.test('name changes in place; the slug follows', async () => {
    const renamed = t.name('text credential renamed');
    const state = await changeInPlace({ name: renamed });
    const held = await atTines();
    expect(held.name).toBe(renamed);
    expect(state.slug).toBe(held.slug);
    expect(state.slug).toBe(slugRule(renamed));
    if (t.sims) {
      expect(state.slug).toBe('text_credential_renamed');
      expect(credentialRow(t.sims, id)!.name).toBe('text credential renamed');
    }
  });

  t.test('description, folder_id, metadata, allowed_hosts change in place one by one', async () => {
    const folder = fx.folderId === undefined ? {} : { folderId: fx.folderId }; // live: only with CREDFORM_LIVE_TINES_FOLDER_ID
    const row = () => (t.sims ? credentialRow(t.sims, id) : undefined);
    let state = await changeInPlace({ description: 'used by the alerts story' });
    expect((await atTines()).description).toBe('used by the alerts story');
    if (t.sims) expect(row()!.description).toBe('used by the alerts story');
    if (fx.folderId !== undefined) {
      state = await changeInPlace({ description: 'used by the alerts story', ...folder });
      expect(state.folder_id).toBe(fx.folderId);
      expect((await atTines()).folder_id).toBe(fx.folderId);
      if (t.sims) expect(row()!.folder_id).toBe(1);
    }
    state = await changeInPlace({ description: 'used by the alerts story', ...folder, metadata: { owner: 'secops', env: 'prod' } });
    expect((await atTines()).metadata).toEqual({ owner: 'secops', env: 'prod' });
    if (t.sims) expect(row()!.metadata).toEqual({ owner: 'secops', env: 'prod' });
    state = await changeInPlace({ description: 'used by the alerts story', ...folder, metadata: { owner: 'secops', env: 'prod' }, allowedHosts: ['api.example.com', '*.example.org'] });
    expect(state.allowed_hosts.sort()).toEqual(['*.example.org', 'api.example.com']);
    expect((await atTines()).allowed_hosts.sort()).toEqual(['*.example.org', 'api.example.com']);
    if (t.sims) {
      expect(row()!.allowed_hosts.sort()).toEqual(['*.example.org', 'api.example.com']);
      expect(row()!.value).toBe(CANARY); // the value was never re-sent
    }
  });

  t.liveOnly('a changed value alone is sent in place, no version bump needed, and never shown', 'secrets.e2e.test.ts "a changed value alone plans value_revision"', async () => {
    value = rotated;
    const apply = await applyConverged(tf, env());
    expect(apply.stdout).toMatch(/~ value_revision += 1 -> \(known after apply\)/);
    expect(apply.stdout).toContain('0 added, 1 changed, 0 destroyed');
    expect(apply.stdout + apply.stderr).not.toContain(rotated);
    expect((await stateOf(tf))!).toMatchObject({ id, value_revision: 2 });
  });

  t.liveOnly('drift made in Tines is shown and planned back', 'secrets.e2e.test.ts "drift made in Tines is shown and planned back"', async () => {
    expect((await tinesCall({ tines: t.endpoint }, 'PUT', `/api/v1/user_credentials/${id}`, { mode: 'TEXT', description: 'edited in the UI' })).status).toBe(200);
    const apply = await applyConverged(tf, env());
    expect(apply.stdout).toMatch(/~ description += "edited in the UI" -> "used by the alerts story"/);
    expect((await atTines()).description).toBe('used by the alerts story');
    expect((await stateOf(tf))!.value_revision).toBe(2); // the value was not sent again
  });

  t.liveOnly('deleted outside Terraform: the refresh removes it and apply creates it again', 'secrets.e2e.test.ts, the same test', async () => {
    expect((await tinesCall({ tines: t.endpoint }, 'DELETE', `/api/v1/user_credentials/${id}`)).status).toBe(204);
    const plan = await tf.ok(['plan', '-input=false'], env());
    expect(plan.stdout).toContain('1 to add, 0 to change, 0 to destroy');
    await applyConverged(tf, env());
    const state = (await stateOf(tf))!;
    expect(state.id).not.toBe(id);
    expect(await t.api.getCredential(Number(id))).toBeNull();
    id = state.id;
    expect(await atTines()).toMatchObject({ name: SAMPLE.name, description: 'used by the alerts story' });
  });

  t.liveOnly('import by ID: the next apply sends the configured value (no fingerprint yet), then converges', 'secrets.e2e.test.ts, the same test', async () => {
    await tf.ok(['state', 'rm', ADDRESS]);
    await tf.ok(['import', '-input=false', ADDRESS, id], env());
    expect((await stateOf(tf))!).toMatchObject({ id, name: SAMPLE.name, team_id: fx.teamId, value_revision: null });
    const plan = await tf.ok(['plan', '-input=false'], env());
    expect(plan.stdout).toContain('1 to change');
    expect(plan.stdout).toMatch(/value_revision += \(known after apply\)|value_revision += null -> \(known after apply\)/);
    await applyConverged(tf, env());
    expect((await stateOf(tf))!).toMatchObject({ id, value_revision: 1 });
  });

  t.liveOnly("a create Tines refuses (a folder that is not the team's): the apply fails in Tines' words, nothing is made", 'checks.e2e.test.ts "apply: a 422 `{errors:[…]}` body points at the attribute Tines named"', async () => {
    const refused = t.name('refused credential');
    useSynthesized(tf, stackJson(current, { name: refused, teamId: fx.teamId, folderId: MISSING_FOLDER }));
    const r = await tf.run(['apply', '-auto-approve', '-input=false'], env());
    expect(r.code).toBe(1);
    expect(flat(r.stderr)).toContain('with credform_tines_text_credential.refused');
    expect((await t.api.listCredentials(fx.teamId)).filter((c) => c.name === refused)).toEqual([]);
    expect((await tf.resources()).map((res) => res.address)).toEqual([ADDRESS]);
    useSynthesized(tf, stackJson(current));
    await expectConverged(tf, env());
  });

  t.test('destroy deletes the credential', async () => {
    await tf.ok(['destroy', '-auto-approve', '-input=false'], env());
    expect(await t.api.getCredential(Number(id))).toBeNull();
    if (t.sims) expect(credentials(t.sims)).toHaveLength(0);
    expect(await tf.resources()).toEqual([]);
    expect(ADDRESS).toBe('credform_tines_text_credential.this');
  });
});
