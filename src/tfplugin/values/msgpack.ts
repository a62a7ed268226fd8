/**
 * DynamicValue's msgpack form, driven by the type as cty's msgpack package does
 * (docs/plugin-protocol/object-wire-format.md in hashicorp/terraform):
 *
 *   null → nil; unknown → extension 0 (d4 00 00), or extension 12 whose payload is a msgpack map of
 *   refinements (kept and written back byte for byte); string → str; number → int, float64, or str
 *   for what neither holds exactly; bool → bool; list/set/tuple → array; map/object → map with string
 *   keys; dynamic → [bin(type JSON), value].
 *
 * Conventions of the engine's values (see ./types.ts and ./numbers.ts):
 *   - Numbers decode to their canonical form: number, bigint beyond 2^53, PreciseNumber otherwise.
 *   - An object decodes with exactly its type's attributes (an optional attribute that is absent
 *     decodes as null). Encoding, an attribute missing from the JS object (or undefined) is null;
 *     keys that are not attributes are an error naming them.
 *   - A value of dynamic type is a DynamicValueOf, null, or Unknown (whose refinements are dropped:
 *     cty has none for dynamic values).
 * Errors are ValueErrors whose path names the attribute, index or map key.
 */
import { ValueError, type ValuePathStep } from './errors';
import { describeFormat, isExtension, isMapHeader, NIL, Reader, Writer } from './msgpack-io';
import { objectInfo, type ObjectInfo, type ObjectType } from './object-info';
import { parseNumber } from './numbers';
import { parseTypeJson, setOwn, typeToJsonString } from './type-json';
import { DynamicValueOf, PreciseNumber, Unknown, type TfType, type TfValue } from './types';

// Globals read once into module constants: inside a vm context (as under Jest) every global lookup
// goes through a slow interceptor, while a module constant costs nothing.
const hasOwnProperty = Object.prototype.hasOwnProperty;
const hasOwn = (o: object, k: string): boolean => hasOwnProperty.call(o, k);
const objectToString = Object.prototype.toString;
const objectKeys = Object.keys;
const isArray = Array.isArray;
const isView = ArrayBuffer.isView;
const isInteger = Number.isInteger;
const isSafeInteger = Number.isSafeInteger;
const toBigInt = BigInt;
const NodeBuffer = Buffer;

export { ValueError } from './errors';
export type { ValuePath, ValuePathStep } from './errors';

/** Extension code of an unknown carrying refinements. */
export const REFINED_UNKNOWN_EXTENSION = 12;
/** cty refuses refinement payloads beyond this size. */
const MAX_REFINEMENT_BYTES = 1024;

// ---------------------------------------------------------------------------------------------
// Decoding

/** Decodes msgpack bytes as a value of `type`. Throws a ValueError naming the path of a mismatch. */
export function decodeMsgpack(bytes: Uint8Array, type: TfType): TfValue {
  const r = new Reader(bytes, []);
  const value = decodeValue(r, type);
  if (r.pos !== bytes.length) throw new ValueError([], `${bytes.length - r.pos} unexpected bytes after the value`);
  return value;
}

/** @internal Decodes one value at the reader's position (shared with ./refinements). */
export function decodeValue(r: Reader, type: TfType): TfValue {
  const b = r.peek();
  if (isExtension(b)) return decodeUnknown(r, type);
  if (type.kind === 'dynamic') return decodeDynamic(r);
  if (b === NIL) {
    r.pos++;
    return null;
  }
  const path = r.path;
  switch (type.kind) {
    case 'string': {
      const s = r.stringOrNull();
      return s !== null ? s : r.fail(`a string is required (got ${describeFormat(b)})`);
    }
    case 'number':
      return decodeNumber(r, b);
    case 'bool':
      if (b === 0xc2 || b === 0xc3) {
        r.pos++;
        return b === 0xc3;
      }
      return r.fail(`a bool is required (got ${describeFormat(b)})`);
    case 'list':
    case 'set': {
      const n = r.arrayHeader();
      if (n < 0) return r.fail(`a ${type.kind} is required (got ${describeFormat(b)})`);
      const out: TfValue[] = [];
      const element = type.element;
      const depth = path.length;
      path.push(0);
      for (let i = 0; i < n; i++) {
        path[depth] = i;
        out.push(decodeValue(r, element));
      }
      path.pop();
      return out;
    }
    case 'tuple': {
      const n = r.arrayHeader();
      if (n < 0) return r.fail(`a tuple is required (got ${describeFormat(b)})`);
      const elements = type.elements;
      if (n !== elements.length) return r.fail(`a tuple of length ${elements.length} is required (got ${n} elements)`);
      const out: TfValue[] = [];
      const depth = path.length;
      path.push(0);
      for (let i = 0; i < n; i++) {
        path[depth] = i;
        out.push(decodeValue(r, elements[i]));
      }
      path.pop();
      return out;
    }
    case 'map': {
      const n = r.mapHeader();
      if (n < 0) return r.fail(`a map is required (got ${describeFormat(b)})`);
      const out: Record<string, TfValue> = {};
      const element = type.element;
      for (let i = 0; i < n; i++) {
        const key = r.stringOrNull();
        if (key === null) return r.fail(`map keys must be strings (got ${describeFormat(r.buf[r.pos])})`);
        path.push({ key });
        if (hasOwn(out, key)) r.fail('duplicate map key');
        const v = decodeValue(r, element);
        path.pop();
        setOwn(out, key, v);
      }
      return out;
    }
    case 'object':
      return decodeObject(r, type, b);
    default:
      return r.fail(`unsupported type ${JSON.stringify(type)}`);
  }
}

