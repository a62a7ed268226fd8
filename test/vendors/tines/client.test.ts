/** The Tines client and the plan-time lookup cache against the Tines simulator (the only fake). */
import { DEFAULT_TINES_SEED, startTinesSimulator, type TinesSimulator } from '../../../src/simulators';
import { HttpClient } from '../../../src/vendors/http';
import { nextPageQuery, TinesClient } from '../../../src/vendors/tines/client';
import { TinesDirectory } from '../../../src/vendors/tines/directory';
import { tinesVendor } from '../../../src/vendors/tines/vendor';

const COUNT = 1100; // three pages of 500

describe('TinesClient against the simulator', () => {
  let sim: TinesSimulator;
  let http: HttpClient;
  let api: TinesClient;
  const listCalls = () => sim.requestLog().filter((r) => r.method === 'GET' && r.path === '/api/v1/user_credentials').length;

  beforeAll(async () => {
    const credentials = Array.from({ length: COUNT }, (_, i) => ({ id: i + 1, name: `c${i + 1}`, value: 'v', team_id: i % 10 === 0 ? 1 : 2, slug: `c${i + 1}` }));
    sim = await startTinesSimulator({ rateLimits: [], seed: { ...DEFAULT_TINES_SEED, credentials } });
    http = new HttpClient({ vendor: tinesVendor, baseUrl: sim.url, auth: () => ({ Authorization: `Bearer ${sim.token}` }) });
    api = new TinesClient(http);
  });
  afterAll(async () => {
    await http.close();
    await sim.stop();
  });

  test('listCredentials follows meta.next_page with per_page=500 until the last page, filtered by team', async () => {
    sim.clearRequestLog();
    const team2 = await api.listCredentials(2);
    expect(team2).toHaveLength(COUNT - COUNT / 10);
    expect(new Set(team2.map((c) => c.id)).size).toBe(team2.length);
    expect(team2.every((c) => c.team_id === 2)).toBe(true);
    expect(listCalls()).toBe(2); // 990 credentials: pages of 500
    const team1 = await api.listCredentials(1);
    expect(team1).toHaveLength(COUNT / 10);
  });

  test('get, update, delete: 404 is an answer, not an error', async () => {
    expect(await api.getCredential(99999)).toBeNull();
    expect(await api.deleteCredential(99999)).toBe(false);
    expect(await api.getTeam(42)).toBeNull();
    const made = await api.createCredential({ name: 'fresh', value: 'v', team_id: 1, description: 'd' });
    expect(made).toMatchObject({ name: 'fresh', mode: 'TEXT', team_id: 1, description: 'd', folder_id: null, shared_team_slugs: [], metadata: {} });
    const updated = await api.updateCredential(made.id, { name: 'fresher' });
    expect(updated).toMatchObject({ id: made.id, name: 'fresher', slug: 'fresher', description: 'd' });
    expect(await api.deleteCredential(made.id)).toBe(true);
    expect(await api.getCredential(made.id)).toBeNull();
  });

  test('teams: one and all', async () => {
    expect(await api.getTeam(2)).toEqual({ id: 2, name: 'Security', slug: 'security' });
    expect((await api.listTeams()).map((t) => t.slug)).toEqual(['platform', 'security']);
  });

  test('the directory lists a team once per process, and again after a write to that team', async () => {
    const dir = new TinesDirectory(api);
    sim.clearRequestLog();
    await Promise.all([dir.credentialsOf(1), dir.credentialsOf(1)]);
    await dir.credentialsOf(1);
    expect(listCalls()).toBe(1);
    dir.forget(1);
    await dir.credentialsOf(1);
    expect(listCalls()).toBe(2);
    await dir.team(2);
    await dir.team(2);
    expect(sim.requestLog().filter((r) => r.path === '/api/v1/teams/2')).toHaveLength(1);
  });

  test('a failed lookup is not cached', async () => {
    const once = new HttpClient({ vendor: tinesVendor, baseUrl: sim.url, auth: () => ({ Authorization: `Bearer ${sim.token}` }), retry: { maxAttempts: 1 } });
    const dir = new TinesDirectory(new TinesClient(once));
    sim.setFaults({ serverErrorShare: 1 });
    await expect(dir.team(1)).rejects.toThrow(/503/);
    sim.setFaults(undefined);
    await expect(dir.team(1)).resolves.toMatchObject({ slug: 'platform' });
    await once.close();
  });
});

describe('nextPageQuery', () => {
  const base = new URL('https://tenant.tines.com');
  const current = { team_id: 2, per_page: 500 };

  test('a next_page URL of the same origin: its query is taken', () => {
    expect(nextPageQuery({ next_page: 'https://tenant.tines.com/api/v1/user_credentials?team_id=2&per_page=500&page=3' }, base, current)).toEqual({ team_id: '2', per_page: '500', page: '3' });
  });
  test('a next_page URL of another origin is not followed there: the page number is used here', () => {
    expect(nextPageQuery({ next_page: 'https://evil.example.com/x?page=2', next_page_number: 2 }, base, current)).toEqual({ ...current, page: 2 });
  });
  test('a numeric next_page, or only next_page_number', () => {
    expect(nextPageQuery({ next_page: 4 }, base, current)).toEqual({ ...current, page: 4 });
    expect(nextPageQuery({ next_page: '/api/v1/user_credentials?team_id=2', next_page_number: 5 }, base, current)).toEqual({ ...current, page: 5 });
  });
  test('the end', () => {
    expect(nextPageQuery({ next_page: null, next_page_number: null }, base, current)).toBeUndefined();
    expect(nextPageQuery({}, base, current)).toBeUndefined();
  });
});
