/**
 * `npm run demo` end to end (the build is done by `npm test` first), on the Node running jest: with
 * cdktn-cli on Node ≥ 24 (`node scripts/test-on-node.js 24 test/examples/demo.e2e.test.ts`), with
 * cdktf-cli below. Exit 0, each step shown, nothing left in the temp directory.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recordOutput, watchSecret } from '../support/canary';
import { CDKTF_CLI_STARTS } from '../support/cdktf';
import { CDKTN_CLI_STARTS } from '../support/cdktn';
import { collect, type RunResult } from '../support/terraform';
import { REPO_ROOT } from '../support/provider-build';

/** The CDK the demo must choose here: cdktf's CLI where it starts (below Node 24), else cdktn's. */
const EXPECTED_CDK = CDKTF_CLI_STARTS ? 'cdktf' : 'cdktn';

/** `tsx scripts/demo.ts` (what `npm run demo` runs after the build) on this process's Node. */
function runDemo(env: NodeJS.ProcessEnv): Promise<RunResult> {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(REPO_ROOT, 'scripts', 'demo.ts')], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return collect(child, 'npm run demo');
}

test(`the demo deploys, shows, changes, rotates, applies and destroys, offline, with ${EXPECTED_CDK} on Node ${process.version}`, async () => {
  // The demo's own secret values: none may be printed.
  for (const s of ['ATATT3xFakeExampleToken000000000000000123abc=', 'ATATT3xRotatedExampleToken0000000000000456def=', 'SecurePassword123!', 'example-password']) watchSecret(s);
  // The demo's own temp directory, so what it leaves there can be seen (tsx keeps its cache there too).
  const tmp = mkdtempSync(join(tmpdir(), 'credform-demo-tmp-'));
  const env: NodeJS.ProcessEnv = { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null', TMPDIR: tmp };
  delete env.CREDFORM_DEMO_KEEP;
  delete env.CREDFORM_DEMO_CDK;
  const r = await runDemo(env);
  const leftBehind = readdirSync(tmp).filter((name) => name.startsWith('credform-demo-'));
  rmSync(tmp, { recursive: true, force: true });
  recordOutput('demo', r.stdout + r.stderr);
  if (r.code !== 0) throw new Error(`demo exited ${r.code}\n${r.stdout}\n${r.stderr}`);
  const out = r.stdout;
  // It says first which CDK it uses, with which CLI and Node.
  const cdkLine = new RegExp(`^credform demo with ${EXPECTED_CDK} 0\\.\\d+\\.\\d+ \\(${EXPECTED_CDK}-cli 0\\.\\d+\\.\\d+, constructs from credform${EXPECTED_CDK === 'cdktn' ? '/cdktn' : ''}\\) on Node ${process.version.replace(/\./g, '\\.')}\n`);
  expect(out).toMatch(cdkLine);
  expect(out).toContain(`▶ ${EXPECTED_CDK} deploy: first deploy of a fresh app`);
  expect(out).toContain(`▶ ${EXPECTED_CDK} diff: the plan`);
  expect(out).toContain(`▶ ${EXPECTED_CDK} destroy`);
  expect(out).toMatch(/DX connection 123: +#\d+ "Automation user — myfakecompany" \(jira_cloud\)/);
  expect(out).toMatch(/Apinizer MyProject: +api-user <user@example.com> roles=API_USER/);
  expect(out).toMatch(/OX connector 2: +\S+ "credform quickstart"/);
  expect(out).toMatch(/Tines team 2: +#\d+ "text credential" \(TEXT\)/);
  expect(out).toContain('secrets_revision');
  // The pull-request summary's DX row: the label change and the rotated secret, no value.
  expect(out).toMatch(/🟡 update \| `credform_dx_credential\.jira` \| `label`: "Automation user — myfakecompany" → "Automation user — myfakecompany \(rotated\)"<br>`secrets_wo`: \*\*rotated\*\*/);
  expect(out).toMatch(/DX connection 123: +#\d+ "Automation user — myfakecompany \(rotated\)"/);
  expect(out.match(/Tines team 2: +\(none\)/g)?.length).toBe(1);
  expect(out).toContain('▶ Done');
  // The project it worked in was named, and is gone.
  const project = out.match(/project: (\S+) \(removed at the end; CREDFORM_DEMO_KEEP=1 keeps it\)/)?.[1];
  expect(project?.startsWith(join(tmp, 'credform-demo-'))).toBe(true);
  expect(existsSync(project!)).toBe(false);
  expect(leftBehind).toEqual([]);
}, 600_000);

test('CREDFORM_DEMO_CDK: a CDK this Node cannot run, or an unknown one, is refused before anything starts', async () => {
  const env: NodeJS.ProcessEnv = { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null' };
  // Below Node 22.19 cdktn-cli cannot run; from 24 on cdktf-cli cannot start; in between both can.
  const unrunnable = !CDKTN_CLI_STARTS ? 'cdktn' : !CDKTF_CLI_STARTS ? 'cdktf' : undefined;
  if (unrunnable) {
    const r = await runDemo({ ...env, CREDFORM_DEMO_CDK: unrunnable });
    expect({ code: r.code, stdout: r.stdout }).toEqual({ code: 1, stdout: '' });
    expect(r.stderr).toContain(unrunnable === 'cdktn' ? 'cdktn-cli 0.24 needs Node ≥ 22.19' : 'cdktf-cli 0.21 cannot start on Node');
  }
  const r = await runDemo({ ...env, CREDFORM_DEMO_CDK: 'terraform' });
  expect({ code: r.code, stdout: r.stdout }).toEqual({ code: 2, stdout: '' });
  expect(r.stderr).toContain('CREDFORM_DEMO_CDK must be cdktn or cdktf, not "terraform"');
});
