/**
 * The password never leaks: an `ApinizerCredential` stack synthesized by cdktf, with the password
 * from the environment, is applied by the real terraform; a canary password must be absent from
 * `cdk.tf.json`, the plan (text and JSON), the state files and a `TF_LOG=trace` run, while the
 * simulator shows it was really sent. Then the same for a rotation.
 */
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, TerraformStack } from 'cdktf';
import { ApinizerCredential, CredformProvider, Secret } from '../../../src/constructs';
import type { Simulators } from '../../../src/simulators';
import { canary } from '../../support/canary';
import { credformTerraform } from '../../support/credform-terraform';
import { startTestSimulators } from '../../support/simulators';
import type { TerraformDir } from '../../support/terraform';
import { SEED_BODIES, credentialsIn, writesLogged } from './support';

let sims: Simulators;
let env: Record<string, string>;

beforeAll(async () => {
  ({ sims, env } = await startTestSimulators());
});
afterAll(() => sims?.stop());

// Also registered with the test-wide scanner, which searches every recorded output and file.
const CANARY_1 = canary('apinizer-first');
const CANARY_2 = canary('apinizer-second');

/** The stack a user writes, synthesized the way `cdktf synth` does; returns cdk.tf.json's text. */
function synthesizeStack(): string {
  const outdir = mkdtempSync(join(tmpdir(), 'credform-apinizer-synth-'));
  const app = new App({ outdir });
  const stack = new TerraformStack(app, 'credentials');
  new CredformProvider(stack, 'credform', { installProvider: false });
  const b = SEED_BODIES.basic;
  new ApinizerCredential(stack, 'api_user', {
    projectName: 'MyProject',
    username: 'canary-user',
    email: b.email,
    fullName: b.fullName,
    description: b.description,
    roleNames: b.roleNameList,
    password: Secret.fromEnv(stack, 'APINIZER_API_USER_PASSWORD'),
  });
  app.synth();
  return readFileSync(join(outdir, 'stacks', 'credentials', 'cdk.tf.json'), 'utf8');
}

/** Every file terraform wrote that might hold state or a plan, as text. */
function terraformFilesText(tf: TerraformDir): string {
  return readdirSync(tf.dir)
    .filter((f) => /^terraform\.tfstate|\.tfplan$|^tfplan/.test(f))
    .map((f) => tf.read(f))
    .join('\n');
}

async function expectNoLeak(tf: TerraformDir, secret: string, runEnv: Record<string, string>): Promise<void> {
  const plan = await tf.ok(['plan', '-out=tfplan'], runEnv);
  expect(plan.stdout + plan.stderr).not.toContain(secret);
  const planJson = await tf.ok(['show', '-json', 'tfplan'], runEnv);
  JSON.parse(planJson.stdout); // really the plan
  expect(planJson.stdout).not.toContain(secret);
  expect((await tf.ok(['show', 'tfplan'], runEnv)).stdout).not.toContain(secret);

  const traced = await tf.ok(['apply', 'tfplan'], { ...runEnv, TF_LOG: 'trace' });
  const log = traced.stdout + traced.stderr;
  expect(log).toContain('[TRACE]'); // the trace really ran…
  expect(log).toContain('credform_apinizer_credential'); // …and covered our resource
  expect(log).not.toContain(secret);
  expect(terraformFilesText(tf)).not.toContain(secret);

  const again = await tf.run(['plan', '-detailed-exitcode'], runEnv);
  expect(again.code).toBe(0);
  expect(again.stdout + again.stderr).not.toContain(secret);
}

describe('the password of an ApinizerCredential', () => {
  test('is absent from cdk.tf.json, plans, state and trace logs, yet reaches Apinizer; rotation too', async () => {
    const json = synthesizeStack();
    expect(json).not.toContain(CANARY_1);
    const config = JSON.parse(json);
    expect(config.resource.credform_apinizer_credential.api_user.password_wo).toBe('${ephemeral.credform_env_secret.env_apinizer_api_user_password.value}');
    delete config.terraform; // the harness pins the provider in versions.tf

    const tf = await credformTerraform('credform-apinizer-secrets-', env);
    tf.write('main.tf.json', config);

    await expectNoLeak(tf, CANARY_1, { APINIZER_API_USER_PASSWORD: CANARY_1 });
    expect(credentialsIn(sims).find((c) => c.username === 'canary-user')!.password).toBe(CANARY_1);

    sims.apinizer.clearRequestLog();
    await expectNoLeak(tf, CANARY_2, { APINIZER_API_USER_PASSWORD: CANARY_2 });
    expect(writesLogged(sims)).toEqual(['PATCH /apiops/projects/MyProject/credentials/canary-user/']);
    expect(credentialsIn(sims).find((c) => c.username === 'canary-user')!.password).toBe(CANARY_2);
    expect(terraformFilesText(tf)).not.toContain(CANARY_1);
  });
});
