/**
 * The create page's four examples through terraform, then what happens to them: a username or
 * project change replaces, a credential deleted outside Terraform is created again, destroy removes
 * everything; import by `<project>/<username>` and the password sent after it; the sensitive
 * `password` attribute for Terraform < 1.11.
 */
import type { Simulators } from '../../../src/simulators';
import { canary, watchSecret } from '../../support/canary';
import { credformTerraform } from '../../support/credform-terraform';
import { startTestSimulators } from '../../support/simulators';
import type { TerraformDir } from '../../support/terraform';
import { PASSWORD_VARIABLE, SEED_BODIES, apinizerApi, applyConverged, credentialHcl, credentialsIn, storedRecord, writesLogged, type SeedBody } from './support';

let sims: Simulators;
let env: Record<string, string>;

beforeAll(async () => {
  ({ sims, env } = await startTestSimulators());
});
afterAll(() => sims?.stop());

const { basic, ipRestricted, expiring, disabled } = SEED_BODIES;
// The seed's password feeds the write-only attribute here: it must not surface anywhere either.
watchSecret(basic.password);

describe('the four documented examples', () => {
  let tf: TerraformDir;
  const config = (bodies: Record<string, SeedBody>, projects: Record<string, string> = {}) =>
    PASSWORD_VARIABLE + Object.entries(bodies).map(([name, b]) => credentialHcl(name, b, { project: projects[name] })).join('\n');

  test('are created with exactly the documented bodies', async () => {
    // The seed's own password, so that each stored record is the documented body word for word.
    tf = await credformTerraform('credform-apinizer-examples-', { ...env, TF_VAR_pw: basic.password });
    tf.write('main.tf', config({ basic, ipRestricted, expiring, disabled }));
    sims.apinizer.clearRequestLog();
    await applyConverged(tf, '4 added, 0 changed, 0 destroyed');
    expect(writesLogged(sims)).toEqual(Array(4).fill('POST /apiops/projects/MyProject/credentials/'));
    const stored = credentialsIn(sims);
    for (const body of [basic, ipRestricted, expiring, disabled]) {
      expect(stored.find((c) => c.username === body.username)).toEqual(storedRecord(body));
    }
  });

  test('a username change replaces the credential; so does a project change', async () => {
    const renamed = { ...ipRestricted, username: 'restricted-user-2' };
    tf.write('main.tf', config({ basic, ipRestricted: renamed, expiring, disabled }, { disabled: 'OtherProject' }));
    sims.apinizer.clearRequestLog();
    const applied = await applyConverged(tf, '2 added, 0 changed, 2 destroyed');
    expect(applied.stdout).toMatch(/~ username += "restricted-user" -> "restricted-user-2" # forces replacement/);
    expect(applied.stdout).toMatch(/~ project_name += "MyProject" -> "OtherProject" # forces replacement/);
    expect(writesLogged(sims).sort()).toEqual(
      [
        'DELETE /apiops/projects/MyProject/credentials/restricted-user/',
        'POST /apiops/projects/MyProject/credentials/',
        'DELETE /apiops/projects/MyProject/credentials/disabled-user/',
        'POST /apiops/projects/OtherProject/credentials/',
      ].sort(),
    );
    expect(credentialsIn(sims).map((c) => c.username).sort()).toEqual(['api-user', 'restricted-user-2', 'temp-user']);
    expect(credentialsIn(sims, 'OtherProject')).toEqual([storedRecord(disabled, ['production'])]);
  });

  test('a credential deleted outside Terraform is planned and created again', async () => {
    expect((await apinizerApi(sims, 'DELETE', '/apiops/projects/MyProject/credentials/temp-user/')).status).toBe(200);
    const applied = await applyConverged(tf, '1 added, 0 changed, 0 destroyed');
    expect(applied.stdout).toContain('credform_apinizer_credential.expiring will be created');
    expect(credentialsIn(sims).find((c) => c.username === 'temp-user')).toEqual(storedRecord(expiring));
  });

  test('a change made outside Terraform shows as drift and is put back', async () => {
    const changed = { ...basic, email: 'someone.else@example.com', roleNameList: [] };
    expect((await apinizerApi(sims, 'PUT', '/apiops/projects/MyProject/credentials/', changed)).status).toBe(200);
    const applied = await applyConverged(tf, '0 added, 1 changed, 0 destroyed');
    expect(applied.stdout).toMatch(/~ email += "someone.else@example.com" -> "user@example.com"/);
    expect(credentialsIn(sims).find((c) => c.username === 'api-user')).toEqual(storedRecord(basic));
  });

  test('-replace of a credential whose settings also change is not mistaken for a taken username', async () => {
    const changed = { ...basic, email: 'replaced@example.com' };
    tf.write('main.tf', config({ basic: changed, ipRestricted: { ...ipRestricted, username: 'restricted-user-2' }, expiring, disabled }, { disabled: 'OtherProject' }));
    sims.apinizer.clearRequestLog();
    await applyConverged(tf, '1 added, 0 changed, 1 destroyed', {}, ['-replace=credform_apinizer_credential.basic']);
    // Terraform's replace is delete first, then create.
    expect(writesLogged(sims)).toEqual(['DELETE /apiops/projects/MyProject/credentials/api-user/', 'POST /apiops/projects/MyProject/credentials/']);
    expect(credentialsIn(sims).find((c) => c.username === 'api-user')).toEqual(storedRecord(changed));
  });

  test('destroy deletes every credential', async () => {
    sims.apinizer.clearRequestLog();
    const r = await tf.ok(['destroy', '-auto-approve']);
    expect(r.stdout).toContain('4 destroyed');
    expect(credentialsIn(sims)).toEqual([]);
    expect(credentialsIn(sims, 'OtherProject')).toEqual([]);
    expect(writesLogged(sims).filter((w) => w.startsWith('DELETE'))).toHaveLength(4);
  });
});

describe('import', () => {
  test('by <project>/<username>; the next apply sends the configured password (PATCH, or PUT with other changes)', async () => {
    const same: SeedBody = { ...basic, username: 'imported-same', password: canary('apinizer-outside-1') };
    const other: SeedBody = { ...basic, username: 'imported-other', password: canary('apinizer-outside-2') };
    for (const b of [same, other]) expect((await apinizerApi(sims, 'POST', '/apiops/projects/MyProject/credentials/', b)).status).toBe(200);
    const configured = canary('apinizer-imported');
    const tf = await credformTerraform('credform-apinizer-import-', { ...env, TF_VAR_pw: configured });
    tf.write('main.tf', PASSWORD_VARIABLE + credentialHcl('same', same) + credentialHcl('other', { ...other, description: 'now managed by Terraform' }));

    const bad = await tf.run(['import', 'credform_apinizer_credential.same', 'imported-same']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('Invalid import id');
    expect(bad.stderr).toContain('<project_name>/<username>');
    const missing = await tf.run(['import', 'credform_apinizer_credential.same', 'MyProject/nobody']);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('Cannot import non-existent remote object');

    await tf.ok(['import', 'credform_apinizer_credential.same', 'MyProject/imported-same']);
    await tf.ok(['import', 'credform_apinizer_credential.other', 'MyProject/imported-other']);
    const imported = (await tf.resources()).find((r) => r.address.endsWith('.same'))!;
    expect(imported.values).toMatchObject({ id: 'MyProject/imported-same', email: same.email, role_names: ['API_USER'], password_revision: null });

    // No fingerprint of the password exists yet, so the plan says it will be sent.
    sims.apinizer.clearRequestLog();
    const applied = await applyConverged(tf, '0 added, 2 changed, 0 destroyed');
    expect(applied.stdout.match(/\+ password_revision += \(known after apply\)/g)).toHaveLength(2);
    expect(writesLogged(sims).sort()).toEqual(['PATCH /apiops/projects/MyProject/credentials/imported-same/', 'PUT /apiops/projects/MyProject/credentials/']);
    const stored = credentialsIn(sims);
    expect(stored.find((c) => c.username === 'imported-same')!.password).toBe(configured);
    expect(stored.find((c) => c.username === 'imported-other')).toMatchObject({ password: configured, description: 'now managed by Terraform' });
  });
});

describe('the sensitive password attribute (Terraform < 1.11)', () => {
  test('creates, and a changed password is sent with PATCH', async () => {
    // Not canaries: Terraform keeps a sensitive (not write-only) attribute in state, as documented.
    const tf = await credformTerraform('credform-apinizer-sensitive-', { ...env, TF_VAR_legacy_pw: 'legacy-one' });
    const body: SeedBody = { ...basic, username: 'legacy-user' };
    tf.write(
      'main.tf',
      `variable "legacy_pw" {\n  type      = string\n  sensitive = true\n}\n` + credentialHcl('c', body, { password: 'null\n  password     = var.legacy_pw' }),
    );
    await applyConverged(tf, '1 added, 0 changed, 0 destroyed');
    sims.apinizer.clearRequestLog();
    const applied = await applyConverged(tf, '0 added, 1 changed, 0 destroyed', { TF_VAR_legacy_pw: 'legacy-two' });
    expect(applied.stdout).toMatch(/~ password += \(sensitive value\)/);
    expect(applied.stdout).not.toContain('legacy-two');
    expect(writesLogged(sims)).toEqual(['PATCH /apiops/projects/MyProject/credentials/legacy-user/']);
    expect(credentialsIn(sims).find((c) => c.username === 'legacy-user')!.password).toBe('legacy-two');
  });
});
