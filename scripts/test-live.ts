/**
 * `npm run test:live`: the vendor lifecycle tests against real tenants (docs/live-tests.md).
 *
 * Runs the live-capable test file of every vendor whose CREDFORM_LIVE_* variables are set, and only
 * their live variants (CREDFORM_LIVE_ONLY=1), under one run id. Fails, listing what to set, when no
 * vendor is configured or one is half configured: never a silent run of nothing.
 *
 *   npm run test:live                      # every configured vendor; extra arguments go to jest
 *   npm run test:live -- --sweep           # delete what any earlier run left (names credform-acc-…)
 *   npm run test:live -- --sweep --run-id ID   # only what run ID left
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { vendorById } from '../src/vendors/registry';
import { LIVE_PREFIX, LIVE_TEST_FILES, LIVE_VARIABLES, LIVE_VENDORS, liveRunId, liveSetting, vendorApi, type LiveSetting, type LiveVendor } from '../test/support/live';
import { sweep } from '../test/support/live-sweep';

const root = join(__dirname, '..');

function usageOfVariables(): string {
  return LIVE_VENDORS.map((vendor) => {
    const lines = LIVE_VARIABLES[vendor].map((v) => `    ${v.name}${v.optional ? ' (optional)' : ''}: ${v.what}`);
    return `  ${vendorById(vendor).displayName}:\n${lines.join('\n')}`;
  }).join('\n');
}

async function main(argv: string[]): Promise<number> {
  const sweeping = argv.includes('--sweep');
  const runIdAt = argv.indexOf('--run-id');
  const runIdArg = runIdAt >= 0 ? argv[runIdAt + 1] : undefined;
  if (runIdAt >= 0 && !runIdArg) {
    console.error('test:live: --run-id needs a value');
    return 2;
  }
  const jestArgs = argv.filter((a, i) => a !== '--sweep' && (runIdAt < 0 || (i !== runIdAt && i !== runIdAt + 1)));

  const settings = LIVE_VENDORS.map((vendor) => [vendor, liveSetting(vendor)] as const);
  const incomplete = settings.filter(([, s]) => s.state === 'incomplete') as [LiveVendor, Extract<LiveSetting<LiveVendor>, { state: 'incomplete' }>][];
  if (incomplete.length) {
    for (const [vendor, s] of incomplete) console.error(`test:live: ${vendorById(vendor).displayName} is half configured:\n${s.problems.map((p) => `  ${p}`).join('\n')}`);
    console.error('Set the rest, or unset its CREDFORM_LIVE_* variables to leave it out (docs/live-tests.md).');
    return 1;
  }
  const on = settings.filter(([, s]) => s.state === 'on') as [LiveVendor, Extract<LiveSetting<LiveVendor>, { state: 'on' }>][];
  if (on.length === 0) {
    console.error(`test:live: no vendor is configured, so nothing would run. Set, for at least one vendor:\n${usageOfVariables()}\nSee docs/live-tests.md.`);
    return 1;
  }
  const off = settings.filter(([, s]) => s.state === 'off').map(([v]) => vendorById(v).displayName);
  if (off.length) console.log(`test:live: not configured, not run: ${off.join(', ')}`);

  if (sweeping) {
    const prefix = runIdArg ? `${LIVE_PREFIX}${liveRunId({ CREDFORM_LIVE_RUN_ID: runIdArg })}-` : LIVE_PREFIX;
    let failed = false;
    for (const [vendor, s] of on) {
      const { api, close } = vendorApi(vendor, s.endpoint, s.apinizerLogin);
      try {
        const removed = await sweep(vendor, api, s.fixtures as never, prefix);
        console.log(`test:live --sweep: ${vendorById(vendor).displayName}: ${removed.length ? `removed\n${removed.map((r) => `  ${r}`).join('\n')}` : `nothing named ${prefix}…`}`);
      } catch (e) {
        failed = true;
        console.error(`test:live --sweep: ${vendorById(vendor).displayName}: ${(e as Error).message}`);
      } finally {
        await close();
      }
    }
    return failed ? 1 : 0;
  }

  const runId = liveRunId({ CREDFORM_LIVE_RUN_ID: runIdArg ?? process.env.CREDFORM_LIVE_RUN_ID });
  const files = on.map(([vendor]) => LIVE_TEST_FILES[vendor]);
  console.log(`test:live: ${on.map(([v]) => vendorById(v).displayName).join(', ')}; run ${runId}: everything made is named ${LIVE_PREFIX}${runId}-…`);
  console.log(`test:live: should the run be killed, remove what it left with: npm run test:live -- --sweep --run-id ${runId}`);
  const jest = spawn(process.execPath, [join(root, 'node_modules', 'jest', 'bin', 'jest.js'), '--runTestsByPath', ...files, ...jestArgs], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, CREDFORM_LIVE_ONLY: '1', CREDFORM_LIVE_RUN_ID: runId },
  });
  return new Promise((resolve) => jest.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 1))));
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (e) => {
    console.error(`test:live: ${(e as Error).stack ?? e}`);
    process.exitCode = 1;
  },
);
