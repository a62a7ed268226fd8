// @date-sensitive: expire_date literals, never compared with now. Also run with the clock moved (scripts/test-clock-shift.mjs).
/**
 * credform_apinizer_credential through the real terraform binary against the Apinizer simulator:
 * create, an in-place change of every field (PUT), a password rotation without a version bump
 * (PATCH), a version bump; each apply followed by a plan that must be empty.
 */
import type { Simulators } from '../../../src/simulators';
import { canary } from '../../support/canary';
import { credformTerraform } from '../../support/credform-terraform';
import { startTestSimulators } from '../../support/simulators';
import type { TerraformDir } from '../../support/terraform';
import { PASSWORD_VARIABLE, SEED_BODIES, applyConverged, credentialHcl, credentialsIn, storedRecord, writesLogged, type SeedBody } from './support';

let sims: Simulators;
let env: Record<string, string>;

beforeAll(async () => {
  ({ sims, env } = await startTestSimulators());
});
afterAll(() => sims?.stop());

const UPDATED = '0 added, 1 changed, 0 destroyed';

describe('credform_apinizer_credential lifecycle', () => {
  let tf: TerraformDir;
  let body: SeedBody;
  // Canaries: the test-wide scanner fails the file if one shows up in any terraform output or file.
  const first = canary('apinizer-first');

  const write = (b: SeedBody, extra = '') => tf.write('main.tf', PASSWORD_VARIABLE + credentialHcl('c', b, { extra }));

  test('the basic example is created with exactly the documented body', async () => {
    tf = await credformTerraform('credform-apinizer-life-', { ...env, TF_VAR_pw: first });
    body = { ...SEED_BODIES.basic };
    write(body);
    sims.apinizer.clearRequestLog();
    await applyConverged(tf, '1 added, 0 changed, 0 destroyed');
    expect(credentialsIn(sims)).toEqual([storedRecord({ ...body, password: first })]);
    expect(writesLogged(sims)).toEqual(['POST /apiops/projects/MyProject/credentials/']);
    const [res] = await tf.resources();
    expect(res!.values).toMatchObject({
      id: 'MyProject/api-user',
      password_revision: 1,
      password_wo: null,
      deployment: [
        { environment_name: 'production', success: true, message: 'Deployed successfully' },
        { environment_name: 'staging', success: true, message: 'Deployed successfully' },
      ],
    });
  });

  const changes: [string, Partial<SeedBody>][] = [
    ['email', { email: 'john.doe@example.com' }],
    ['full_name', { fullName: 'John Q. Doe' }],
    ['description', { description: 'API user credential (rotated quarterly)' }],
    ['role_names', { roleNameList: ['API_USER', 'DEVELOPER'] }],
    ['enabled', { enabled: false }],
    ['ip_list', { ipList: ['192.168.1.100', '10.0.0.0/8', '2001:db8::/32'] }],
    ['expire_date', { expireDate: '2030-06-30T12:00:00.000Z' }],
  ];

  test.each(changes)('a change of %s is applied in place with PUT, the password kept', async (_name, change) => {
    body = { ...body, ...change };
    write(body);
    sims.apinizer.clearRequestLog();
    await applyConverged(tf, UPDATED);
    expect(writesLogged(sims)).toEqual(['PUT /apiops/projects/MyProject/credentials/']);
    expect(credentialsIn(sims)).toEqual([storedRecord({ ...body, password: first })]);
  });

  test('a description removed is sent as null', async () => {
    tf.write('main.tf', PASSWORD_VARIABLE + credentialHcl('c', body).replace(/\n  description .*\n/, '\n'));
    sims.apinizer.clearRequestLog();
    await applyConverged(tf, UPDATED);
    expect(credentialsIn(sims)).toEqual([storedRecord({ ...body, password: first, description: null as unknown as string })]);
    write(body);
    await applyConverged(tf, UPDATED);
  });

  test('a new password alone is sent with PATCH, no version bump needed, and never shown', async () => {
    expect((await tf.resources())[0]!.values.password_revision).toBe(1); // field changes did not count
    const second = canary('apinizer-second');
    sims.apinizer.clearRequestLog();
    const applied = await applyConverged(tf, UPDATED, { TF_VAR_pw: second });
    expect(applied.stdout).toMatch(/~ password_revision += 1 -> \(known after apply\)/);
    expect(applied.stdout + applied.stderr).not.toContain(second);
    expect(writesLogged(sims)).toEqual(['PATCH /apiops/projects/MyProject/credentials/api-user/']);
    expect(credentialsIn(sims)[0]!.password).toBe(second);
    expect((await tf.resources())[0]!.values.password_revision).toBe(2);

    // The same password under a bumped version is sent again, also with PATCH.
    write(body, '  password_wo_version = 2\n');
    sims.apinizer.clearRequestLog();
    await applyConverged(tf, UPDATED, { TF_VAR_pw: second });
    expect(writesLogged(sims)).toEqual(['PATCH /apiops/projects/MyProject/credentials/api-user/']);
    expect((await tf.resources())[0]!.values.password_revision).toBe(3);

    // A password and a field changed together travel in one PUT.
    const third = canary('apinizer-third');
    body = { ...body, email: 'jd@example.com' };
    write(body, '  password_wo_version = 2\n');
    sims.apinizer.clearRequestLog();
    await applyConverged(tf, UPDATED, { TF_VAR_pw: third });
    expect(writesLogged(sims)).toEqual(['PUT /apiops/projects/MyProject/credentials/']);
    expect(credentialsIn(sims)).toEqual([storedRecord({ ...body, password: third })]);
    expect((await tf.resources())[0]!.values.password_revision).toBe(4);
  });
});
