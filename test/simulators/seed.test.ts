/** Seed files (src/simulators/seed.ts): what the simulators hold at start, per vendor. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadSeedFile, parseSeed, startSimulators } from '../../src/simulators';
import { closeClient, send } from './support/http';
import { useTempDir } from './support/temp-dir';

const tempDir = useTempDir();
afterAll(closeClient);

describe('seed file', () => {
  const seed = {
    dx: { connections: [{ id: 900, type: 'gitlab', name: 'GitLab', supports_multiple_credentials: false }] },
    apinizer: {
      projects: [
        { name: 'Payments', environments: [{ name: 'qa' }, { name: 'prod', failure: 'down for maintenance' }] },
      ],
      roles: ['READER'],
      users: [{ clientId: 'ci', clientSecret: 'ci-secret' }],
    },
    ox: {
      families: [{ family: 'cloud', familyDisplayName: 'Cloud' }],
      connectors: [{ id: '40', name: 'aws', displayName: 'AWS', family: 'cloud', credentialsTypes: ['AWSAssumeRole'] }],
    },
  };

  test('loads the given parts; a vendor left out keeps its default seed', async () => {
    const file = path.join(tempDir(), 'seed.json');
    fs.writeFileSync(file, JSON.stringify(seed));
    const s = await startSimulators({ seed: file });
    try {
      const conns = await send(`${s.dx.url}/api/connections.list`, {
        headers: { Authorization: `Bearer ${s.dx.token}` },
      });
      expect(conns.body.connections.map((c: { id: number }) => c.id)).toEqual([900]);
      const ap = await send(`${s.apinizer.url}/apiops/projects/Payments/credentials/`, {
        headers: { Authorization: `Bearer ${s.apinizer.token}` },
        body: { email: 'a@x.io', fullName: 'A', username: 'a', password: 'p', roleNameList: ['READER'] },
      });
      expect(ap.body.deploymentResult.environmentResults).toEqual([
        { environmentName: 'qa', success: true, message: 'Deployed successfully' },
        { environmentName: 'prod', success: false, message: expect.stringContaining('down for maintenance') },
      ]);
      expect(s.apinizer.clientId).toBe('ci');
      const ox = await send(`${s.ox.url}/api/apollo-gateway`, {
        headers: { Authorization: s.ox.token },
        body: { query: '{ getConnectorsByFamily { family connectors { connector { id credentialsTypes } } } }' },
      });
      expect(ox.body.data.getConnectorsByFamily).toEqual([
        { family: 'cloud', connectors: [{ connector: { id: '40', credentialsTypes: ['AWSAssumeRole'] } }] },
      ]);
      expect(s.tines.snapshot().teams.map((t) => t.id)).toEqual([1, 2]);
    } finally {
      await s.stop();
    }
  });

  test('a bad seed is refused naming the vendor and the field', () => {
    expect(() => parseSeed({ dx: { connections: [{ id: 'x', type: 'jira_cloud', name: 'J' }] } })).toThrow(
      /"dx"[\s\S]*connections/
    );
    expect(() =>
      parseSeed({ ox: { families: [], connectors: [{ id: '1', name: 'n', family: 'f', credentialsTypes: ['Nope'] }] } })
    ).toThrow(/"ox"/);
    expect(() => parseSeed({ jira: {} })).toThrow(/unknown part "jira"/);
    const file = path.join(tempDir(), 'bad.json');
    fs.writeFileSync(file, '[');
    expect(() => loadSeedFile(file)).toThrow(/not valid JSON/);
  });
});
