/**
 * What the vendor end-to-end tests share: a terraform directory with the provider installed, wired
 * to fresh simulators; the convergence check; and cdktf stacks synthesized into such a directory.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { App, TerraformStack, Testing } from 'cdktf';
import { CredformProvider } from '../../src/constructs';
import type { Simulators, StartSimulatorsOptions } from '../../src/simulators';
import { credformTerraform } from './credform-terraform';
import { startTestSimulators } from './simulators';
import type { TerraformDir } from './terraform';

export interface World {
  sims: Simulators;
  tf: TerraformDir;
  /** The simulators' provider environment plus the extra variables, as the directory has it. */
  env: Record<string, string>;
}

export async function startWorld(prefix: string, extraEnv: Record<string, string> = {}, options: StartSimulatorsOptions = {}): Promise<World> {
  const { sims, env } = await startTestSimulators(options);
  const all = { ...env, ...extraEnv };
  return { sims, tf: await credformTerraform(prefix, all), env: all };
}

/** The plan after an apply must be empty: `-detailed-exitcode` 0. */
export async function expectConverged(tf: TerraformDir, env: NodeJS.ProcessEnv = {}): Promise<void> {
  const r = await tf.run(['plan', '-detailed-exitcode', '-input=false'], env);
  if (r.code !== 0) throw new Error(`expected no changes, plan exited ${r.code}\n${r.stdout}\n${r.stderr}`);
}

/** Synthesizes stack `stackId` (the provider plus whatever `build` adds) to Terraform JSON, as `cdktf synth` writes `cdk.tf.json`. */
export function synthStack(stackId: string, build: (stack: TerraformStack) => void): string {
  const stack = new TerraformStack(Testing.app() as App, stackId);
  new CredformProvider(stack, 'credform', { installProvider: false });
  build(stack);
  return Testing.synth(stack, true); // with the validations `cdktf synth` runs
}

/** Uses a synthesized stack as the directory's whole configuration (it declares required_providers itself). */
export function useSynthesized(tf: TerraformDir, json: string): void {
  rmSync(join(tf.dir, 'versions.tf'), { force: true });
  rmSync(join(tf.dir, 'main.tf'), { force: true });
  tf.write('cdk.tf.json', json);
}
