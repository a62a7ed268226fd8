/**
 * The test-wide canary scanner. Tests make their secrets with `canary()`; every terraform and cdktf
 * run records its output and its working directory here; after each test file, everything recorded
 * (command output at any TF_LOG level, state files, cdk.tf.json, plan summaries) is searched for every
 * canary, and a find fails the suite.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const canaries = new Set<string>();
const outputs: { where: string; text: string }[] = [];
const dirs = new Set<string>();

/** A unique secret value the scanner will look for everywhere. */
export function canary(label = 'secret'): string {
  const value = `cnry-${label}-${randomBytes(8).toString('hex')}`;
  canaries.add(value);
  return value;
}

/** Registers a secret value made some other way (e.g. a fixed test token). */
export function watchSecret(value: string): void {
  canaries.add(value);
}

export function recordOutput(where: string, text: string): void {
  if (text) outputs.push({ where, text });
}

export function recordDir(dir: string): void {
  dirs.add(dir);
}

/** Files Terraform and cdktf write that must never hold a secret. */
const SCANNED = /(\.tfstate(\.backup)?|cdk\.tf\.json|\.tfplan\.json|plan-summary\.md|\.log)$/;
const SKIPPED_DIRS = new Set(['.terraform', 'terraform.d', 'node_modules', 'build']);

function files(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    const st = statSync(full);
    if (st.isDirectory()) {
      if (!SKIPPED_DIRS.has(name)) files(full, out);
    } else if (SCANNED.test(name) && st.size < 50 * 1024 * 1024) out.push(full);
  }
  return out;
}

export function scanForCanaries(): string[] {
  const findings: string[] = [];
  if (!canaries.size) return findings;
  const check = (where: string, text: string) => {
    for (const c of canaries) if (text.includes(c)) findings.push(`${c} found in ${where}`);
  };
  for (const o of outputs) check(o.where, o.text);
  for (const d of dirs) for (const f of files(d)) check(f, readFileSync(f, 'utf8'));
  return findings;
}

/** Forget what was recorded (the scan runs per test file). */
export function resetCanaryScan(): void {
  outputs.length = 0;
  dirs.clear();
}

export function canaryCount(): number {
  return canaries.size;
}
