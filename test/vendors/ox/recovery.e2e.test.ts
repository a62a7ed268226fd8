/**
 * Credentials made behind Terraform's back, and answers lost on the way: import of credentials
 * created in OX (the configured secret replaces theirs at the next apply), adoption after
 * addCredentials committed but its answer was lost — also during a create-before-destroy
 * replacement under the same name — and the sensitive attribute for Terraform < 1.11.
 */
import { prng } from '../../../src/simulators/faults';
import type { Simulators } from '../../../src/simulators';
import { canary } from '../../support/canary';
import { credformTerraform } from '../../support/credform-terraform';
import { startTestSimulators } from '../../support/simulators';
import type { TerraformDir } from '../../support/terraform';
import { addOutsideTerraform, stored } from './support';

const ADDRESS = 'credform_ox_connector_credentials.c';

function config(name: string, secretAttribute = 'credentials_secrets_wo'): string {
  return `
ephemeral "credform_env_secret" "pw" {
  name = "OX_PW"
}
variable "legacy_pw" {
  type      = string
  sensitive = true
  default   = null
}
resource "credform_ox_connector_credentials" "c" {
  connector_id      = "2"
  credentials_type  = "UserPassword"
  credentials_name  = "${name}"
  credentials_input = { name = "bot" }
  ${secretAttribute} = { password = ${secretAttribute === 'credentials_secrets' ? 'var.legacy_pw' : 'ephemeral.credform_env_secret.pw.value'} }
  lifecycle {
    create_before_destroy = true
  }
}
`;
}

/**
 * OX's operations all share one path, so a fault cannot be aimed at addCredentials alone: instead a
 * PRNG seed whose first mutation draw drops the answer and whose next seven do not (the fault PRNG
 * restarts at every setFaults, and only mutations draw with `writesOnly`).
 */
function firstMutationDropsSeed(): number {
  for (let seed = 1; ; seed++) {
    const draw = prng(seed);
    const draws = Array.from({ length: 8 }, () => draw());
    if (draws[0]! < 0.5 && draws.slice(1).every((d) => d >= 0.5)) return seed;
  }
}
const dropFirstAdd = { commitThenDropShare: 0.5, writesOnly: true, seed: firstMutationDropsSeed() };

let sims: Simulators;
let env: Record<string, string>;
beforeAll(async () => {
  ({ sims, env } = await startTestSimulators());
});
afterAll(async () => {
  await sims?.stop();
});
beforeEach(() => {
  sims.ox.setFaults(undefined);
});

async function converged(tf: TerraformDir, extra: Record<string, string> = {}): Promise<void> {
  const again = await tf.run(['plan', '-detailed-exitcode'], extra);
  expect({ code: again.code, stderr: again.stderr }).toEqual({ code: 0, stderr: '' });
}

async function cleanUp(tf: TerraformDir, extra: Record<string, string>): Promise<void> {
  await tf.ok(['destroy', '-auto-approve'], extra);
  expect(stored(sims)).toEqual([]);
}

test('import by <connector_id>/<credentials_id>; the next apply sends the configured secret as new credentials', async () => {
  const secret = canary('ox-import');
  const outside = canary('ox-outside');
  const importedId = await addOutsideTerraform(sims, {
    connectorID: '2',
    credentialsType: 'UserPassword',
    credentialsName: 'imported',
    credentialsInput: { name: 'bot', password: outside },
  });
  const tf = await credformTerraform('credform-ox-import-', { ...env, OX_PW: secret });
  tf.write('main.tf', config('imported'));

  const bad = await tf.run(['import', ADDRESS, importedId]);
  expect(bad.code).not.toBe(0);
  expect(bad.stderr).toContain('Invalid import ID');
  expect(bad.stderr).toContain('<connector_id>/<credentials_id>');
  const missing = await tf.run(['import', ADDRESS, '2/000000000000000000000000']);
  expect(missing.code).not.toBe(0);
  expect(missing.stderr).toContain('Cannot import non-existent remote object');

  await tf.ok(['import', ADDRESS, `2/${importedId}`]);
  expect((await tf.resources())[0]!.values).toMatchObject({
    id: `2/${importedId}`,
    connector_id: '2',
    credentials_id: importedId,
    credentials_type: 'UserPassword',
    credentials_name: 'imported',
    credentials_secrets_revision: null,
  });

  // No fingerprint of the secret exists yet: OX's copy cannot be compared, so it is sent.
  const plan = await tf.run(['plan', '-detailed-exitcode']);
  expect(plan.code).toBe(2);
  expect(plan.stdout).toContain('+/- create replacement and then destroy');
  await tf.ok(['apply', '-auto-approve']);
  const [now] = stored(sims);
  expect(stored(sims)).toHaveLength(1);
  expect(now!.credentialsId).not.toBe(importedId);
  expect(now!.input.password).toBe(secret);
  await converged(tf);
  await cleanUp(tf, {});
});

test('addCredentials committed but its answer lost: the new credentials are found and adopted, once', async () => {
  const secret = canary('ox-adopt');
  const tf = await credformTerraform('credform-ox-adopt-', { ...env, OX_PW: secret });
  tf.write('main.tf', config('adopted'));
  sims.ox.setFaults(dropFirstAdd);
  const apply = await tf.ok(['apply', '-auto-approve']);
  sims.ox.setFaults(undefined);

  expect(sims.ox.requestLog().filter((r) => r.fault === 'commit-then-drop')).toHaveLength(1);
  expect(apply.stdout + apply.stderr).toContain('OX Security create answer lost; credentials adopted');
  const creds = stored(sims);
  expect(creds).toHaveLength(1);
  expect((await tf.resources())[0]!.values.credentials_id).toBe(creds[0]!.credentialsId);
  await converged(tf);

  // Again during a create-before-destroy replacement under the SAME name: the old credentials
  // (same name, same type) are there too and must not be mistaken for the new ones.
  const rotated = canary('ox-adopt-rotated');
  sims.ox.setFaults(dropFirstAdd);
  const replace = await tf.ok(['apply', '-auto-approve'], { OX_PW: rotated });
  sims.ox.setFaults(undefined);
  expect(replace.stdout).toContain('OX Security create answer lost; credentials adopted');
  const after = stored(sims);
  expect(after).toHaveLength(1);
  expect(after[0]!.credentialsId).not.toBe(creds[0]!.credentialsId);
  expect(after[0]!.input.password).toBe(rotated);
  expect((await tf.resources())[0]!.values.credentials_id).toBe(after[0]!.credentialsId);
  await converged(tf, { OX_PW: rotated });
  await cleanUp(tf, { OX_PW: rotated });
});

test('Terraform older than 1.11: the sensitive credentials_secrets attribute works and converges', async () => {
  // Not a canary: Terraform itself stores a sensitive attribute in state (why write-only is the default).
  const secret = `legacy-${Date.now()}`;
  const tf = await credformTerraform('credform-ox-legacy-', { ...env, TF_VAR_legacy_pw: secret, OX_PW: 'unused' });
  tf.write('main.tf', config('legacy', 'credentials_secrets'));
  const plan = await tf.ok(['plan']);
  expect(plan.stdout).toContain('credentials_secrets          = (sensitive value)');
  expect(plan.stdout).not.toContain(secret);
  await tf.ok(['apply', '-auto-approve']);
  expect(stored(sims)[0]!.input.password).toBe(secret);
  await converged(tf);
  expect(tf.read('terraform.tfstate')).toContain(secret);
  await cleanUp(tf, {});
});
