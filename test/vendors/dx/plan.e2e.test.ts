/**
 * What `credform_dx_credential` checks before anything changes (validation, plan-time checks against
 * DX), and the `credform_dx_connections` data source.
 */
import { canary } from '../../support/canary';
import { expectConverged, liveCredentials, startDxWorld, stateOf, type DxWorld } from './support';

let w: DxWorld;
beforeAll(async () => {
  w = await startDxWorld('credform-dx-plan-');
});
afterAll(async () => {
  await w?.sims.stop();
});

const PROVIDER = 'provider "credform" {}\n';
const unboxed = (text: string) => text.replace(/^[│╷╵]\s?/gm, '').replace(/\s*\n\s*/g, ' ');
const writes = () => w.sims.dx.requestLog().filter((r) => r.method === 'POST');

describe('validation', () => {
  test('bad values fail terraform validate, naming the attribute', async () => {
    w.tf.write(
      'main.tf',
      PROVIDER +
        `resource "credform_dx_credential" "a" {
  connection_id = 125
  settings_json = "[1, 2]"
  expiration_date = "2026-02-30"
  secrets_wo = { token = "x" }
  secrets = { token = "x" }
}
resource "credform_dx_credential" "b" {
  connection_id = 12.5
  settings_json = "{not json"
  secrets = { token = "x" }
  secrets_wo_version = 2
}
resource "credform_dx_credential" "c" {
  connection_id = 125
  expiration_date = "31/12/2026"
  secrets_wo = {}
}
`,
    );
    const r = await w.tf.run(['validate']);
    expect(r.code).not.toBe(0);
    const err = unboxed(r.stderr);
    expect(err).toMatch(/settings_json = "\[1, 2\]" must be a JSON object, got an array; write it as jsonencode/);
    expect(err).toMatch(/expiration_date = "2026-02-30" is not a calendar date/);
    expect(err).toMatch(/Only one of `secrets_wo`, `secrets` may be set/);
    expect(err).toMatch(/connection_id = 12\.5 must be a whole number/);
    expect(err).toMatch(/settings_json = "\{not json" is not valid JSON/);
    expect(err).toMatch(/secrets_wo_version = 2 `secrets_wo_version` is only meaningful when `secrets_wo` is set/);
    expect(err).toMatch(/expiration_date = "31\/12\/2026" must be a date written YYYY-MM-DD/);
    expect(err).toMatch(/secrets_wo = \{\} must hold at least one secret/);
    expect(r.stderr).not.toMatch(/panic|Unexpected provider error/);
  });
});

describe('plan-time checks against DX', () => {
  test('a missing connection fails the plan, pointing at connection_id; nothing is written', async () => {
    w.sims.dx.clearRequestLog();
    w.tf.write('main.tf', PROVIDER + 'resource "credform_dx_credential" "x" {\n  connection_id = 999\n  secrets_wo = { token = "x" }\n}\n');
    const r = await w.tf.run(['plan', '-input=false']);
    expect(r.code).not.toBe(0);
    const err = unboxed(r.stderr);
    expect(err).toContain('Error: DX connection not found');
    expect(err).toContain('connection_id = 999');
    expect(err).toContain('DX has no connection with id 999; it has 123 (jira_cloud "Jira Cloud")');
    expect(writes()).toEqual([]);
  });

  test('a single-credential connection that already holds another credential fails the plan; its own does not', async () => {
    const resource = (name: string, team: string) =>
      `resource "credform_dx_credential" "${name}" {\n  connection_id = 124\n  settings_json = jsonencode({ org = "${team}" })\n  secrets_wo = { token = "gh-${team}" }\n}\n`;
    w.tf.write('main.tf', PROVIDER + resource('gh', 'acme'));
    await w.tf.ok(['apply', '-input=false', '-auto-approve']);
    await expectConverged(w.tf); // its own credential does not count against it
    const own = (await stateOf(w.tf, 'credform_dx_credential.gh'))!.credential_id;

    w.tf.write('main.tf', PROVIDER + resource('gh', 'acme') + resource('gh2', 'other'));
    const r = await w.tf.run(['plan', '-input=false']);
    expect(r.code).not.toBe(0);
    const err = unboxed(r.stderr);
    expect(err).toContain('Error: DX connection takes a single credential');
    expect(err).toContain(`Connection 124 (github "GitHub") does not support multiple credentials (supports_multiple_credentials is false) and already holds credential ${own}`);
    expect(err).toContain(`terraform import <address> 124/${own}`);
    w.tf.write('main.tf', PROVIDER + resource('gh', 'acme'));
    await w.tf.ok(['destroy', '-input=false', '-auto-approve']);
  });

  test('Jira Cloud without its documented keys fails the plan', async () => {
    const jiraCanary = canary('dx-jira-plan');
    w.tf.write(
      'main.tf',
      PROVIDER +
        'ephemeral "credform_env_secret" "t" {\n  name = "JIRA_CANARY"\n}\nresource "credform_dx_credential" "j" {\n  connection_id = 123\n  settings_json = jsonencode({ user = "x" })\n  secrets_wo = { token = ephemeral.credform_env_secret.t.value }\n}\n',
    );
    const r = await w.tf.run(['plan', '-input=false'], { JIRA_CANARY: jiraCanary });
    expect(r.code).not.toBe(0);
    const err = unboxed(r.stderr);
    expect(err).toContain('Error: Jira Cloud settings incomplete');
    expect(err).toContain('need `jira_user` in settings_json');
    expect(err).toContain('Error: Jira Cloud secrets incomplete');
    expect(err).toContain('need `api_token` in secrets_wo');
    expect(r.stdout + r.stderr).not.toContain(jiraCanary);
  });
});

