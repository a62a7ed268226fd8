/**
 * Tines' hooks on the shared create-or-recover mechanism, against the Tines simulator: a lost create
 * answer is recovered by name in the team (or, for a test credential, through its live credential);
 * a credential left behind under the name is adopted when Tines refuses the name as taken; what does
 * not match is reported, never adopted; when nothing was made, the create did not happen.
 */
import { startTinesSimulator, type TinesSimulator } from '../../../src/simulators';
import { Diagnostics } from '../../../src/tfplugin/diagnostics';
import { createOrRecover } from '../../../src/vendors/create-or-recover';
import { HttpClient } from '../../../src/vendors/http';
import { TinesClient, type NewCredentialFields } from '../../../src/vendors/tines/client';
import type { Tines } from '../../../src/vendors/tines/client-factory';
import { createRecovery } from '../../../src/vendors/tines/create-recovery';
import { TinesDirectory } from '../../../src/vendors/tines/directory';
import { tinesVendor } from '../../../src/vendors/tines/vendor';

describe('Tines create recovery (create-recovery.ts on ../create-or-recover.ts)', () => {
  let sim: TinesSimulator;
  let http: HttpClient;
  let tines: Tines;
  const signal = new AbortController().signal;

  beforeAll(async () => {
    sim = await startTinesSimulator({ rateLimits: [] });
    http = new HttpClient({ vendor: tinesVendor, baseUrl: sim.url, auth: () => ({ Authorization: `Bearer ${sim.token}` }), retry: { maxAttempts: 1 } });
    const api = new TinesClient(http);
    tines = { api, directory: new TinesDirectory(api) };
  });
  afterEach(() => sim.setFaults(undefined));
  afterAll(async () => {
    await http.close();
    await sim.stop();
  });

  const run = async (fields: NewCredentialFields) => {
    const diagnostics = new Diagnostics();
    const created = await createOrRecover(createRecovery({ tines, fields, valueAttribute: 'value_wo', diagnostics, signal }), undefined, diagnostics);
    return { created, items: diagnostics.items };
  };
  const named = (name: string) => sim.snapshot().credentials.filter((c) => c.name === name);
  const dropCreates = () => sim.setFaults({ commitThenDropShare: 1, writesOnly: true, pathPattern: '^/api/v1/user_credentials$' });

  test('the answer: created, nothing said', async () => {
    const { created, items } = await run({ name: 'plain', value: 'v1', team_id: 2 });
    expect(created).toMatchObject({ via: 'answer', value: { name: 'plain' } });
    expect(items).toEqual([]);
  });

  test('answer lost after the commit: the credential it made is found by name and adopted, once', async () => {
    dropCreates();
    const { created, items } = await run({ name: 'lost', value: 'v2', team_id: 2, description: 'd' });
    const made = named('lost');
    expect(made).toHaveLength(1);
    expect(created).toMatchObject({ via: 'lost-answer', value: { id: made[0]!.id } });
    expect(items).toEqual([
      {
        severity: 'warning',
        summary: 'Tines create answer lost; credential adopted',
        detail: expect.stringContaining(`Looking it up found the credential "lost" in team 2 it made (ID ${made[0]!.id}) with exactly what was sent`),
      },
    ]);
  });

  test('answer lost for a test credential: found through its live credential, by the test value\'s stamp', async () => {
    const live = await tines.api.createCredential({ name: 'live one', value: 'live', team_id: 2 }, signal);
    dropCreates();
    const { created, items } = await run({ name: 'live one', value: 'test', team_id: 2, live_credential_id: live.id });
    expect(created).toMatchObject({ via: 'lost-answer', value: { id: live.id } });
    expect(items.map((d) => d.summary)).toEqual(['Tines create answer lost; credential adopted']);
    expect(sim.snapshot().credentials.find((c) => c.id === live.id)!.test_credential).toMatchObject({ value: 'test' });
  });

  test('connection lost before anything was made: the create did not happen, for a credential and for a test credential', async () => {
    const live = await tines.api.createCredential({ name: 'live two', value: 'live', team_id: 2 }, signal);
    sim.setFaults({ resetShare: 1, writesOnly: true, pathPattern: '^/api/v1/user_credentials$' });
    for (const fields of [{ name: 'never made', value: 'v', team_id: 2 }, { name: 'live two', value: 'test', team_id: 2, live_credential_id: live.id }]) {
      const { created, items } = await run(fields);
      expect(created).toBeUndefined();
      expect(items).toEqual([
        {
          severity: 'error',
          summary: 'Tines create did not happen',
          detail: expect.stringMatching(/^Tines's answer to the create of the credential "(never made|live two)" in team 2 was lost \(.+\), and looking it up afterwards found no credential "\1" in team 2: nothing was created and nothing was stored\. Run terraform apply again\.$/),
        },
      ]);
    }
    expect(named('never made')).toEqual([]);
    expect(sim.snapshot().credentials.find((c) => c.id === live.id)!.test_credential).toBeNull();
  });

  test('name taken by a recent credential with exactly the configured settings: adopted, the value sent to it', async () => {
    const left = await tines.api.createCredential({ name: 'left behind', value: 'old', team_id: 2, description: 'same' }, signal);
    const { created, items } = await run({ name: 'left behind', value: 'new', team_id: 2, description: 'same' });
    expect(created).toMatchObject({ via: 'left-behind', value: { id: left.id } });
    expect(named('left behind')).toEqual([expect.objectContaining({ id: left.id, value: 'new' })]);
    expect(items).toEqual([
      {
        severity: 'warning',
        summary: 'Tines credential adopted',
        detail: `Tines already holds the credential "left behind" in team 2 (ID ${left.id}, created ${left.created_at}) with exactly the configured settings, most likely made by an apply that was interrupted before it could record it. It was adopted instead of failing on the taken key, and the configured value was sent to it.`,
      },
    ]);
  });

  test('name taken by a credential with other settings: refused on the name, saying which credential holds it', async () => {
    const other = await tines.api.createCredential({ name: 'taken', value: 'theirs', team_id: 2, description: 'theirs' }, signal);
    const { created, items } = await run({ name: 'taken', value: 'mine', team_id: 2 });
    expect(created).toBeUndefined();
    expect(named('taken')).toEqual([expect.objectContaining({ id: other.id, value: 'theirs' })]);
    expect(items).toEqual([
      { severity: 'error', summary: 'Credential name already taken', path: ['name'], detail: expect.stringContaining(`The credential holding it has ID ${other.id}.`) },
    ]);
  });

  test('a test credential is never adopted as left behind', async () => {
    const recovery = createRecovery({ tines, fields: { name: 'x', value: 'v', team_id: 2, live_credential_id: 1 }, valueAttribute: 'value_wo', diagnostics: new Diagnostics(), signal });
    expect(recovery.leftBehind).toBeUndefined();
    expect(recovery.keyAttribute).toBe('live_credential_id');
  });
});
