/** Shared by the Tines tests: a terraform directory wired to the simulators, and Tines calls made "outside Terraform". */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { App, TerraformStack, Testing } from 'cdktf';
import { CredformProvider } from '../../../src/constructs';
import type { Simulators, StartSimulatorsOptions } from '../../../src/simulators';
import { credformTerraform } from '../../support/credform-terraform';
import { startTestSimulators } from '../../support/simulators';
import type { RunResult, TerraformDir } from '../../support/terraform';

export const ADDRESS = 'credform_tines_text_credential.this';

export interface TinesWorld {
  sims: Simulators;
  tf: TerraformDir;
  env: Record<string, string>;
}

export async function startTinesWorld(prefix: string, extraEnv: Record<string, string> = {}, options: StartSimulatorsOptions = {}): Promise<TinesWorld> {
  const { sims, env } = await startTestSimulators(options);
  const all = { ...env, ...extraEnv };
  const tf = await credformTerraform(prefix, all);
  return { sims, tf, env: all };
}

/** The credentials the simulator holds, values included (it is a test fixture). */
export function credentials(sims: Simulators, teamId?: number) {
  return sims.tines.snapshot().credentials.filter((c) => teamId === undefined || c.team_id === teamId);
}

export function credentialRow(sims: Simulators, id: number | string) {
  return sims.tines.snapshot().credentials.find((c) => c.id === Number(id));
}

/** A Tines API call as another admin would make it (curl-style), not through credform. */
export async function tinesCall(sims: Simulators, method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${sims.tines.url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${sims.tines.token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    /* plain text */
  }
  return { status: res.status, body: parsed };
}

/** The plan after an apply must be empty: `-detailed-exitcode` 0. */
export async function expectConverged(tf: TerraformDir, env: NodeJS.ProcessEnv = {}): Promise<void> {
  const r = await tf.run(['plan', '-detailed-exitcode', '-input=false'], env);
  if (r.code !== 0) throw new Error(`expected no changes, plan exited ${r.code}\n${r.stdout}\n${r.stderr}`);
}

/** apply -auto-approve, then the convergence check. */
export async function applyConverged(tf: TerraformDir, env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
  const r = await tf.ok(['apply', '-auto-approve', '-input=false'], env);
  await expectConverged(tf, env);
  return r;
}

/** The state object of one resource, from `terraform show -json`. */
export async function stateOf(tf: TerraformDir, address = ADDRESS): Promise<Record<string, any> | undefined> {
  return (await tf.resources()).find((r) => r.address === address)?.values;
}

/** Synthesizes a stack (the provider plus whatever `build` adds) to Terraform JSON, as `cdktf synth` writes `cdk.tf.json`. */
export function synthStack(build: (stack: TerraformStack) => void): string {
  const stack = new TerraformStack(Testing.app() as App, 'tines');
  new CredformProvider(stack, 'credform', { installProvider: false });
  build(stack);
  return Testing.synth(stack);
}

/** Uses a synthesized stack as the directory's whole configuration (it declares required_providers itself). */
export function useSynthesized(tf: TerraformDir, json: string): void {
  rmSync(join(tf.dir, 'versions.tf'), { force: true });
  rmSync(join(tf.dir, 'main.tf'), { force: true });
  tf.write('cdk.tf.json', json);
}

/** HCL for one credential fed from an ephemeral env secret (`TINES_SECRET`), plus extra lines. */
export function hcl(body: string, secretEnv = 'TINES_SECRET'): string {
  return `provider "credform" {}
ephemeral "credform_env_secret" "s" {
  name = "${secretEnv}"
}
resource "credform_tines_text_credential" "this" {
  value_wo = ephemeral.credform_env_secret.s.value
${body}
}
`;
}
