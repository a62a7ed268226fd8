/**
 * An ephemeral secret (Secret.fromEnv, Secret.fromVariable by default) can only feed a write-only
 * attribute. Every credform construct refuses one for its sensitive fallback at synth, naming the
 * prop — where Terraform itself would refuse it only at `terraform validate` (ephemeral-secrets.e2e.test.ts).
 */
import { App, TerraformStack, Testing } from 'cdktf';
import type { Construct } from 'constructs';
import { ApinizerCredential, CredformProvider, DxCredential, OxConnectorCredentials, OxCredentials, Secret, TinesTextCredential, type SecretInput } from '../../src/constructs';
import { synthErrors, synthErrorsAt } from '../support/synth-errors';

interface Case {
  /** The prop named in the error. */
  readonly field: string;
  /** The attribute the secret lands in without write-only. */
  readonly sensitive: (json: Record<string, any>) => unknown;
  readonly build: (scope: Construct, secret: SecretInput, writeOnly: boolean) => void;
}

const CASES: Record<string, Case> = {
  DxCredential: {
    field: 'secrets.api_token',
    sensitive: (json) => json.resource.credform_dx_credential.c.secrets.api_token,
    build: (scope, secret, writeOnly) => DxCredential.jiraCloud(scope, 'c', { connectionId: 123, jiraUser: 'u@example.com', apiToken: secret, useWriteOnly: writeOnly }),
  },
  ApinizerCredential: {
    field: 'password',
    sensitive: (json) => json.resource.credform_apinizer_credential.c.password,
    build: (scope, secret, writeOnly) =>
      new ApinizerCredential(scope, 'c', { projectName: 'MyProject', username: 'u', email: 'u@example.com', fullName: 'U', roleNames: ['API_USER'], password: secret, useWriteOnly: writeOnly }),
  },
  OxConnectorCredentials: {
    field: 'credentials.secrets.password',
    sensitive: (json) => json.resource.credform_ox_connector_credentials.c.credentials_secrets.password,
    build: (scope, secret, writeOnly) =>
      new OxConnectorCredentials(scope, 'c', { connectorId: '2', credentialsName: 'c', credentials: OxCredentials.userPassword({ name: 'bot', password: secret }), writeOnlySecrets: writeOnly }),
  },
  TinesTextCredential: {
    field: 'value',
    sensitive: (json) => json.resource.credform_tines_text_credential.c.value,
    build: (scope, secret, writeOnly) => new TinesTextCredential(scope, 'c', { name: 'c', teamId: 2, value: secret, useWriteOnly: writeOnly }),
  },
};

function stack(): TerraformStack {
  const s = new TerraformStack(Testing.app() as App, 'test');
  new CredformProvider(s, 'credform', { installProvider: false });
  return s;
}

describe.each(Object.entries(CASES))('%s without write-only', (_name, c) => {
  test.each([
    ['Secret.fromEnv', (s: Construct) => Secret.fromEnv(s, 'SOME_SECRET'), 'environment variable SOME_SECRET'],
    ['Secret.fromVariable (ephemeral by default)', (s: Construct) => Secret.fromVariable(s, 'some_secret'), 'variable some_secret'],
  ])('refuses %s at synth, naming the prop', (_label, secret, description) => {
    const s = stack();
    c.build(s, secret(s), false);
    expect(synthErrorsAt(s, 'test/c')).toContainEqual(expect.stringMatching(new RegExp(`^${c.field.replace(/\./g, '\\.')}: ${description} is ephemeral, and only the write-only attribute takes an ephemeral value`)));
  });

  test('takes a non-ephemeral variable, into the sensitive attribute', () => {
    const s = stack();
    c.build(s, Secret.fromVariable(s, 'some_secret', { ephemeral: false }), false);
    const json = JSON.parse(Testing.synth(s));
    expect(c.sensitive(json)).toBe('${var.some_secret}');
    expect(json.variable.some_secret).toMatchObject({ sensitive: true });
    expect(json.variable.some_secret).not.toHaveProperty('ephemeral');
  });

  test('takes an ephemeral variable when write-only (the default)', () => {
    const s = stack();
    c.build(s, Secret.fromVariable(s, 'some_secret'), true);
    expect(synthErrors(s)).toEqual([]);
  });
});
