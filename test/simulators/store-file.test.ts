/** `--state-file` (src/simulators/store-file.ts): the simulators' stores persisted across restarts. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startDxSimulator, startSimulators, startTinesSimulator, type Simulators } from '../../src/simulators';
import { closeClient, send } from './support/http';
import { useTempDir } from './support/temp-dir';

const tempDir = useTempDir();
afterAll(closeClient);

async function writeOnePerVendor(s: Simulators): Promise<void> {
  const dx = await send(`${s.dx.url}/api/connections/123/credentials.create`, {
    headers: { Authorization: `Bearer ${s.dx.token}` },
    body: { label: 'kept', settings: { jira_user: 'k@x.io' }, secrets: { api_token: 'tok-k' } },
  });
  expect(dx.status).toBe(201);
  const ap = await send(`${s.apinizer.url}/apiops/projects/MyProject/credentials/`, {
    headers: { Authorization: `Bearer ${s.apinizer.token}` },
    body: { email: 'k@x.io', fullName: 'Kept', username: 'kept', password: 'p' },
  });
  expect(ap.status).toBe(200);
  const ox = await send(`${s.ox.url}/api/apollo-gateway`, {
    headers: { Authorization: s.ox.token },
    body: {
      query: 'mutation A($i: AddCredentialsInput!) { addCredentials(addCredentialsInput: $i) { connector { id } } }',
      variables: {
        i: { connectorID: '2', credentialsType: 'Token', credentialsInput: { token: 'tok' }, credentialsName: 'kept' },
      },
    },
  });
  expect(ox.body.errors).toBeUndefined();
  const ti = await send(`${s.tines.url}/api/v1/user_credentials`, {
    headers: { Authorization: `Bearer ${s.tines.token}` },
    body: { name: 'kept', mode: 'TEXT', value: 'v', team_id: 2 },
  });
  expect(ti.status).toBe(201);
}

describe('state file', () => {
  test('round-trips all four stores across a restart', async () => {
    const stateFile = path.join(tempDir(), 'nested', 'state.json');
    const first = await startSimulators({ stateFile });
    await writeOnePerVendor(first);
    const before = {
      dx: first.dx.snapshot(),
      apinizer: first.apinizer.snapshot(),
      ox: first.ox.snapshot(),
      tines: first.tines.snapshot(),
    };
    await first.stop();

    const doc = JSON.parse(fs.readFileSync(stateFile, 'utf8'));
    expect(doc).toMatchObject({ format: 'credform-simulators-state', version: 1 });
    expect(fs.readdirSync(path.dirname(stateFile))).toEqual(['state.json']); // no temporary files left
    expect(fs.statSync(stateFile).mode & 0o077).toBe(0);

    const second = await startSimulators({ stateFile });
    try {
      expect(second.dx.snapshot()).toEqual(before.dx);
      expect(second.apinizer.snapshot()).toEqual(before.apinizer);
      expect(second.ox.snapshot()).toEqual(before.ox);
      expect(second.tines.snapshot()).toEqual(before.tines);
      const list = await send(`${second.dx.url}/api/connections/123/credentials.list`, {
        headers: { Authorization: `Bearer ${second.dx.token}` },
      });
      expect(list.body.credentials.map((c: { label: string }) => c.label)).toEqual(['kept']);
      // Ids continue after the restart instead of starting over.
      const next = await send(`${second.dx.url}/api/connections/123/credentials.create`, {
        headers: { Authorization: `Bearer ${second.dx.token}` },
        body: { settings: { jira_user: 'n@x.io' }, secrets: { api_token: 'tok-n' } },
      });
      expect(next.body.credential.id).toBe(before.dx.credentials[0]!.id + 1);
    } finally {
      await second.stop();
    }
  });

  test('every write is on disk before its answer arrives', async () => {
    const stateFile = path.join(tempDir(), 'state.json');
    const dx = await startDxSimulator({ stateFile });
    try {
      await send(`${dx.url}/api/connections/125/credentials.create`, {
        headers: { Authorization: `Bearer ${dx.token}` },
        body: { settings: {}, secrets: { key: 'k1' } },
      });
      expect(JSON.parse(fs.readFileSync(stateFile, 'utf8')).dx.credentials).toHaveLength(1);
    } finally {
      await dx.stop();
    }
  });

  test('simulators started separately can share one file', async () => {
    const stateFile = path.join(tempDir(), 'shared.json');
    const dx = await startDxSimulator({ stateFile });
    const tines = await startTinesSimulator({ stateFile });
    await send(`${dx.url}/api/connections/125/credentials.create`, {
      headers: { Authorization: `Bearer ${dx.token}` },
      body: { settings: {}, secrets: { key: 'k1' } },
    });
    await send(`${tines.url}/api/v1/user_credentials`, {
      headers: { Authorization: `Bearer ${tines.token}` },
      body: { name: 'shared', mode: 'TEXT', value: 'v', team_id: 2 },
    });
    await dx.stop();
    await tines.stop();
    const doc = JSON.parse(fs.readFileSync(stateFile, 'utf8'));
    expect(doc.dx.credentials).toHaveLength(1);
    expect(doc.tines.credentials).toHaveLength(1);
  });

  test('the state file wins over the seed; a broken file is refused with its path', async () => {
    const stateFile = path.join(tempDir(), 'state.json');
    const first = await startTinesSimulator({ stateFile });
    await first.stop();
    const again = await startTinesSimulator({ stateFile, seed: { teams: [{ id: 9, name: 'Nine', slug: 'nine' }] } });
    expect(again.snapshot().teams.map((t) => t.id)).toEqual([1, 2]);
    await again.stop();
    fs.writeFileSync(stateFile, '{ not json');
    await expect(startTinesSimulator({ stateFile })).rejects.toThrow(stateFile);
  });
});
