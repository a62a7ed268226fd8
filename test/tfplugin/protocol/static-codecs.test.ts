/**
 * The provider encodes and decodes through codecs generated at build time (protobufjs-cli static
 * code, scripts/gen-protocol-codecs.js); protobufjs reflection over the same descriptors is the
 * reference. For every message type of the protocol, random messages (every field kind: scalars of
 * each width, enums, bytes, nested messages, repeated fields, maps, oneofs and proto3 optionals)
 * must encode to the same bytes and decode to the same plain objects both ways. A codec generated
 * from other descriptors (a stale build) or with other options fails here.
 */
import fc from 'fast-check';
import { Enum, MapField, Namespace, Type, type Field, type ReflectionObject } from 'protobufjs/light';
import { TO_OBJECT, decodeMessage, dropNulls, encodeMessage } from '../../../src/tfplugin/protocol/codec';
import { protocolRoot } from '../../../src/tfplugin/protocol/reflection';

/** Every message type under `ns`, nested types included. */
function messageTypes(ns: Namespace | Type): Type[] {
  const out: Type[] = [];
  for (const child of ns.nestedArray as ReflectionObject[]) {
    if (child instanceof Type) out.push(child, ...messageTypes(child));
    else if (child instanceof Namespace) out.push(...messageTypes(child));
  }
  return out;
}

const root = protocolRoot();
root.resolveAll();
const TYPES = messageTypes(root);
const nameOf = (t: Type) => t.fullName.slice(1);

const INT64 = { min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER };
const SCALARS: Record<string, fc.Arbitrary<unknown>> = {
  string: fc.string({ maxLength: 12, unit: 'grapheme' }),
  bool: fc.boolean(),
  bytes: fc.uint8Array({ maxLength: 12 }).map((u) => Buffer.from(u)),
  int32: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
  sint32: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
  sfixed32: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
  uint32: fc.nat({ max: 2 ** 32 - 1 }),
  fixed32: fc.nat({ max: 2 ** 32 - 1 }),
  int64: fc.integer(INT64),
  sint64: fc.integer(INT64),
  sfixed64: fc.integer(INT64),
  uint64: fc.nat({ max: Number.MAX_SAFE_INTEGER }),
  fixed64: fc.nat({ max: Number.MAX_SAFE_INTEGER }),
  double: fc.double({ noNaN: true }),
  float: fc.float({ noNaN: true }),
};

function valueOf(field: Field, depth: number): fc.Arbitrary<unknown> {
  const resolved = field.resolvedType;
  if (resolved instanceof Enum) return fc.constantFrom(...Object.values(resolved.values));
  if (resolved instanceof Type) return messageOf(resolved, depth + 1);
  const scalar = SCALARS[field.type];
  if (!scalar) throw new Error(`no generator for field type ${field.type} (${field.fullName})`);
  return scalar;
}

/** Random plain objects of `type`: each field present or not; nesting stops at depth 3. */
function messageOf(type: Type, depth = 0): fc.Arbitrary<Record<string, unknown>> {
  if (depth > 3) return fc.constant({});
  const fields: Record<string, fc.Arbitrary<unknown>> = {};
  for (const field of type.fieldsArray) {
    const value = valueOf(field, depth);
    if (field instanceof MapField) {
      const key = field.keyType === 'string' ? fc.string({ maxLength: 6 }) : fc.nat({ max: 1000 }).map(String);
      fields[field.name] = fc.dictionary(key, value, { maxKeys: 3 });
    } else fields[field.name] = field.repeated ? fc.array(value, { maxLength: 3 }) : value;
  }
  return fc.record(fields, { requiredKeys: [] });
}

function reflectionEncode(type: Type, obj: Record<string, unknown>): Buffer {
  return Buffer.from(type.encode(type.fromObject(obj)).finish());
}

function reflectionDecode(type: Type, bytes: Buffer): Record<string, unknown> {
  const obj = type.toObject(type.decode(bytes), TO_OBJECT);
  dropNulls(obj);
  return obj;
}

describe('generated codecs against protobufjs reflection', () => {
  it('cover every message type of the protocol', () => {
    expect(TYPES.length).toBeGreaterThan(80);
    for (const type of TYPES) expect(() => encodeMessage(nameOf(type), {})).not.toThrow();
  });

  it.each(TYPES.map((t) => [nameOf(t), t] as const))('%s: same bytes, same objects', (name, type) => {
    fc.assert(
      fc.property(messageOf(type), (obj) => {
        const bytes = encodeMessage(name, obj);
        expect(bytes.toString('hex')).toBe(reflectionEncode(type, obj).toString('hex'));
        expect(decodeMessage(name, bytes)).toEqual(reflectionDecode(type, bytes));
      }),
      { numRuns: 40 },
    );
  });
});