describe('credform_dx_connections', () => {
  test('filters by type and name; one connections.list per plan whatever the number of resources', async () => {
    w.tf.write(
      'main.tf',
      PROVIDER +
        `data "credform_dx_connections" "linear" {
  type = "linear"
}
data "credform_dx_connections" "jira" {
  name = "Jira Cloud"
}
data "credform_dx_connections" "none" {
  type = "gitlab"
}
output "linear" {
  value = data.credform_dx_connections.linear.connections
}
output "jira_ids" {
  value = data.credform_dx_connections.jira.ids
}
output "none" {
  value = data.credform_dx_connections.none.ids
}
` +
        [1, 2, 3]
          .map((n) => `resource "credform_dx_credential" "l${n}" {\n  connection_id = data.credform_dx_connections.linear.ids[0]\n  settings_json = jsonencode({ n = ${n} })\n  secrets_wo = { token = "t${n}" }\n}\n`)
          .join(''),
    );
    w.sims.dx.clearRequestLog();
    await w.tf.ok(['plan', '-input=false']);
    expect(w.sims.dx.requestLog().filter((r) => r.path === '/api/connections.list')).toHaveLength(1);

    await w.tf.ok(['apply', '-input=false', '-auto-approve']);
    const out = JSON.parse((await w.tf.ok(['output', '-json'])).stdout);
    expect(out.linear.value).toEqual([{ id: 125, type: 'linear', name: 'Linear', state: 'active', supports_multiple_credentials: true }]);
    expect(out.jira_ids.value).toEqual([123]);
    expect(out.none.value).toEqual([]);
    expect(liveCredentials(w.sims, 125).filter((c) => typeof c.settings.n === 'number')).toHaveLength(3);
    await expectConverged(w.tf);
    await w.tf.ok(['destroy', '-input=false', '-auto-approve']);
  });
});

describe('import', () => {
  test('a malformed id and a credential that does not exist are refused clearly', async () => {
    w.tf.write('main.tf', PROVIDER + 'resource "credform_dx_credential" "i" {\n  connection_id = 125\n  secrets_wo = { token = "x" }\n}\n');
    const malformed = await w.tf.run(['import', '-input=false', 'credform_dx_credential.i', '456']);
    expect(malformed.code).not.toBe(0);
    expect(unboxed(malformed.stderr)).toContain('Error: Invalid import id Expected <connection_id>/<credential_id>, e.g. 123/456, got "456"');
    const missing = await w.tf.run(['import', '-input=false', 'credform_dx_credential.i', '125/98765']);
    expect(missing.code).not.toBe(0);
    expect(unboxed(missing.stderr)).toContain('Cannot import non-existent remote object');
    expect(await w.tf.resources()).toHaveLength(0);
  });
});
