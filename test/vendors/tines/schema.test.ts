/** The Tines schema's rules (as `terraform validate` runs them) and the two mappers of the CRUD pipeline. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Diagnostics } from '../../../src/tfplugin/diagnostics';
import { readModel } from '../../../src/tfplugin/schema/model';
import { validateBlockValue } from '../../../src/tfplugin/schema/validate';
import { Unknown, type TfValue } from '../../../src/tfplugin/values/types';
import type { TinesCredential } from '../../../src/vendors/tines/client';
import { changedFields, createFields, matchesSent, stateOf } from '../../../src/vendors/tines/mapping';
import { hostPatternProblem, readAccessIssues, textCredentialAttributes, textCredentialBlock, textCredentialValidators } from '../../../src/vendors/tines/schema';

/** A configuration as Terraform sends it: every attribute present, unset ones null. */
function config(set: Record<string, TfValue>): Record<string, TfValue> {
  const out: Record<string, TfValue> = {};
  for (const name of Object.keys(textCredentialBlock.attributes)) out[name] = null;
  return { ...out, name: 'n', team_id: 2, value_wo: 'v', ...set };
}

function validate(set: Record<string, TfValue>): Array<{ path: string; detail: string }> {
  const diags = new Diagnostics();
  const c = config(set);
  validateBlockValue(textCredentialBlock, c, [], diags);
  for (const v of textCredentialValidators) v.validate(c, diags);
  return diags.items.map((d) => ({ path: (d.path ?? []).join('.'), detail: d.detail ?? '' }));
}

describe('allowed host patterns', () => {
  test.each(['api.example.com', '*.example.com', 'api-*.example.com', 'example.*', 'localhost', '10.0.0.1', 'API.Example.COM', '*'])('%s is accepted', (p) => {
    expect(hostPatternProblem(p)).toBeUndefined();
  });
  test.each([
    ['', 'must not be empty'],
    ['https://api.example.com', 'has a scheme: write the domain only, e.g. "api.example.com"'],
    ['api.example.com/v1', 'has a path or query'],
    ['api.example.com:8443', 'has a port'],
    ['api..example.com', 'empty label'],
    ['.example.com', 'empty label'],
    ['-api.example.com', 'label "-api"'],
    ['api_x.example.com', 'label "api_x"'],
    ['api example.com', 'whitespace'],
    [`${'a'.repeat(64)}.com`, 'label'],
    [`${'a.'.repeat(130)}com`, 'longer than 253'],
  ])('%j is refused: %s', (p, message) => {
    expect(hostPatternProblem(p)).toContain(message);
  });
});

describe('SPECIFIC_TEAMS rule', () => {
  test.each([
    [null, null, []],
    ['TEAM', null, []],
    ['GLOBAL', null, []],
    ['SPECIFIC_TEAMS', ['platform'], []],
    ['SPECIFIC_TEAMS', null, ['is required when']],
    [null, ['platform'], ['can only be set when']],
    ['GLOBAL', [], ['can only be set when']],
    [undefined, ['platform'], []], // not known yet: not judged
    ['SPECIFIC_TEAMS', undefined, []],
  ])('read_access %j with slugs %j', (access, slugs, messages) => {
    const issues = readAccessIssues(access, slugs);
    expect(issues.map((i) => i.attribute)).toEqual(messages.map(() => 'shared_team_slugs'));
    messages.forEach((m, i) => expect(issues[i]!.message).toContain(m));
  });
});

describe('validation as terraform validate runs it', () => {
  test('a good configuration passes', () => {
    expect(validate({ read_access: 'SPECIFIC_TEAMS', shared_team_slugs: ['platform'], allowed_hosts: ['*.example.com'], metadata: { a: 'b' } })).toEqual([]);
  });

  test.each([
    [{ name: '' }, 'name', 'must not be empty'],
    [{ name: '  ' }, 'name', 'must not be empty'],
    [{ value_wo: '' }, 'value_wo', 'must not be empty'],
    [{ value_wo: null, value: '' }, 'value', 'must not be empty'],
    [{ value_wo: null }, 'value_wo', 'Exactly one of `value_wo`, `value` must be set'],
    [{ value: 'x' }, 'value', 'Only one of `value_wo`, `value` may be set'],
    [{ value_wo: null, value: 'x', value_wo_version: 2 }, 'value_wo_version', 'only meaningful when `value_wo` is set'],
    [{ team_id: 0 }, 'team_id', 'team_id must be positive'],
    [{ team_id: 1.5 }, 'team_id', 'whole number'],
    [{ read_access: 'PUBLIC' }, 'read_access', 'must be one of TEAM, GLOBAL, SPECIFIC_TEAMS'],
    [{ read_access: 'SPECIFIC_TEAMS' }, 'shared_team_slugs', 'is required when'],
    [{ read_access: 'SPECIFIC_TEAMS', shared_team_slugs: [] }, 'shared_team_slugs', 'at least one team'],
    [{ allowed_hosts: ['ok.example.com', 'http://bad.example.com'] }, 'allowed_hosts.1', 'has a scheme'],
    [{ live_credential_id: 3, description: 'x' }, 'live_credential_id', 'cannot be set together with `description`'],
  ])('%j → %s', (set, path, message) => {
    const problems = validate(set);
    expect(problems).toContainEqual({ path, detail: expect.stringContaining(message) });
  });

  test('unknown values are not judged', () => {
    expect(validate({ read_access: new Unknown(), value_wo: new Unknown(), name: new Unknown() })).toEqual([]);
    expect(validate({ read_access: 'SPECIFIC_TEAMS', shared_team_slugs: new Unknown() })).toEqual([]);
  });
});

