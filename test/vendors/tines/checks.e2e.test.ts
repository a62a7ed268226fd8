/**
 * What fails, and how it reads, through the real terraform binary: shape rules at `terraform
 * validate`; Tines checks at plan (team exists, name free across every page of a team with more
 * than 500 credentials, slugs exist); Tines error bodies at apply (`{errors:[…]}`, plain text,
 * 401); and a create whose answer is lost, adopted instead of duplicated.
 */
import { DEFAULT_TINES_SEED } from '../../../src/simulators';
import { ADDRESS, credentials, expectConverged, hcl, startTinesWorld, stateOf, tinesCall, type TinesWorld } from './support';

const CANARY = 'canary-tines-checks-5c2e90';
const CROWDED = 600; // team 2 holds more credentials than one page (per_page max 500)
const ON_PAGE_TWO = 'on page two';

function seed() {
  const credentials = Array.from({ length: CROWDED }, (_, i) => ({
    id: i + 1,
    name: i + 1 === 550 ? ON_PAGE_TWO : `seeded ${i + 1}`,
    value: 'seeded-value',
    team_id: 2,
    slug: `seeded_${i + 1}`,
  }));
  return { tines: { ...DEFAULT_TINES_SEED, credentials } };
}

/** Terraform wraps diagnostic text at 80 columns. */
const flat = (s: string) => s.replace(/\s*\n\s*/g, ' ');

const listCalls = (w: TinesWorld) => w.sims.tines.requestLog().filter((r) => r.method === 'GET' && r.path === '/api/v1/user_credentials').length;

