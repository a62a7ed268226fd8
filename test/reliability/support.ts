/**
 * Shared by the reliability tests: a configuration of N credentials per vendor (every natural key
 * distinct, every secret derived from one canary), and the two views to reconcile after each run —
 * what the simulated vendors hold (their snapshots) and what Terraform's state holds.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FaultOptions, Simulators } from '../../src/simulators';
import type { TerraformDir } from '../support/terraform';

export const VENDORS = ['dx', 'apinizer', 'ox', 'tines'] as const;
export type Vendor = (typeof VENDORS)[number];

export const RESOURCE_TYPE: Record<Vendor, string> = {
  dx: 'credform_dx_credential',
  apinizer: 'credform_apinizer_credential',
  ox: 'credform_ox_connector_credentials',
  tines: 'credform_tines_text_credential',
};

/** The environment variable the one ephemeral secret of the configuration is read from. */
export const SECRET_ENV = 'RELIABILITY_SECRET';

export interface FleetOptions {
  /** Credentials per vendor. */
  readonly perVendor: number;
  /** Prefix of every natural key, so that two configurations never share one. @default "rel" */
  readonly prefix?: string;
  /** Extra text inside `provider "credform" { … }`. */
  readonly providerBody?: string;
}

/**
 * HCL for `perVendor` credentials of each of the four resource types, with `count`. Each secret is
 * `<canary>-<vendor>-<index>`: distinct (DX refuses duplicate secrets on a connection), ephemeral
 * (from `credform_env_secret`, so never in plan or state), and found by the canary scanner if any
 * part of it leaks.
 */
export function fleetHcl({ perVendor, prefix = 'rel', providerBody = '' }: FleetOptions): string {
  const secret = (vendor: Vendor) => `"\${ephemeral.credform_env_secret.s.value}-${vendor}-\${count.index}"`;
  return `provider "credform" {
${providerBody}
}
ephemeral "credform_env_secret" "s" {
  name = "${SECRET_ENV}"
}
resource "credform_dx_credential" "c" {
  count         = ${perVendor}
  connection_id = 123
  label         = "${prefix}-dx-\${count.index}"
  settings_json = jsonencode({ jira_user = "${prefix}-\${count.index}@example.atlassian.net" })
  secrets_wo    = { api_token = ${secret('dx')} }
}
resource "credform_apinizer_credential" "c" {
  count        = ${perVendor}
  project_name = "MyProject"
  username     = "${prefix}-apinizer-\${count.index}"
  email        = "${prefix}-\${count.index}@example.com"
  full_name    = "Reliability \${count.index}"
  role_names   = ["API_USER"]
  password_wo  = ${secret('apinizer')}
}
resource "credform_ox_connector_credentials" "c" {
  count                  = ${perVendor}
  connector_id           = "2"
  credentials_type       = "UserPassword"
  credentials_name       = "${prefix}-ox-\${count.index}"
  credentials_input      = { name = "bot-\${count.index}" }
  credentials_secrets_wo = { password = ${secret('ox')} }
}
resource "credform_tines_text_credential" "c" {
  count    = ${perVendor}
  name     = "${prefix}-tines-\${count.index}"
  team_id  = 2
  value_wo = ${secret('tines')}
}
`;
}

/** One credential as the vendor holds it: its id (as state records it) and its natural key. */
export interface Held {
  readonly id: string;
  readonly key: string;
}

/** What each simulated vendor holds now (live credentials only; DX deletes softly). */
export function vendorHoldings(sims: Simulators): Record<Vendor, Held[]> {
  const dx = sims.dx.snapshot().credentials.filter((c) => c.deleted_at === null && c.connection_id === 123);
  const apinizer = sims.apinizer.snapshot().projects.find((p) => p.name === 'MyProject')?.credentials ?? [];
  const ox = sims.ox.snapshot().connectors.find((c) => c.id === '2')?.credentials ?? [];
  const tines = sims.tines.snapshot().credentials.filter((c) => c.team_id === 2);
  return {
    dx: dx.map((c) => ({ id: String(c.id), key: c.label })),
    apinizer: apinizer.map((c) => ({ id: `MyProject/${c.username}`, key: c.username })),
    ox: ox.map((c) => ({ id: String(c.credentialsId), key: String(c.credentialsName) })),
    tines: tines.map((c) => ({ id: String(c.id), key: c.name })),
  };
}

interface StateFile {
  resources?: Array<{ type: string; instances?: Array<{ attributes?: Record<string, unknown> }> }>;
}

/**
 * The vendor ids Terraform's state holds per vendor, read from `terraform.tfstate` directly (also
 * right after a kill, when no terraform command should touch the directory yet).
 */
export function stateIds(tf: TerraformDir): Record<Vendor, string[]> {
  const out: Record<Vendor, string[]> = { dx: [], apinizer: [], ox: [], tines: [] };
  const file = join(tf.dir, 'terraform.tfstate');
  if (!existsSync(file)) return out;
  const text = readFileSync(file, 'utf8');
  if (text.trim() === '') return out;
  const state = JSON.parse(text) as StateFile;
  for (const r of state.resources ?? []) {
    const vendor = VENDORS.find((v) => RESOURCE_TYPE[v] === r.type);
    if (!vendor) continue;
    for (const i of r.instances ?? []) {
      const a = i.attributes ?? {};
      const id = vendor === 'dx' ? a.credential_id : vendor === 'ox' ? a.credentials_id : a.id;
      out[vendor].push(String(id));
    }
  }
  return out;
}

