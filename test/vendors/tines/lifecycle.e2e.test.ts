/**
 * The seed's sample request as a `TinesTextCredential` construct, synthesized with cdktf and run
 * through the real terraform binary against the Tines simulator: create, then each attribute
 * changed in place (same ID, one PUT), each apply followed by an empty plan. (`read_access` and
 * `shared_team_slugs` are changed in access.e2e.test.ts, so the two files run side by side.)
 */
import { Secret, TinesTextCredential, type TinesTextCredentialProps } from '../../../src/constructs';
import { ADDRESS, applyConverged, credentialRow, credentials, startTinesWorld, stateOf, synthStack, useSynthesized, type TinesWorld } from './support';

const CANARY = 'canary-tines-life-8d41c7';

/** The seed's sample: `{ name: "text credential", value, mode: "TEXT", team_id: 2 }`. */
const SAMPLE: Omit<TinesTextCredentialProps, 'value'> = { name: 'text credential', teamId: 2 };

function stackJson(extra: Partial<TinesTextCredentialProps> = {}): string {
  return synthStack((stack) => {
    new TinesTextCredential(stack, 'this', { ...SAMPLE, value: Secret.fromEnv(stack, 'TINES_SECRET'), ...extra });
  });
}

describe('credform_tines_text_credential lifecycle (construct → terraform → Tines simulator)', () => {
  let w: TinesWorld;
  let id: string;
  const env = { TINES_SECRET: CANARY };

  beforeAll(async () => {
    w = await startTinesWorld('credform-tines-life-', env);
  });
  afterAll(async () => {
    await w?.sims.stop();
  });

  /** Applies `extra` on top of the sample, checks the ID is kept, and returns the PUT bodies' keys. */
  async function changeInPlace(extra: Partial<TinesTextCredentialProps>): Promise<Record<string, any>> {
    useSynthesized(w.tf, stackJson(extra));
    w.sims.tines.clearRequestLog();
    const apply = await applyConverged(w.tf);
    expect(apply.stdout).toContain('will be updated in-place');
    expect(apply.stdout).toMatch(/~ updated_at += "[^"]+" -> \(known after apply\)/);
    expect(apply.stdout).toContain('0 added, 1 changed, 0 destroyed');
    const writes = w.sims.tines.requestLog().filter((r) => r.method !== 'GET');
    expect(writes).toEqual([{ method: 'PUT', path: `/api/v1/user_credentials/${id}`, status: 200 }]);
    const state = (await stateOf(w.tf))!;
    expect(state.id).toBe(id);
    return state;
  }

  test('create: the sample request, value from the environment, nothing secret in cdk.tf.json', async () => {
    const json = stackJson();
    expect(json).not.toContain(CANARY);
    const resource = JSON.parse(json).resource.credform_tines_text_credential.this;
    expect(resource).toMatchObject({ name: 'text credential', team_id: 2, value_wo: '${ephemeral.credform_env_secret.env_tines_secret.value}' });
    useSynthesized(w.tf, json);
    await applyConverged(w.tf);
    const state = (await stateOf(w.tf))!;
    id = state.id;
    expect(state).toMatchObject({ name: 'text credential', team_id: 2, read_access: 'TEAM', description: '', metadata: {}, allowed_hosts: [], slug: 'text_credential', value_revision: 1, value_wo: null, value: null });
    expect(credentials(w.sims)).toHaveLength(1);
    expect(credentialRow(w.sims, id)).toMatchObject({ name: 'text credential', mode: 'TEXT', team_id: 2, value: CANARY });
    expect(w.tf.read('terraform.tfstate')).not.toContain(CANARY);
  });

  test('name changes in place; the slug follows', async () => {
    const state = await changeInPlace({ name: 'text credential renamed' });
    expect(state.slug).toBe('text_credential_renamed');
    expect(credentialRow(w.sims, id)!.name).toBe('text credential renamed');
  });

  test('description, folder_id, metadata, allowed_hosts change in place one by one', async () => {
    let state = await changeInPlace({ description: 'used by the alerts story' });
    expect(credentialRow(w.sims, id)!.description).toBe('used by the alerts story');
    state = await changeInPlace({ description: 'used by the alerts story', folderId: 1 });
    expect(state.folder_id).toBe(1);
    expect(credentialRow(w.sims, id)!.folder_id).toBe(1);
    state = await changeInPlace({ description: 'used by the alerts story', folderId: 1, metadata: { owner: 'secops', env: 'prod' } });
    expect(credentialRow(w.sims, id)!.metadata).toEqual({ owner: 'secops', env: 'prod' });
    state = await changeInPlace({ description: 'used by the alerts story', folderId: 1, metadata: { owner: 'secops', env: 'prod' }, allowedHosts: ['api.example.com', '*.example.org'] });
    expect(state.allowed_hosts.sort()).toEqual(['*.example.org', 'api.example.com']);
    expect(credentialRow(w.sims, id)!.allowed_hosts.sort()).toEqual(['*.example.org', 'api.example.com']);
    expect(credentialRow(w.sims, id)!.value).toBe(CANARY); // the value was never re-sent
  });

  test('destroy deletes the credential', async () => {
    await w.tf.ok(['destroy', '-auto-approve', '-input=false']);
    expect(credentials(w.sims)).toHaveLength(0);
    expect(await w.tf.resources()).toEqual([]);
    expect(ADDRESS).toBe('credform_tines_text_credential.this');
  });
});
