/** What the codecs need to know about an object type, worked out once per type object. */
import { Writer } from './msgpack-io';
import type { TfType } from './types';

export type ObjectType = Extract<TfType, { kind: 'object' }>;

export interface ObjectInfo {
  /** Attribute names in cty's order: sorted by their UTF-8 bytes (Go's sort.Strings). */
  readonly names: readonly string[];
  /** Each name already encoded as a msgpack string. */
  readonly encodedNames: readonly Uint8Array[];
  /** Each name's position in `names`, and the attribute types in that order. */
  readonly index: ReadonlyMap<string, number>;
  readonly types: readonly TfType[];
  readonly optional: ReadonlySet<string> | null;
  /** For each name: is it also a property of Object.prototype ("toString", "__proto__"...)? */
  readonly inherited: readonly boolean[];
}

const infos = new WeakMap<ObjectType, ObjectInfo>();

export function objectInfo(type: ObjectType): ObjectInfo {
  let info = infos.get(type);
  if (!info) {
    const w = new Writer();
    const entries = Object.keys(type.attributes).map((name) => {
      w.reset();
      w.string(name);
      return { name, encoded: w.finish() };
    });
    // Compare the names themselves: the encoded form would sort by its length header first.
    const utf8 = (s: string): Buffer => Buffer.from(s, 'utf8');
    entries.sort((a, b) => Buffer.compare(utf8(a.name), utf8(b.name)));
    const names = entries.map((e) => e.name);
    info = {
      names,
      encodedNames: entries.map((e) => e.encoded),
      index: new Map(names.map((name, i) => [name, i])),
      types: names.map((name) => type.attributes[name]),
      optional: type.optional && type.optional.length ? new Set(type.optional) : null,
      inherited: names.map((name) => name in Object.prototype),
    };
    infos.set(type, info);
  }
  return info;
}
