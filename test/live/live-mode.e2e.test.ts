/**
 * Live acceptance mode, proved against a "tenant" that happens to be our simulator: `credform
 * simulate` runs as a separate process, the CREDFORM_LIVE_* variables point at it, and `npm run
 * test:live` (scripts/test-live.ts) runs as a user runs it. So the live code path — targets from the
 * variables, names with the run's prefix, reads through credform's clients instead of the
 * simulators' stores, stopping at the first failed step, the clean-up after each file, the sweeper —
 * runs in the normal suite for every vendor, with no account anywhere. (Whether the simulators'
 * assumptions hold is what a run against the real tenants tells: docs/live-tests.md.)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { now } from '../../src/clock';
import type { SimulatorsConnectionInfo } from '../../src/simulators';
import { canary } from '../support/canary';
import { HOUR_MS } from '../support/clock';
import { LIVE_VENDORS, liveSetting, vendorApi, type LiveVendor } from '../support/live';
import { leftovers } from '../support/live-sweep';
import { CREDFORM_BIN, REPO_ROOT } from '../support/provider-build';
import { collect, type RunResult } from '../support/terraform';

const TSX = join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
const RUNNER = join(REPO_ROOT, 'scripts', 'test-live.ts');
/** What docs/live-tests.md says one OX run costs at most, of the key's 1,000 requests an hour. */
const OX_REQUESTS_PER_RUN_MAX = 100;

const secrets = {
  jira: canary('live-jira'),
  jiraRotated: canary('live-jira-rotated'),
  ox: canary('live-ox'),
  oxRotated: canary('live-ox-rotated'),
};

interface Tenant {
  readonly info: SimulatorsConnectionInfo;
  readonly stateFile: string;
  stop(): Promise<void>;
}

const tenants: Tenant[] = [];
afterAll(async () => {
  await Promise.all(tenants.map((t) => t.stop()));
});

/** `credform simulate` in its own process, its stores in a state file. */
async function startTenant(options: { faults?: object; clockOffsetMs?: number } = {}): Promise<Tenant> {
  const dir = mkdtempSync(join(tmpdir(), 'credform-live-tenant-'));
  const stateFile = join(dir, 'state.json');
  const args = [CREDFORM_BIN, 'simulate', '--host', '127.0.0.1', '--state-file', stateFile];
  if (options.faults) {
    writeFileSync(join(dir, 'faults.json'), JSON.stringify(options.faults));
    args.push('--faults', join(dir, 'faults.json'));
  }
  const env = { ...process.env, ...(options.clockOffsetMs === undefined ? {} : { CREDFORM_CLOCK_OFFSET_MS: String(options.clockOffsetMs) }) };
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const info = await new Promise<SimulatorsConnectionInfo>((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d));
    child.stdout.on('data', (d: Buffer) => {
      out += d;
      const nl = out.indexOf('\n');
      if (nl >= 0) resolve(JSON.parse(out.slice(0, nl)));
    });
    child.on('exit', (code) => reject(new Error(`credform simulate exited ${code}: ${err}`)));
  });
  const tenant = { info, stateFile, stop: async () => (child.kill('SIGTERM'), await exited) };
  tenants.push(tenant);
  return tenant;
}

/** The CREDFORM_LIVE_* variables of `vendors`, pointing at the tenant and its seed data. */
function liveEnv(tenant: Tenant, vendors: readonly LiveVendor[], runId: string): Record<string, string> {
  const { dx, apinizer, ox, tines } = tenant.info;
  const all: Record<LiveVendor, Record<string, string>> = {
    dx: {
      CREDFORM_LIVE_DX_BASE_URL: dx.url,
      CREDFORM_LIVE_DX_API_TOKEN: dx.token,
      CREDFORM_LIVE_DX_CONNECTION_ID: '123',
      CREDFORM_LIVE_DX_SECOND_CONNECTION_ID: '125',
      CREDFORM_LIVE_DX_JIRA_USER: 'acceptance@example.atlassian.net',
      CREDFORM_LIVE_DX_JIRA_API_TOKEN: secrets.jira,
      CREDFORM_LIVE_DX_JIRA_API_TOKEN_ROTATED: secrets.jiraRotated,
    },
    // The manager user rather than the token: the exchange is the less trivial path.
    apinizer: {
      CREDFORM_LIVE_APINIZER_BASE_URL: apinizer.url,
      CREDFORM_LIVE_APINIZER_USERNAME: apinizer.clientId!,
      CREDFORM_LIVE_APINIZER_PASSWORD: apinizer.clientSecret!,
      CREDFORM_LIVE_APINIZER_PROJECT: 'MyProject',
      CREDFORM_LIVE_APINIZER_ROLE: 'API_USER',
    },
    ox: {
      CREDFORM_LIVE_OX_BASE_URL: ox.url,
      CREDFORM_LIVE_OX_API_KEY: ox.token,
      CREDFORM_LIVE_OX_CONNECTOR_ID: '2',
      CREDFORM_LIVE_OX_CREDENTIALS_TYPE: 'UserPassword',
      CREDFORM_LIVE_OX_INPUT_JSON: JSON.stringify({ name: 'ox-bot' }),
      CREDFORM_LIVE_OX_HOST_URL: 'https://gitlab.example.com',
      CREDFORM_LIVE_OX_SECRET: secrets.ox,
      CREDFORM_LIVE_OX_ROTATED_SECRET: secrets.oxRotated,
    },
    tines: {
      CREDFORM_LIVE_TINES_BASE_URL: tines.url,
      CREDFORM_LIVE_TINES_API_KEY: tines.token,
      CREDFORM_LIVE_TINES_TEAM_ID: '2',
      CREDFORM_LIVE_TINES_FOLDER_ID: '1',
    },
  };
  return Object.assign({ CREDFORM_LIVE_RUN_ID: runId }, ...vendors.map((v) => all[v]));
}

