/**
 * State in Terraform's built-in pg backend on a real PostgreSQL server: two `cdktf deploy` runs at
 * once (two CI runners, two checkouts) are serialized by the backend's lock, and nothing is lost or
 * doubled at the vendor or in state.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { CdktfProject, testWithCdktfCli } from '../support/cdktf';
import { canary } from '../support/canary';
import { startPostgres, type Postgres } from '../support/postgres';
import { REPO_ROOT } from '../support/provider-build';
import { startTestSimulators } from '../support/simulators';
import type { Simulators } from '../../src/simulators';

const APP = join(REPO_ROOT, 'examples', 'remote-state', 'main.ts');

describe('pg backend', () => {
  let pg: Postgres;
  let sims: Simulators;
  let env: Record<string, string>;

  beforeAll(async () => {
    pg = await startPostgres();
    const started = await startTestSimulators();
    sims = started.sims;
    env = {
      ...started.env,
      PG_CONN_STR: pg.connStr,
      CREDENTIAL_COUNT: '3',
      SHARED_CREDENTIAL_VALUE: canary('pg-shared'),
      // Wait for the lock instead of failing at once: that is what serializes concurrent deploys.
      TF_CLI_ARGS_plan: '-lock-timeout=300s',
      TF_CLI_ARGS_apply: '-lock-timeout=300s',
    };
  });

  afterAll(async () => {
    await sims?.stop();
    pg?.stop();
  });

  const tinesNames = () =>
    ((sims.tines.snapshot() as { credentials?: { name: string }[] }).credentials ?? [])
      .map((c) => c.name)
      .filter((n) => n.startsWith('shared credential'))
      .sort();

  testWithCdktfCli('two concurrent deploys are serialized; the vendor and the shared state agree', async () => {
    const a = new CdktfProject(APP, env, 'credform-pg-a-');
    const b = new CdktfProject(APP, env, 'credform-pg-b-');
    // The first run creates the backend's schema and table.
    await a.ok(['diff']);
    const [ra, rb] = await Promise.all([a.run(['deploy', '--auto-approve']), b.run(['deploy', '--auto-approve'])]);
    expect({ a: ra.code, b: rb.code, out: ra.code || rb.code ? ra.stdout + ra.stderr + rb.stdout + rb.stderr : '' }).toEqual({ a: 0, b: 0, out: '' });
    // One of them created the three credentials; the other waited for the lock and found nothing to do.
    const outputs = [ra.stdout, rb.stdout];
    expect(outputs.filter((o) => /3 added/.test(o))).toHaveLength(1);
    expect(outputs.filter((o) => /No changes|0 added, 0 changed, 0 destroyed/.test(o))).toHaveLength(1);
    expect(tinesNames()).toEqual(['shared credential 0', 'shared credential 1', 'shared credential 2']);

    // The state is in PostgreSQL, and a third checkout sees it.
    const rows = spawnSync('psql', [pg.connStr, '-tAc', "select count(*) from credform.states where name = 'default'"], { encoding: 'utf8' });
    expect(rows.stdout.trim()).toBe('1');
    const c = new CdktfProject(APP, { ...env, CREDENTIAL_COUNT: '4' }, 'credform-pg-c-');
    await c.ok(['deploy', '--auto-approve']);
    expect(tinesNames()).toHaveLength(4);
    await c.ok(['destroy', '--auto-approve']);
    expect(tinesNames()).toEqual([]);
  }, 600_000);
});
