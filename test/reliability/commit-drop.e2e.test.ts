// @date-sensitive: lost-answer recovery: Tines' created_at/updated_at against the start of the create. Also run with the clock moved (scripts/test-clock-shift.mjs).
/**
 * "Commit, then drop the answer" on every create of all four vendors in one apply of 100
 * credentials: the vendor stores the credential and the connection is destroyed unanswered, so every
 * create is ambiguous. Each must be looked up by its natural key and adopted — exactly one credential
 * per resource at the vendors, each in state.
 *
 * DX, Apinizer and Tines: the simulators' own fault (commitThenDropShare: 1) scoped to the create
 * path and to writes. OX: every operation shares one GraphQL path, and verify/remove are mutations
 * too, so the fault is applied by a relay in front of the OX simulator that drops the answer of
 * AddCredentials alone, after OX performed it.
 */
import type { Simulators } from '../../src/simulators';
import { canary } from '../support/canary';
import { credformTerraform } from '../support/credform-terraform';
import { startTestSimulators } from '../support/simulators';
import { SECRET_ENV, fleetHcl, graphQlOperation, reconcile, startRelay, type Relay } from './support';

const PER_VENDOR = 25;

let sims: Simulators;
let env: Record<string, string>;
let oxRelay: Relay;
beforeAll(async () => {
  ({ sims, env } = await startTestSimulators());
  oxRelay = await startRelay(sims.ox.url, (x) => (graphQlOperation(x.requestBody) === 'AddCredentials' ? 'drop' : 'pass'));
});
afterAll(async () => {
  await oxRelay?.stop();
  await sims?.stop();
});

const flat = (s: string) => s.replace(/[│╷╵]/g, ' ').replace(/\s+/g, ' ');

test('every create committed but its answer lost, across the four vendors: all adopted, none doubled, state and vendors agree', async () => {
  const tf = await credformTerraform('credform-rel-drop-', { ...env, OX_BASE_URL: oxRelay.url, [SECRET_ENV]: canary('commit-drop') });
  tf.write('main.tf', fleetHcl({ perVendor: PER_VENDOR }));
  sims.dx.setFaults({ commitThenDropShare: 1, writesOnly: true, pathPattern: '/credentials\\.create$' });
  sims.apinizer.setFaults({ commitThenDropShare: 1, writesOnly: true, pathPattern: '^/apiops/projects/[^/]+/credentials/?$' });
  sims.tines.setFaults({ commitThenDropShare: 1, writesOnly: true, pathPattern: '^/api/v1/user_credentials$' });

  const started = Date.now();
  const apply = await tf.run(['apply', '-auto-approve']);
  const ms = Date.now() - started;
  if (apply.code !== 0) throw new Error(`apply failed after ${ms} ms:\n${apply.stderr}`);

  const dropped = {
    dx: sims.dx.requestLog().filter((r) => r.fault === 'commit-then-drop').length,
    apinizer: sims.apinizer.requestLog().filter((r) => r.fault === 'commit-then-drop').length,
    ox: oxRelay.dropped(),
    tines: sims.tines.requestLog().filter((r) => r.fault === 'commit-then-drop').length,
  };
  // Every create was dropped once, and none was sent twice.
  expect(dropped).toEqual({ dx: PER_VENDOR, apinizer: PER_VENDOR, ox: PER_VENDOR, tines: PER_VENDOR });
  const text = flat(apply.stdout + apply.stderr);
  for (const warning of ['DX create answer lost; credential adopted', 'Apinizer create answer lost; credential adopted', 'OX Security create answer lost; credentials adopted', 'Tines create answer lost; credential adopted']) {
    expect(text).toContain(warning);
  }
  expect(reconcile(sims, tf)).toEqual({
    vendor: { dx: PER_VENDOR, apinizer: PER_VENDOR, ox: PER_VENDOR, tines: PER_VENDOR },
    state: { dx: PER_VENDOR, apinizer: PER_VENDOR, ox: PER_VENDOR, tines: PER_VENDOR },
    duplicates: [],
    orphans: [],
    phantoms: [],
  });

  // Reads are not affected by the faults: the plan (faults still on) is empty.
  const plan = await tf.run(['plan', '-detailed-exitcode']);
  expect({ code: plan.code, stderr: plan.stderr }).toEqual({ code: 0, stderr: '' });
  // eslint-disable-next-line no-console
  console.log(`commit-then-drop on 100 creates: apply ${ms} ms, dropped ${JSON.stringify(dropped)}`);

  for (const v of ['dx', 'apinizer', 'tines'] as const) sims[v].setFaults(undefined);
  await tf.ok(['destroy', '-auto-approve']);
  expect(reconcile(sims, tf).vendor).toEqual({ dx: 0, apinizer: 0, ox: 0, tines: 0 });
});
