/**
 * Access settings changed in place (`read_access`, `shared_team_slugs`), and a test credential
 * (change control): `live_credential_id` attaches a TEST value to a live credential. Through
 * terraform: created with the live one in one apply, its value rotated in place, and destroyed
 * without deleting the live credential it is attached to.
 */
import { applyConverged, credentialRow, credentials, startTinesWorld, stateOf, type TinesWorld } from './support';

const LIVE_VALUE = 'canary-tines-live-11aa22';
const TEST_VALUE = 'canary-tines-test-33bb44';
const TEST_VALUE_2 = 'canary-tines-test2-55cc66';

const config = (withTest: boolean, access = '') => `provider "credform" {}
ephemeral "credform_env_secret" "live" {
  name = "LIVE_SECRET"
}
ephemeral "credform_env_secret" "test" {
  name = "TEST_SECRET"
}
resource "credform_tines_text_credential" "live" {
  name     = "payments api"
  team_id  = 2
  value_wo = ephemeral.credform_env_secret.live.value
${access}
}
${withTest ? `resource "credform_tines_text_credential" "test" {
  name               = "payments api"
  team_id            = credform_tines_text_credential.live.team_id
  live_credential_id = credform_tines_text_credential.live.id
  value_wo           = ephemeral.credform_env_secret.test.value
}` : ''}
`;

describe('credform_tines_text_credential: test credential (live_credential_id), then access settings', () => {
  let w: TinesWorld;
  let liveId: string;

  beforeAll(async () => {
    w = await startTinesWorld('credform-tines-testcred-', { LIVE_SECRET: LIVE_VALUE, TEST_SECRET: TEST_VALUE });
  });
  afterAll(async () => {
    await w?.sims.stop();
  });

  test('created with its live credential in one apply; the name check does not flag the live one', async () => {
    w.tf.write('main.tf', config(true));
    await applyConverged(w.tf);
    const live = (await stateOf(w.tf, 'credform_tines_text_credential.live'))!;
    const test = (await stateOf(w.tf, 'credform_tines_text_credential.test'))!;
    liveId = live.id;
    expect(test).toMatchObject({ id: live.id, live_credential_id: Number(live.id), slug: 'payments_api', value_revision: 1 });
    expect(credentials(w.sims)).toHaveLength(1);
    expect(credentialRow(w.sims, liveId)).toMatchObject({ value: LIVE_VALUE, test_credential: { value: TEST_VALUE } });
  });

  test('the test value rotates in place without touching the live value', async () => {
    const apply = await applyConverged(w.tf, { TEST_SECRET: TEST_VALUE_2 });
    expect(apply.stdout).toContain('0 added, 1 changed, 0 destroyed');
    expect(credentialRow(w.sims, liveId)).toMatchObject({ value: LIVE_VALUE, test_credential: { value: TEST_VALUE_2 } });
    expect((await stateOf(w.tf, 'credform_tines_text_credential.test'))!.value_revision).toBe(2);
  });

  test('removing the test credential leaves the live credential (with a warning: Tines cannot detach it)', async () => {
    w.tf.write('main.tf', config(false));
    const apply = await w.tf.ok(['apply', '-auto-approve', '-input=false'], { TEST_SECRET: TEST_VALUE_2 });
    expect(apply.stdout + apply.stderr).toContain('Test credential left in Tines');
    expect(credentialRow(w.sims, liveId)).toMatchObject({ value: LIVE_VALUE });
    expect((await w.tf.resources()).map((r) => r.address)).toEqual(['credform_tines_text_credential.live']);
    expect(w.tf.read('terraform.tfstate')).not.toMatch(/canary-tines/);
  });

  test('read_access and shared_team_slugs change in place: SPECIFIC_TEAMS, then GLOBAL, then the default', async () => {
    const step = async (access: string) => {
      w.tf.write('main.tf', config(false, access));
      w.sims.tines.clearRequestLog();
      const apply = await applyConverged(w.tf);
      expect(apply.stdout).toContain('0 added, 1 changed, 0 destroyed');
      expect(w.sims.tines.requestLog().filter((r) => r.method !== 'GET')).toEqual([{ method: 'PUT', path: `/api/v1/user_credentials/${liveId}`, status: 200 }]);
      return (await stateOf(w.tf, 'credform_tines_text_credential.live'))!;
    };
    expect(await step('  read_access = "SPECIFIC_TEAMS"\n  shared_team_slugs = ["platform", "security"]')).toMatchObject({ id: liveId, read_access: 'SPECIFIC_TEAMS' });
    expect(credentialRow(w.sims, liveId)).toMatchObject({ read_access: 'SPECIFIC_TEAMS', shared_team_slugs: ['platform', 'security'] });
    expect(await step('  read_access = "GLOBAL"')).toMatchObject({ id: liveId, read_access: 'GLOBAL', shared_team_slugs: null });
    expect(await step('')).toMatchObject({ id: liveId, read_access: 'TEAM', shared_team_slugs: null });
    expect(credentialRow(w.sims, liveId)).toMatchObject({ read_access: 'TEAM', shared_team_slugs: [], value: LIVE_VALUE });
  });
});