function decodeObject(r: Reader, type: ObjectType, b: number): TfValue {
  const n = r.mapHeader();
  if (n < 0) return r.fail(`an object is required (got ${describeFormat(b)})`);
  const info = objectInfo(type);
  const { names, encodedNames } = info;
  const count = names.length;
  const path = r.path;
  const out: Record<string, TfValue> = {};
  // Which attributes were seen: bits of a number for up to 31 attributes, else a set.
  let seenBits = 0;
  const seenSet = count > 31 ? new Set<number>() : null;
  let guess = 0;
  for (let i = 0; i < n; i++) {
    // cty writes attributes sorted, as `names` is: expect the next name, and compare its bytes
    // rather than make a string of them (which would also have to be interned for the store).
    let index: number | undefined;
    if (guess < count && r.skipIfNext(encodedNames[guess])) index = guess;
    else {
      const key = r.stringOrNull();
      if (key === null) return r.fail(`attribute names must be strings (got ${describeFormat(r.buf[r.pos])})`);
      index = info.index.get(key);
      if (index === undefined) {
        path.push(key);
        return r.fail(`unsupported attribute: ${objectShape(info, n)}`);
      }
    }
    const name = names[index];
    path.push(name);
    if (seenSet) {
      if (seenSet.has(index)) r.fail('duplicate attribute');
      seenSet.add(index);
    } else {
      if (seenBits & (1 << index)) r.fail('duplicate attribute');
      seenBits |= 1 << index;
    }
    const v = decodeValue(r, info.types[index]);
    path.pop();
    if (name === '__proto__') setOwn(out, name, v);
    else out[name] = v;
    guess = index + 1;
  }
  if (n !== count) {
    // Some are missing (duplicates were refused): null if optional, else an error.
    names.forEach((name, index) => {
      if (seenSet ? seenSet.has(index) : seenBits & (1 << index)) return;
      if (info.optional?.has(name)) setOwn(out, name, null);
      else throw new ValueError([...path, name], `missing attribute: ${objectShape(info, n)}`);
    });
  }
  return out;
}

function objectShape(info: ObjectInfo, given: number): string {
  const count = info.names.length;
  return `an object with ${count} attribute${count === 1 ? '' : 's'} is required (${given} given)`;
}

function decodeNumber(r: Reader, b: number): TfValue {
  if (b <= 0x7f) {
    r.pos++;
    return b;
  }
  if (b >= 0xe0) {
    r.pos++;
    return b - 0x100;
  }
  switch (b) {
    case 0xcc:
      r.pos++;
      return r.u8();
    case 0xcd:
      r.pos++;
      return r.u16();
    case 0xce:
      r.pos++;
      return r.u32();
    case 0xcf:
      r.pos++;
      return r.u64();
    case 0xd0:
      r.pos++;
      return r.i8();
    case 0xd1:
      r.pos++;
      return r.i16();
    case 0xd2:
      r.pos++;
      return r.i32();
    case 0xd3:
      r.pos++;
      return r.i64();
    case 0xca:
      r.pos++;
      return fromDouble(r, r.f32());
    case 0xcb:
      r.pos++;
      return fromDouble(r, r.f64());
    default: {
      const text = r.stringOrNull();
      if (text === null) return r.fail(`a number is required (got ${describeFormat(b)})`);
      try {
        return parseNumber(text);
      } catch (e) {
        return r.fail(e instanceof ValueError ? e.reason : String(e));
      }
    }
  }
}

/** A decoded double in canonical form: no -0, integers beyond 2^53 as bigint, no NaN. */
function fromDouble(r: Reader, d: number): number | bigint {
  if (d === 0) return 0;
  if (d !== d) return r.fail('a number is required (got NaN)');
  if (isInteger(d) && !isSafeInteger(d)) return toBigInt(d);
  return d;
}

