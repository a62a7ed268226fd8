/** `DxCredential` at synth: the JSON it writes, what it refuses (naming the prop), and its getters. */
import { TerraformStack, TerraformOutput, Testing } from 'cdktf';
import 'cdktf/lib/testing/adapters/jest';
import { CredformProvider, Secret } from '../../../src/constructs';
import { DxCredential } from '../../../src/constructs/dx';
import { synthErrorsAt } from '../../support/synth-errors';

Testing.setupJest();

const stack = () => new TerraformStack(Testing.app(), 'test');
const synth = (s: TerraformStack) => JSON.parse(Testing.synth(s));

describe('DxCredential', () => {
  test('jiraCloud writes the seed example with the secret as a write-only reference', () => {
    const s = stack();
    DxCredential.jiraCloud(s, 'jira', {
      connectionId: 123,
      label: 'Automation user — myfakecompany',
      jiraUser: 'dx-automation@myfakecompany.atlassian.net',
      apiToken: Secret.fromEnv(s, 'JIRA_API_TOKEN'),
    });
    const json = synth(s);
    expect(json.resource.credform_dx_credential.jira).toEqual({
      connection_id: 123,
      label: 'Automation user — myfakecompany',
      settings_json: '{"jira_user":"dx-automation@myfakecompany.atlassian.net"}',
      secrets_wo: { api_token: '${ephemeral.credform_env_secret.env_jira_api_token.value}' },
    });
    expect(json.ephemeral.credform_env_secret.env_jira_api_token).toEqual({ name: 'JIRA_API_TOKEN' });
  });

  test('any connector: settings as canonical JSON, escaped for Terraform; tokens go through jsonencode', () => {
    const s = stack();
    const first = new DxCredential(s, 'linear', { connectionId: 125, settings: { z: 1, a: { b: ['x'] }, tpl: 'a${b}%{c}' }, secrets: { token: Secret.fromVariable(s, 'linear_token') }, secretsVersion: 2, expirationDate: '2027-01-31' });
    new DxCredential(s, 'ref', { connectionId: 125, settings: { other: first.credentialId }, secrets: { token: Secret.fromAttribute(first.label) } });
    const json = synth(s);
    expect(json.resource.credform_dx_credential.linear).toEqual({
      connection_id: 125,
      settings_json: '{"a":{"b":["x"]},"tpl":"a$${b}%%{c}","z":1}',
      secrets_wo: { token: '${var.linear_token}' },
      secrets_wo_version: 2,
      expiration_date: '2027-01-31',
    });
    expect(json.resource.credform_dx_credential.ref.settings_json).toBe('${jsonencode({"other" = credform_dx_credential.linear.credential_id})}');
    expect(json.resource.credform_dx_credential.ref.secrets_wo).toEqual({ token: '${credform_dx_credential.linear.label}' });
  });

  test('useWriteOnly: false uses the sensitive `secrets` attribute and refuses ephemeral Secret.fromEnv', () => {
    const s = stack();
    new DxCredential(s, 'old', { connectionId: 125, secrets: { token: Secret.fromVariable(s, 'tok', { ephemeral: false }) }, useWriteOnly: false });
    const json = synth(s);
    expect(json.resource.credform_dx_credential.old).toEqual({ connection_id: 125, secrets: { token: '${var.tok}' } });
    expect(json.variable.tok.ephemeral).toBeUndefined();

    DxCredential.jiraCloud(s, 'env', { connectionId: 123, jiraUser: 'u', apiToken: Secret.fromEnv(s, 'X'), useWriteOnly: false, secretsVersion: 1 });
    expect(synthErrorsAt(s, 'test/env')).toEqual([
      expect.stringMatching(/^secrets\.api_token: environment variable X is ephemeral, and only the write-only attribute takes an ephemeral value/),
      'secretsVersion: only applies with useWriteOnly; Terraform diffs the sensitive `secrets` attribute itself (got 1)',
    ]);
  });

  test('bad props fail synth, naming the construct path and the prop, echoing the value (never a secret)', () => {
    const s = stack();
    expect(() => new DxCredential(s, 'bad', { connectionId: 0, label: '', secrets: {}, expirationDate: '2026-13-01' })).not.toThrow();
    new DxCredential(s, 'arr', { connectionId: 1, settings: ['a'] as never, secrets: { t: Secret.fromVariable(s, 'v') } });
    expect(synthErrorsAt(s, 'test/bad')).toEqual([
      'connectionId: must be a positive connection id (got 0)',
      'label: must not be empty (got "")',
      'secrets: must hold at least one secret, e.g. { api_token = ... }', // a secret prop: its value is never echoed
      'expirationDate: is not a calendar date (got "2026-13-01")',
    ]);
    expect(synthErrorsAt(s, 'test/arr')).toEqual(['settings: must be an object of settings, e.g. { jira_user: "..." } (got ["a"])']);
  });

  test('a literal secret is a synth warning on the construct', () => {
    const s = stack();
    const c = new DxCredential(s, 'lit', { connectionId: 125, secrets: { token: 'hunter2' } });
    const warnings = c.node.metadata.filter((m) => m.type.includes('warn')).map((m) => String(m.data));
    expect(warnings).toEqual(['secrets.token: a literal secret is written into cdk.tf.json. Use Secret.fromEnv(...) or Secret.fromVariable(...) instead.']);
  });

  test('getters are references to the computed attributes; meta arguments pass through', () => {
    const s = stack();
    const alias = new CredformProvider(s, 'eu', { alias: 'eu', installProvider: false });
    const before = new DxCredential(s, 'before', { connectionId: 125, secrets: { t: Secret.fromVariable(s, 'a') } });
    const c = new DxCredential(s, 'c', { connectionId: 125, secrets: { t: Secret.fromVariable(s, 'b') }, provider: alias, dependsOn: [before], lifecycle: { preventDestroy: true } });
    for (const [name, value] of Object.entries({ credentialId: c.credentialId, id: c.id, type: c.type, createdAt: c.createdAt, label: c.label, secretsRevision: c.secretsRevision })) {
      new TerraformOutput(s, name, { value });
    }
    const json = synth(s);
    expect(json.output).toMatchObject({
      credentialId: { value: '${credform_dx_credential.c.credential_id}' },
      id: { value: '${credform_dx_credential.c.id}' },
      type: { value: '${credform_dx_credential.c.type}' },
      createdAt: { value: '${credform_dx_credential.c.created_at}' },
      label: { value: '${credform_dx_credential.c.label}' },
      secretsRevision: { value: '${credform_dx_credential.c.secrets_revision}' },
    });
    expect(json.resource.credform_dx_credential.c).toMatchObject({ provider: 'credform.eu', depends_on: ['credform_dx_credential.before'], lifecycle: { prevent_destroy: true } });
  });
});
