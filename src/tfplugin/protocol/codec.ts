/**
 * Protobuf encoding and decoding of the tfplugin6 / go-plugin messages by full type name, e.g.
 * `encodeMessage('tfplugin6.PlanResourceChange.Response', {...})`.
 *
 * Each message type has a static encoder, decoder and converters, generated at build time from our
 * descriptors by protobufjs-cli (scripts/gen-protocol-codecs.js): nothing is built or generated at
 * run time, and the code lands in V8's code cache with the rest of the bundle. The reflection view of
 * the same descriptors (./reflection) is for the generator and the tests.
 *
 * Decoding conventions (`decodeMessage`):
 * - a plain object with the upstream snake_case keys;
 * - implicit-presence scalars are DEFAULTED when absent: `''`, `false`, `0`, enum `0`, empty Buffer;
 * - repeated fields are always arrays (`[]` when empty), maps always objects (`{}` when empty);
 * - sub-messages, proto3 `optional` fields and oneof members are OMITTED when absent (the key is not
 *   there; never `null`);
 * - enums are numbers (unknown values are kept as numbers);
 * - int64/uint64 are JS numbers (exact up to 2^53);
 * - bytes are `Buffer`s sharing memory with the input buffer.
 *
 * Encoding conventions (`encodeMessage`): a plain object; absent, `undefined` and `null` fields are
 * not written; proto3 implicit-presence scalars equal to their default (`''`, `false`, `0`, empty
 * bytes) are not written either, while oneof members and proto3 `optional` fields are written whenever
 * set (so `{ element_key_int: 0 }` does go out). Enums may be numbers or their names; bytes any
 * Uint8Array (or base64 string); int64 numbers, strings or Longs. A value of the wrong kind for a
 * message field throws a TypeError.
 */
import type { IConversionOptions, Writer } from 'protobufjs/minimal';
import generated from './static-codecs.generated';

export * from './types';

/** What the generated code holds for each message type. */
interface StaticType {
  encode(message: object, writer?: Writer): Writer;
  decode(input: Uint8Array): object;
  fromObject(object: Record<string, unknown>): object;
  toObject(message: object, options: IConversionOptions): Record<string, unknown>;
}

const typeCache = new Map<string, StaticType>();

/** How decoded messages become plain objects (the conventions at the top of this file). */
export const TO_OBJECT: IConversionOptions = {
  longs: Number,
  enums: Number,
  defaults: true,
  arrays: true,
  objects: true,
  oneofs: false,
};

/** The generated codec for a full name such as `tfplugin6.Schema.Attribute` (cached). */
function staticType(typeName: string): StaticType {
  let type = typeCache.get(typeName);
  if (!type) {
    // Namespaces are objects and message types constructors; a nested type is a property of its parent.
    let node: unknown = generated;
    for (const part of typeName.split('.')) {
      const holder = node !== null && (typeof node === 'object' || typeof node === 'function') ? (node as Record<string, unknown>) : undefined;
      node = holder && Object.hasOwn(holder, part) ? holder[part] : undefined;
    }
    if (typeof node !== 'function' || typeof (node as Partial<StaticType>).encode !== 'function') throw new Error(`unknown protocol message type '${typeName}'`);
    type = node as unknown as StaticType;
    typeCache.set(typeName, type);
  }
  return type;
}

/** A message already encoded (e.g. at build time): `encodeMessage` passes its bytes through as they are. */
export class PreEncoded {
  constructor(readonly bytes: Buffer) {}
}

/** Encodes a plain object as the message `typeName` (e.g. 'tfplugin6.PlanResourceChange.Response'). */
export function encodeMessage(typeName: string, obj: object): Buffer {
  if (obj instanceof PreEncoded) return obj.bytes;
  const type = staticType(typeName);
  const bytes = type.encode(type.fromObject(obj as Record<string, unknown>)).finish();
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * Decodes the message `typeName` into a plain object (conventions at the top of this file). The
 * type argument is trusted, not checked: use the matching interface from `./types`.
 */
export function decodeMessage<T>(typeName: string, buf: Buffer | Uint8Array): T {
  const type = staticType(typeName);
  const input = Buffer.isBuffer(buf) ? buf : Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  const obj = type.toObject(type.decode(input), TO_OBJECT);
  dropNulls(obj);
  return obj as T;
}

/** protobufjs renders an absent sub-message as `null` under `defaults`: make it an absent key (in place). */
export function dropNulls(obj: Record<string, unknown>): void {
  for (const key of Object.keys(obj)) {
    const value = obj[key];
    if (value === null) delete obj[key];
    else if (typeof value === 'object' && !(value instanceof Uint8Array)) {
      if (Array.isArray(value)) {
        for (const item of value) if (item !== null && typeof item === 'object' && !(item instanceof Uint8Array)) dropNulls(item);
      } else dropNulls(value as Record<string, unknown>);
    }
  }
}
