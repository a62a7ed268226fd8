/**
 * Checks a configuration value against a block: each known attribute against its zod schema, each
 * issue reported at the attribute's path. Values not known yet are skipped, as Terraform expects.
 */
import type { z } from 'zod';
import type { AttributePath, Diagnostics, PathStep } from '../diagnostics';
import { DynamicValueOf, PreciseNumber, Unknown, type TfValue } from '../values/types';
import type { Block } from './attribute';

/** True when a value holds no unknown anywhere inside it. */
export function isWhollyKnown(value: TfValue): boolean {
  if (value instanceof Unknown) return false;
  if (Array.isArray(value)) return value.every(isWhollyKnown);
  if (value instanceof DynamicValueOf) return isWhollyKnown(value.value);
  if (value !== null && typeof value === 'object' && !(value instanceof PreciseNumber)) {
    return Object.values(value).every(isWhollyKnown);
  }
  return true;
}

/** A known Terraform value as plain JavaScript, for zod and for resource code. */
export function toPlain(value: TfValue): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value;
  if (value instanceof PreciseNumber) return Number(value.text);
  if (value instanceof DynamicValueOf) return toPlain(value.value);
  if (value instanceof Unknown) return undefined;
  if (Array.isArray(value)) return value.map(toPlain);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = toPlain(v);
  return out;
}

function zodPathToSteps(path: readonly PropertyKey[]): PathStep[] {
  return path.map((p) => (typeof p === 'number' ? p : { key: String(p) }));
}

export function validateAttributeValue(
  schema: z.ZodType,
  value: TfValue,
  path: AttributePath,
  diags: Diagnostics,
): void {
  if (value === null || !isWhollyKnown(value)) return;
  const result = schema.safeParse(toPlain(value));
  if (result.success) return;
  for (const issue of result.error.issues) {
    const full = [...path, ...zodPathToSteps(issue.path)];
    diags.addAttributeError(full, 'Invalid attribute value', issue.message);
  }
}

export function validateBlockValue(block: Block, value: TfValue, path: AttributePath, diags: Diagnostics): void {
  if (value === null || value instanceof Unknown || typeof value !== 'object' || Array.isArray(value)) return;
  const obj = value as Record<string, TfValue>;
  for (const [name, attr] of Object.entries(block.attributes)) {
    const v = obj[name] ?? null;
    if (attr.mode === 'computed') continue;
    if (attr.deprecated && v !== null) diags.addAttributeWarning([...path, name], 'Deprecated attribute', attr.deprecated);
    validateAttributeValue(attr.schema, v, [...path, name], diags);
  }
  for (const [name, nested] of Object.entries(block.blocks ?? {})) {
    const v = obj[name] ?? null;
    if (nested.nesting === 'single') validateBlockValue(nested.block, v, [...path, name], diags);
    else if (Array.isArray(v)) v.forEach((item, i) => validateBlockValue(nested.block, item, [...path, name, i], diags));
  }
}
