import { startSimulators, startDxSimulator, type Simulators, type VendorName } from '../../src/simulators';
import { FaultInjector, prng } from '../../src/simulators/faults';
import { closeClient, send, type Reply } from './support/http';

let sims: Simulators;
let counter = 0;

beforeAll(async () => {
  sims = await startSimulators();
});
afterEach(() => {
  for (const v of ['dx', 'apinizer', 'ox', 'tines'] as const) sims[v].setFaults(undefined);
});
afterAll(async () => {
  await sims.stop();
  await closeClient();
});

/** One write per vendor, each unique, and how to count the rows it makes. */
const writes: Record<VendorName, { send(): Promise<Reply>; rows(): number }> = {
  dx: {
    send: () =>
      send(`${sims.dx.url}/api/connections/125/credentials.create`, {
        headers: { Authorization: `Bearer ${sims.dx.token}` },
        body: { settings: { n: ++counter }, secrets: { key: `k-${counter}` } },
      }),
    rows: () => sims.dx.snapshot().credentials.length,
  },
  apinizer: {
    send: () =>
      send(`${sims.apinizer.url}/apiops/projects/MyProject/credentials/`, {
        headers: { Authorization: `Bearer ${sims.apinizer.token}` },
        body: { email: 'f@x.io', fullName: 'F', username: `fault-${++counter}`, password: 'p' },
      }),
    rows: () => sims.apinizer.snapshot().projects[0]!.credentials.length,
  },
  ox: {
    send: () =>
      send(`${sims.ox.url}/api/apollo-gateway`, {
        headers: { Authorization: sims.ox.token },
        body: {
          query:
            'mutation A($i: AddCredentialsInput!) { addCredentials(addCredentialsInput: $i) { connector { id } } }',
          variables: {
            i: { connectorID: '2', credentialsType: 'Token', credentialsInput: { token: `t-${++counter}` } },
          },
        },
      }),
    rows: () => sims.ox.snapshot().connectors.find((c) => c.id === '2')!.credentials.length,
  },
  tines: {
    send: () =>
      send(`${sims.tines.url}/api/v1/user_credentials`, {
        headers: { Authorization: `Bearer ${sims.tines.token}` },
        body: { name: `fault ${++counter}`, mode: 'TEXT', value: 'v', team_id: 2 },
      }),
    rows: () => sims.tines.snapshot().credentials.length,
  },
};

const reads: Record<VendorName, () => Promise<Reply>> = {
  dx: () => send(`${sims.dx.url}/api/connections.list`, { headers: { Authorization: `Bearer ${sims.dx.token}` } }),
  apinizer: () =>
    send(`${sims.apinizer.url}/apiops/projects/MyProject/credentials/`, {
      headers: { Authorization: `Bearer ${sims.apinizer.token}` },
    }),
  ox: () =>
    send(`${sims.ox.url}/api/apollo-gateway`, {
      headers: { Authorization: sims.ox.token },
      body: { query: '{ getConnectorsByFamily { family } }' },
    }),
  tines: () => send(`${sims.tines.url}/api/v1/teams`, { headers: { Authorization: `Bearer ${sims.tines.token}` } }),
};

const VENDORS = ['dx', 'apinizer', 'ox', 'tines'] as const;

async function socketError(p: Promise<unknown>): Promise<{ code?: string; message: string }> {
  try {
    await p;
  } catch (err) {
    return err as { code?: string; message: string };
  }
  throw new Error('expected the request to fail at the socket level, but it was answered');
}

