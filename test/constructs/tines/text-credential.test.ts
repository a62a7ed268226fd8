/** `TinesTextCredential` at synth: the JSON it writes, the checks it makes, the references it offers. */
import { App, TerraformOutput, TerraformStack, Testing } from 'cdktf';
import 'cdktf/lib/testing/adapters/jest';
import { CredformProvider, Secret, TinesTextCredential, type TinesTextCredentialProps } from '../../../src/constructs';
import { synthErrorsAt } from '../../support/synth-errors';

Testing.setupJest();

function stack(): TerraformStack {
  const s = new TerraformStack(Testing.app() as App, 'test');
  new CredformProvider(s, 'credform', { installProvider: false });
  return s;
}

function synthOne(props: (s: TerraformStack) => TinesTextCredentialProps): Record<string, any> {
  const s = stack();
  new TinesTextCredential(s, 'cred', props(s));
  return JSON.parse(Testing.synth(s));
}

/** The problems synth reports for the credential `id`, built in a stack of its own. */
function errorsOf(id: string, props: (s: TerraformStack) => TinesTextCredentialProps): string[] {
  const s = stack();
  new TinesTextCredential(s, id, props(s));
  return synthErrorsAt(s, `test/${id}`);
}

const warningsOf = (s: TerraformStack) =>
  s.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type.includes('warn')).map((m) => ({ path: c.node.path, data: String(m.data) })));

