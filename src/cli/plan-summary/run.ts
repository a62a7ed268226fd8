/**
 * `credform plan-summary <PLAN.json | DIR> [--diagnostics FILE] [--stack NAME]`
 *
 * PLAN.json is `terraform show -json <planfile>`; `--diagnostics` takes the output of
 * `terraform plan -json` (so plan-time check failures appear). DIR is a cdktf project, its
 * `cdktf.out`, or a directory of stacks: each stack is planned here (init, plan) and summarized.
 * Exit status: 0 no changes, 2 changes, 1 errors (plan-time checks failed or bad input).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { CommandArgsError, parseCommandArgs } from '../../command-args';
import { credformProvider } from '../../vendors/provider';
import { parseDiagnostics, planJsonSchema, type PlanDiagnostic } from './plan-json';
import { countActions, renderMarkdown } from './render-markdown';
import { summarizePlan, type SchemaInfo, type StackSummary } from './summarize';

export const EXIT_NO_CHANGES = 0;
export const EXIT_ERRORS = 1;
export const EXIT_CHANGES = 2;

/** What the summary needs to know of credform's resource schemas. */
export function schemaInfo(): SchemaInfo {
  const secretAttributes: Record<string, Set<string>> = {};
  const computedAttributes: Record<string, Set<string>> = {};
  for (const r of credformProvider({}).resources) {
    const attributes = Object.entries(r.schema.block.attributes);
    secretAttributes[r.typeName] = new Set(attributes.filter(([, a]) => a.sensitive || a.writeOnly).map(([n]) => n));
    computedAttributes[r.typeName] = new Set(attributes.filter(([, a]) => a.mode === 'computed').map(([n]) => n));
  }
  return { secretAttributes, computedAttributes };
}

/** Every value the plan marks sensitive, so the rendered text can be checked for them. */
function sensitiveValues(value: unknown, mask: unknown, out: string[]): void {
  if (mask === true) {
    const collect = (v: unknown): void => {
      if (typeof v === 'string' && v.length >= 3) out.push(v);
      else if (Array.isArray(v)) v.forEach(collect);
      else if (v && typeof v === 'object') Object.values(v).forEach(collect);
    };
    collect(value);
    return;
  }
  if (Array.isArray(mask) && Array.isArray(value)) mask.forEach((m, i) => sensitiveValues(value[i], m, out));
  else if (mask && typeof mask === 'object' && value && typeof value === 'object') {
    for (const [k, m] of Object.entries(mask)) sensitiveValues((value as Record<string, unknown>)[k], m, out);
  }
}

function planSecrets(raw: unknown): string[] {
  const out: string[] = [];
  const changes = (raw as { resource_changes?: { change?: Record<string, unknown> }[] }).resource_changes ?? [];
  for (const rc of changes) {
    sensitiveValues(rc.change?.before, rc.change?.before_sensitive, out);
    sensitiveValues(rc.change?.after, rc.change?.after_sensitive, out);
  }
  return out;
}

function summarizeFile(file: string, stack: string, diagnostics: PlanDiagnostic[], info: SchemaInfo, secrets: string[]): StackSummary {
  const raw: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const plan = planJsonSchema.parse(raw);
  secrets.push(...planSecrets(raw));
  return summarizePlan(stack, plan, diagnostics, info);
}

function stackDirs(dir: string): string[] {
  const candidates = [join(dir, 'cdktf.out', 'stacks'), join(dir, 'stacks'), dir];
  for (const c of candidates) {
    if (!existsSync(c) || !statSync(c).isDirectory()) continue;
    if (existsSync(join(c, 'cdk.tf.json'))) return [c];
    const stacks = readdirSync(c).map((n) => join(c, n)).filter((p) => existsSync(join(p, 'cdk.tf.json')));
    if (stacks.length) return stacks.sort();
  }
  return [];
}

