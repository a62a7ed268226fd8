/**
 * The seed page's addCredentials example, as an OxConnectorCredentials construct synthesized by
 * cdktf, applied by the real terraform against the OX simulator: create (verified), rename
 * (replaced, new verified before old removed), rotation without a version bump, version bump,
 * removal outside Terraform, import, destroy. After every apply a second plan is empty; the password canary never shows.
 */
import type { Simulators } from '../../../src/simulators';
import { canary } from '../../support/canary';
import { credformTerraform } from '../../support/credform-terraform';
import { startTestSimulators } from '../../support/simulators';
import type { TerraformDir } from '../../support/terraform';
import { SEED_CREDENTIALS_INPUT, SEED_EXAMPLE_ADDRESS, providerEvents, removeOutsideTerraform, seedExampleJson, seedSecretEnv, stored, watchCredentialSets, type SeedExampleOptions } from './support';

let sims: Simulators;
let tf: TerraformDir;
const password1 = canary('ox-seed-1');
const password2 = canary('ox-seed-2');

function writeConfig(options: SeedExampleOptions = {}): string {
  const { text, config } = seedExampleJson(options);
  tf.write('main.tf.json', config);
  return text;
}

async function expectConverged(password: string): Promise<void> {
  const again = await tf.run(['plan', '-detailed-exitcode'], seedSecretEnv(password));
  expect({ code: again.code, stderr: again.stderr }).toEqual({ code: 0, stderr: '' });
}

const stateOf = async () => (await tf.resources()).find((r) => r.address === SEED_EXAMPLE_ADDRESS)!.values;

beforeAll(async () => {
  const started = await startTestSimulators();
  sims = started.sims;
  tf = await credformTerraform('credform-ox-seed-', started.env);
});
afterAll(async () => {
  await sims?.stop();
});

test('create: the example input reaches OX exactly, is verified, and the secret is in no plan, state, log or cdk.tf.json', async () => {
  const synthesized = writeConfig();
  expect(synthesized).not.toContain(password1);

  const plan = await tf.ok(['plan', '-out=create.tfplan'], seedSecretEnv(password1));
  expect(plan.stdout).toContain('1 to add, 0 to change, 0 to destroy');
  const planJson = (await tf.ok(['show', '-json', 'create.tfplan'])).stdout;
  tf.write('create.tfplan.json', planJson);
  expect(plan.stdout + planJson).not.toContain(password1);

  const apply = await tf.ok(['apply', '-auto-approve'], { ...seedSecretEnv(password1), TF_LOG: 'trace' });
  expect(apply.stdout + apply.stderr).not.toContain(password1);
  expect(apply.stderr).toContain('ox: credentials verified'); // the trace log is really there

  const [creds] = stored(sims);
  expect(stored(sims)).toHaveLength(1);
  expect(creds).toMatchObject({ credentialsType: 'UserPassword', credentialsName: 'example', hostURL: 'example', isCertChecksDisabled: true });
  expect(creds!.input).toEqual({ ...SEED_CREDENTIALS_INPUT, password: password1 });
  expect(providerEvents(apply.stderr)).toEqual([
    ['added', creds!.credentialsId],
    ['verified', creds!.credentialsId],
  ]);

  const state = await stateOf();
  expect(state).toMatchObject({ id: `2/${creds!.credentialsId}`, credentials_id: creds!.credentialsId, credentials_secrets_wo: null, credentials_secrets_revision: 1 });
  expect(tf.read('terraform.tfstate')).not.toContain(password1);
  await expectConverged(password1);
});