describe('TinesTextCredential', () => {
  test('the seed\'s sample request as a construct: write-only value from the environment, snake_case attributes', () => {
    const synthesized = Testing.synthScope((scope) => {
      new TinesTextCredential(scope, 'cred', { name: 'text credential', teamId: 2, value: Secret.fromEnv(scope, 'TINES_TEXT_VALUE') });
    });
    expect(synthesized).toHaveResourceWithProperties(
      { tfResourceType: 'credform_tines_text_credential' },
      { name: 'text credential', team_id: 2, value_wo: '${ephemeral.credform_env_secret.env_tines_text_value.value}' },
    );
    const json = synthOne((s) => ({ name: 'text credential', teamId: 2, value: Secret.fromEnv(s, 'TINES_TEXT_VALUE') }));
    expect(json.resource.credform_tines_text_credential.cred).toEqual({ name: 'text credential', team_id: 2, value_wo: '${ephemeral.credform_env_secret.env_tines_text_value.value}' });
    expect(json.ephemeral.credform_env_secret.env_tines_text_value).toEqual({ name: 'TINES_TEXT_VALUE' });
  });

  test('every prop, in snake_case; valueVersion is value_wo_version', () => {
    const json = synthOne((s) => ({
      name: 'n',
      teamId: 2,
      value: Secret.fromVariable(s, 'tines_value'),
      valueVersion: 3,
      folderId: 1,
      readAccess: 'SPECIFIC_TEAMS',
      sharedTeamSlugs: ['platform'],
      description: 'd',
      metadata: { owner: 'secops' },
      allowedHosts: ['*.example.com'],
    }));
    expect(json.resource.credform_tines_text_credential.cred).toEqual({
      name: 'n', team_id: 2, value_wo: '${var.tines_value}', value_wo_version: 3, folder_id: 1, read_access: 'SPECIFIC_TEAMS',
      shared_team_slugs: ['platform'], description: 'd', metadata: { owner: 'secops' }, allowed_hosts: ['*.example.com'],
    });
  });

  test('useWriteOnly: false puts the value in the sensitive `value` attribute (Terraform < 1.11)', () => {
    const json = synthOne(() => ({ name: 'n', teamId: 2, value: '${var.legacy}', useWriteOnly: false }));
    expect(json.resource.credform_tines_text_credential.cred).toEqual({ name: 'n', team_id: 2, value: '${var.legacy}' });
  });

  test('a literal value is a synth-time warning on the construct; a reference is not', () => {
    const s = stack();
    new TinesTextCredential(s, 'literal', { name: 'a', teamId: 2, value: 'hunter2' });
    new TinesTextCredential(s, 'ref', { name: 'b', teamId: 2, value: Secret.fromEnv(s, 'B') });
    expect(warningsOf(s)).toEqual([{ path: 'test/literal', data: expect.stringContaining('value: a literal secret is written into cdk.tf.json') }]);
  });

  test('bad props fail synth, all at once, naming the construct path and the camelCase prop, echoing the value (never the secret)', () => {
    const errors = errorsOf('bad', () => ({
      name: ' ',
      teamId: 0,
      value: '',
      readAccess: 'SPECIFIC_TEAMS',
      allowedHosts: ['ok.example.com', 'https://x.example.com'],
      metadata: { n: 1 as unknown as string },
    }));
    expect(errors).toHaveLength(6);
    expect(errors).toEqual(
      expect.arrayContaining([
        'name: must not be empty (got " ")',
        'teamId: team_id must be positive (got 0)',
        'value: must not be empty',
        expect.stringMatching(/^sharedTeamSlugs: is required when `read_access` is `SPECIFIC_TEAMS`[^()]*$/),
        expect.stringMatching(/^allowedHosts\[1\]: .*has a scheme.* \(got "https:\/\/x\.example\.com"\)$/),
        expect.stringMatching(/^metadata\.n: .* \(got 1\)$/),
      ]),
    );
  });

  test('cross-field rules: slugs without SPECIFIC_TEAMS, version without write-only, test credential settings', () => {
    expect(errorsOf('a', (s) => ({ name: 'a', teamId: 2, value: Secret.fromEnv(s, 'A'), sharedTeamSlugs: ['platform'] }))).toEqual([
      expect.stringMatching(/^sharedTeamSlugs: can only be set when `read_access` is `SPECIFIC_TEAMS`.* \(got \["platform"\]\)$/),
    ]);
    expect(errorsOf('b', () => ({ name: 'b', teamId: 2, value: '${var.x}', useWriteOnly: false, valueVersion: 2 }))).toEqual([
      'valueVersion: only applies to the write-only value (useWriteOnly: true) (got 2)',
    ]);
    expect(errorsOf('c', () => ({ name: 'c', teamId: 2, value: '${var.x}', liveCredentialId: 4, description: 'x', folderId: 1 }))).toEqual([
      'folderId: cannot be set with liveCredentialId: a test credential takes it from its live credential (got 1)',
      'description: cannot be set with liveCredentialId: a test credential takes it from its live credential (got "x")',
    ]);
  });

  test('tokens are not judged at synth', () => {
    const s = stack();
    const live = new TinesTextCredential(s, 'live', { name: 'live', teamId: 2, value: Secret.fromEnv(s, 'LIVE') });
    new TinesTextCredential(s, 'test', { name: 'live', teamId: live.teamId, value: Secret.fromEnv(s, 'TEST'), liveCredentialId: live.credentialId });
    const json = JSON.parse(Testing.synth(s));
    expect(json.resource.credform_tines_text_credential.test).toMatchObject({
      team_id: '${credform_tines_text_credential.live.team_id}',
      live_credential_id: '${credform_tines_text_credential.live.id}',
    });
  });

  test('getters are references to the provider\'s computed attributes', () => {
    const s = stack();
    const c = new TinesTextCredential(s, 'cred', { name: 'n', teamId: 2, value: Secret.fromEnv(s, 'V') });
    new TerraformOutput(s, 'out', { value: { id: c.id, slug: c.slug, createdAt: c.createdAt, updatedAt: c.updatedAt, revision: c.valueRevision, name: c.name } });
    const json = JSON.parse(Testing.synth(s));
    expect(json.output.out.value).toEqual({
      id: '${credform_tines_text_credential.cred.id}',
      slug: '${credform_tines_text_credential.cred.slug}',
      createdAt: '${credform_tines_text_credential.cred.created_at}',
      updatedAt: '${credform_tines_text_credential.cred.updated_at}',
      revision: '${credform_tines_text_credential.cred.value_revision}',
      name: '${credform_tines_text_credential.cred.name}',
    });
    expect(TinesTextCredential.TYPE).toBe('credform_tines_text_credential');
  });
});
