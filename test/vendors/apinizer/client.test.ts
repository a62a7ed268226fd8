// @date-sensitive: an exchanged token's expiry against the client's clock. Also run with the clock moved (scripts/test-clock-shift.mjs).
/**
 * The Apinizer client's authentication against the simulator: a manager user's token is obtained
 * once per provider process however many calls want it, renewed before it expires, and renewed
 * once when Apinizer says `token_expired`; a personal token is used as it is.
 */
import { startApinizerSimulator, type ApinizerSimulator } from '../../../src/simulators';
import { Diagnostics } from '../../../src/tfplugin/diagnostics';
import { VendorHttpError } from '../../../src/vendors/http';
import { clientFor, resolveConnections } from '../../../src/vendors/connections';
import { ApinizerClient } from '../../../src/vendors/apinizer/client';
import { now } from '../../../src/clock';
import { clientFactory } from '../../../src/vendors/apinizer/client-factory';
import { apinizerVendor } from '../../../src/vendors/apinizer/vendor';

let sim: ApinizerSimulator;
let simNow = now();

beforeAll(async () => {
  // The simulator's clock is ours to move; the client keeps credform's (src/clock.ts), where it starts.
  sim = await startApinizerSimulator({ now: () => simNow });
});
afterAll(() => sim?.stop());
beforeEach(() => {
  simNow = now();
  sim.clearRequestLog();
});

function client(env: Record<string, string>): { client: ApinizerClient | undefined; diags: Diagnostics } {
  const diags = new Diagnostics();
  const connections = resolveConnections({}, { APINIZER_BASE_URL: sim.url, ...env }, diags, new AbortController().signal);
  const made = clientFor(clientFactory, { providerData: connections, diagnostics: diags });
  return { client: made, diags };
}

const managerUser = () => ({ APINIZER_USERNAME: sim.clientId!, APINIZER_PASSWORD: sim.clientSecret! });
const tokenRequests = () => sim.requestLog().filter((e) => e.path === '/apiops/auth/token');

describe('ApinizerClient authentication', () => {
  test('a manager user gets one token for many concurrent calls', async () => {
    const { client: c } = client(managerUser());
    const lists = await Promise.all(Array.from({ length: 8 }, () => c!.listCredentials('MyProject')));
    expect(lists).toEqual(Array(8).fill([]));
    expect(tokenRequests()).toEqual([{ method: 'POST', path: '/apiops/auth/token', status: 200 }]);
    await c!.listCredentials('OtherProject');
    expect(tokenRequests()).toHaveLength(1);
  });

  test('a token Apinizer calls expired is renewed once and the call repeated', async () => {
    const { client: c } = client(managerUser());
    await c!.listCredentials('MyProject');
    simNow += 3601 * 1000; // expired for Apinizer; the client's own clock says it has an hour left
    sim.clearRequestLog();
    await expect(c!.listCredentials('MyProject')).resolves.toEqual([]);
    expect(sim.requestLog().map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual([
      'GET /apiops/projects/MyProject/credentials/ 401',
      'POST /apiops/auth/token 200',
      'GET /apiops/projects/MyProject/credentials/ 200',
    ]);
  });

  test('a token is renewed shortly before it expires, not after', async () => {
    const diags = new Diagnostics();
    const conns = resolveConnections({}, { APINIZER_BASE_URL: sim.url, ...managerUser() }, diags, new AbortController().signal);
    // Both clocks move together here: the client renews on its own, Apinizer never refuses.
    const c = conns.client({ vendor: apinizerVendor, make: (s, cs) => ({ client: ApinizerClient.fromSettings(s, cs, [], () => simNow)! }) }, diags)!;
    await c.listCredentials('MyProject');
    simNow += 3500 * 1000; // 100 s left: not yet renewed
    await c.listCredentials('MyProject');
    simNow += 45 * 1000; // 55 s left: within the last minute
    await c.listCredentials('MyProject');
    expect(sim.requestLog().map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual([
      'POST /apiops/auth/token 200',
      'GET /apiops/projects/MyProject/credentials/ 200',
      'GET /apiops/projects/MyProject/credentials/ 200',
      'POST /apiops/auth/token 200',
      'GET /apiops/projects/MyProject/credentials/ 200',
    ]);
  });

  test('a personal token is sent as it is; a wrong one is a 401 that is not retried', async () => {
    const { client: good } = client({ APINIZER_TOKEN: sim.token });
    await good!.listCredentials('MyProject');
    const { client: bad } = client({ APINIZER_TOKEN: 'not-the-token' });
    const error = await bad!.listCredentials('MyProject').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VendorHttpError);
    expect(error).toMatchObject({ status: 401, code: 'unauthorized_client', vendorMessage: 'Invalid token' });
    expect(String((error as Error).message)).not.toContain('not-the-token');
    expect(tokenRequests()).toEqual([]);
    expect(sim.requestLog()).toHaveLength(2);
  });

  test('no credentials at all is a diagnostic saying what to set', () => {
    const { client: none, diags } = client({});
    expect(none).toBeUndefined();
    expect(diags.items).toEqual([expect.objectContaining({ severity: 'error', summary: 'Apinizer credentials missing', detail: expect.stringContaining('APINIZER_TOKEN') })]);
    const { diags: half } = client({ APINIZER_USERNAME: 'admin' });
    expect(half.items[0]!.detail).toContain('APINIZER_PASSWORD');
  });
});