function decodeUnknown(r: Reader, type: TfType): Unknown {
  const ext = r.extension();
  // Any extension is an unknown; only code 12 with a payload carries refinements, and cty has none
  // for values of dynamic type.
  if (ext.type !== REFINED_UNKNOWN_EXTENSION || ext.length <= 1 || type.kind === 'dynamic') return new Unknown();
  if (ext.length > MAX_REFINEMENT_BYTES) r.fail('oversize unknown value refinement');
  if (!isMapHeader(r.buf[ext.start])) r.fail('unknown value refinements must be a msgpack map');
  const refinement = new Uint8Array(ext.length);
  refinement.set(r.buf.subarray(ext.start, ext.start + ext.length));
  return new Unknown(refinement);
}

function decodeDynamic(r: Reader): TfValue {
  const b = r.peek();
  if (b === NIL) {
    r.pos++;
    return null;
  }
  const n = r.arrayHeader();
  if (n !== 2) r.fail(`a dynamic value must be a two-element array [type, value] (got ${n < 0 ? describeFormat(b) : `${n} elements`})`);
  const typeText = r.stringOrNull();
  if (typeText === null) return r.fail('a dynamic value must start with its type as JSON bytes');
  let type: TfType;
  try {
    type = parseTypeJson(typeText);
  } catch (e) {
    return r.fail(e instanceof ValueError ? e.reason : String(e));
  }
  const value = decodeValue(r, type);
  // A value whose own type is dynamic can only be null or unknown: no wrapper for those.
  return type.kind === 'dynamic' ? value : new DynamicValueOf(type, value);
}

// ---------------------------------------------------------------------------------------------
// Encoding

let sharedWriter: Writer | null = new Writer();

/** Encodes a value of `type` as msgpack. Throws a ValueError naming the path of a mismatch. */
export function encodeMsgpack(value: TfValue, type: TfType): Uint8Array {
  // One writer serves all calls; a call made while it is in use (none today) gets its own.
  const w = sharedWriter ?? new Writer();
  sharedWriter = null;
  try {
    w.reset();
    encodeValue(w, value, type, []);
    return w.finish();
  } finally {
    sharedWriter = w;
  }
}

const UNKNOWN_BYTES = Uint8Array.of(0xd4, 0x00, 0x00);

/** @internal Encodes one value (shared with ./refinements). */
export function encodeValue(w: Writer, value: TfValue | undefined, type: TfType, path: ValuePathStep[]): void {
  if (value === null || value === undefined) return w.nil();
  if (value instanceof Unknown) {
    const refinement = value.refinement;
    if (!refinement || refinement.length <= 1 || type.kind === 'dynamic') return w.bytes(UNKNOWN_BYTES);
    if (!isMapHeader(refinement[0])) throw new ValueError(path, 'unknown value refinements must be a msgpack map');
    return w.extension(REFINED_UNKNOWN_EXTENSION, refinement);
  }
  switch (type.kind) {
    case 'string':
      if (typeof value !== 'string') throw mismatch(path, 'a string', value);
      return w.string(value);
    case 'number':
      return encodeNumber(w, value, path);
    case 'bool':
      if (typeof value !== 'boolean') throw mismatch(path, 'a bool', value);
      return w.bool(value);
    case 'list':
    case 'set': {
      if (!isArray(value)) throw mismatch(path, `a ${type.kind} (array)`, value);
      const n = value.length;
      w.arrayHeader(n);
      const depth = path.length;
      path.push(0);
      for (let i = 0; i < n; i++) {
        path[depth] = i;
        encodeValue(w, value[i], type.element, path);
      }
      path.pop();
      return;
    }
    case 'tuple': {
      if (!isArray(value)) throw mismatch(path, 'a tuple (array)', value);
      const elements = type.elements;
      if (value.length !== elements.length) throw new ValueError(path, `a tuple of length ${elements.length} is required (got ${value.length} elements)`);
      w.arrayHeader(elements.length);
      const depth = path.length;
      path.push(0);
      for (let i = 0; i < elements.length; i++) {
        path[depth] = i;
        encodeValue(w, value[i], elements[i], path);
      }
      path.pop();
      return;
    }
    case 'map': {
      if (!isRecord(value)) throw mismatch(path, 'a map (object)', value);
      const keys = objectKeys(value);
      w.mapHeader(keys.length);
      for (const key of keys) {
        w.string(key);
        path.push({ key });
        encodeValue(w, value[key], type.element, path);
        path.pop();
      }
      return;
    }
    case 'object':
      return encodeObject(w, value, type, path);
    case 'dynamic': {
      if (!(value instanceof DynamicValueOf)) {
        throw new ValueError(path, `a value of dynamic type must be a DynamicValueOf, null or Unknown (got ${describeValue(value)})`);
      }
      if (value.type.kind === 'dynamic') return encodeValue(w, value.value, value.type, path);
      w.arrayHeader(2);
      w.binary(typeJsonBytes(value.type));
      return encodeValue(w, value.value, value.type, path);
    }
    default:
      throw new ValueError(path, `unsupported type ${JSON.stringify(type)}`);
  }
}