describe('mappers', () => {
  /** A plan as the resource reads it: Terraform's values into the typed model. */
  const plan = (set: Record<string, TfValue> = {}) =>
    readModel(textCredentialAttributes, { ...config({}), name: 'text credential', read_access: 'TEAM', description: '', metadata: {}, allowed_hosts: [], value_wo: null, ...set });

  test('the simplest credential is exactly the seed\'s sample request', () => {
    const sample = JSON.parse(readFileSync(join(__dirname, '../../simulators/fixtures/tines-create-body.json'), 'utf8'));
    expect({ ...createFields(plan(), 'bar'), mode: 'TEXT' }).toEqual(sample);
  });

  test('optional fields are sent only when they differ from the documented defaults', () => {
    const fields = createFields(plan({ folder_id: 1, read_access: 'SPECIFIC_TEAMS', shared_team_slugs: ['platform'], description: 'd', metadata: { a: 'b' }, allowed_hosts: ['x.example.com'] }), 'v');
    expect(fields).toEqual({ name: 'text credential', value: 'v', team_id: 2, folder_id: 1, read_access: 'SPECIFIC_TEAMS', shared_team_slugs: ['platform'], description: 'd', metadata: { a: 'b' }, allowed_hosts: ['x.example.com'] });
    expect(createFields(plan({ live_credential_id: 9 }), 'v')).toEqual({ name: 'text credential', value: 'v', team_id: 2, live_credential_id: 9 });
  });

  test('an update sends only what changed; no slugs is [] and no folder is null', () => {
    const prior = plan({ folder_id: 1, read_access: 'SPECIFIC_TEAMS', shared_team_slugs: ['platform'] });
    expect(changedFields(prior, prior)).toEqual({});
    expect(changedFields(plan({ folder_id: 1, read_access: 'SPECIFIC_TEAMS', shared_team_slugs: ['platform'], description: 'new' }), prior)).toEqual({ description: 'new' });
    expect(changedFields(plan(), prior)).toEqual({ folder_id: null, read_access: 'TEAM', shared_team_slugs: [] });
    expect(changedFields(plan({ team_id: 1, folder_id: 1, read_access: 'SPECIFIC_TEAMS', shared_team_slugs: ['platform'] }), prior)).toEqual({}); // team_id replaces instead
  });

  const credential: TinesCredential = {
    id: 7, name: 'n', mode: 'TEXT', team_id: 2, folder_id: null, read_access: 'TEAM', shared_team_slugs: [], slug: 'n',
    created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-02T00:00:00.000Z', description: '', allowed_hosts: [],
    metadata: { owner: 'x', count: 3 }, test_credential_enabled: false, test_credential: null,
  };

  test('state from a credential: what Tines never returns comes from the base; metadata values become strings', () => {
    const state = stateOf(credential, readModel(textCredentialAttributes, { value: 'kept', value_wo_version: 2, value_revision: 3, live_credential_id: null }));
    expect(state).toMatchObject({ id: '7', shared_team_slugs: null, metadata: { owner: 'x', count: '3' }, value: 'kept', value_wo_version: 2, value_revision: 3 });
    expect(stateOf({ ...credential, read_access: 'SPECIFIC_TEAMS', shared_team_slugs: ['a'] }, readModel(textCredentialAttributes, {})).shared_team_slugs).toEqual(['a']);
  });

  test('a lost create is matched on everything that was sent', () => {
    const sent = { name: 'n', team_id: 2, value: 'v', metadata: { owner: 'x', count: '3' } };
    expect(matchesSent(credential, sent)).toBe(true);
    expect(matchesSent({ ...credential, description: 'someone else' }, sent)).toBe(false);
    expect(matchesSent({ ...credential, allowed_hosts: ['a.example.com'] }, sent)).toBe(false);
    expect(matchesSent(credential, { ...sent, name: 'other' })).toBe(false);
  });
});
