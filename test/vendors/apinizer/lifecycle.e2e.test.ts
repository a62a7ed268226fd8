// @date-sensitive: expire_date literals, never compared with now. Also run with the clock moved (scripts/test-clock-shift.mjs).
/**
 * credform_apinizer_credential through the real terraform binary against the Apinizer simulator —
 * and, with the CREDFORM_LIVE_APINIZER_* variables set, against an Apinizer tenant
 * (test/support/live.ts, docs/live-tests.md): create, an in-place change of every field (PUT), a
 * password rotation without a version bump (PATCH), a version bump, drift and a deletion made
 * outside Terraform, import, a role Apinizer refuses, destroy; each apply followed by a plan that
 * must be empty. Apinizer is read back through credform's client; which call credform made (the
 * request log) and the password Apinizer keeps (never listed) are asserted on the simulator only.
 */
import type { CredentialBody } from '../../../src/vendors/apinizer/client';
import { canary } from '../../support/canary';
import { credformTerraform } from '../../support/credform-terraform';
import { describeTargets } from '../../support/live';
import type { TerraformDir } from '../../support/terraform';
import { PASSWORD_VARIABLE, SEED_BODIES, applyConverged, credentialHcl, credentialsIn, storedRecord, writesLogged, type SeedBody } from './support';

const UPDATED = '0 added, 1 changed, 0 destroyed';
const ADDRESS = 'credform_apinizer_credential.c';
const VERSION_2 = '  password_wo_version = 2\n';

/** What Apinizer lists for a body: every field but the password, which it never returns. */
const listed = ({ password: _password, ...fields }: SeedBody) => fields;
const flat = (s: string) => s.replace(/^[│╷╵]\s?/gm, '').replace(/\s*\n\s*/g, ' ');

