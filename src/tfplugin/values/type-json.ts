/**
 * Terraform's JSON form of a type (cty's Type.MarshalJSON): what a schema attribute's `type` field
 * holds, and what a dynamic value carries with it.
 *
 *   "string" | "number" | "bool" | "dynamic"
 *   ["list", T] | ["set", T] | ["map", T]
 *   ["object", {"name": T, ...}] | ["object", {"name": T, ...}, ["optional", "names"]]
 *   ["tuple", [T, ...]]
 */
import { ValueError } from './errors';
import type { TfType } from './types';

const MAX_DEPTH = 500;

const PRIMITIVES: Readonly<Record<string, TfType>> = {
  string: { kind: 'string' },
  number: { kind: 'number' },
  bool: { kind: 'bool' },
  dynamic: { kind: 'dynamic' },
};

/** A type from its parsed JSON form. Throws a ValueError (empty path) for anything else. */
export function typeFromJson(json: unknown): TfType {
  return fromJson(json, 0);
}

function invalid(why: string): never {
  throw new ValueError([], `invalid type description: ${why}`);
}

function fromJson(json: unknown, depth: number): TfType {
  if (depth > MAX_DEPTH) invalid('nested too deeply');
  if (typeof json === 'string') {
    if (!Object.prototype.hasOwnProperty.call(PRIMITIVES, json)) invalid(`unknown primitive type ${JSON.stringify(json)}`);
    return PRIMITIVES[json];
  }
  if (!Array.isArray(json) || json.length < 2 || typeof json[0] !== 'string') invalid('expected a type name or a [kind, argument] array');
  const [kind, arg] = json as [string, unknown];
  switch (kind) {
    case 'list':
    case 'set':
    case 'map':
      if (json.length !== 2) invalid(`${kind} takes exactly one element type`);
      return { kind, element: fromJson(arg, depth + 1) };
    case 'tuple':
      if (json.length !== 2 || !Array.isArray(arg)) invalid('tuple takes an array of element types');
      return { kind: 'tuple', elements: (arg as unknown[]).map((t) => fromJson(t, depth + 1)) };
    case 'object': {
      if (json.length > 3 || arg === null || typeof arg !== 'object' || Array.isArray(arg)) invalid('object takes an object of attribute types');
      const attributes: Record<string, TfType> = {};
      for (const name of Object.keys(arg as object)) {
        setOwn(attributes, name, fromJson((arg as Record<string, unknown>)[name], depth + 1));
      }
      if (json.length === 3) {
        const optional = json[2] as unknown;
        if (!Array.isArray(optional) || !optional.every((n) => typeof n === 'string')) invalid('optional attributes must be an array of names');
        for (const n of optional as string[]) {
          if (!Object.prototype.hasOwnProperty.call(attributes, n)) invalid(`optional attribute ${JSON.stringify(n)} is not an attribute`);
        }
        if (optional.length) return { kind: 'object', attributes, optional: [...new Set(optional as string[])].sort() };
      }
      return { kind: 'object', attributes };
    }
    default:
      return invalid(`unknown type kind ${JSON.stringify(kind)}`);
  }
}

/** The JSON form of a type, as cty writes it (attribute names and optional names sorted). */
export function typeToJson(t: TfType): unknown {
  switch (t.kind) {
    case 'string':
    case 'number':
    case 'bool':
    case 'dynamic':
      return t.kind;
    case 'list':
    case 'set':
    case 'map':
      return [t.kind, typeToJson(t.element)];
    case 'tuple':
      return ['tuple', t.elements.map(typeToJson)];
    case 'object': {
      const attributes: Record<string, unknown> = {};
      for (const name of Object.keys(t.attributes).sort()) setOwn(attributes, name, typeToJson(t.attributes[name]));
      return t.optional && t.optional.length ? ['object', attributes, [...t.optional].sort()] : ['object', attributes];
    }
    default:
      throw new ValueError([], `not a type: ${JSON.stringify(t)}`);
  }
}

const jsonTextCache = new WeakMap<TfType, string>();

/** `JSON.stringify(typeToJson(t))`, remembered per type object. */
export function typeToJsonString(t: TfType): string {
  let text = jsonTextCache.get(t);
  if (text === undefined) {
    text = JSON.stringify(typeToJson(t));
    jsonTextCache.set(t, text);
  }
  return text;
}

const parsedCache = new Map<string, TfType>();

/** A type from its JSON text or bytes (as in a schema attribute or a dynamic value); remembered. */
export function parseTypeJson(text: string | Uint8Array): TfType {
  const s = typeof text === 'string' ? text : Buffer.from(text.buffer, text.byteOffset, text.byteLength).toString('utf8');
  let t = parsedCache.get(s);
  if (t === undefined) {
    let json: unknown;
    try {
      json = JSON.parse(s);
    } catch {
      invalid(`not JSON: ${JSON.stringify(s.length > 60 ? `${s.slice(0, 60)}…` : s)}`);
    }
    t = typeFromJson(json);
    if (parsedCache.size >= 512) parsedCache.clear();
    parsedCache.set(s, t);
  }
  return t;
}

/** Structural equality of types (optional-attribute lists included). */
export function typesEqual(a: TfType, b: TfType): boolean {
  if (a === b) return true;
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'list':
    case 'set':
    case 'map':
      return typesEqual(a.element, (b as typeof a).element);
    case 'tuple': {
      const be = (b as typeof a).elements;
      return a.elements.length === be.length && a.elements.every((t, i) => typesEqual(t, be[i]));
    }
    case 'object': {
      const bo = b as typeof a;
      const an = Object.keys(a.attributes);
      if (an.length !== Object.keys(bo.attributes).length) return false;
      if (!an.every((n) => Object.prototype.hasOwnProperty.call(bo.attributes, n) && typesEqual(a.attributes[n], bo.attributes[n]))) return false;
      const ao = [...(a.optional ?? [])].sort();
      const bopt = [...(bo.optional ?? [])].sort();
      return ao.length === bopt.length && ao.every((n, i) => n === bopt[i]);
    }
    default:
      return true;
  }
}

/** A short human name for messages: "string", "list of number", "object". */
export function describeType(t: TfType): string {
  switch (t.kind) {
    case 'list':
    case 'set':
    case 'map':
      return `${t.kind} of ${describeType(t.element)}`;
    default:
      return t.kind;
  }
}

/** Sets an own property, even one named "__proto__". */
export function setOwn<V>(obj: Record<string, V>, key: string, value: V): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}
