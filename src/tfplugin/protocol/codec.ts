/**
 * Protobuf encoding and decoding of the tfplugin6 / go-plugin messages by full type name, e.g.
 * `encodeMessage('tfplugin6.PlanResourceChange.Response', {...})`.
 *
 * The protobufjs Root is built once, on first use, from our JSON descriptors (no .proto parsing);
 * each Type is looked up once and cached, and protobufjs generates its encoder/decoder on that type's
 * first use.
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
import { Root, type IConversionOptions, type Type } from 'protobufjs/light';
import { goPluginDescriptor } from './go-plugin';
import { tfplugin6Descriptor } from './tfplugin6';
import { googleProtobufDescriptor } from './well-known';

export * from './types';

let root: Root | undefined;
const typeCache = new Map<string, Type>();

const TO_OBJECT: IConversionOptions = {
  longs: Number,
  enums: Number,
  defaults: true,
  arrays: true,
  objects: true,
  oneofs: false,
};

/** The protobufjs Root holding packages `tfplugin6`, `plugin` and `google.protobuf`; built on first call. */
export function protocolRoot(): Root {
  if (!root) {
    root = Root.fromJSON({
      nested: {
        tfplugin6: tfplugin6Descriptor,
        plugin: goPluginDescriptor,
        google: { nested: { protobuf: googleProtobufDescriptor } },
      },
    });
  }
  return root;
}

/** The reflected message type for a full name such as `tfplugin6.Schema.Attribute` (cached). */
export function messageType(typeName: string): Type {
  let type = typeCache.get(typeName);
  if (!type) {
    try {
      type = protocolRoot().lookupType(typeName);
    } catch {
      throw new Error(`unknown protocol message type '${typeName}'`);
    }
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
  const type = messageType(typeName);
  const bytes = type.encode(type.fromObject(obj as Record<string, unknown>)).finish();
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * Decodes the message `typeName` into a plain object (conventions at the top of this file). The
 * type argument is trusted, not checked: use the matching interface from `./types`.
 */
export function decodeMessage<T>(typeName: string, buf: Buffer | Uint8Array): T {
  const type = messageType(typeName);
  const input = Buffer.isBuffer(buf) ? buf : Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  const obj = type.toObject(type.decode(input), TO_OBJECT);
  dropNulls(obj);
  return obj as T;
}

/** protobufjs renders an absent sub-message as `null` under `defaults`: make it an absent key. */
function dropNulls(obj: Record<string, unknown>): void {
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
