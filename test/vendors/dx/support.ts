/** Shared by the DX tests: a terraform directory wired to the simulators, and DX calls made "outside Terraform". */
import type { TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { startDxSimulator, type DxSimulator, type Simulators } from '../../../src/simulators';
import { DxClient } from '../../../src/vendors/dx/client';
import { dxVendor } from '../../../src/vendors/dx/vendor';
import { HttpClient } from '../../../src/vendors/http';
import type { TerraformDir } from '../../support/terraform';
import { expectConverged, startWorld, synthStack as synthStackOf, useSynthesized, type World } from '../../support/world';

export type DxWorld = World;

export const startDxWorld = (prefix: string, extraEnv: Record<string, string> = {}): Promise<DxWorld> => startWorld(prefix, extraEnv);

/** HCL for one Jira credential on connection 123 whose API token is write-only, from env JIRA_TOKEN. */
export const jiraTokenConfig = (jiraUser: string): string => `provider "credform" {}
ephemeral "credform_env_secret" "token" {
  name = "JIRA_TOKEN"
}
resource "credform_dx_credential" "jira" {
  connection_id = 123
  settings_json = jsonencode({ jira_user = "${jiraUser}" })
  secrets_wo    = { api_token = ephemeral.credform_env_secret.token.value }
}
`;

/** Live (not soft-deleted) credentials the simulator holds, secrets included (it is a test fixture). */
export function liveCredentials(sims: Simulators, connectionId?: number) {
  return sims.dx.snapshot().credentials.filter((c) => c.deleted_at === null && (connectionId === undefined || c.connection_id === connectionId));
}

export function credentialRow(sims: Simulators, id: number) {
  return sims.dx.snapshot().credentials.find((c) => c.id === id);
}

/** A DX API call as another admin would make it (curl-style), not through credform: to the simulators, or a live target's `{ dx: endpoint }`. */
export async function dxCall(sims: { readonly dx: { readonly url: string; readonly token: string } }, method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${sims.dx.url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${sims.dx.token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: await res.json() };
}

export { expectConverged, useSynthesized };

export async function forgetInState(tf: TerraformDir, address: string): Promise<void> {
  await tf.ok(['state', 'rm', address]);
}

export const stateOf = (tf: TerraformDir, address: string) => tf.values(address);

export const synthStack = (build: (stack: TerraformStack) => void): string => synthStackOf('dx', build);

export type Scope = Construct;

/**
 * A DX simulator and a DX client talking to it, made before the file's tests and stopped after
 * them; call at the top level (or of a describe). No retries: a test sees every answer.
 */
export function useDxClient(): { readonly sim: () => DxSimulator; readonly http: () => HttpClient; readonly dx: () => DxClient } {
  let sim: DxSimulator;
  let http: HttpClient;
  let dx: DxClient;
  beforeAll(async () => {
    sim = await startDxSimulator({ rateLimits: [] });
    http = new HttpClient({ vendor: dxVendor, baseUrl: sim.url, auth: () => ({ Authorization: `Bearer ${sim.token}` }), retry: { maxAttempts: 1 } });
    dx = new DxClient(http);
  });
  afterAll(async () => {
    await http.close();
    await sim.stop();
  });
  return { sim: () => sim, http: () => http, dx: () => dx };
}
