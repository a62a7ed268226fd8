/** `npm run demo` end to end (the build is done by `npm test` first): exit 0, each step shown. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { recordOutput, watchSecret } from '../support/canary';
import { collect } from '../support/terraform';
import { REPO_ROOT } from '../support/provider-build';

test('the demo deploys, shows, changes, rotates, applies and destroys, offline', async () => {
  // The demo's own secret values: none may be printed.
  for (const s of ['ATATT3xFakeExampleToken000000000000000123abc=', 'ATATT3xRotatedExampleToken0000000000000456def=', 'SecurePassword123!', 'example-password']) watchSecret(s);
  const child = spawn(join(REPO_ROOT, 'node_modules', '.bin', 'tsx'), [join(REPO_ROOT, 'scripts', 'demo.ts')], {
    cwd: REPO_ROOT,
    env: { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const r = await collect(child, 'npm run demo');
  recordOutput('demo', r.stdout + r.stderr);
  if (r.code !== 0) throw new Error(`demo exited ${r.code}\n${r.stdout}\n${r.stderr}`);
  const out = r.stdout;
  expect(out).toContain('▶ cdktf deploy: first deploy of a fresh app');
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
}, 600_000);
