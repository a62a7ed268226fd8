/**
 * Through terraform itself: the provider starts on Node 26 with credform's own options, and when it
 * cannot start (a CREDFORM_NODE_OPTIONS node rejects, no node on Terraform's PATH) the reason is the
 * one line Terraform shows inside its own error.
 */
import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { credformTerraform } from '../support/credform-terraform';
import { pathWithNode } from '../support/node-versions';
import type { TerraformDir } from '../support/terraform';

const CONFIG = 'provider "credform" {}\n';
/** Terraform folds long error lines; the reason is read with the folding undone. */
const unfolded = (text: string) => text.replace(/\s*\n[│ ]*/g, ' ');

let tf: TerraformDir;
beforeAll(async () => {
  tf = await credformTerraform('credform-launcher-e2e-', {});
  tf.write('main.tf', CONFIG);
});

test('on Node 26 the provider starts with the options that Node accepts, and terraform plans', async () => {
  const plan = await tf.run(['plan'], { PATH: pathWithNode(26) });
  expect(plan).toMatchObject({ code: 0 });
  expect(plan.stdout).toContain('No changes.');
});

test("on Node 26 with a CREDFORM_NODE_OPTIONS node rejects, terraform plan shows credform's one-line reason", async () => {
  const plan = await tf.run(['plan'], { PATH: pathWithNode(26), CREDFORM_NODE_OPTIONS: '--interrupt-budget=1048576' });
  expect(plan.code).toBe(1);
  expect(unfolded(plan.stderr)).toContain(
    "credform: the provider cannot start: node rejected CREDFORM_NODE_OPTIONS (bad option: --interrupt-budget=1048576). Correct it, or unset it for credform's defaults.",
  );
});

test('with no node on the PATH terraform runs it with, terraform plan says so', async () => {
  const bin = mkdtempSync(join(tmpdir(), 'credform-path-without-node-'));
  symlinkSync(execFileSync('sh', ['-c', 'command -v terraform'], { encoding: 'utf8' }).trim(), join(bin, 'terraform'));
  const plan = await tf.run(['plan'], { PATH: bin });
  expect(plan.code).toBe(1);
  expect(unfolded(plan.stderr)).toContain('credform: the provider cannot start: there is no node on the PATH Terraform runs it with. Install Node.js 20.18.1 or later (22, 24 and 26 are tested) there.');
});
