/** Shared by the DX tests: a terraform directory wired to the simulators, and DX calls made "outside Terraform". */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { App, TerraformStack, Testing } from 'cdktf';
import type { Construct } from 'constructs';
import { CredformProvider } from '../../../src/constructs';
import type { Simulators } from '../../../src/simulators';
import { credformTerraform } from '../../support/credform-terraform';
import { startTestSimulators } from '../../support/simulators';
import { collect, type TerraformDir } from '../../support/terraform';

export interface DxWorld {
  sims: Simulators;
  tf: TerraformDir;
  env: Record<string, string>;
}

export async function startDxWorld(prefix: string, extraEnv: Record<string, string> = {}): Promise<DxWorld> {
  const { sims, env } = await startTestSimulators();
  const tf = await credformTerraform(prefix, { ...env, ...extraEnv });
  return { sims, tf, env: { ...env, ...extraEnv } };
}

/** Live (not soft-deleted) credentials the simulator holds, secrets included (it is a test fixture). */
export function liveCredentials(sims: Simulators, connectionId?: number) {
  return sims.dx.snapshot().credentials.filter((c) => c.deleted_at === null && (connectionId === undefined || c.connection_id === connectionId));
}

export function credentialRow(sims: Simulators, id: number) {
  return sims.dx.snapshot().credentials.find((c) => c.id === id);
}

/** A DX API call as another admin would make it (curl-style), not through credform. */
export async function dxCall(sims: Simulators, method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${sims.dx.url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${sims.dx.token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: await res.json() };
}

/** The plan after an apply must be empty: `-detailed-exitcode` 0. */
export async function expectConverged(tf: TerraformDir, env: NodeJS.ProcessEnv = {}): Promise<void> {
  const r = await tf.run(['plan', '-detailed-exitcode', '-input=false'], env);
  if (r.code !== 0) throw new Error(`expected no changes, plan exited ${r.code}\n${r.stdout}\n${r.stderr}`);
}

/** `terraform state rm` (which takes no -no-color, so the harness's `run` cannot start it). */
export async function forgetInState(tf: TerraformDir, address: string): Promise<void> {
  const r = await collect(spawn('terraform', ['state', 'rm', address], { cwd: tf.dir, env: tf.env, stdio: ['ignore', 'pipe', 'pipe'] }));
  if (r.code !== 0) throw new Error(`terraform state rm exited ${r.code}\n${r.stdout}\n${r.stderr}`);
}

/** The state object of one resource, from `terraform show -json`. */
export async function stateOf(tf: TerraformDir, address: string): Promise<Record<string, unknown> | undefined> {
  return (await tf.resources()).find((r) => r.address === address)?.values;
}

/**
 * Synthesizes a stack (the provider plus whatever `build` adds) to Terraform JSON, as `cdktf synth`
 * writes `cdk.tf.json`.
 */
export function synthStack(build: (stack: TerraformStack) => void): string {
  const stack = new TerraformStack(Testing.app() as App, 'dx');
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

export type Scope = Construct;
