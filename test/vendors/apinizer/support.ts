/** Shared pieces of the Apinizer tests: the seed page's bodies, HCL for them, and terraform steps. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Simulators } from '../../../src/simulators';
import type { RunResult, TerraformDir } from '../../support/terraform';

/** The four example bodies of the create page (basic, IP restrictions, expiration, disabled), verbatim. */
export interface SeedBody {
  email: string;
  fullName: string;
  description: string;
  username: string;
  password: string;
  roleNameList: string[];
  enabled: boolean;
  ipList: string[];
  expireDate: string | null;
}

export const SEED_BODIES: Record<'basic' | 'ipRestricted' | 'expiring' | 'disabled', SeedBody> = {
  basic: fixture(1),
  ipRestricted: fixture(2),
  expiring: fixture(3),
  disabled: fixture(4),
};

function fixture(n: number): SeedBody {
  return JSON.parse(readFileSync(join(__dirname, '..', '..', 'simulators', 'fixtures', `apinizer-body-${n}.json`), 'utf8'));
}

export const PASSWORD_VARIABLE = `variable "pw" {
  type      = string
  sensitive = true
  ephemeral = true
}
`;

const hcl = (v: unknown) => JSON.stringify(v);

/** A resource block for a seed body; the password comes from `password` (an expression). */
export function credentialHcl(name: string, body: SeedBody, options: { project?: string; password?: string; extra?: string } = {}): string {
  return `resource "credform_apinizer_credential" "${name}" {
  project_name = ${hcl(options.project ?? 'MyProject')}
  username     = ${hcl(body.username)}
  email        = ${hcl(body.email)}
  full_name    = ${hcl(body.fullName)}
  description  = ${hcl(body.description)}
  role_names   = ${hcl(body.roleNameList)}
  enabled      = ${hcl(body.enabled)}
  ip_list      = ${hcl(body.ipList)}
  expire_date  = ${body.expireDate === null ? 'null' : hcl(body.expireDate)}
  password_wo  = ${options.password ?? 'var.pw'}
${options.extra ?? ''}}
`;
}

/** The record as the simulator stores it for a body (what Apinizer keeps, password included). */
export function storedRecord(body: SeedBody, deployedTo: string[] = ['production', 'staging']) {
  return { ...body, deployedTo };
}

export function credentialsIn(sims: Simulators, project = 'MyProject') {
  return sims.apinizer.snapshot().projects.find((p) => p.name === project)!.credentials;
}

/** Writes since the log was cleared, as "METHOD path". */
export function writesLogged(sims: Simulators): string[] {
  return sims.apinizer
    .requestLog()
    .filter((e) => e.method !== 'GET')
    .map((e) => `${e.method} ${e.path}`);
}

/** `terraform apply`, checking the summary line, then a plan that must find nothing to do. */
export async function applyConverged(tf: TerraformDir, summary: string | RegExp, env: NodeJS.ProcessEnv = {}, args: string[] = []): Promise<RunResult> {
  const applied = await tf.ok(['apply', '-auto-approve', '-input=false', ...args], env);
  if (typeof summary === 'string') expect(applied.stdout).toContain(summary);
  else expect(applied.stdout).toMatch(summary);
  const again = await tf.run(['plan', '-detailed-exitcode', '-input=false'], env);
  if (again.code !== 0) throw new Error(`the plan after apply is not empty (exit ${again.code}):\n${again.stdout}\n${again.stderr}`);
  return applied;
}

/** A change made outside Terraform, through Apinizer's own API (as a person with curl would). */
export async function apinizerApi(sims: Simulators, method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${sims.apinizer.url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${sims.apinizer.token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json().catch(() => undefined) };
}