function terraform(cwd: string, args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync('terraform', args, { cwd, encoding: 'utf8', env: { ...process.env, TF_IN_AUTOMATION: '1' }, maxBuffer: 256 * 1024 * 1024 });
  return { code: r.status ?? 1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

function planStack(dir: string, info: SchemaInfo, secrets: string[]): StackSummary {
  const stack = basename(dir);
  if (!existsSync(join(dir, '.terraform'))) {
    const init = terraform(dir, ['init', '-input=false', '-no-color']);
    if (init.code !== 0) return { stack, changes: [], diagnostics: [{ severity: 'error', summary: 'terraform init failed', detail: init.stderr.trim() }] };
  }
  const plan = terraform(dir, ['plan', '-input=false', '-json', '-lock-timeout=60s', '-out=credform-summary.tfplan']);
  const diagnostics = parseDiagnostics(plan.stdout);
  if (plan.code !== 0) {
    if (!diagnostics.some((d) => d.severity === 'error')) diagnostics.push({ severity: 'error', summary: 'terraform plan failed', detail: plan.stderr.trim() });
    return { stack, changes: [], diagnostics };
  }
  const show = terraform(dir, ['show', '-json', 'credform-summary.tfplan']);
  const raw: unknown = JSON.parse(show.stdout);
  secrets.push(...planSecrets(raw));
  return summarizePlan(stack, planJsonSchema.parse(raw), diagnostics, info);
}

/** Last line of defence: nothing the plan marks sensitive may leave in the text. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of [...new Set(secrets)].sort((a, b) => b.length - a.length)) {
    out = out.split(s).join('[redacted]');
    const escaped = JSON.stringify(s).slice(1, -1);
    if (escaped !== s) out = out.split(escaped).join('[redacted]');
  }
  return out;
}

export const PLAN_SUMMARY_USAGE = 'credform plan-summary <PLAN.json | DIR> [--diagnostics FILE] [--stack NAME]';

const PLAN_SUMMARY_OPTIONS = { diagnostics: { type: 'string' }, stack: { type: 'string' } } as const;

export function runPlanSummary(argv: readonly string[], write: (s: string) => void = (s) => process.stdout.write(s)): number {
  let target: string;
  let diagnosticsFile: string | undefined;
  let stackName: string | undefined;
  try {
    const { values, positionals } = parseCommandArgs('plan-summary', PLAN_SUMMARY_USAGE, argv, PLAN_SUMMARY_OPTIONS, { allowPositionals: true });
    if (positionals.length > 1) throw new CommandArgsError('plan-summary', PLAN_SUMMARY_USAGE, `unexpected argument ${JSON.stringify(positionals[1])}`);
    if (!positionals.length) throw new CommandArgsError('plan-summary', PLAN_SUMMARY_USAGE, 'give a plan JSON file or a directory');
    target = positionals[0]!;
    if (!existsSync(target)) throw new CommandArgsError('plan-summary', PLAN_SUMMARY_USAGE, `${JSON.stringify(target)} does not exist`);
    diagnosticsFile = values.diagnostics;
    stackName = values.stack;
  } catch (e) {
    if (!(e instanceof CommandArgsError)) throw e;
    process.stderr.write(`${e.message}\n`);
    return EXIT_ERRORS;
  }
  const info = schemaInfo();
  const secrets: string[] = [];
  let stacks: StackSummary[];
  try {
    if (statSync(target).isDirectory()) {
      const dirs = stackDirs(target);
      if (!dirs.length) throw new Error(`no synthesized stacks (cdk.tf.json) under ${target}: run \`cdktf synth\` first`);
      stacks = dirs.map((d) => planStack(d, info, secrets));
    } else {
      const diagnostics = diagnosticsFile ? parseDiagnostics(readFileSync(diagnosticsFile, 'utf8')) : [];
      stacks = [summarizeFile(target, stackName ?? basename(target).replace(/\.json$/, ''), diagnostics, info, secrets)];
    }
  } catch (e) {
    process.stderr.write(`credform plan-summary: ${(e as Error).message}\n`);
    return EXIT_ERRORS;
  }
  write(redact(renderMarkdown(stacks), secrets));
  if (stacks.some((s) => s.diagnostics.some((d) => d.severity === 'error'))) return EXIT_ERRORS;
  const counts = countActions(stacks);
  return Object.values(counts).some((n) => n > 0) ? EXIT_CHANGES : EXIT_NO_CHANGES;
}
