/**
 * What goes wrong, through terraform: a failed environment deployment (on create and on update),
 * the plan-time checks (taken username, missing project), Apinizer's 400s as attribute errors,
 * bad values at `terraform validate`, and a create whose answer is lost.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Simulators } from '../../../src/simulators';
import { canary, watchSecret } from '../../support/canary';
import { credformTerraform } from '../../support/credform-terraform';
import { startTestSimulators } from '../../support/simulators';
import { PASSWORD_VARIABLE, SEED_BODIES, apinizerApi, applyConverged, credentialHcl, credentialsIn, writesLogged, type SeedBody } from './support';

let sims: Simulators;
let env: Record<string, string>;

beforeAll(async () => {
  ({ sims, env } = await startTestSimulators());
  watchSecret(sims.apinizer.token);
  watchSecret(sims.apinizer.clientSecret!);
});
afterAll(() => sims?.stop());
afterEach(() => {
  sims.apinizer.setFaults(undefined);
  sims.apinizer.setEnvironmentFailure('MyProject', 'production', false);
  sims.apinizer.setEnvironmentFailure('MyProject', 'staging', false);
});

/** Terraform wraps diagnostics at 80 columns. */
const flat = (s: string) => s.replace(/\s+/g, ' ');
const body = (username: string, extra: Partial<SeedBody> = {}): SeedBody => ({ ...SEED_BODIES.basic, username, ...extra });

describe('a failed environment deployment', () => {
  test('on update: an error naming the environment, the change kept in state, the next apply deploys again', async () => {
    const tf = await credformTerraform('credform-apinizer-deploy-upd-', { ...env, TF_VAR_pw: canary('apinizer-deploy-update') });
    tf.write('main.tf', PASSWORD_VARIABLE + credentialHcl('c', body('deploy-upd')));
    await applyConverged(tf, '1 added');

    sims.apinizer.setEnvironmentFailure('MyProject', 'staging', 'down for maintenance');
    tf.write('main.tf', PASSWORD_VARIABLE + credentialHcl('c', body('deploy-upd', { email: 'new@example.com' })));
    const failed = await tf.run(['apply', '-auto-approve']);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('Deployment to environment "staging" failed');
    expect(flat(failed.stderr)).toContain('Deployment failed: down for maintenance');
    const [res] = await tf.resources();
    expect(res!.values).toMatchObject({
      email: 'new@example.com',
      deployment: [
        { environment_name: 'production', success: true },
        { environment_name: 'staging', success: false, message: 'Deployment failed: down for maintenance' },
      ],
    });

    // Nothing in the configuration changed, yet the plan deploys again.
    const plan = await tf.run(['plan', '-detailed-exitcode']);
    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain('update in-place');
    sims.apinizer.setEnvironmentFailure('MyProject', 'staging', false);
    sims.apinizer.clearRequestLog();
    await applyConverged(tf, '0 added, 1 changed, 0 destroyed');
    expect(writesLogged(sims)).toEqual(['PUT /apiops/projects/MyProject/credentials/']);
    expect((await tf.resources())[0]!.values.deployment).toEqual([
      { environment_name: 'production', success: true, message: 'Deployed successfully' },
      { environment_name: 'staging', success: true, message: 'Deployed successfully' },
    ]);
  });

  test('on create: the credential stays in state (tainted); the next apply replaces it, or deploys in place after untaint', async () => {
    const tf = await credformTerraform('credform-apinizer-deploy-new-', { ...env, TF_VAR_pw: canary('apinizer-deploy-create') });
    tf.write('main.tf', PASSWORD_VARIABLE + credentialHcl('a', body('deploy-a')));
    sims.apinizer.setEnvironmentFailure('MyProject', 'production', true);
    const failed = await tf.run(['apply', '-auto-approve']);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('Deployment to environment "production" failed');
    expect(flat(failed.stderr)).toContain('"Deployment failed: environment is not reachable"');
    expect(credentialsIn(sims).map((c) => c.username)).toContain('deploy-a');
    const stored = JSON.parse(readFileSync(join(tf.dir, 'terraform.tfstate'), 'utf8'));
    expect(stored.resources[0].instances[0]).toMatchObject({ status: 'tainted', attributes: { id: 'MyProject/deploy-a' } });

    // The replacement is planned without a false "username taken" error, and succeeds once the
    // environment is back.
    sims.apinizer.setEnvironmentFailure('MyProject', 'production', false);
    const plan = await tf.run(['plan', '-detailed-exitcode']);
    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain('is tainted, so must be replaced');
    expect(flat(plan.stdout + plan.stderr)).toContain('A credential with this username and these exact settings already exists');
    await applyConverged(tf, '1 added, 0 changed, 1 destroyed');

    // Second way out: untaint, and the next apply deploys in place.
    tf.write('main.tf', PASSWORD_VARIABLE + credentialHcl('a', body('deploy-a')) + credentialHcl('b', body('deploy-b')));
    sims.apinizer.setEnvironmentFailure('MyProject', 'staging', true);
    expect((await tf.run(['apply', '-auto-approve'])).code).toBe(1);
    sims.apinizer.setEnvironmentFailure('MyProject', 'staging', false);
    await tf.ok(['untaint', 'credform_apinizer_credential.b']);
    sims.apinizer.clearRequestLog();
    await applyConverged(tf, '0 added, 1 changed, 0 destroyed');
    expect(writesLogged(sims)).toEqual(['PUT /apiops/projects/MyProject/credentials/']);
  });
});

