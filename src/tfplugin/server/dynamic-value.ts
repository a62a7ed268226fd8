/** DynamicValue (msgpack or JSON bytes) to and from engine values, and private state bytes. */
import type { DynamicValue } from '../protocol/types';
import { decodeJsonValue } from '../values/json';
import { decodeMsgpack, encodeMsgpack } from '../values/msgpack';
import type { TfType, TfValue } from '../values/types';
import type { PrivateState } from '../resource';

export function decodeDynamic(dv: DynamicValue | undefined, type: TfType): TfValue {
  if (dv?.msgpack && dv.msgpack.length > 0) return decodeMsgpack(dv.msgpack, type);
  if (dv?.json && dv.json.length > 0) return decodeJsonValue(Buffer.from(dv.json).toString('utf8'), type).value;
  return null;
}

export function encodeDynamic(value: TfValue, type: TfType): DynamicValue {
  return { msgpack: encodeMsgpack(value, type) };
}

/** Private state travels as opaque bytes; ours is a small JSON object. */
export function decodePrivate(bytes: Uint8Array | undefined): PrivateState {
  if (!bytes || bytes.length === 0) return {};
  try {
    const parsed: unknown = JSON.parse(Buffer.from(bytes).toString('utf8'));
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as PrivateState) : {};
  } catch {
    return {};
  }
}

export function encodePrivate(priv: PrivateState): Buffer {
  return Object.keys(priv).length === 0 ? Buffer.alloc(0) : Buffer.from(JSON.stringify(priv));
}
