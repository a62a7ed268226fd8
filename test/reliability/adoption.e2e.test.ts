// @date-sensitive: the provider's adoption window against the simulators' created_at. Also run with the clock moved (scripts/test-clock-shift.mjs).
/**
 * Adoption at create, deterministically (the kill -9 test shows it under a real crash, where which
 * vendors were caught mid-create varies): credentials the vendors hold that the state does not know
 * (`terraform state rm` stands in for the state write a killed apply never made) are adopted by the
 * next apply — DX, Apinizer and Tines keep their ids and receive the configured secret; OX, which
 * cannot change a secret, supersedes them — and a tainted resource replaced with
 * create_before_destroy adopts its own deposed object without the deposed delete removing it.
 */
import type { Simulators } from '../../src/simulators';
import { canary } from '../support/canary';
import { credformTerraform } from '../support/credform-terraform';
import { startTestSimulators } from '../support/simulators';
import type { TerraformDir } from '../support/terraform';
import { RESOURCE_TYPE, SECRET_ENV, VENDORS, fleetHcl, reconcile, stateIds, vendorHoldings } from './support';

const PER_VENDOR = 2;

let sims: Simulators;
let env: Record<string, string>;
beforeAll(async () => {
  ({ sims, env } = await startTestSimulators());
});
afterAll(async () => {
  await sims?.stop();
});

const flat = (s: string) => s.replace(/[│╷╵]/g, ' ').replace(/\s+/g, ' ');

function secretsOf(s: Simulators) {
  return {
    dx: Object.fromEntries(s.dx.snapshot().credentials.filter((c) => c.deleted_at === null).map((c) => [String(c.id), c.secrets.api_token])),
    apinizer: Object.fromEntries(s.apinizer.snapshot().projects.find((p) => p.name === 'MyProject')!.credentials.map((c) => [`MyProject/${c.username}`, c.password])),
    ox: Object.fromEntries(s.ox.snapshot().connectors.find((c) => c.id === '2')!.credentials.map((c) => [c.credentialsId, c.input.password])),
    tines: Object.fromEntries(s.tines.snapshot().credentials.map((c) => [String(c.id), c.value])),
  };
}

async function converged(tf: TerraformDir, extra: Record<string, string>): Promise<void> {
  const plan = await tf.run(['plan', '-detailed-exitcode'], extra);
  expect({ code: plan.code, stderr: plan.stderr }).toEqual({ code: 0, stderr: '' });
}

test('credentials the state never recorded are adopted (DX, Apinizer, Tines: same ids, configured secret sent) or superseded (OX), never doubled', async () => {
  const first = canary('adopt-first');
  const tf = await credformTerraform('credform-rel-adopt-', { ...env, [SECRET_ENV]: first });
  tf.write('main.tf', fleetHcl({ perVendor: PER_VENDOR, prefix: 'left' }));
  await tf.ok(['apply', '-auto-approve']);
  const made = vendorHoldings(sims);

  // The state forgets everything, as if the apply had been killed before writing it.
  for (const v of VENDORS) await tf.ok(['state', 'rm', RESOURCE_TYPE[v] + '.c']);
  expect(reconcile(sims, tf).orphans).toHaveLength(PER_VENDOR * VENDORS.length);

  // The plan says what will be taken over, instead of failing on taken names.
  const second = canary('adopt-second');
  const plan = await tf.run(['plan'], { [SECRET_ENV]: second });
  expect(plan.code).toBe(0);
  const planText = flat(plan.stdout + plan.stderr);
  expect(planText).toContain('A credential with this username and these exact settings already exists'); // Apinizer
  expect(planText).toContain('Credential with this name and these settings already exists'); // Tines
  expect(planText).toContain('OX credentials with this name already exist');

  const apply = await tf.run(['apply', '-auto-approve'], { [SECRET_ENV]: second });
  if (apply.code !== 0) throw new Error(apply.stderr);
  const text = flat(apply.stdout + apply.stderr);
  for (const warning of ['DX credential adopted', 'Apinizer credential adopted', 'Tines credential adopted', 'OX credentials superseded']) {
    expect(text).toContain(warning);
  }
  // Both Apinizer adoptions warn under one summary, which Terraform shows once ("one more similar").
  expect(text).toMatch(
    /Apinizer already holds the credential MyProject\/(left-apinizer-[01]) \(ID MyProject\/\1\) with exactly the configured settings, most likely made by an apply that was interrupted before it could record it\. It was adopted instead of failing on the taken key, and the configured password was sent to it \(full-replace PUT, deployed again\)\. \(and one more similar warning elsewhere\)/,
  );

  const now = vendorHoldings(sims);
  expect(reconcile(sims, tf)).toMatchObject({ duplicates: [], orphans: [], phantoms: [], vendor: { dx: 2, apinizer: 2, ox: 2, tines: 2 } });
  for (const v of ['dx', 'apinizer', 'tines'] as const) expect(now[v].map((h) => h.id).sort()).toEqual(made[v].map((h) => h.id).sort());
  expect(now.ox.map((h) => h.key).sort()).toEqual(made.ox.map((h) => h.key).sort());
  expect(now.ox.some((h) => made.ox.some((m) => m.id === h.id))).toBe(false);

  // Every credential now holds the secret the configuration holds (the second one).
  const held = secretsOf(sims);
  for (const v of VENDORS) {
    for (const h of now[v]) expect(held[v][h.id]).toBe(`${second}-${v}-${h.key.slice(-1)}`);
  }
  await converged(tf, { [SECRET_ENV]: second });
  await tf.ok(['destroy', '-auto-approve'], { [SECRET_ENV]: second });
  expect(reconcile(sims, tf).vendor).toEqual({ dx: 0, apinizer: 0, ox: 0, tines: 0 });
});

test('a tainted resource replaced with create_before_destroy adopts its deposed object, which is then not deleted', async () => {
  const secret = canary('adopt-cbd');
  const tf = await credformTerraform('credform-rel-cbd-', { ...env, [SECRET_ENV]: secret });
  const hcl = fleetHcl({ perVendor: 1, prefix: 'cbd' }).replace(/(count += 1\n)/g, '$1  lifecycle {\n    create_before_destroy = true\n  }\n');
  tf.write('main.tf', hcl);
  await tf.ok(['apply', '-auto-approve']);
  const before = stateIds(tf);
  for (const v of VENDORS) await tf.ok(['taint', `${RESOURCE_TYPE[v]}.c[0]`]);

  const apply = await tf.run(['apply', '-auto-approve']);
  if (apply.code !== 0) throw new Error(apply.stderr);
  const text = flat(apply.stdout + apply.stderr);
  expect(text).toContain('4 added, 0 changed, 4 destroyed');
  expect(text).toContain('Not deleted: adopted by a new resource instance');

  const after = stateIds(tf);
  // DX, Apinizer, Tines: the same credential, kept (its deposed copy's delete was skipped).
  for (const v of ['dx', 'apinizer', 'tines'] as const) expect(after[v]).toEqual(before[v]);
  // OX: new credentials, the old ones removed once the new ones were verified.
  expect(after.ox).not.toEqual(before.ox);
  expect(reconcile(sims, tf)).toMatchObject({ duplicates: [], orphans: [], phantoms: [], vendor: { dx: 1, apinizer: 1, ox: 1, tines: 1 } });
  await converged(tf, {});
  await tf.ok(['destroy', '-auto-approve']);
});