describe('plan-time checks', () => {
  test('a username taken by another credential, and a project that does not exist, fail the plan', async () => {
    const outside = body('taken-user', { email: 'owner@example.com', password: 'someone-elses' });
    expect((await apinizerApi(sims, 'POST', '/apiops/projects/MyProject/credentials/', outside)).status).toBe(200);
    const tf = await credformTerraform('credform-apinizer-plan-', { ...env, TF_VAR_pw: canary('apinizer-plan-check') });
    tf.write('main.tf', PASSWORD_VARIABLE + credentialHcl('dup', body('taken-user')) + credentialHcl('lost', body('lost-user'), { project: 'NoSuchProject' }));
    sims.apinizer.clearRequestLog();
    const plan = await tf.run(['plan']);
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain('Username already taken');
    expect(flat(plan.stderr)).toContain('terraform import <resource address> MyProject/taken-user');
    expect(plan.stderr).toMatch(/with credform_apinizer_credential\.dup,[\s\S]*username *= "taken-user"/);
    expect(plan.stderr).toContain('Apinizer project not found');
    expect(flat(plan.stderr)).toContain('Project(NoSuchProject) was not found or user does not have privilege to access it!');
    expect(plan.stderr).toMatch(/with credform_apinizer_credential\.lost,[\s\S]*project_name *= "NoSuchProject"/);
    expect(writesLogged(sims)).toEqual([]);
  });
});

