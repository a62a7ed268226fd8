/**
 * Synth-time validation of construct props against a vendor's schema (the same zod schemas the
 * provider uses at `terraform validate`), so a mistake fails `cdktf synth` with the construct path
 * and the field. Values that are still tokens are skipped: Terraform checks them once known.
 */
import { Token } from 'cdktf';
import type { IConstruct } from 'constructs';
import type { Block } from '../tfplugin/schema/attribute';
import { camelCase } from './naming';

function containsToken(value: unknown): boolean {
  if (typeof value === 'string') return Token.isUnresolved(value);
  if (typeof value === 'number') return Token.isUnresolved(value);
  if (Array.isArray(value)) return Token.isUnresolved(value) || value.some(containsToken);
  if (value && typeof value === 'object') return Token.isUnresolved(value) || Object.values(value).some(containsToken);
  return false;
}

function formatPath(field: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, step) => (typeof step === 'number' ? `${acc}[${step}]` : `${acc}.${String(step)}`), field);
}

export class PropsValidationError extends Error {
  constructor(
    readonly constructPath: string,
    readonly issues: readonly { field: string; message: string }[],
  ) {
    super(`[${constructPath}] invalid props:\n${issues.map((i) => `  - ${i.field}: ${i.message}`).join('\n')}`);
    this.name = 'PropsValidationError';
  }
}

/**
 * Checks snake_case attribute values against `block`; reports fields by their camelCase prop names
 * (`prefix` for nested blocks, e.g. `dx.baseUrl`). Throws one error listing every problem.
 */
export function validateAttributes(scope: IConstruct, block: Block, attrs: Record<string, unknown>, prefix = ''): void {
  const issues = collectIssues(block, attrs, prefix);
  if (issues.length) throw new PropsValidationError(scope.node.path, issues);
}

export function collectIssues(block: Block, attrs: Record<string, unknown>, prefix = ''): { field: string; message: string }[] {
  const issues: { field: string; message: string }[] = [];
  for (const [name, attr] of Object.entries(block.attributes)) {
    const value = attrs[name];
    const field = prefix + camelCase(name);
    if (value === undefined || value === null) {
      if (attr.mode === 'required') issues.push({ field, message: 'is required' });
      continue;
    }
    if (attr.mode === 'computed') {
      issues.push({ field, message: 'is computed by the provider and cannot be set' });
      continue;
    }
    if (containsToken(value)) continue;
    const r = attr.schema.safeParse(value);
    if (!r.success) for (const issue of r.error.issues) issues.push({ field: formatPath(field, issue.path), message: issue.message });
  }
  for (const [name, nested] of Object.entries(block.blocks ?? {})) {
    const value = attrs[name];
    if (value && typeof value === 'object' && !containsToken(value) && nested.nesting === 'single') {
      issues.push(...collectIssues(nested.block, value as Record<string, unknown>, `${prefix}${camelCase(name)}.`));
    }
  }
  return issues;
}