/** `npm run test:live -- <args>` in its own process group, with only the given CREDFORM_LIVE_* variables. */
function startRunner(args: string[], live: Record<string, string>): ChildProcess {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('CREDFORM_LIVE_') && k !== 'JEST_WORKER_ID') env[k] = v;
  return spawn(TSX, [RUNNER, ...args], { cwd: REPO_ROOT, env: { ...env, ...live }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
}

const runRunner = (args: string[], live: Record<string, string>): Promise<RunResult> => collect(startRunner(args, live), `test:live ${args.join(' ')}`);

/** What a vendor holds under `prefix`, through credform's client, as the sweeper lists it. */
async function leftAt(tenant: Tenant, vendor: LiveVendor, prefix: string): Promise<string[]> {
  const setting = liveSetting(vendor, liveEnv(tenant, [vendor], 'x'));
  if (setting.state !== 'on') throw new Error(`the live ${vendor} variables do not resolve: ${JSON.stringify(setting)}`);
  const { api, close } = vendorApi(vendor, setting.endpoint, setting.apinizerLogin);
  try {
    return (await leftovers(vendor, api, setting.fixtures as never, prefix)).map((l) => l.what);
  } finally {
    await close();
  }
}

const failed = (r: RunResult) => new Error(`exit ${r.code}\n${r.stdout}\n${r.stderr}`);

describe('the live variables', () => {
  test('none set: test:live fails listing every vendor\'s variables; half set: it names what is missing', async () => {
    const none = await runRunner([], {});
    expect(none.code).toBe(1);
    for (const vendor of LIVE_VENDORS) expect(none.stderr).toContain(`CREDFORM_LIVE_${vendor.toUpperCase()}_BASE_URL`);
    expect(none.stderr).toContain('no vendor is configured, so nothing would run');

    const half = await runRunner([], { CREDFORM_LIVE_TINES_BASE_URL: 'https://acme.tines.com', CREDFORM_LIVE_TINES_TEAM_ID: 'two' });
    expect(half.code).toBe(1);
    expect(half.stderr).toContain('Tines is half configured');
    expect(half.stderr).toContain('CREDFORM_LIVE_TINES_API_KEY');
    expect(half.stderr).toContain('CREDFORM_LIVE_TINES_TEAM_ID must be a whole number (got "two")');
    expect(half.stdout + half.stderr).not.toContain('PASS');

    expect(liveSetting('dx', {})).toEqual({ state: 'off' });
    expect(liveSetting('apinizer', { CREDFORM_LIVE_APINIZER_BASE_URL: 'https://a.example', CREDFORM_LIVE_APINIZER_USERNAME: 'u', CREDFORM_LIVE_APINIZER_PROJECT: 'P', CREDFORM_LIVE_APINIZER_ROLE: 'R' })).toEqual({
      state: 'incomplete',
      problems: [expect.stringContaining('CREDFORM_LIVE_APINIZER_USERNAME and CREDFORM_LIVE_APINIZER_PASSWORD')],
    });
  });
});

describe('against a tenant that is `credform simulate`', () => {
  let tenant: Tenant;
  beforeAll(async () => {
    // The tenant's clock starts a fresh hour, so OX's hourly count covers exactly this file's runs.
    tenant = await startTenant({ clockOffsetMs: Number(process.env.CREDFORM_CLOCK_OFFSET_MS ?? 0) - (now() % HOUR_MS) + 1_000 });
  });

  test('test:live runs the four lifecycle tests live, all steps but the simulator-only one; nothing with the run prefix is left', async () => {
    const r = await runRunner(['--verbose'], liveEnv(tenant, LIVE_VENDORS, 'proof1'));
    if (r.code !== 0) throw failed(r);
    const out = r.stdout + r.stderr;
    expect(out).toContain('run proof1: everything made is named credform-acc-proof1-');
    for (const [vendor, name] of [['dx', 'DX'], ['apinizer', 'Apinizer'], ['ox', 'OX Security'], ['tines', 'Tines']] as const) {
      expect(out).toContain(`— live ${name} tenant ${new URL(tenant.info[vendor].url).host} (credform-acc-proof1)`);
    }
    expect(out).toMatch(/Test Suites: 4 passed, 4 total/);
    // The one step skipped live: DX's settings change, which needs a second Jira account.
    expect(out).toMatch(/Tests: +1 skipped, \d+ passed, \d+ total/);
    expect(out).toContain('○ skipped settings change: in place, shown as a JSON diff [simulator only:');
    for (const vendor of LIVE_VENDORS) expect(await leftAt(tenant, vendor, 'credform-acc-proof1-')).toEqual([]);
    // It did work there, under the run's names: DX keeps soft-deleted rows.
    const dxRows = JSON.parse(readFileSync(tenant.stateFile, 'utf8')).dx.credentials as { label: string; deleted_at: string | null }[];
    expect(dxRows.length).toBeGreaterThan(0);
    expect(dxRows.every((c) => c.label.startsWith('credform-acc-proof1-') && c.deleted_at !== null)).toBe(true);

    // What one run costs of OX's 1,000 requests an hour, as OX's own headers count them.
    const res = await fetch(`${tenant.info.ox.url}/api/apollo-gateway`, {
      method: 'POST',
      headers: { authorization: tenant.info.ox.token, 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    const used = Number(res.headers.get('ratelimit-limit')) - Number(res.headers.get('ratelimit-remaining')) - 1;
    expect({ used, within: used > 10 && used <= OX_REQUESTS_PER_RUN_MAX }).toEqual({ used, within: true });
  }, 900_000);

  test('a run killed midway leaves what it made; test:live --sweep removes it, and nothing else', async () => {
    const env = liveEnv(tenant, ['tines'], 'proof3');
    const setting = liveSetting('tines', env);
    if (setting.state !== 'on') throw new Error('tines variables');
    const { api, close } = vendorApi('tines', setting.endpoint);
    try {
      const someoneElses = await api.createCredential({ name: 'not a live test credential', value: 'x', team_id: 2 });
      const child = startRunner([], env);
      const exited = collect(child, 'test:live (killed)');
      let left: string[] = [];
      for (const until = Date.now() + 180_000; left.length === 0 && Date.now() < until; ) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        left = await leftAt(tenant, 'tines', 'credform-acc-proof3-');
      }
      process.kill(-child.pid!, 'SIGKILL'); // the runner, jest, terraform and the provider: nothing gets to clean up
      const killed = await exited;
      expect(left).toEqual([expect.stringContaining('"credform-acc-proof3-text credential"')]);
      expect(killed.code).not.toBe(0);
      expect(await leftAt(tenant, 'tines', 'credform-acc-')).toEqual(left);

      const swept = await runRunner(['--sweep'], liveEnv(tenant, ['tines'], 'unused'));
      if (swept.code !== 0) throw failed(swept);
      expect(swept.stdout).toContain(`Tines: removed\n  ${left[0]}`);
      expect(await leftAt(tenant, 'tines', 'credform-acc-')).toEqual([]);
      expect(await api.getCredential(someoneElses.id)).toMatchObject({ name: 'not a live test credential' });
      await api.deleteCredential(someoneElses.id);
    } finally {
      await close();
    }
  }, 600_000);
});

test('a live run that fails midway stops there, and the clean-up after the file removes what it made', async () => {
  // A tenant whose DX cannot read a credential back (every credentials.info answers 503): the first
  // step creates, then fails at the plan that must find nothing to do.
  const broken = await startTenant({ faults: { dx: { serverErrorShare: 1, pathPattern: 'credentials\\.info/' } } });
  const r = await runRunner(['--verbose'], liveEnv(broken, ['dx'], 'proof2'));
  const out = r.stdout + r.stderr;
  expect(r.code).toBe(1);
  expect(out).toMatch(/✕ create: the seed request reaches DX/);
  expect(out).toContain('not run: the live lifecycle stopped at the failed step "create: the seed request reaches DX');
  expect(out).toMatch(/Tests: +9 failed, 1 skipped, 10 total/);
  expect(out).toMatch(/live clean-up removed what the run left at DX:\s+DX connection 123 credential 456 "credform-acc-proof2-Automation user — myfakecompany"/);
  expect(await leftAt(broken, 'dx', 'credform-acc-')).toEqual([]);
  const dxRows = JSON.parse(readFileSync(broken.stateFile, 'utf8')).dx.credentials as { id: number; label: string; deleted_at: string | null }[];
  expect(dxRows).toEqual([expect.objectContaining({ id: 456, label: 'credform-acc-proof2-Automation user — myfakecompany', deleted_at: expect.any(String) })]);
}, 600_000);
