/**
 * `settings_json` is compared as JSON, not as text: `{"a":1, "b":2}` and `{"b":2,"a":1}` are the
 * same settings, so neither a reformatted file nor DX's own key order can cause a plan.
 */
import { canonicalJson } from '../secret-rotation';

export type JsonObject = Record<string, unknown>;

export type ParsedObject = { ok: true; value: JsonObject } | { ok: false; why: string };

export function parseJsonObject(text: string): ParsedObject {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, why: `is not valid JSON (${(e as Error).message})` };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, why: `must be a JSON object, got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}` };
  }
  return { ok: true, value: value as JsonObject };
}

/** Canonical text of a settings object (keys sorted, no whitespace): what is stored after import or drift. */
export function settingsText(value: JsonObject): string {
  return canonicalJson(value);
}

/** True when two texts (or a text and an object) hold the same JSON object. Unparsable text equals nothing. */
export function sameSettings(a: string | JsonObject, b: string | JsonObject): boolean {
  const left = typeof a === 'string' ? parseJsonObject(a) : { ok: true as const, value: a };
  const right = typeof b === 'string' ? parseJsonObject(b) : { ok: true as const, value: b };
  return left.ok && right.ok && canonicalJson(left.value) === canonicalJson(right.value);
}
