/**
 * 1,000 mixed requests from 20 concurrent clients across the four simulators: the stores must end
 * exactly as the clients' successful answers say (no lost and no doubled rows).
 */
import { startSimulators, type Simulators } from '../../src/simulators';
import { prng } from '../../src/simulators/faults';
import { closeClient, send, type Reply } from './support/http';

const CLIENTS = 20;
const REQUESTS_PER_CLIENT = 50;

let sims: Simulators;

beforeAll(async () => {
  // A little latency so requests from different clients overlap inside the servers.
  sims = await startSimulators({ faults: { latencyMs: 1 } });
});
afterAll(async () => {
  await sims.stop();
  await closeClient();
});

/** What the clients, together, believe each store holds, from the answers they got. */
const expected = {
  dx: new Map<number, string>(), // id -> label
  apinizer: new Map<string, string>(), // username -> fullName
  ox: new Map<string, string>(), // credentialsId -> credentialsName
  tines: new Map<number, string>(), // id -> description
};

const OX_ADD =
  'mutation A($i: AddCredentialsInput!) { addCredentials(addCredentialsInput: $i) { connector { credentials { ... on TokenCredentials { credentialsId credentialsName } } } } }';
const OX_REMOVE =
  'mutation R($i: RemoveCredentialsInput!) { removeCredentials(removeCredentialsInput: $i) { connector { id } } }';
const OX_LIST =
  '{ getConnectorsByFamily(family: "sourceControl") { connectors { connector { id credentials { ... on TokenCredentials { credentialsId credentialsName } } } } } }';

async function client(n: number, unexpected: string[]): Promise<number> {
  const random = prng(1000 + n);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const mine = { dx: [] as number[], apinizer: [] as string[], ox: [] as string[], tines: [] as number[] };
  let seq = 0;
  let sent = 0;
  const check = (what: string, r: Reply, ok: number): void => {
    sent += 1;
    if (r.status !== ok) unexpected.push(`client ${n} ${what}: ${r.status} ${r.text.slice(0, 200)}`);
  };
  const dxAuth = { Authorization: `Bearer ${sims.dx.token}` };
  const apAuth = { Authorization: `Bearer ${sims.apinizer.token}` };
  const apBase = `${sims.apinizer.url}/apiops/projects/MyProject/credentials/`;
  const tiAuth = { Authorization: `Bearer ${sims.tines.token}` };
  const ox = (query: string, variables?: object) =>
    send(`${sims.ox.url}/api/apollo-gateway`, {
      headers: { Authorization: sims.ox.token },
      body: { query, variables },
    });

  for (let i = 0; i < REQUESTS_PER_CLIENT; i++) {
    const vendor = pick(['dx', 'apinizer', 'ox', 'tines'] as const);
    const owned = mine[vendor].length > 0;
    const op = owned ? pick(['create', 'update', 'delete', 'list'] as const) : pick(['create', 'list'] as const);
    const tag = `${n}-${++seq}`;
    if (vendor === 'dx') {
      const base = `${sims.dx.url}/api/connections/123`;
      if (op === 'create') {
        const r = await send(`${base}/credentials.create`, {
          headers: dxAuth,
          body: { label: `L${tag}`, settings: { jira_user: `${tag}@x.io` }, secrets: { api_token: `tok-${tag}` } },
        });
        check('dx create', r, 201);
        if (r.status === 201) {
          expected.dx.set(r.body.credential.id, `L${tag}`);
          mine.dx.push(r.body.credential.id);
        }
      } else if (op === 'update') {
        const id = pick(mine.dx);
        const r = await send(`${base}/credentials.update`, { headers: dxAuth, body: { id, label: `U${tag}` } });
        check('dx update', r, 200);
        if (r.status === 200) expected.dx.set(id, `U${tag}`);
      } else if (op === 'delete') {
        const id = mine.dx.splice(Math.floor(random() * mine.dx.length), 1)[0]!;
        const r = await send(`${base}/credentials.delete`, { headers: dxAuth, body: { id } });
        check('dx delete', r, 200);
        if (r.status === 200) expected.dx.delete(id);
      } else {
        check('dx list', await send(`${base}/credentials.list`, { headers: dxAuth }), 200);
      }
    } else if (vendor === 'apinizer') {
      const body = (username: string, fullName: string) => ({
        email: `${username}@x.io`,
        fullName,
        description: '',
        username,
        password: `pw-${tag}`,
        roleNameList: ['API_USER'],
        enabled: true,
        ipList: [],
        expireDate: null,
      });
      if (op === 'create') {
        const username = `user-${tag}`;
        const r = await send(apBase, { headers: apAuth, body: body(username, `F${tag}`) });
        check('apinizer create', r, 200);
        if (r.status === 200) {
          expected.apinizer.set(username, `F${tag}`);
          mine.apinizer.push(username);
        }
      } else if (op === 'update') {
        const username = pick(mine.apinizer);
        const r = await send(apBase, { method: 'PUT', headers: apAuth, body: body(username, `G${tag}`) });
        check('apinizer update', r, 200);
        if (r.status === 200) expected.apinizer.set(username, `G${tag}`);
      } else if (op === 'delete') {
        const username = mine.apinizer.splice(Math.floor(random() * mine.apinizer.length), 1)[0]!;
        const r = await send(`${apBase}${username}/`, { method: 'DELETE', headers: apAuth });
        check('apinizer delete', r, 200);
        if (r.status === 200) expected.apinizer.delete(username);
      } else {
        check('apinizer list', await send(apBase, { headers: apAuth }), 200);
      }
    } else if (vendor === 'ox') {
      if (op === 'create') {
        const name = `N${tag}`;
        const r = await ox(OX_ADD, {
          i: {
            connectorID: '2',
            credentialsType: 'Token',
            credentialsInput: { token: `t-${tag}` },
            credentialsName: name,
          },
        });
        check('ox add', r, 200);
        const added = r.body?.data?.addCredentials?.connector?.credentials?.filter(
          (c: { credentialsName?: string }) => c.credentialsName === name
        );
        if (added?.length === 1) {
          expected.ox.set(added[0].credentialsId, name);
          mine.ox.push(added[0].credentialsId);
        } else unexpected.push(`client ${n} ox add: ${added?.length ?? 'no'} credentials named ${name}`);
      } else if (op === 'update') {
        // OX has no update: a change is add + remove; here, re-verify one instead.
        const id = pick(mine.ox);
        const r = await ox(
          'mutation V($i: VerifyCredentialsInput!) { verifySingleConnectorCredentials(verifyCredentialsInput: $i) { credentialsAreValid } }',
          { i: { connectorID: '2', credentialsID: id } }
        );
        check('ox verify', r, 200);
        if (r.body?.data?.verifySingleConnectorCredentials?.credentialsAreValid !== true)
          unexpected.push(`client ${n} ox verify ${id}`);
      } else if (op === 'delete') {
        const id = mine.ox.splice(Math.floor(random() * mine.ox.length), 1)[0]!;
        const r = await ox(OX_REMOVE, { i: { connectorID: '2', credentialsId: id } });
        check('ox remove', r, 200);
        if (r.status === 200 && !r.body.errors) expected.ox.delete(id);
        else unexpected.push(`client ${n} ox remove ${id}: ${r.text}`);
      } else {
        check('ox list', await ox(OX_LIST), 200);
      }
    } else {
      const base = `${sims.tines.url}/api/v1/user_credentials`;
      if (op === 'create') {
        const r = await send(base, {
          headers: tiAuth,
          body: { name: `cred ${tag}`, mode: 'TEXT', value: `v${tag}`, team_id: 2, description: `D${tag}` },
        });
        check('tines create', r, 201);
        if (r.status === 201) {
          expected.tines.set(r.body.id, `D${tag}`);
          mine.tines.push(r.body.id);
        }
      } else if (op === 'update') {
        const id = pick(mine.tines);
        const r = await send(`${base}/${id}`, {
          method: 'PUT',
          headers: tiAuth,
          body: { mode: 'TEXT', description: `E${tag}` },
        });
        check('tines update', r, 200);
        if (r.status === 200) expected.tines.set(id, `E${tag}`);
      } else if (op === 'delete') {
        const id = mine.tines.splice(Math.floor(random() * mine.tines.length), 1)[0]!;
        const r = await send(`${base}/${id}`, { method: 'DELETE', headers: tiAuth });
        check('tines delete', r, 204);
        if (r.status === 204) expected.tines.delete(id);
      } else {
        check('tines list', await send(`${base}?per_page=500`, { headers: tiAuth }), 200);
      }
    }
  }
  return sent;
}