describeTargets('apinizer', 'credform_apinizer_credential lifecycle', (t) => {
  const { project } = t.fixtures;
  let tf: TerraformDir;
  let body: SeedBody;
  // Canaries: the test-wide scanner fails the file if one shows up in any terraform output or file.
  const first = canary('apinizer-first');
  let password = first;
  const pw = () => ({ TF_VAR_pw: password });

  const write = (b: SeedBody, extra = '') => tf.write('main.tf', PASSWORD_VARIABLE + credentialHcl('c', b, { project, extra }));
  const atApinizer = () => t.api.findCredential(project, body.username);
  const clearLog = () => t.sims?.apinizer.clearRequestLog();

  t.test('the basic example is created with exactly the documented body', async () => {
    tf = await credformTerraform('credform-apinizer-life-', { ...t.env, TF_VAR_pw: first });
    body = { ...SEED_BODIES.basic, username: t.name(SEED_BODIES.basic.username), roleNameList: [...t.fixtures.initialRoles] };
    write(body);
    clearLog();
    await applyConverged(tf, '1 added, 0 changed, 0 destroyed');
    expect(await atApinizer()).toEqual(listed(body));
    if (t.sims) {
      expect(credentialsIn(t.sims)).toEqual([storedRecord({ ...body, password: first })]);
      expect(writesLogged(t.sims)).toEqual(['POST /apiops/projects/MyProject/credentials/']);
    }
    const [res] = await tf.resources();
    expect(res!.values).toMatchObject({ id: `${project}/${body.username}`, password_revision: 1, password_wo: null });
    const deployment = res!.values.deployment as { success: boolean }[];
    expect(deployment.length).toBeGreaterThan(0);
    expect(deployment.every((d) => d.success)).toBe(true);
    if (t.sims) {
      expect(deployment).toEqual([
        { environment_name: 'production', success: true, message: 'Deployed successfully' },
        { environment_name: 'staging', success: true, message: 'Deployed successfully' },
      ]);
    }
  });

  const changes: [string, Partial<SeedBody>][] = [
    ['email', { email: 'john.doe@example.com' }],
    ['full_name', { fullName: 'John Q. Doe' }],
    ['description', { description: 'API user credential (rotated quarterly)' }],
    ['role_names', { roleNameList: [...t.fixtures.changedRoles] }],
    ['enabled', { enabled: false }],
    ['ip_list', { ipList: ['192.168.1.100', '10.0.0.0/8', '2001:db8::/32'] }],
    ['expire_date', { expireDate: '2030-06-30T12:00:00.000Z' }],
  ];

  for (const [name, change] of changes) {
    t.test(`a change of ${name} is applied in place with PUT, the password kept`, async () => {
      body = { ...body, ...change };
      write(body);
      clearLog();
      await applyConverged(tf, UPDATED);
      expect(await atApinizer()).toEqual(listed(body));
      if (t.sims) {
        expect(writesLogged(t.sims)).toEqual(['PUT /apiops/projects/MyProject/credentials/']);
        expect(credentialsIn(t.sims)).toEqual([storedRecord({ ...body, password: first })]);
      }
    });
  }

  t.test('a description removed is sent as null', async () => {
    tf.write('main.tf', PASSWORD_VARIABLE + credentialHcl('c', body, { project }).replace(/\n  description .*\n/, '\n'));
    clearLog();
    await applyConverged(tf, UPDATED);
    expect((await atApinizer())?.description ?? null).toBeNull();
    if (t.sims) expect(credentialsIn(t.sims)).toEqual([storedRecord({ ...body, password: first, description: null as unknown as string })]);
    write(body);
    await applyConverged(tf, UPDATED);
  });

  t.test('a new password alone is sent with PATCH, no version bump needed, and never shown', async () => {
    expect((await tf.resources())[0]!.values.password_revision).toBe(1); // field changes did not count
    const second = canary('apinizer-second');
    password = second;
    clearLog();
    const applied = await applyConverged(tf, UPDATED, pw());
    expect(applied.stdout).toMatch(/~ password_revision += 1 -> \(known after apply\)/);
    expect(applied.stdout + applied.stderr).not.toContain(second);
    if (t.sims) {
      expect(writesLogged(t.sims)).toEqual(['PATCH /apiops/projects/MyProject/credentials/api-user/']);
      expect(credentialsIn(t.sims)[0]!.password).toBe(second);
    }
    expect((await tf.resources())[0]!.values.password_revision).toBe(2);

    // The same password under a bumped version is sent again, also with PATCH.
    write(body, VERSION_2);
    clearLog();
    await applyConverged(tf, UPDATED, pw());
    if (t.sims) expect(writesLogged(t.sims)).toEqual(['PATCH /apiops/projects/MyProject/credentials/api-user/']);
    expect((await tf.resources())[0]!.values.password_revision).toBe(3);

    // A password and a field changed together travel in one PUT.
    const third = canary('apinizer-third');
    password = third;
    body = { ...body, email: 'jd@example.com' };
    write(body, VERSION_2);
    clearLog();
    await applyConverged(tf, UPDATED, pw());
    if (t.sims) {
      expect(writesLogged(t.sims)).toEqual(['PUT /apiops/projects/MyProject/credentials/']);
      expect(credentialsIn(t.sims)).toEqual([storedRecord({ ...body, password: third })]);
    }
    expect(await atApinizer()).toEqual(listed(body));
    expect((await tf.resources())[0]!.values.password_revision).toBe(4);
  });

  t.liveOnly('a change made outside Terraform shows as drift and is put back', 'examples.e2e.test.ts, the same test', async () => {
    // Someone replaces the record through Apinizer's API (a full PUT: they give the current password).
    const outside: CredentialBody = { ...body, email: 'someone.else@example.com', password };
    await t.api.replaceCredential(project, outside);
    expect((await atApinizer())?.email).toBe('someone.else@example.com');
    const applied = await applyConverged(tf, UPDATED, pw());
    expect(applied.stdout).toMatch(/~ email += "someone.else@example.com" -> "jd@example.com"/);
    expect(await atApinizer()).toEqual(listed(body));
  });

  t.liveOnly('a credential deleted outside Terraform is planned and created again', 'examples.e2e.test.ts, the same test', async () => {
    await t.api.deleteCredential(project, body.username);
    expect(await atApinizer()).toBeUndefined();
    const applied = await applyConverged(tf, '1 added, 0 changed, 0 destroyed', pw());
    expect(applied.stdout).toContain(`${ADDRESS} will be created`);
    expect(await atApinizer()).toEqual(listed(body));
  });

  t.liveOnly('import by <project>/<username>; the next apply sends the configured password with PATCH', 'examples.e2e.test.ts "import by <project>/<username>"', async () => {
    await tf.ok(['state', 'rm', ADDRESS]);
    await tf.ok(['import', ADDRESS, `${project}/${body.username}`], pw());
    expect((await tf.resources())[0]!.values).toMatchObject({ id: `${project}/${body.username}`, email: body.email, role_names: body.roleNameList, password_revision: null });
    // No fingerprint of the password exists yet, so the plan says it will be sent.
    const applied = await applyConverged(tf, UPDATED, pw());
    expect(applied.stdout).toMatch(/\+ password_revision += \(known after apply\)/);
    expect((await tf.resources())[0]!.values.password_revision).toBe(1);
  });

  t.liveOnly("a role Apinizer does not have is refused in Apinizer's words; the record and the state stay as they were", 'failures.e2e.test.ts "an unknown role is an error on that list element"', async () => {
    const before = (await tf.resources())[0]!.values;
    const missingRole = t.name('NO_SUCH_ROLE');
    write({ ...body, roleNameList: [...body.roleNameList, missingRole] }, VERSION_2);
    const r = await tf.run(['apply', '-auto-approve', '-input=false'], pw());
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Apinizer refused role_names');
    expect(flat(r.stderr)).toContain(missingRole);
    expect((await tf.resources())[0]!.values).toEqual(before);
    expect(await atApinizer()).toEqual(listed(body));
    write(body, VERSION_2);
    await applyConverged(tf, /No changes/, pw());
  });

  t.liveOnly('destroy deletes the credential', 'examples.e2e.test.ts "destroy deletes every credential"', async () => {
    const r = await tf.ok(['destroy', '-auto-approve', '-input=false'], pw());
    expect(r.stdout).toContain('1 destroyed');
    expect(await atApinizer()).toBeUndefined();
    expect(await tf.resources()).toEqual([]);
  });
});
