/**
 * Props validation as synth reports it: one synth names the problems of every construct of the
 * stack, each with the value given, and never a secret, wherever the secret was put. (The real
 * `cdktf synth` and the cdktn flavor: synth-validation.e2e.test.ts.)
 */
import { TerraformStack, Testing } from 'cdktf';
import { ApinizerCredential, CredformProvider, DxCredential, OxConnectorCredentials, OxCredentials, Secret, TinesTextCredential } from '../../src/constructs';
import { formatIssue } from '../../src/constructs/validate-props';
import { canary, recordOutput } from '../support/canary';
import { synthErrors } from '../support/synth-errors';

describe('formatIssue', () => {
  test('echoes the value as JSON, on one line, cut at 60 characters; nothing for no value', () => {
    expect(formatIssue({ field: 'ipList[1]', message: 'must be an IP', value: '300.1.1.1' })).toBe('ipList[1]: must be an IP (got "300.1.1.1")');
    expect(formatIssue({ field: 'settings', message: 'must be an object', value: ['a', { b: 1 }] })).toBe('settings: must be an object (got ["a",{"b":1}])');
    expect(formatIssue({ field: 'label', message: 'is too long', value: 'x'.repeat(100) })).toBe(`label: is too long (got "${'x'.repeat(58)}…)`);
    expect(formatIssue({ field: 'secrets', message: 'is required' })).toBe('secrets: is required');
  });

  test('masks a URL\'s user information, in the value and in the message', () => {
    const secret = canary('url-password');
    const line = formatIssue({ field: 'proxyUrl', message: `"https://me:${secret}@proxy" is refused`, value: `https://me:${secret}@proxy` });
    recordOutput('formatIssue', line);
    expect(line).toBe('proxyUrl: "https://***@proxy" is refused (got "https://***@proxy")');
  });
});

test('one synth reports the mistakes of every construct, echoing each value given, never a secret', () => {
  const secrets = ['base-url', 'jira-token', 'password', 'ssh-key', 'misnamed', 'tines-value'].map((label) => canary(`props-${label}`));
  const [baseUrlPassword, jiraToken, password, sshKey, misnamed, tinesValue] = secrets;
  const s = new TerraformStack(Testing.app(), 'credentials');
  new CredformProvider(s, 'credform', { dx: { baseUrl: `http://ci:${baseUrlPassword}@dx.example.com` }, installProvider: false });
  DxCredential.jiraCloud(s, 'jira', { connectionId: 0, jiraUser: 'dx@example.atlassian.net', apiToken: Secret.unsafeLiteral(jiraToken!) });
  new ApinizerCredential(s, 'api_user', { projectName: 'MyProject', username: 'api-user', email: 'not-an-email', fullName: 'API User', password: password!, useWriteOnly: false, passwordVersion: 2 });
  // Secrets put in the wrong places: a field OX does not have among the inputs, a misspelt secret field.
  new OxConnectorCredentials(s, 'gitlab', {
    connectorId: '',
    credentialsName: 'ci',
    credentials: OxCredentials.of('UserPassword', { input: { name: 'bot', optionalFields: { sshKey: sshKey } as never }, secrets: { passwd: misnamed } as never }),
  });
  new TinesTextCredential(s, 'webhook', { name: 'webhook', teamId: -2, allowedHosts: ['https://hooks.example.com'], value: tinesValue!, useWriteOnly: false });

  let message = '';
  try {
    Testing.synth(s, true);
  } catch (e) {
    message = (e as Error).message;
  }
  recordOutput('synth error', message);
  expect(synthErrors(s)).toEqual([
    '[credentials/credform] dx.baseUrl: must not hold a user name or password: credentials go in the token attributes or their environment variables (got "http://***@dx.example.com")',
    '[credentials/jira] connectionId: must be a positive connection id (got 0)',
    '[credentials/api_user] email: must be an email address such as user@example.com (got "not-an-email")',
    '[credentials/api_user] passwordVersion: only applies with useWriteOnly (the write-only password); remove it or set useWriteOnly: true (got 2)',
    '[credentials/gitlab] connectorId: must not be empty (got "")',
    '[credentials/gitlab] credentials.secrets.passwd: is not a known OX secret field (known: password, token, secretKey, clientSecret, apiKey, awsAccessSecret, apiAccessKey, apiSecretKey, gitPassword, brokerPassword, idpAccessToken, idpRefreshToken, installationToken, sshKey, atlassianApiKey)',
    '[credentials/gitlab] credentials.input.optionalFields.sshKey: is not a field of OX\'s credentialsInput',
    '[credentials/webhook] teamId: team_id must be positive (got -2)',
    '[credentials/webhook] allowedHosts[0]: "https://hooks.example.com" has a scheme: write the domain only, e.g. "hooks.example.com" (got "https://hooks.example.com")',
  ]);
  for (const secret of secrets) expect(message).not.toContain(secret);
});
