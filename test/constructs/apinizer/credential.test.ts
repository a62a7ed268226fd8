/** ApinizerCredential at synth: the documented examples as props, validation, secrets, getters. */
import { TerraformOutput, TerraformStack, Testing } from 'cdktf';
import 'cdktf/lib/testing/adapters/jest';
import { ApinizerCredential, CredformProvider, Secret, type ApinizerCredentialProps } from '../../../src/constructs';
import { synthErrorsAt } from '../../support/synth-errors';
import { SEED_BODIES, type SeedBody } from '../../vendors/apinizer/support';

Testing.setupJest();

const stack = () => new TerraformStack(Testing.app(), 'test');

/** A seed body as construct props: the password from the environment, never a literal. */
function propsOf(scope: TerraformStack, body: SeedBody): ApinizerCredentialProps {
  return {
    projectName: 'MyProject',
    username: body.username,
    email: body.email,
    fullName: body.fullName,
    description: body.description,
    roleNames: body.roleNameList,
    enabled: body.enabled,
    ipList: body.ipList,
    ...(body.expireDate === null ? {} : { expireDate: body.expireDate }),
    password: Secret.fromEnv(scope, 'APINIZER_CREDENTIAL_PASSWORD'),
  };
}

/** The attributes a seed body must synthesize to. */
const attributesOf = (body: SeedBody) => ({
  project_name: 'MyProject',
  username: body.username,
  email: body.email,
  full_name: body.fullName,
  description: body.description,
  role_names: body.roleNameList,
  enabled: body.enabled,
  ip_list: body.ipList,
  ...(body.expireDate === null ? {} : { expire_date: body.expireDate }),
  password_wo: '${ephemeral.credform_env_secret.env_apinizer_credential_password.value}',
});

describe('ApinizerCredential', () => {
  test.each(Object.entries(SEED_BODIES))('the %s example synthesizes the documented fields', (_name, body) => {
    const synthesized = Testing.synthScope((scope) => {
      new ApinizerCredential(scope as TerraformStack, 'c', propsOf(scope as TerraformStack, body));
    });
    expect(synthesized).toHaveResourceWithProperties(ApinizerCredential, attributesOf(body));
    const resource = JSON.parse(synthesized).resource.credform_apinizer_credential.c;
    expect(Object.keys(resource).sort()).toEqual(Object.keys(attributesOf(body)).sort());
    expect(synthesized).not.toContain(body.password);
  });

  test('useWriteOnly: false puts the password in the sensitive attribute; passwordVersion goes with password_wo', () => {
    const s = stack();
    new ApinizerCredential(s, 'legacy', { ...propsOf(s, SEED_BODIES.basic), password: Secret.fromVariable(s, 'pw', { ephemeral: false }), useWriteOnly: false });
    new ApinizerCredential(s, 'versioned', { ...propsOf(s, SEED_BODIES.disabled), passwordVersion: 3 });
    const json = JSON.parse(Testing.synth(s));
    expect(json.resource.credform_apinizer_credential.legacy).toMatchObject({ password: '${var.pw}' });
    expect(json.resource.credform_apinizer_credential.legacy).not.toHaveProperty('password_wo');
    expect(json.resource.credform_apinizer_credential.versioned).toMatchObject({ password_wo_version: 3 });
    expect(json.variable.pw).toMatchObject({ sensitive: true });
    expect(json.variable.pw).not.toHaveProperty('ephemeral');
  });

  test('bad props fail synth, naming the construct path and every field, echoing the value', () => {
    const s = stack();
    new ApinizerCredential(s, 'bad', {
      ...propsOf(s, SEED_BODIES.basic),
      email: 'not-an-email',
      fullName: ' ',
      username: '',
      ipList: ['192.168.1.100', '300.1.1.1', '10.0.0.0/40'],
      expireDate: '31/12/2024',
    });
    const errors = synthErrorsAt(s, 'test/bad');
    expect(errors).toEqual([
      expect.stringMatching(/^username: the username must not be empty.* \(got ""\)$/),
      expect.stringMatching(/^email: must be an email address.* \(got "not-an-email"\)$/),
      expect.stringMatching(/^fullName: the full name must not be empty.* \(got " "\)$/),
      expect.stringMatching(/^ipList\[1\]: must be an IPv4\/IPv6 address or a CIDR range.* \(got "300\.1\.1\.1"\)$/),
      expect.stringMatching(/^ipList\[2\]: must be an IPv4\/IPv6 address or a CIDR range.* \(got "10\.0\.0\.0\/40"\)$/),
      expect.stringMatching(/^expireDate: must be an ISO 8601 UTC date-time.* \(got "31\/12\/2024"\)$/),
    ]);
  });

  test('a password that cannot work without write-only fails synth; a blank literal password is not echoed', () => {
    const s = stack();
    new ApinizerCredential(s, 'a', { ...propsOf(s, SEED_BODIES.basic), useWriteOnly: false });
    new ApinizerCredential(s, 'b', { ...propsOf(s, SEED_BODIES.basic), password: Secret.fromVariable(s, 'v', { ephemeral: false }), useWriteOnly: false, passwordVersion: 1 });
    new ApinizerCredential(s, 'c', { ...propsOf(s, SEED_BODIES.basic), password: '   ', useWriteOnly: false });
    expect(synthErrorsAt(s, 'test/a')).toEqual([expect.stringMatching(/^password: environment variable APINIZER_CREDENTIAL_PASSWORD is ephemeral/)]);
    expect(synthErrorsAt(s, 'test/b')).toEqual([expect.stringMatching(/^passwordVersion: only applies with useWriteOnly.* \(got 1\)$/)]);
    expect(synthErrorsAt(s, 'test/c')).toEqual([expect.stringMatching(/^password: [^()]+$/)]);
  });

  test('a literal password is a synth-time warning on the construct; a token is not', () => {
    const s = stack();
    new ApinizerCredential(s, 'lit', { ...propsOf(s, SEED_BODIES.basic), password: 'SecurePassword123!' });
    new ApinizerCredential(s, 'tok', { ...propsOf(s, SEED_BODIES.disabled), password: '${var.other}' });
    const warnings = s.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type.includes('warn')).map((m) => ({ path: c.node.path, data: String(m.data) })));
    expect(warnings).toEqual([{ path: 'test/lit', data: 'password: a literal secret is written into cdk.tf.json. Use Secret.fromEnv(...) or Secret.fromVariable(...) instead.' }]);
  });

  test('computed attributes are exposed as references; the import id has the documented shape', () => {
    const s = stack();
    const provider = new CredformProvider(s, 'p', { installProvider: false });
    const c = new ApinizerCredential(s, 'c', { ...propsOf(s, SEED_BODIES.basic), provider });
    new TerraformOutput(s, 'id', { value: c.credentialId });
    new TerraformOutput(s, 'revision', { value: c.passwordRevision });
    new TerraformOutput(s, 'deployment', { value: c.deployment });
    new TerraformOutput(s, 'user', { value: c.username });
    const json = JSON.parse(Testing.synth(s));
    expect(json.output.id.value).toBe('${credform_apinizer_credential.c.id}');
    expect(json.output.revision.value).toBe('${credform_apinizer_credential.c.password_revision}');
    expect(json.output.deployment.value).toBe('${credform_apinizer_credential.c.deployment}');
    expect(json.output.user.value).toBe('${credform_apinizer_credential.c.username}');
    expect(json.resource.credform_apinizer_credential.c.provider).toBe('credform');
    expect(ApinizerCredential.importId('MyProject', 'api-user')).toBe('MyProject/api-user');
  });
});