describe.each(VENDORS)('%s faults', (vendor) => {
  test('latency is added before the answer', async () => {
    sims[vendor].setFaults({ latencyMs: 150 });
    const started = performance.now();
    const r = await reads[vendor]();
    const elapsed = performance.now() - started;
    expect(r.status).toBe(200);
    expect(elapsed).toBeGreaterThanOrEqual(145);
    sims[vendor].setFaults(undefined);
    const quick = performance.now();
    await reads[vendor]();
    expect(performance.now() - quick).toBeLessThan(145);
  });

  test('a 429 with Retry-After, nothing performed', async () => {
    const before = writes[vendor].rows();
    sims[vendor].setFaults({ rateLimitShare: 1, retryAfterSeconds: 7 });
    const r = await writes[vendor].send();
    expect(r.status).toBe(429);
    expect(r.headers['retry-after']).toBe('7');
    expect(writes[vendor].rows()).toBe(before);
    if (vendor === 'dx') expect(r.body).toEqual({ ok: false, error: 'rate_limited' });
    if (vendor === 'apinizer')
      expect(r.body).toEqual({ error: 'rate_limit_exceeded', error_description: expect.any(String), retry_after: 7 });
    if (vendor === 'ox') {
      expect(r.headers['ratelimit-limit']).toBe('1000');
      expect(r.headers['ratelimit-remaining']).toBe('0');
      expect(r.headers['ratelimit-reset']).toBe('7');
      expect(r.body.errors[0].extensions.code).toBe('RATE_LIMITED');
    }
    if (vendor === 'tines') expect(r.body.errors[0].message).toEqual(expect.any(String));
  });

  test('a 5xx, nothing performed', async () => {
    const before = writes[vendor].rows();
    sims[vendor].setFaults({ serverErrorShare: 1, serverErrorStatus: 502 });
    const r = await writes[vendor].send();
    expect(r.status).toBe(502);
    expect(writes[vendor].rows()).toBe(before);
    sims[vendor].setFaults({ serverErrorShare: 1 });
    expect((await reads[vendor]()).status).toBe(503);
  });

  test('a reset: the client sees a socket error and nothing is performed', async () => {
    const before = writes[vendor].rows();
    sims[vendor].setFaults({ resetShare: 1 });
    const err = await socketError(writes[vendor].send());
    expect(['ECONNRESET', 'UND_ERR_SOCKET']).toContain(err.code);
    expect(writes[vendor].rows()).toBe(before);
    expect(sims[vendor].requestLog().at(-1)).toMatchObject({ status: null, fault: 'reset' });
  });

  test('commit then drop: the client sees a broken connection and the store holds the row', async () => {
    const before = writes[vendor].rows();
    sims[vendor].setFaults({ commitThenDropShare: 1 });
    const err = await socketError(writes[vendor].send());
    expect(['ECONNRESET', 'UND_ERR_SOCKET']).toContain(err.code);
    expect(writes[vendor].rows()).toBe(before + 1);
    expect(sims[vendor].requestLog().at(-1)).toMatchObject({ status: null, fault: 'commit-then-drop' });
    sims[vendor].setFaults(undefined);
    expect((await writes[vendor].send()).status).toBeLessThan(300);
  });

  test('writesOnly leaves reads alone', async () => {
    sims[vendor].setFaults({ serverErrorShare: 1, writesOnly: true });
    expect((await reads[vendor]()).status).toBe(200);
    expect((await writes[vendor].send()).status).toBe(503);
  });
});

describe('fault scoping, seeding and validation', () => {
  test('pathPattern limits a fault to matching paths', async () => {
    sims.dx.setFaults({ serverErrorShare: 1, pathPattern: 'credentials\\.list$' });
    const auth = { Authorization: `Bearer ${sims.dx.token}` };
    expect((await send(`${sims.dx.url}/api/connections/123/credentials.list`, { headers: auth })).status).toBe(503);
    expect((await send(`${sims.dx.url}/api/connections.list`, { headers: auth })).status).toBe(200);
  });

  test('rules: each with its own scope, latencies add up', async () => {
    sims.tines.setFaults({ rules: [{ latencyMs: 60 }, { latencyMs: 60, rateLimitShare: 1, writesOnly: true }] });
    const t0 = performance.now();
    expect((await reads.tines()).status).toBe(200);
    const readTime = performance.now() - t0;
    const t1 = performance.now();
    expect((await writes.tines.send()).status).toBe(429);
    const writeTime = performance.now() - t1;
    expect(readTime).toBeGreaterThanOrEqual(55);
    expect(writeTime).toBeGreaterThanOrEqual(115);
  });

  test('a share draws that fraction, and the same seed gives the same sequence', async () => {
    const run = async (seed: number): Promise<Array<number | null>> => {
      sims.tines.setFaults({ seed, serverErrorShare: 0.3 });
      sims.tines.clearRequestLog();
      for (let i = 0; i < 100; i++) await reads.tines();
      return sims.tines.requestLog().map((e) => e.status);
    };
    const a = await run(42);
    const b = await run(42);
    const c = await run(43);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    const failures = a.filter((s) => s === 503).length;
    expect(failures).toBeGreaterThanOrEqual(18);
    expect(failures).toBeLessThanOrEqual(42);
  });

  test('faults given at start apply from the first request', async () => {
    const dx = await startDxSimulator({ faults: { serverErrorShare: 1 } });
    try {
      const auth = { Authorization: `Bearer ${dx.token}` };
      expect((await send(`${dx.url}/api/connections.list`, { headers: auth })).status).toBe(503);
      dx.setFaults(undefined);
      expect((await send(`${dx.url}/api/connections.list`, { headers: auth })).status).toBe(200);
    } finally {
      await dx.stop();
    }
  });

  test('bad settings are refused', () => {
    expect(() => sims.dx.setFaults({ rateLimitShare: 1.5 })).toThrow();
    expect(() => sims.dx.setFaults({ rateLimitShare: 0.6, resetShare: 0.6 })).toThrow(/add up/);
    expect(() => sims.dx.setFaults({ nope: 1 } as never)).toThrow();
    expect(() => new FaultInjector({ rules: [{ serverErrorShare: -1 }] })).toThrow();
  });

  test('the PRNG is deterministic and spread over [0, 1)', () => {
    const r1 = prng(7);
    const r2 = prng(7);
    const xs = Array.from({ length: 1000 }, () => r1());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => r2()));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
  });
});
