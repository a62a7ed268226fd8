/**
 * Synth reports the mistakes of every construct at once, each with its construct path, the prop and
 * the value given (never a secret's): with `app.synth()` in process (cdktf, and cdktn with
 * `credform/cdktn` as built in lib/cdktn), and with the real `cdktf synth`.
 */
import * as cdktf from 'cdktf';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as credform from '../../src/constructs';
import { badStack, type Flavor } from '../fixtures/bad-constructs/stack';
import { canary, recordDir, recordOutput } from '../support/canary';
import { CdktfProject, testWithCdktfCli } from '../support/cdktf';
import { REPO_ROOT } from '../support/provider-build';
import { validationLines } from '../support/synth-errors';

/** What synth must say: three constructs, every mistake, in the order the constructs were added. */
const EXPECTED = [
  '[credentials/jira] connectionId: must be a positive connection id (got 0)',
  expect.stringMatching(/^\[credentials\/api_user\] email: must be an email address.* \(got "not-an-email"\)$/),
  expect.stringMatching(/^\[credentials\/webhook\] teamId: .* \(got -2\)$/),
  '[credentials/webhook] valueVersion: only applies to the write-only value (useWriteOnly: true) (got 1)',
];

/** The two flavors: cdktf with `credform`, cdktn with `credform/cdktn` (the built lib/cdktn). */
const FLAVORS: [string, () => { App: typeof cdktf.App; flavor: Flavor }][] = [
  ['cdktf', () => ({ App: cdktf.App, flavor: { TerraformStack: cdktf.TerraformStack, credform } })],
  [
    'cdktn',
    () => {
      const cdktn = require('cdktn');
      return { App: cdktn.App, flavor: { TerraformStack: cdktn.TerraformStack, credform: require(join(REPO_ROOT, 'lib', 'cdktn')) } };
    },
  ],
];

test.each(FLAVORS)('%s: app.synth() fails naming all three bad constructs, and writes no stack', (_name, load) => {
  const { App, flavor } = load();
  const secret = canary('synth-validation');
  const outdir = mkdtempSync(join(tmpdir(), 'credform-synth-validation-'));
  recordDir(outdir);
  const app = new App({ outdir });
  badStack(flavor, app, secret);
  let message = '';
  try {
    app.synth();
  } catch (e) {
    message = (e as Error).message;
  }
  recordOutput('app.synth() error', message);
  expect(validationLines(message)).toEqual(EXPECTED);
  expect(message).not.toContain(secret);
  expect(existsSync(join(outdir, 'stacks', 'credentials', 'cdk.tf.json'))).toBe(false);
});

testWithCdktfCli('cdktf synth fails naming all three bad constructs', async () => {
  const secret = canary('synth-validation-cli');
  const project = new CdktfProject(join(REPO_ROOT, 'test', 'fixtures', 'bad-constructs', 'main.ts'), { BAD_CONSTRUCTS_SECRET: secret }, 'credform-synth-validation-');
  const r = await project.run(['synth']);
  expect(r.code).not.toBe(0);
  const output = r.stdout + r.stderr;
  for (const line of EXPECTED) expect(output.split('\n').map((l) => l.trim())).toContainEqual(line);
  expect(output).not.toContain(secret);
  expect(existsSync(join(project.stackDir('credentials'), 'cdk.tf.json'))).toBe(false);
}, 120_000);
