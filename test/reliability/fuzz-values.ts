/**
 * fast-check arbitraries for Terraform values of a schema's types, and requests built the way
 * Terraform builds them (DynamicValue msgpack of the block's object type), for fuzzing the provider
 * server in-process.
 */
import fc from 'fast-check';
import type { DecodedDynamicValue } from '../../src/tfplugin/protocol/types';
import type { Block } from '../../src/tfplugin/schema/attribute';
import { blockType } from '../../src/tfplugin/schema/attribute';
import { encodeMsgpack } from '../../src/tfplugin/values/msgpack';
import { PreciseNumber, Unknown, type TfType, type TfValue } from '../../src/tfplugin/values/types';

const HUGE = 'x'.repeat(200_000);

/** Strings a user (or a generator) can put anywhere: empty, blank, huge, control characters, markup, paths. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '',
      ' ',
      '\t\n',
      HUGE,
      '\u0000',
      '../../etc/passwd',
      '%2F%2e%2e',
      '<script>alert(1)</script>',
      '{"a":1}',
      '[]',
      'null',
      'a/b',
      'user@',
      '@example.com',
      'a b@c.d',
      '999.1.1.1',
      '10.0.0.0/33',
      '::1/129',
      '2024-13-45',
      '2024-02-30T00:00:00Z',
      'https://x.example.com/path',
      '*.',
      '\uFEFF',
      '\u202Etxt.exe',
      'DROP TABLE credentials;',
    ),
  },
);

export const nastyNumber: fc.Arbitrary<TfValue> = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -1, 1.5, -0.5, 2 ** 53, -(2 ** 53), 1e300, -1e300, Number.MIN_VALUE),
  fc.bigInt({ min: -(1n << 80n), max: 1n << 80n }),
  fc.constantFrom(new PreciseNumber('0.1'), new PreciseNumber('1e400'), new PreciseNumber('-1e-400')),
);

/** Any value of `type`, known or not, at any depth; `null` and unknown included everywhere. */
export function valueOf(type: TfType, depth = 0): fc.Arbitrary<TfValue> {
  const special = fc.constantFrom<TfValue>(null, new Unknown());
  return fc.oneof({ weight: 1, arbitrary: special }, { weight: 4, arbitrary: knownOf(type, depth) });
}

function knownOf(type: TfType, depth: number): fc.Arbitrary<TfValue> {
  const deeper = depth + 1;
  switch (type.kind) {
    case 'string':
      return nastyString;
    case 'number':
      return nastyNumber;
    case 'bool':
      return fc.boolean();
    case 'dynamic':
      return fc.constant(null);
    case 'list':
    case 'set':
      return fc.array(valueOf(type.element, deeper), { maxLength: depth > 1 ? 1 : 4 });
    case 'map':
      return fc.dictionary(nastyString.filter((k) => k.length < 1000), valueOf(type.element, deeper), { maxKeys: depth > 1 ? 1 : 4 });
    case 'tuple':
      return fc.tuple(...type.elements.map((e) => valueOf(e, deeper)));
    case 'object': {
      const entries = Object.entries(type.attributes).map(([name, t]) => [name, valueOf(t, deeper)] as const);
      return fc.record(Object.fromEntries(entries)) as fc.Arbitrary<TfValue>;
    }
  }
}

export interface FuzzedConfig {
  readonly config: Record<string, TfValue>;
  /** Attributes given a value the schema must refuse, by construction. */
  readonly bad: string[];
}

/**
 * A configuration object for `block`: per attribute, a value from the attribute's known-bad list
 * (recorded in `bad`), or any value of its type (possibly null, even for a required attribute, or
 * unknown). Computed-only attributes are null, as in any configuration.
 */
export function configOf(block: Block, badValues: Readonly<Record<string, readonly TfValue[]>>): fc.Arbitrary<FuzzedConfig> {
  const parts = Object.entries(block.attributes).map(([name, attr]) => {
    if (attr.mode === 'computed') return fc.constant({ name, value: null as TfValue, bad: false });
    const options: fc.WeightedArbitrary<{ name: string; value: TfValue; bad: boolean }>[] = [
      { weight: 5, arbitrary: valueOf(attr.type).map((value) => ({ name, value, bad: false })) },
    ];
    const bad = badValues[name];
    if (bad?.length) options.push({ weight: 2, arbitrary: fc.constantFrom(...bad).map((value) => ({ name, value, bad: true })) });
    return fc.oneof(...options);
  });
  return fc.tuple(...parts).map((values) => ({
    config: Object.fromEntries(values.map((v) => [v.name, v.value])),
    bad: values.filter((v) => v.bad).map((v) => v.name),
  }));
}

/** What Terraform proposes for a create: the configuration, unset computed attributes unknown, write-only ones null. */
export function proposedCreate(block: Block, config: Record<string, TfValue>): Record<string, TfValue> {
  const out: Record<string, TfValue> = {};
  for (const [name, attr] of Object.entries(block.attributes)) {
    const v = config[name] ?? null;
    if (attr.writeOnly) out[name] = null;
    else if ((attr.mode === 'computed' || attr.mode === 'optional_computed') && v === null) out[name] = new Unknown();
    else out[name] = v;
  }
  return out;
}

/** What Terraform proposes for an update: configuration where set, prior values for unset computed attributes. */
export function proposedUpdate(block: Block, prior: Record<string, TfValue>, config: Record<string, TfValue>): Record<string, TfValue> {
  const out: Record<string, TfValue> = {};
  for (const [name, attr] of Object.entries(block.attributes)) {
    const v = config[name] ?? null;
    if (attr.writeOnly) out[name] = null;
    else if ((attr.mode === 'computed' || attr.mode === 'optional_computed') && v === null) out[name] = prior[name] ?? null;
    else out[name] = v;
  }
  return out;
}

/** A prior state: any known values of the attributes' types (write-only ones null), as a state file could hold. */
export function priorOf(block: Block): fc.Arbitrary<Record<string, TfValue>> {
  const entries = Object.entries(block.attributes).map(([name, attr]) => [name, attr.writeOnly ? fc.constant(null) : fc.oneof(fc.constant(null), knownOf(attr.type, 1))] as const);
  return fc.record(Object.fromEntries(entries)) as fc.Arbitrary<Record<string, TfValue>>;
}

/** A DynamicValue as the provider server receives it: msgpack bytes as a Buffer, the unused `json` empty. */
export function dynamicValue(msgpack: Uint8Array): DecodedDynamicValue {
  return { msgpack: Buffer.from(msgpack), json: Buffer.alloc(0) };
}

/** A DynamicValue as Terraform sends it. */
export function dynamic(block: Block, value: Record<string, TfValue> | null): DecodedDynamicValue {
  return dynamicValue(encodeMsgpack(value, blockType(block)));
}
