/** Shared by the Tines tests: a terraform directory wired to the simulators, and Tines calls made "outside Terraform". */
import type { TerraformStack } from 'cdktf';
import type { Simulators, StartSimulatorsOptions } from '../../../src/simulators';
import type { RunResult, TerraformDir } from '../../support/terraform';
import { expectConverged, startWorld, synthStack as synthStackOf, useSynthesized, type World } from '../../support/world';

export const ADDRESS = 'credform_tines_text_credential.this';

export type TinesWorld = World;

export const startTinesWorld = (prefix: string, extraEnv: Record<string, string> = {}, options: StartSimulatorsOptions = {}): Promise<TinesWorld> =>
  startWorld(prefix, extraEnv, options);

/** The credentials the simulator holds, values included (it is a test fixture). */
export function credentials(sims: Simulators, teamId?: number) {
  return sims.tines.snapshot().credentials.filter((c) => teamId === undefined || c.team_id === teamId);
}

export function credentialRow(sims: Simulators, id: number | string) {
  return sims.tines.snapshot().credentials.find((c) => c.id === Number(id));
}

/** A Tines API call as another admin would make it (curl-style), not through credform: to the simulators, or a live target's `{ tines: endpoint }`. */
export async function tinesCall(sims: { readonly tines: { readonly url: string; readonly token: string } }, method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<{ status: number; body: any }> {
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

export { expectConverged, useSynthesized };

/** apply -auto-approve, then the convergence check. */
export async function applyConverged(tf: TerraformDir, env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
  const r = await tf.ok(['apply', '-auto-approve', '-input=false'], env);
  await expectConverged(tf, env);
  return r;
}

export const stateOf = (tf: TerraformDir, address = ADDRESS) => tf.values(address);

export const synthStack = (build: (stack: TerraformStack) => void): string => synthStackOf('tines', build);

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
