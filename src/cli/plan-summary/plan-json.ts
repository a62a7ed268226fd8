/** The parts of `terraform show -json <planfile>` the summary reads (format 1.x), checked with zod. */
import { z } from 'zod';

const change = z.object({
  actions: z.array(z.string()),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
  after_unknown: z.unknown().optional(),
  before_sensitive: z.unknown().optional(),
  after_sensitive: z.unknown().optional(),
  replace_paths: z.array(z.array(z.union([z.string(), z.number()]))).optional(),
  importing: z.object({ id: z.string().optional() }).passthrough().optional(),
});

export const resourceChangeSchema = z.object({
  address: z.string(),
  mode: z.string(),
  type: z.string(),
  name: z.string(),
  provider_name: z.string().optional(),
  change,
  action_reason: z.string().optional(),
});

export const planJsonSchema = z.object({
  format_version: z.string(),
  terraform_version: z.string().optional(),
  resource_changes: z.array(resourceChangeSchema).optional(),
  errored: z.boolean().optional(),
});

export type PlanJson = z.infer<typeof planJsonSchema>;
export type ResourceChange = z.infer<typeof resourceChangeSchema>;

/** A diagnostic from `terraform plan -json` (machine-readable UI) lines. */
export interface PlanDiagnostic {
  readonly severity: 'error' | 'warning';
  readonly summary: string;
  readonly detail: string;
  readonly address?: string;
  readonly attribute?: string;
}

const diagnosticLine = z.object({
  type: z.literal('diagnostic'),
  diagnostic: z.object({
    severity: z.enum(['error', 'warning']),
    summary: z.string(),
    detail: z.string().optional(),
    address: z.string().optional(),
    snippet: z.object({ context: z.string().nullable().optional(), code: z.string().optional() }).passthrough().optional(),
  }),
});

/** Picks the diagnostics out of `terraform plan -json` output (one JSON object per line). */
export function parseDiagnostics(jsonLines: string): PlanDiagnostic[] {
  const out: PlanDiagnostic[] = [];
  for (const line of jsonLines.split('\n')) {
    if (!line.trim().startsWith('{')) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      continue;
    }
    const r = diagnosticLine.safeParse(parsed);
    if (!r.success) continue;
    const d = r.data.diagnostic;
    const attribute = d.snippet?.code?.trim().match(/^([a-z_][a-z0-9_]*)\s*=/)?.[1];
    out.push({ severity: d.severity, summary: d.summary, detail: d.detail ?? '', address: d.address ?? d.snippet?.context?.match(/resource "([^"]+)" "([^"]+)"/)?.slice(1).join('.'), attribute });
  }
  return out;
}