test('1,000 mixed requests from 20 concurrent clients leave a consistent store', async () => {
  const unexpected: string[] = [];
  const sent = await Promise.all(Array.from({ length: CLIENTS }, (_, n) => client(n, unexpected)));
  expect(unexpected).toEqual([]);
  expect(sent.reduce((a, b) => a + b, 0)).toBe(CLIENTS * REQUESTS_PER_CLIENT);
  const served =
    sims.dx.requestCount() + sims.apinizer.requestCount() + sims.ox.requestCount() + sims.tines.requestCount();
  expect(served).toBe(CLIENTS * REQUESTS_PER_CLIENT);

  // DX: live rows are exactly the ones the clients kept, with the last label each client set.
  const dxLive = sims.dx.snapshot().credentials.filter((c) => c.deleted_at === null);
  expect(new Map(dxLive.map((c) => [c.id, c.label]))).toEqual(expected.dx);
  expect(new Set(sims.dx.snapshot().credentials.map((c) => c.id)).size).toBe(sims.dx.snapshot().credentials.length);

  const apRows = sims.apinizer.snapshot().projects[0]!.credentials;
  expect(new Map(apRows.map((c) => [c.username, c.fullName]))).toEqual(expected.apinizer);
  expect(apRows).toHaveLength(expected.apinizer.size);

  const oxRows = sims.ox.snapshot().connectors.find((c) => c.id === '2')!.credentials;
  expect(new Map(oxRows.map((c) => [c.credentialsId, c.credentialsName]))).toEqual(expected.ox);
  expect(oxRows).toHaveLength(expected.ox.size);

  const tiRows = sims.tines.snapshot().credentials;
  expect(new Map(tiRows.map((c) => [c.id, c.description]))).toEqual(expected.tines);
  expect(tiRows).toHaveLength(expected.tines.size);

  // And the APIs' own lists agree with the stores.
  const dxList = await send(`${sims.dx.url}/api/connections/123/credentials.list`, {
    headers: { Authorization: `Bearer ${sims.dx.token}` },
  });
  expect(dxList.body.credentials.map((c: { id: number }) => c.id).sort((a: number, b: number) => a - b)).toEqual(
    [...expected.dx.keys()].sort((a, b) => a - b)
  );
  const tiList = await send(`${sims.tines.url}/api/v1/user_credentials?per_page=500`, {
    headers: { Authorization: `Bearer ${sims.tines.token}` },
  });
  expect(tiList.body.meta.count).toBe(expected.tines.size);
  // Enough happened for the check to mean something.
  expect(expected.dx.size + expected.apinizer.size + expected.ox.size + expected.tines.size).toBeGreaterThan(50);
});