export interface Reconciliation {
  readonly vendor: Record<Vendor, number>;
  readonly state: Record<Vendor, number>;
  /** Natural keys held more than once at a vendor. */
  readonly duplicates: string[];
  /** At a vendor but not in state: lost to Terraform (the next create would double it). */
  readonly orphans: string[];
  /** In state but not at the vendor. */
  readonly phantoms: string[];
}

/** Compares vendor and state, per vendor, by id; and the vendor's natural keys among themselves. */
export function reconcile(sims: Simulators, tf: TerraformDir): Reconciliation {
  const held = vendorHoldings(sims);
  const ids = stateIds(tf);
  const duplicates: string[] = [];
  const orphans: string[] = [];
  const phantoms: string[] = [];
  const vendor = {} as Record<Vendor, number>;
  const state = {} as Record<Vendor, number>;
  for (const v of VENDORS) {
    vendor[v] = held[v].length;
    state[v] = ids[v].length;
    const seen = new Map<string, number>();
    for (const h of held[v]) seen.set(h.key, (seen.get(h.key) ?? 0) + 1);
    for (const [key, n] of seen) if (n > 1) duplicates.push(`${v}:${key}×${n}`);
    const inState = new Set(ids[v]);
    const atVendor = new Set(held[v].map((h) => h.id));
    for (const h of held[v]) if (!inState.has(h.id)) orphans.push(`${v}:${h.key}(${h.id})`);
    for (const id of ids[v]) if (!atVendor.has(id)) phantoms.push(`${v}:${id}`);
  }
  return { vendor, state, duplicates, orphans, phantoms };
}

export function total(counts: Record<Vendor, number>): number {
  return VENDORS.reduce((n, v) => n + counts[v], 0);
}

/** Sets the same fault options on all four simulators (each with its own seed). */
export function setAllFaults(sims: Simulators, faults: (vendor: Vendor) => FaultOptions | undefined): void {
  for (const v of VENDORS) sims[v].setFaults(faults(v));
}

/** Counts of injected faults per vendor and kind, from the request logs. */
export function faultCounts(sims: Simulators): Record<Vendor, Record<string, number>> & { requests: Record<Vendor, number> } {
  const out = { requests: {} } as Record<Vendor, Record<string, number>> & { requests: Record<Vendor, number> };
  for (const v of VENDORS) {
    const counts: Record<string, number> = {};
    const log = sims[v].requestLog();
    for (const r of log) if (r.fault) counts[r.fault] = (counts[r.fault] ?? 0) + 1;
    out[v] = counts;
    out.requests[v] = sims[v].requestCount();
  }
  return out;
}

/** Error diagnostics' summaries in terraform's human output ("│ Error: …"), counted. */
export function errorSummaries(output: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of output.matchAll(/Error: ([^\n]+)/g)) out[m[1]!.trim()] = (out[m[1]!.trim()] ?? 0) + 1;
  return out;
}

export interface Relayed {
  readonly method: string;
  readonly path: string;
  readonly requestBody: string;
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** What a relay does with an answer: pass it on, drop it (destroy the connection unanswered), or rewrite it. */
export type RelayDecision = 'pass' | 'drop' | { readonly status?: number; readonly headers?: Record<string, string>; readonly body: string };

export interface Relay {
  readonly url: string;
  /** How many answers were dropped. */
  dropped(): number;
  stop(): Promise<void>;
}

/**
 * A loopback HTTP relay in front of a simulator: every request goes to `target` as it came, and the
 * vendor's answer is passed on, dropped or rewritten as `decide` says. The vendor has acted either way.
 */
export async function startRelay(target: string, decide: (exchange: Relayed) => RelayDecision): Promise<Relay> {
  const { createServer, request } = await import('node:http');
  let drops = 0;
  const upstream = new URL(target);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const requestBody = Buffer.concat(chunks);
      const headers = { ...req.headers, host: upstream.host };
      const out = request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers }, (answer) => {
        const parts: Buffer[] = [];
        answer.on('data', (c: Buffer) => parts.push(c));
        answer.on('end', () => {
          const body = Buffer.concat(parts).toString('utf8');
          const flatHeaders: Record<string, string> = {};
          for (const [k, v] of Object.entries(answer.headers)) if (v !== undefined) flatHeaders[k] = Array.isArray(v) ? v.join(', ') : v;
          const decision = decide({ method: req.method ?? 'GET', path: req.url ?? '/', requestBody: requestBody.toString('utf8'), status: answer.statusCode ?? 502, headers: flatHeaders, body });
          if (decision === 'drop') {
            drops += 1;
            req.socket.destroy();
            return;
          }
          const rewritten = decision === 'pass' ? { status: answer.statusCode ?? 502, headers: flatHeaders, body } : { status: decision.status ?? answer.statusCode ?? 502, headers: { ...flatHeaders, ...decision.headers }, body: decision.body };
          const { 'content-length': _length, 'transfer-encoding': _encoding, connection: _connection, ...keep } = rewritten.headers;
          res.writeHead(rewritten.status, { ...keep, 'content-length': Buffer.byteLength(rewritten.body) });
          res.end(rewritten.body);
        });
      });
      out.on('error', () => req.socket.destroy());
      out.end(requestBody);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    dropped: () => drops,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The GraphQL operation name of an OX request body, if any. */
export function graphQlOperation(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { operationName?: unknown };
    return typeof parsed.operationName === 'string' ? parsed.operationName : undefined;
  } catch {
    return undefined;
  }
}