describe('credform_tines_text_credential checks and errors', () => {
  let w: TinesWorld;
  const env = { TINES_SECRET: CANARY };

  beforeAll(async () => {
    w = await startTinesWorld('credform-tines-checks-', env, { seed: seed() });
  });
  afterAll(async () => {
    await w?.sims.stop();
  });

  test('terraform validate names each bad attribute: SPECIFIC_TEAMS rule, host patterns, empty name and value, value twice', async () => {
    const resource = (name: string, body: string) => `resource "credform_tines_text_credential" "${name}" {\n${body}\n}\n`;
    w.tf.write(
      'main.tf',
      [
        resource('no_slugs', '  name = "a"\n  team_id = 2\n  value_wo = "x"\n  read_access = "SPECIFIC_TEAMS"'),
        resource('stray_slugs', '  name = "b"\n  team_id = 2\n  value_wo = "x"\n  shared_team_slugs = ["platform"]'),
        resource('url_host', '  name = "c"\n  team_id = 2\n  value_wo = "x"\n  allowed_hosts = ["https://api.example.com/v1"]'),
        resource('dots_host', '  name = "d"\n  team_id = 2\n  value_wo = "x"\n  allowed_hosts = ["api..example.com"]'),
        resource('blank_name', '  name = "   "\n  team_id = 2\n  value_wo = "x"'),
        resource('empty_value', '  name = "e"\n  team_id = 2\n  value_wo = ""'),
        resource('two_values', '  name = "f"\n  team_id = 2\n  value_wo = "x"\n  value = "y"'),
        resource('no_value', '  name = "g"\n  team_id = 2'),
        resource('bad_access', '  name = "h"\n  team_id = 2\n  value_wo = "x"\n  read_access = "EVERYONE"'),
      ].join(''),
    );
    const r = await w.tf.run(['validate']);
    expect(r.code).toBe(1);
    const out = flat(r.stderr);
    expect(out).toMatch(/shared_team_slugs` is required when `read_access` is `SPECIFIC_TEAMS`[\s\S]*/);
    expect(out).toMatch(/with credform_tines_text_credential\.no_slugs/);
    expect(out).toMatch(/with credform_tines_text_credential\.stray_slugs[\s\S]*can only be set when `read_access` is `SPECIFIC_TEAMS`/);
    expect(out).toMatch(/allowed_hosts = \["https:\/\/api\.example\.com\/v1"\][\s\S]*has a scheme: write the domain only/);
    expect(out).toMatch(/api\.\.example\.com[\s\S]*has an empty label/);
    expect(out).toMatch(/name = "   "[\s\S]*must not be empty/);
    expect(out).toMatch(/value_wo = ""[\s\S]*must not be empty/);
    expect(out).toMatch(/with credform_tines_text_credential\.two_values[\s\S]*Only one of `value_wo`, `value` may be set/);
    expect(out).toMatch(/with credform_tines_text_credential\.no_value[\s\S]*Exactly one of `value_wo`, `value` must be set/);
    expect(out).toMatch(/read_access = "EVERYONE"[\s\S]*must be one of TEAM, GLOBAL, SPECIFIC_TEAMS/);
    expect(w.sims.tines.requestCount()).toBe(0); // validation never calls Tines
  });

  test('plan: a team that does not exist is an error on team_id', async () => {
    w.tf.write('main.tf', hcl('  name = "x"\n  team_id = 99'));
    const r = await w.tf.run(['plan', '-input=false']);
    expect(r.code).toBe(1);
    expect(flat(r.stderr)).toContain('Tines team not found');
    expect(r.stderr).toMatch(/team_id = 99/);
    expect(flat(r.stderr)).toContain('Tines has no team with ID 99');
  });

  test('plan: a name taken on page 2 of a team with more than 500 credentials is found (two list pages)', async () => {
    w.tf.write('main.tf', hcl(`  name = "${ON_PAGE_TWO}"\n  team_id = 2`));
    w.sims.tines.clearRequestLog();
    const r = await w.tf.run(['plan', '-input=false']);
    expect(r.code).toBe(1);
    expect(flat(r.stderr)).toContain('Credential name already taken');
    expect(flat(r.stderr)).toContain(`already has a credential named "${ON_PAGE_TWO}" (ID 550)`);
    expect(flat(r.stderr)).toContain('terraform import <resource address> 550');
    expect(listCalls(w)).toBe(2); // per_page=500: 600 credentials are two pages, and the listing is not repeated
    w.tf.write('main.tf', hcl('  name = "a fresh name"\n  team_id = 2'));
    const ok = await w.tf.ok(['plan', '-input=false']);
    expect(ok.stdout).toContain('1 to add');
  });

  test('plan: shared team slugs must name Tines teams', async () => {
    w.tf.write('main.tf', hcl('  name = "shared"\n  team_id = 2\n  read_access = "SPECIFIC_TEAMS"\n  shared_team_slugs = ["platform", "no-such-team"]'));
    const r = await w.tf.run(['plan', '-input=false']);
    expect(r.code).toBe(1);
    expect(flat(r.stderr)).toContain('Unknown team slug');
    expect(flat(r.stderr)).toContain('No Tines team has the slug "no-such-team"');
  });

  test('a wrong API key: the 401 `{errors:[{message,details}]}` body reads as what to fix', async () => {
    w.tf.write('main.tf', hcl('  name = "x"\n  team_id = 2'));
    const r = await w.tf.run(['plan', '-input=false'], { TINES_API_KEY: 'wrong-key' });
    expect(r.code).toBe(1);
    expect(flat(r.stderr)).toContain('Tines did not accept the API key');
    expect(flat(r.stderr)).toContain('Unauthorized: A valid API key is required');
    expect(flat(r.stderr)).toContain('TINES_API_KEY');
  });

  test('apply: a 422 `{errors:[…]}` body points at the attribute Tines named; nothing is stored', async () => {
    w.tf.write('main.tf', hcl('  name = "in the wrong folder"\n  team_id = 2\n  folder_id = 2'));
    const before = credentials(w.sims).length;
    const r = await w.tf.run(['apply', '-auto-approve', '-input=false']);
    expect(r.code).toBe(1);
    expect(flat(r.stderr)).toContain('Tines refused the create');
    expect(flat(r.stderr)).toContain('Tines answered HTTP 422: Folder 2 does not exist in this team');
    expect(r.stderr).toMatch(/folder_id = 2/);
    expect(credentials(w.sims)).toHaveLength(before);
    expect(await w.tf.resources()).toEqual([]);
  });

  test('a create whose answer is lost (committed, then the connection dropped) is found and adopted, not duplicated', async () => {
    w.tf.write('main.tf', hcl('  name = "lost answer"\n  team_id = 2\n  description = "adopt me"'));
    w.sims.tines.setFaults({ commitThenDropShare: 1, writesOnly: true, pathPattern: '^/api/v1/user_credentials$' });
    const r = await w.tf.ok(['apply', '-auto-approve', '-input=false']);
    w.sims.tines.setFaults(undefined);
    expect(w.sims.tines.requestLog().some((e) => e.fault === 'commit-then-drop')).toBe(true);
    expect(flat(r.stdout + r.stderr)).toContain('Tines create answer lost; credential adopted');
    const made = credentials(w.sims).filter((c) => c.name === 'lost answer');
    expect(made).toHaveLength(1);
    expect(made[0]!.value).toBe(CANARY);
    expect((await stateOf(w.tf, ADDRESS))!).toMatchObject({ id: String(made[0]!.id), description: 'adopt me', value_revision: 1 });
    await expectConverged(w.tf);
  });

  test('apply: a credential deleted after the plan gives a plain-text 404, read as "deleted outside Terraform"', async () => {
    const id = (await stateOf(w.tf, ADDRESS))!.id;
    w.tf.write('main.tf', hcl('  name = "lost answer"\n  team_id = 2\n  description = "changed"'));
    await w.tf.ok(['plan', '-out=change.tfplan', '-input=false']);
    expect((await tinesCall(w.sims, 'DELETE', `/api/v1/user_credentials/${id}`)).status).toBe(204);
    const r = await w.tf.run(['apply', '-input=false', 'change.tfplan']);
    expect(r.code).toBe(1);
    expect(flat(r.stderr)).toContain('Credential not found in Tines');
    expect(flat(r.stderr)).toContain(`Tines answered HTTP 404: Not Found (PUT /api/v1/user_credentials/${id}`);
    expect(flat(r.stderr)).toContain('deleted outside Terraform');
    const next = await w.tf.ok(['plan', '-input=false']);
    expect(next.stdout).toContain('1 to add, 0 to change, 0 to destroy');
  });

  test('the sensitive `value` (for Terraform < 1.11): created and rotated, hidden in plans, with a hint to use value_wo', async () => {
    const config = `variable "legacy" {\n  type      = string\n  sensitive = true\n}\nresource "credform_tines_text_credential" "legacy" {\n  name    = "legacy"\n  team_id = 1\n  value   = var.legacy\n}\n`;
    w.tf.write('main.tf', config);
    const r = await w.tf.ok(['apply', '-auto-approve', '-input=false'], { TF_VAR_legacy: 'legacy-value-1' });
    expect(flat(r.stdout + r.stderr)).toContain('Value kept in state');
    expect(r.stdout).toMatch(/\+ value += \(sensitive value\)/);
    expect(r.stdout).not.toContain('legacy-value-1');
    await expectConverged(w.tf, { TF_VAR_legacy: 'legacy-value-1' });
    const id = (await stateOf(w.tf, 'credform_tines_text_credential.legacy'))!.id;
    expect(credentials(w.sims).find((c) => c.id === Number(id))!.value).toBe('legacy-value-1');
    const rotate = await w.tf.ok(['apply', '-auto-approve', '-input=false'], { TF_VAR_legacy: 'legacy-value-2' });
    expect(rotate.stdout).toContain('0 added, 1 changed, 0 destroyed');
    expect(rotate.stdout).not.toContain('legacy-value-2');
    expect(credentials(w.sims).find((c) => c.id === Number(id))!.value).toBe('legacy-value-2');
    expect((await stateOf(w.tf, 'credform_tines_text_credential.legacy'))!.value_revision).toBe(2);
    await w.tf.ok(['destroy', '-auto-approve', '-input=false'], { TF_VAR_legacy: 'legacy-value-2' });
  });
});