test('rename: replaced, the new credentials added and verified before the old ones are removed', async () => {
  const [old] = stored(sims);
  writeConfig({ credentialsName: 'example-renamed' });
  const plan = await tf.ok(['plan'], seedSecretEnv(password1));
  expect(plan.stdout).toContain('+/- create replacement and then destroy');
  expect(plan.stdout).toMatch(/~ credentials_name += "example" -> "example-renamed" # forces replacement/);

  sims.ox.setFaults({ latencyMs: 150, writesOnly: true }); // holds each mutation long enough to be seen
  const { result: apply, sets } = await watchCredentialSets(sims, () => tf.ok(['apply', '-auto-approve'], { ...seedSecretEnv(password1), TF_LOG: 'debug' }));
  sims.ox.setFaults(undefined);

  const [now] = stored(sims);
  expect(stored(sims)).toHaveLength(1);
  expect(now).toMatchObject({ credentialsName: 'example-renamed' });
  expect(now!.credentialsId).not.toBe(old!.credentialsId);
  // What OX held over time: old, old + new, new. Never nothing.
  expect(sets).toEqual([[old!.credentialsId], [old!.credentialsId, now!.credentialsId].sort(), [now!.credentialsId]]);
  expect(providerEvents(apply.stderr)).toEqual([
    ['added', now!.credentialsId],
    ['verified', now!.credentialsId],
    ['removed', old!.credentialsId],
  ]);
  await expectConverged(password1);
});

test('a rotated secret without a version bump is planned as a replacement and converges', async () => {
  const [old] = stored(sims);
  const plan = await tf.run(['plan', '-detailed-exitcode'], seedSecretEnv(password2));
  expect(plan.code).toBe(2);
  expect(plan.stdout).toMatch(/~ credentials_secrets_revision += 1 -> \(known after apply\) # forces replacement/);
  expect(plan.stdout).toContain('1 to add, 0 to change, 1 to destroy');
  expect(plan.stdout).not.toContain(password2);

  await tf.ok(['apply', '-auto-approve'], seedSecretEnv(password2));
  const [now] = stored(sims);
  expect(stored(sims)).toHaveLength(1);
  expect(now!.credentialsId).not.toBe(old!.credentialsId);
  expect(now!.input.password).toBe(password2);
  expect(tf.read('terraform.tfstate')).not.toContain(password2);
  await expectConverged(password2);
});

test('bumping credentials_secrets_wo_version sends the same secret again as new credentials', async () => {
  const [old] = stored(sims);
  writeConfig({ credentialsName: 'example-renamed', secretsVersion: 2 });
  const plan = await tf.ok(['plan'], seedSecretEnv(password2));
  expect(plan.stdout).toMatch(/\+ credentials_secrets_wo_version += 2 # forces replacement/);
  await tf.ok(['apply', '-auto-approve'], seedSecretEnv(password2));
  const [now] = stored(sims);
  expect(stored(sims)).toHaveLength(1);
  expect(now!.credentialsId).not.toBe(old!.credentialsId);
  expect(now!.input.password).toBe(password2);
  await expectConverged(password2);
});

test('credentials removed outside Terraform are planned for re-creation', async () => {
  const [gone] = stored(sims);
  await removeOutsideTerraform(sims, '2', gone!.credentialsId);
  const plan = await tf.run(['plan', '-detailed-exitcode'], seedSecretEnv(password2));
  expect(plan.code).toBe(2);
  expect(plan.stdout).toContain(`${SEED_EXAMPLE_ADDRESS} will be created`);
  await tf.ok(['apply', '-auto-approve'], seedSecretEnv(password2));
  const [now] = stored(sims);
  expect(stored(sims)).toHaveLength(1);
  expect((await stateOf()).credentials_id).toBe(now!.credentialsId);
  await expectConverged(password2);
});

test('import by <connector_id>/<credentials_id>; the next apply sends the configured secrets, then converges', async () => {
  const [existing] = stored(sims);
  await tf.ok(['state', 'rm', SEED_EXAMPLE_ADDRESS]);
  await tf.ok(['import', SEED_EXAMPLE_ADDRESS, `2/${existing!.credentialsId}`], seedSecretEnv(password1));
  expect(await stateOf()).toMatchObject({
    id: `2/${existing!.credentialsId}`,
    credentials_type: 'UserPassword',
    credentials_name: 'example-renamed',
    host_url: 'example',
    is_cert_checks_disabled: true,
  });
  // No fingerprint exists for imported credentials (OX never shows secrets): the secrets are sent.
  const plan = await tf.run(['plan', '-detailed-exitcode'], seedSecretEnv(password1));
  expect(plan.code).toBe(2);
  expect(plan.stdout).toContain('+/- create replacement and then destroy');
  await tf.ok(['apply', '-auto-approve'], seedSecretEnv(password1));
  const [now] = stored(sims);
  expect(stored(sims)).toHaveLength(1);
  expect(now!.credentialsId).not.toBe(existing!.credentialsId);
  expect(now!.input.password).toBe(password1);
  await expectConverged(password1);
});

test('destroy removes the credentials from the connector', async () => {
  await tf.ok(['destroy', '-auto-approve'], seedSecretEnv(password1));
  expect(stored(sims)).toEqual([]);
  expect(await tf.resources()).toEqual([]);
});