describe("Apinizer's refusals at apply", () => {
  test('an unknown role is an error on that list element, in Apinizer\'s words; nothing is stored', async () => {
    const tf = await credformTerraform('credform-apinizer-role-', { ...env, TF_VAR_pw: canary('apinizer-role') });
    tf.write('main.tf', PASSWORD_VARIABLE + credentialHcl('c', body('role-user', { roleNameList: ['API_USER', 'ADMIN'] })));
    const r = await tf.run(['apply', '-auto-approve']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Apinizer refused role_names');
    expect(flat(r.stderr)).toContain('Role (ADMIN) does not exist');
    expect(r.stderr).toMatch(/role_names *= \[/);
    expect(await tf.resources()).toEqual([]);
    expect(credentialsIn(sims).find((c) => c.username === 'role-user')).toBeUndefined();
  });
});

describe('terraform validate', () => {
  test('names every bad attribute', async () => {
    const tf = await credformTerraform('credform-apinizer-validate-', env);
    const resource = (name: string, attrs: string) => `resource "credform_apinizer_credential" "${name}" {\n${attrs}\n}\n`;
    const ok = { project_name: '"MyProject"', username: '"u"', email: '"u@example.com"', full_name: '"U"', password_wo: '"x"' };
    const attrs = (over: Record<string, string | undefined>) =>
      Object.entries({ ...ok, ...over })
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => `  ${k} = ${v}`)
        .join('\n');
    tf.write(
      'main.tf',
      [
        resource('email', attrs({ email: '"not-an-email"' })),
        resource('ip', attrs({ ip_list: '["10.0.0.1", "10.0.0.0/33", "not-an-ip"]' })),
        resource('date', attrs({ expire_date: '"2024-12-31 23:59"' })),
        resource('blank', attrs({ full_name: '"  "', username: '""' })),
        resource('nopw', attrs({ password_wo: undefined })),
        resource('twopw', attrs({ password: '"y"' })),
        resource('version', attrs({ password_wo: undefined, password: '"y"', password_wo_version: '1' })),
      ].join('\n'),
    );
    const r = await tf.run(['validate']);
    expect(r.code).toBe(1);
    const err = flat(r.stderr);
    expect(err).toMatch(/email = "not-an-email" must be an email address/);
    expect(err.match(/ip_list = \[.*?\] must be an IPv4\/IPv6 address or a CIDR range/g)).toHaveLength(2);
    expect(err).toMatch(/expire_date = "2024-12-31 23:59" must be an ISO 8601 UTC date-time/);
    expect(err).toContain('the full name must not be empty');
    expect(err).toContain('the username must not be empty');
    expect(err).toMatch(/Missing required argument .*? Exactly one of `password_wo`, `password` must be set/);
    expect(err).toMatch(/Conflicting arguments .*? found `password_wo` and `password`/);
    expect(err).toContain('`password_wo_version` is only meaningful when `password_wo` is set');
  });
});

describe('a create whose answer is lost', () => {
  test('is looked up and adopted: exactly one credential at Apinizer and in state', async () => {
    const tf = await credformTerraform('credform-apinizer-lost-', { ...env, TF_VAR_pw: canary('apinizer-lost') });
    tf.write('main.tf', PASSWORD_VARIABLE + credentialHcl('c', body('lost-answer')));
    sims.apinizer.setFaults({ commitThenDropShare: 1, writesOnly: true, pathPattern: '^/apiops/projects/[^/]+/credentials/?$' });
    sims.apinizer.clearRequestLog();
    const r = await tf.ok(['apply', '-auto-approve']);
    sims.apinizer.setFaults(undefined);
    expect(r.stdout).toContain('1 added');
    expect(flat(r.stdout + r.stderr)).toContain('Apinizer create answer lost; credential adopted');
    expect(sims.apinizer.requestLog().filter((e) => e.method === 'POST')).toEqual([
      { method: 'POST', path: '/apiops/projects/MyProject/credentials/', status: null, fault: 'commit-then-drop' },
    ]);
    expect(credentialsIn(sims).filter((c) => c.username === 'lost-answer')).toHaveLength(1);
    const resources = await tf.resources();
    expect(resources.map((x) => x.values.id)).toEqual(['MyProject/lost-answer']);
    expect(resources[0]!.values.password_revision).toBe(1);
    const again = await tf.run(['plan', '-detailed-exitcode']);
    expect(again.code).toBe(0);
  });

  test('is reported as not made when the lookup finds nothing, and nothing is stored', async () => {
    const tf = await credformTerraform('credform-apinizer-reset-', { ...env, TF_VAR_pw: canary('apinizer-reset') });
    tf.write('main.tf', PASSWORD_VARIABLE + credentialHcl('c', body('reset-user')));
    // The connection is reset before Apinizer acts: from the client's side, just as ambiguous.
    sims.apinizer.setFaults({ resetShare: 1, writesOnly: true, pathPattern: '^/apiops/projects/[^/]+/credentials/?$' });
    const r = await tf.run(['apply', '-auto-approve']);
    sims.apinizer.setFaults(undefined);
    expect(r.code).toBe(1);
    expect(flat(r.stderr)).toContain('Apinizer create did not happen');
    expect(flat(r.stderr)).toContain('looking it up afterwards found no credential MyProject/reset-user: nothing was created and nothing was stored');
    expect(await tf.resources()).toEqual([]);
    expect(credentialsIn(sims).find((c) => c.username === 'reset-user')).toBeUndefined();
    await applyConverged(tf, '1 added');
  });
});

describe('provider authentication with a manager user', () => {
  test('username/password are exchanged for a token; a wrong password is a clear error', async () => {
    const userEnv = { ...env, APINIZER_TOKEN: '', APINIZER_USERNAME: sims.apinizer.clientId!, APINIZER_PASSWORD: sims.apinizer.clientSecret!, TF_VAR_pw: canary('apinizer-exchanged') };
    const tf = await credformTerraform('credform-apinizer-user-', userEnv);
    tf.write('main.tf', PASSWORD_VARIABLE + credentialHcl('c', body('via-exchange')));
    sims.apinizer.clearRequestLog();
    await applyConverged(tf, '1 added');
    expect(sims.apinizer.requestLog().some((e) => e.path === '/apiops/auth/token' && e.status === 200)).toBe(true);

    const wrongPassword = canary('apinizer-wrong-manager-password');
    const wrong = await tf.run(['plan'], { APINIZER_PASSWORD: wrongPassword });
    expect(wrong.code).toBe(1);
    expect(flat(wrong.stderr)).toContain("did not accept the provider's credentials");
    expect(flat(wrong.stderr)).toContain('APINIZER_USERNAME and APINIZER_PASSWORD');
    expect(wrong.stdout + wrong.stderr).not.toContain(wrongPassword);
  });
});