function encodeObject(w: Writer, value: TfValue, type: ObjectType, path: ValuePathStep[]): void {
  if (!isRecord(value)) throw mismatch(path, 'an object', value);
  const attributes = type.attributes;
  const info = objectInfo(type);
  const { names, encodedNames, types, inherited } = info;
  w.mapHeader(names.length);
  let present = 0;
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    let v: TfValue | undefined = value[name];
    if (v !== undefined && inherited[i] && !hasOwn(value, name)) v = undefined;
    if (v !== undefined) present++;
    w.bytes(encodedNames[i]);
    path.push(name);
    encodeValue(w, v, types[i], path);
    path.pop();
  }
  // More own keys than attributes given: keys that are not attributes, mistakes worth naming (one
  // whose value is undefined counts as absent).
  if (objectKeys(value).length > present) {
    const extra = objectKeys(value).filter((key) => !hasOwn(attributes, key) && value[key] !== undefined);
    if (extra.length) {
      const list = extra.map((k) => JSON.stringify(k)).join(', ');
      const expected = names.length === 0 ? 'no attributes' : `attributes ${names.map((k) => JSON.stringify(k)).join(', ')}`;
      throw new ValueError(extra.length === 1 ? [...path, extra[0]] : path, `unsupported attribute${extra.length === 1 ? '' : 's'} ${list}: the type has ${expected}`);
    }
  }
}

const INT64_MIN = -(2 ** 63);
const UINT64_LIMIT = 2 ** 64;
const BIG_INT64_MIN = -(1n << 63n);
const BIG_UINT64_LIMIT = 1n << 64n;

function encodeNumber(w: Writer, value: TfValue, path: ValuePathStep[]): void {
  if (typeof value === 'number') {
    if (isInteger(value)) {
      // As cty: integers as msgpack integers when 64 bits hold them, else exact decimal text.
      if (isSafeInteger(value)) return w.int(value);
      if (value >= INT64_MIN && value < UINT64_LIMIT) return w.bigint(toBigInt(value));
      return w.string(toBigInt(value).toString());
    }
    if (value !== value) throw new ValueError(path, 'NaN is not a number Terraform can hold');
    return w.f64(value); // non-integers and ±Infinity
  }
  if (typeof value === 'bigint') {
    if (value >= BIG_INT64_MIN && value < BIG_UINT64_LIMIT) return w.bigint(value);
    return w.string(value.toString());
  }
  if (value instanceof PreciseNumber) {
    let canonical;
    try {
      canonical = parseNumber(value.text);
    } catch (e) {
      throw new ValueError(path, e instanceof ValueError ? e.reason : String(e));
    }
    if (canonical instanceof PreciseNumber) return w.string(canonical.text);
    return encodeNumber(w, canonical, path);
  }
  throw mismatch(path, 'a number', value);
}

// ---------------------------------------------------------------------------------------------
// Helpers

const typeJsonBytesCache = new WeakMap<TfType, Uint8Array>();

function typeJsonBytes(type: TfType): Uint8Array {
  let bytes = typeJsonBytesCache.get(type);
  if (!bytes) {
    bytes = NodeBuffer.from(typeToJsonString(type), 'utf8');
    typeJsonBytesCache.set(type, bytes);
  }
  return bytes;
}

function isRecord(v: unknown): v is Record<string, TfValue> {
  return (
    typeof v === 'object' &&
    v !== null &&
    !isArray(v) &&
    !(v instanceof Unknown) &&
    !(v instanceof PreciseNumber) &&
    !(v instanceof DynamicValueOf) &&
    !isView(v) &&
    objectToString.call(v) === '[object Object]'
  );
}

function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (v instanceof PreciseNumber) return 'a PreciseNumber';
  if (v instanceof DynamicValueOf) return 'a DynamicValueOf';
  if (typeof v === 'object') return 'an object';
  return `a ${typeof v}`;
}

function mismatch(path: ValuePathStep[], wanted: string, got: unknown): ValueError {
  return new ValueError(path, `${wanted} is required (got ${describeValue(got)})`);
}
