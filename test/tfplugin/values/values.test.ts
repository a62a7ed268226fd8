import { decode as genericDecode, encode as genericEncode } from '@msgpack/msgpack';
import fc from 'fast-check';
import { decodeMsgpack, encodeMsgpack, ValueError } from '../../../src/tfplugin/values/msgpack';
import { decodeJsonValue } from '../../../src/tfplugin/values/json';
import { isCanonicalNumber, normalizeNumber, numbersEqual, parseNumber } from '../../../src/tfplugin/values/numbers';
import { readRefinements, refinedUnknown } from '../../../src/tfplugin/values/refinements';
import { describeType, parseTypeJson, setOwn, typeFromJson, typesEqual, typeToJson, typeToJsonString } from '../../../src/tfplugin/values/type-json';
import { DynamicValueOf, PreciseNumber, T, Unknown, type TfNumber, type TfType, type TfValue } from '../../../src/tfplugin/values/types';
import { thrownError } from '../../support/thrown';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const bytes = (h: string): Uint8Array => new Uint8Array(Buffer.from(h.replace(/\s+/g, ''), 'hex'));
const str = (s: string): string => {
  const b = Buffer.from(s, 'utf8');
  if (b.length >= 32) throw new Error('test helper: fixstr only');
  return (0xa0 | b.length).toString(16) + b.toString('hex');
};

const thrown = (run: () => unknown): ValueError => thrownError(ValueError, run);

// -------------------------------------------------------------------------------------------------
// Arbitraries

const attrName = fc.oneof(
  fc.constantFrom('a', 'b', 'id', 'name', 'value', 'type', '__proto__', 'constructor', 'toString', '', 'ü', '0'),
  fc.string({ maxLength: 6 }),
);

function typeArb(depth: number): fc.Arbitrary<TfType> {
  const prim = fc.constantFrom(T.string, T.number, T.bool, T.dynamic);
  if (depth === 0) return prim;
  const sub = typeArb(depth - 1);
  const object = fc
    .uniqueArray(fc.tuple(attrName, sub), { maxLength: 4, selector: ([k]) => k })
    .chain((entries) => {
      const attributes: Record<string, TfType> = {};
      for (const [k, t] of entries) setOwn(attributes, k, t);
      return fc.subarray(entries.map(([k]) => k)).map((opt) => T.object(attributes, [...opt].sort()));
    });
  return fc.oneof(
    { weight: 3, arbitrary: prim },
    { weight: 1, arbitrary: sub.map(T.list) },
    { weight: 1, arbitrary: sub.map(T.set) },
    { weight: 1, arbitrary: sub.map(T.map) },
    { weight: 2, arbitrary: object },
    { weight: 1, arbitrary: fc.array(sub, { maxLength: 3 }).map(T.tuple) },
  );
}

/** Exact decimal text of a finite double (what a lossless JSON writer must print). */
function exactDecimal(d: number): string {
  if (Number.isInteger(d)) return BigInt(d).toString();
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(d));
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const exp = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e2: number;
  if (exp === 0) e2 = -1074;
  else {
    mant |= 1n << 52n;
    e2 = exp - 1075;
  }
  // d = mant × 2^e2 with e2 < 0 = mant × 5^-e2 / 10^-e2
  const digits = (mant * 5n ** BigInt(-e2)).toString().padStart(-e2 + 1, '0');
  const intPart = digits.slice(0, digits.length + e2);
  const frac = digits.slice(digits.length + e2).replace(/0+$/, '');
  return `${d < 0 ? '-' : ''}${intPart}${frac ? `.${frac}` : ''}`;
}

const decimalText = fc
  .tuple(fc.boolean(), fc.stringMatching(/^[0-9]{1,30}$/), fc.stringMatching(/^[0-9]{0,30}$/), fc.integer({ min: -400, max: 400 }), fc.boolean())
  .map(([neg, i, f, e, withExp]) => `${neg ? '-' : ''}${i}${f ? `.${f}` : ''}${withExp ? `e${e}` : ''}`);

const numberArb: fc.Arbitrary<TfNumber> = fc
  .oneof(
    fc.integer(),
    fc.maxSafeInteger(),
    fc.double({ noNaN: true }),
    fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }),
    fc.bigInt({ min: -(1n << 70n), max: 1n << 70n }),
    fc.constantFrom(2n ** 63n - 1n, 2n ** 63n, 2n ** 64n - 1n, 2n ** 64n, -(2n ** 63n), -(2n ** 63n) - 1n, 2n ** 53n, -(2n ** 53n) - 1n),
    fc.bigInt({ min: 1n << 100n, max: 1n << 1030n }),
    decimalText.map((t) => new PreciseNumber(t)),
    fc.constantFrom(new PreciseNumber('0.1'), new PreciseNumber('3.14'), new PreciseNumber('1e400'), new PreciseNumber('-1e-400')),
  )
  .map(normalizeNumber);

const wellFormed = (s: string): boolean => Buffer.from(s, 'utf8').toString('utf8') === s;
const stringArb = fc.oneof(fc.string(), fc.string({ unit: 'binary' }).filter(wellFormed), fc.string({ minLength: 30, maxLength: 300 }), fc.constant('\uFEFFbom'));

const refinementArb = (t: TfType): fc.Arbitrary<Unknown> => {
  const options: fc.Arbitrary<Unknown>[] = [
    fc.constant(refinedUnknown({ notNull: true })),
    // A key this code does not know, with some value: kept verbatim all the same.
    fc.tuple(fc.integer({ min: 7, max: 127 }), fc.oneof(fc.string({ maxLength: 5 }), fc.integer(), fc.boolean())).map(([k, v]) => {
      const payload = Buffer.concat([Buffer.from([0x82, 0x01, 0xc2, k]), genericEncode(v)]);
      return new Unknown(new Uint8Array(payload));
    }),
  ];
  if (t.kind === 'string') options.push(fc.string({ minLength: 1, maxLength: 8 }).map((p) => refinedUnknown({ notNull: true, stringPrefix: p })));
  if (t.kind === 'number') {
    options.push(
      fc.tuple(numberArb.filter((n) => n !== Infinity && n !== -Infinity), fc.boolean()).map(([n, inc]) => refinedUnknown({ numberLowerBound: { value: n, inclusive: inc } })),
    );
  }
  if (t.kind === 'list' || t.kind === 'set' || t.kind === 'map') {
    options.push(fc.tuple(fc.nat(10), fc.nat(1000)).map(([lo, hi]) => refinedUnknown({ lengthLowerBound: lo, lengthUpperBound: lo + hi })));
  }
  return fc.oneof(...options);
};

function valueArb(t: TfType): fc.Arbitrary<TfValue> {
  const special: fc.Arbitrary<TfValue>[] = [fc.constant(null), fc.constant(new Unknown())];
  if (t.kind !== 'dynamic') special.push(refinementArb(t));
  return fc.oneof({ weight: 1, arbitrary: fc.oneof(...special) }, { weight: 4, arbitrary: knownArb(t) });
}

function knownArb(t: TfType): fc.Arbitrary<TfValue> {
  switch (t.kind) {
    case 'string':
      return stringArb;
    case 'number':
      return numberArb;
    case 'bool':
      return fc.boolean();
    case 'list':
    case 'set':
      return fc.array(valueArb(t.element), { maxLength: 4 });
    case 'tuple':
      return fc.tuple(...t.elements.map(valueArb)).map((v) => [...v]);
    case 'map':
      return fc.uniqueArray(fc.tuple(attrName, valueArb(t.element)), { maxLength: 4, selector: ([k]) => k }).map((entries) => {
        const out: Record<string, TfValue> = {};
        for (const [k, v] of entries) setOwn(out, k, v);
        return out;
      });
    case 'object': {
      const names = Object.keys(t.attributes);
      return fc.tuple(...names.map((n) => valueArb(t.attributes[n]))).map((vals) => {
        const out: Record<string, TfValue> = {};
        names.forEach((n, i) => setOwn(out, n, vals[i]));
        return out;
      });
    }
    case 'dynamic':
      return typeArb(1)
        .filter((c) => c.kind !== 'dynamic')
        .chain((c) => valueArb(c).map((v) => new DynamicValueOf(c, v)));
  }
}

const typedValue = typeArb(3).chain((t) => valueArb(t).map((v) => ({ t, v })));

// -------------------------------------------------------------------------------------------------

describe('msgpack values: round trips', () => {
  it('decode(encode(v)) equals v for arbitrary types and values', () => {
    fc.assert(
      fc.property(typedValue, ({ t, v }) => {
        const encoded = encodeMsgpack(v, t);
        const decoded = decodeMsgpack(encoded, t);
        expect(decoded).toEqual(v);
        // And the bytes are stable through a second trip.
        expect(hex(encodeMsgpack(decoded, t))).toBe(hex(encoded));
      }),
      { numRuns: 1500 },
    );
  });

  it('keeps refinement bytes verbatim', () => {
    fc.assert(
      fc.property(fc.constantFrom(T.string, T.number, T.list(T.string), T.object({ a: T.bool })), fc.uint8Array({ minLength: 1, maxLength: 40 }), (t, tail) => {
        const payload = new Uint8Array([0x81, ...tail]); // starts as a map; the rest is opaque to us
        const decoded = decodeMsgpack(encodeMsgpack(new Unknown(payload), t), t);
        expect(decoded).toBeInstanceOf(Unknown);
        expect(hex((decoded as Unknown).refinement!)).toBe(hex(payload));
      }),
    );
  });

  it('round-trips every number exactly, whatever form it came in', () => {
    fc.assert(
      fc.property(numberArb, (n) => {
        expect(isCanonicalNumber(n)).toBe(true);
        const back = decodeMsgpack(encodeMsgpack(n, T.number), T.number) as TfNumber;
        expect(back).toEqual(n);
        expect(numbersEqual(back, n)).toBe(true);
      }),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(decimalText, (text) => {
        const n = parseNumber(text);
        expect(isCanonicalNumber(n)).toBe(true);
        expect(normalizeNumber(new PreciseNumber(text))).toEqual(n);
        // Through a msgpack string (how Terraform sends precise numbers) and back.
        const viaString = decodeMsgpack(bytes(`d9${Buffer.byteLength(text).toString(16).padStart(2, '0')}${Buffer.from(text).toString('hex')}`), T.number);
        expect(viaString).toEqual(n);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('msgpack values: wire compatibility with cty', () => {
  it('reads and writes unknowns as extension 0, refined ones as extension 12', () => {
    for (const t of [T.string, T.number, T.bool, T.list(T.string), T.map(T.number), T.object({ a: T.string }), T.tuple([T.bool]), T.dynamic]) {
      expect(decodeMsgpack(bytes('d40000'), t)).toEqual(new Unknown());
      expect(hex(encodeMsgpack(new Unknown(), t))).toBe('d40000');
    }
    // Any other extension, or a code-12 extension with an empty or 1-byte payload: a plain unknown.
    expect(decodeMsgpack(bytes('c7000c'), T.string)).toEqual(new Unknown());
    expect(decodeMsgpack(bytes('d40c80'), T.string)).toEqual(new Unknown());
    expect(decodeMsgpack(bytes('d5050102'), T.string)).toEqual(new Unknown());
    // cty: UnknownVal(String).RefineNotNull() → ext 12, payload {1: false}
    const notNull = decodeMsgpack(bytes('c7030c 8101c2'), T.string) as Unknown;
    expect(hex(notNull.refinement!)).toBe('8101c2');
    expect(hex(encodeMsgpack(notNull, T.string))).toBe('c7030c8101c2');
    expect(readRefinements(notNull)).toEqual({ notNull: true });
    expect(hex(refinedUnknown({ notNull: true }).refinement!)).toBe('8101c2');
    // A 4-byte payload comes as fixext 4: {2: "x"} (prefix "x").
    const prefixed = decodeMsgpack(bytes('d60c 8102a178'), T.string) as Unknown;
    expect(readRefinements(prefixed)).toEqual({ stringPrefix: 'x' });
    expect(hex(encodeMsgpack(prefixed, T.string))).toBe('d60c8102a178');
    // Number bounds and collection lengths.
    const bounded = decodeMsgpack(bytes('c70e0c 8301c2 039201c3 0492a3302e31c2'), T.number) as Unknown;
    expect(readRefinements(bounded)).toEqual({ notNull: true, numberLowerBound: { value: 1, inclusive: true }, numberUpperBound: { value: new PreciseNumber('0.1'), inclusive: false } });
    expect(readRefinements(refinedUnknown({ lengthLowerBound: 1, lengthUpperBound: 300 }))).toEqual({ lengthLowerBound: 1, lengthUpperBound: 300 });
    expect(hex(refinedUnknown({ lengthLowerBound: 1, lengthUpperBound: 300 }).refinement!)).toBe('820501' + '06cd012c');
    expect(refinedUnknown({})).toEqual(new Unknown());
    // Refinements of a dynamic value are dropped, as cty does.
    expect(decodeMsgpack(bytes('c7030c8101c2'), T.dynamic)).toEqual(new Unknown());
    expect(hex(encodeMsgpack(notNull, T.dynamic))).toBe('d40000');
  });

  it('reads nil as null for every type', () => {
    for (const t of [T.string, T.number, T.bool, T.list(T.string), T.set(T.number), T.map(T.bool), T.object({ a: T.string }), T.tuple([T.string]), T.dynamic]) {
      expect(decodeMsgpack(bytes('c0'), t)).toBeNull();
      expect(hex(encodeMsgpack(null, t))).toBe('c0');
    }
  });

  it('reads and writes an object as a map of exactly its attributes, sorted as cty writes them', () => {
    const t = T.object({ a: T.string });
    expect(decodeMsgpack(bytes(`81 ${str('a')} ${str('b')}`), t)).toEqual({ a: 'b' });
    expect(hex(encodeMsgpack({ a: 'b' }, t))).toBe('81a161a162');
    const t2 = T.object({ zeta: T.bool, alpha: T.number, mid: T.list(T.string) });
    expect(hex(encodeMsgpack({ zeta: true, alpha: 1, mid: ['x'] }, t2))).toBe(`83${str('alpha')}01${str('mid')}91${str('x')}${str('zeta')}c3`);
    expect(decodeMsgpack(bytes(`83${str('zeta')}c3${str('mid')}91${str('x')}${str('alpha')}01`), t2)).toEqual({ zeta: true, alpha: 1, mid: ['x'] });
    // An empty object type.
    expect(hex(encodeMsgpack({}, T.object({})))).toBe('80');
    expect(decodeMsgpack(bytes('80'), T.object({}))).toEqual({});
  });

  it('encodes an attribute missing from the JS object (or undefined) as null', () => {
    const t = T.object({ a: T.string, b: T.number });
    expect(hex(encodeMsgpack({ a: 'x' }, t))).toBe(`82${str('a')}${str('x')}${str('b')}c0`);
    expect(hex(encodeMsgpack({ a: 'x', b: undefined } as unknown as TfValue, t))).toBe(`82${str('a')}${str('x')}${str('b')}c0`);
  });

  it('lets an optional attribute be absent when decoding', () => {
    const t = typeFromJson(['object', { a: 'string', b: 'number' }, ['b']]);
    expect(decodeMsgpack(bytes(`81${str('a')}${str('x')}`), t)).toEqual({ a: 'x', b: null });
  });

  it('reads numbers in every msgpack form and writes them as cty does', () => {
    const cases: [string, TfNumber][] = [
      ['01', 1],
      ['7f', 127],
      ['ff', -1],
      ['e0', -32],
      ['cc80', 128],
      ['cd012c', 300],
      ['ce00010000', 65536],
      ['d080', -128],
      ['d1ff7f', -129],
      ['d2ffff7fff', -32769],
      ['cf0020000000000000', 2n ** 53n],
      ['cf001fffffffffffff', Number.MAX_SAFE_INTEGER],
      ['cfffffffffffffffff', 2n ** 64n - 1n],
      ['d38000000000000000', -(2n ** 63n)],
      ['d3ffe0000000000001', -Number.MAX_SAFE_INTEGER],
      ['cb3ff8000000000000', 1.5],
      ['ca3fc00000', 1.5],
      ['cb7ff0000000000000', Infinity],
      ['cbfff0000000000000', -Infinity],
      ['cb8000000000000000', 0], // -0 reads as 0
      ['cb43e0000000000000', 2n ** 63n], // an integral double beyond 2^53 reads as a bigint
      [`b4${Buffer.from('18446744073709551616').toString('hex')}`, 2n ** 64n],
      [`a3${Buffer.from('0.1').toString('hex')}`, new PreciseNumber('0.1')],
      [`a1${Buffer.from('5').toString('hex')}`, 5],
      [`a5${Buffer.from('1e400').toString('hex')}`, new PreciseNumber('1e+400')],
      [`a3${Buffer.from('Inf').toString('hex')}`, Infinity],
    ];
    for (const [h, n] of cases) expect([h, decodeMsgpack(bytes(h), T.number)]).toEqual([h, n]);

    const writes: [TfNumber, string][] = [
      [1, '01'],
      [-1, 'ff'],
      [300, 'cd012c'],
      [-129, 'd1ff7f'],
      [-0, '00'],
      [2 ** 40, 'cf0000010000000000'],
      [1.5, 'cb3ff8000000000000'],
      [0.1, 'cb3fb999999999999a'], // a double is written as the double it is
      [Infinity, 'cb7ff0000000000000'],
      [2n ** 63n, 'cf8000000000000000'],
      [-(2n ** 63n), 'd38000000000000000'],
      [2n ** 64n, `b4${Buffer.from('18446744073709551616').toString('hex')}`],
      [2 ** 64, `b4${Buffer.from('18446744073709551616').toString('hex')}`],
      [5n, '05'],
      [new PreciseNumber('0.1'), `a3${Buffer.from('0.1').toString('hex')}`],
      [new PreciseNumber('1.50'), 'cb3ff8000000000000'], // canonicalised on the way out
      [new PreciseNumber('7'), '07'],
    ];
    for (const [n, h] of writes) expect([String(n), hex(encodeMsgpack(n, T.number))]).toEqual([String(n), h]);
  });

  it('reads and writes collections, tuples and maps', () => {
    expect(decodeMsgpack(bytes(`92${str('a')}${str('b')}`), T.list(T.string))).toEqual(['a', 'b']);
    expect(decodeMsgpack(bytes(`92${str('a')}${str('b')}`), T.set(T.string))).toEqual(['a', 'b']);
    expect(decodeMsgpack(bytes(`81${str('k')}c3`), T.map(T.bool))).toEqual({ k: true });
    expect(decodeMsgpack(bytes(`92${str('a')}01`), T.tuple([T.string, T.number]))).toEqual(['a', 1]);
    expect(hex(encodeMsgpack(['a', 1], T.tuple([T.string, T.number])))).toBe(`92${str('a')}01`);
    const many = Array.from({ length: 20 }, (_, i) => i);
    expect(hex(encodeMsgpack(many, T.list(T.number)))).toBe(`dc0014${many.map((i) => i.toString(16).padStart(2, '0')).join('')}`);
    expect(decodeMsgpack(encodeMsgpack(many, T.list(T.number)), T.list(T.number))).toEqual(many);
    // A map key "__proto__" is an ordinary key.
    const m = decodeMsgpack(bytes(`81${str('__proto__')}c3`), T.map(T.bool)) as Record<string, TfValue>;
    expect(Object.keys(m)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(m)).toBe(Object.prototype);
  });

  it('reads and writes dynamic values as [type JSON, value]', () => {
    // cty writes the type as msgpack binary.
    const typeJson = Buffer.from('"string"').toString('hex');
    expect(decodeMsgpack(bytes(`92 c408${typeJson} ${str('x')}`), T.dynamic)).toEqual(new DynamicValueOf(T.string, 'x'));
    expect(hex(encodeMsgpack(new DynamicValueOf(T.string, 'x'), T.dynamic))).toBe(`92c408${typeJson}${str('x')}`);
    // A string form of the type is accepted as well.
    expect(decodeMsgpack(bytes(`92 a8${typeJson} ${str('x')}`), T.dynamic)).toEqual(new DynamicValueOf(T.string, 'x'));
    const listJson = Buffer.from('["list","number"]');
    expect(decodeMsgpack(bytes(`92 c4${listJson.length.toString(16)}${listJson.toString('hex')} 92 01 02`), T.dynamic)).toEqual(new DynamicValueOf(T.list(T.number), [1, 2]));
    // Null and unknown of dynamic type are plain.
    expect(decodeMsgpack(bytes('c0'), T.dynamic)).toBeNull();
    expect(decodeMsgpack(bytes('d40000'), T.dynamic)).toEqual(new Unknown());
    // A known type with a null or unknown value inside.
    expect(decodeMsgpack(bytes(`92 c408${typeJson} c0`), T.dynamic)).toEqual(new DynamicValueOf(T.string, null));
    expect(decodeMsgpack(bytes(`92 c408${typeJson} d40000`), T.dynamic)).toEqual(new DynamicValueOf(T.string, new Unknown()));
    // Object types' attributes are written sorted, as cty's JSON is.
    const obj = new DynamicValueOf(T.object({ b: T.bool, a: T.string }), { a: 'x', b: true });
    const encoded = encodeMsgpack(obj, T.dynamic);
    expect(Buffer.from(encoded).includes(Buffer.from('["object",{"a":"string","b":"bool"}]'))).toBe(true);
    expect(decodeMsgpack(encoded, T.dynamic)).toEqual(obj);
  });

  it('agrees with a general-purpose msgpack library', () => {
    const t = T.object({ a: T.string, n: T.number, l: T.list(T.number), m: T.map(T.bool), big: T.number, neg: T.number });
    const value = { a: 'b', n: 1.25, l: [1, 2, 300], m: { x: true }, big: 2n ** 63n, neg: -(2n ** 63n) };
    const theirs = genericEncode(value, { useBigInt64: true });
    expect(decodeMsgpack(theirs, t)).toEqual(value);
    expect(genericDecode(encodeMsgpack(value, t), { useBigInt64: true })).toEqual({ ...value, l: [1n, 2n, 300n].map(Number) });
    const ext = genericDecode(encodeMsgpack(new Unknown(), T.string)) as { type: number; data: Uint8Array };
    expect({ type: ext.type, data: Array.from(ext.data) }).toEqual({ type: 0, data: [0] });
  });

  it('keeps strings exact: UTF-8, a BOM, long strings', () => {
    for (const s of ['', 'plain', 'ünïcödé', '日本語', '😀 emoji', '\uFEFFbom first', 'x'.repeat(70_000), 'é'.repeat(40)]) {
      expect(decodeMsgpack(encodeMsgpack(s, T.string), T.string)).toBe(s);
    }
    expect(hex(encodeMsgpack('x'.repeat(40), T.string)).slice(0, 4)).toBe('d928');
    expect(hex(encodeMsgpack('x'.repeat(300), T.string)).slice(0, 6)).toBe('da012c');
  });
});

describe('msgpack values: errors name the path', () => {
  const t = T.object({
    name: T.string,
    tags: T.list(T.string),
    settings: T.map(T.number),
    nested: T.object({ deep: T.tuple([T.bool, T.string]) }),
  });
  const valid = { name: 'x', tags: ['a'], settings: { k: 1 }, nested: { deep: [true, 's'] } };

  it('on decoding', () => {
    expect(decodeMsgpack(encodeMsgpack(valid, t), t)).toEqual(valid);

    let e = thrown(() => decodeMsgpack(bytes(`81${str('a')}${str('b')}`), T.object({ a: T.string, b: T.string })));
    expect(e.path).toEqual(['b']);
    expect(e.reason).toBe('missing attribute: an object with 2 attributes is required (1 given)');

    e = thrown(() => decodeMsgpack(bytes(`82${str('a')}${str('b')}${str('x')}c0`), T.object({ a: T.string })));
    expect(e.path).toEqual(['x']);
    expect(e.reason).toMatch(/unsupported attribute/);

    // tags[1] is a number
    const badTags = encodeMsgpack({ ...valid, tags: null }, t);
    const tagsAt = Buffer.from(badTags).indexOf(Buffer.from(`${str('tags')}c0`, 'hex'));
    const patched = Buffer.concat([badTags.subarray(0, tagsAt), Buffer.from(`${str('tags')}92${str('a')}07`, 'hex'), badTags.subarray(tagsAt + 6)]);
    e = thrown(() => decodeMsgpack(patched, t));
    expect(e.path).toEqual(['tags', 1]);
    expect(e.reason).toBe('a string is required (got integer)');
    expect(e.message).toBe('tags[1]: a string is required (got integer)');

    e = thrown(() => decodeMsgpack(bytes(`81${str('k')}${str('nope')}`), T.map(T.number)));
    expect(e.path).toEqual([{ key: 'k' }]);
    expect(e.message).toBe('["k"]: a number is required (got "nope")');

    e = thrown(() => decodeMsgpack(bytes(`81${str('deep')}92c3c3`), T.object({ deep: T.tuple([T.bool, T.string]) })));
    expect(e.path).toEqual(['deep', 1]);

    e = thrown(() => decodeMsgpack(bytes(`81${str('deep')}91c3`), T.object({ deep: T.tuple([T.bool, T.string]) })));
    expect(e.path).toEqual(['deep']);
    expect(e.reason).toMatch(/tuple of length 2/);

    expect(thrown(() => decodeMsgpack(bytes('0100'), T.number)).reason).toMatch(/unexpected bytes after/);
    expect(thrown(() => decodeMsgpack(bytes('92a1'), T.list(T.string))).path).toEqual([0]);
    expect(thrown(() => decodeMsgpack(bytes(''), T.string)).reason).toMatch(/unexpected end/);
    expect(thrown(() => decodeMsgpack(bytes('a2c328'), T.string)).reason).toMatch(/UTF-8/);
    expect(thrown(() => decodeMsgpack(bytes('cb7ff8000000000000'), T.number)).reason).toMatch(/NaN/);
    expect(thrown(() => decodeMsgpack(bytes('c3'), T.string)).reason).toBe('a string is required (got bool)');
    expect(thrown(() => decodeMsgpack(bytes('93010203'), T.dynamic)).reason).toMatch(/two-element array/);
    expect(thrown(() => decodeMsgpack(bytes(`92${str('"nope"')}01`), T.dynamic)).reason).toMatch(/invalid type description/);
    expect(thrown(() => decodeMsgpack(bytes('c7030c920101'), T.string)).reason).toMatch(/must be a msgpack map/);
    expect(thrown(() => decodeMsgpack(bytes(`82${str('a')}c0${str('a')}c0`), T.object({ a: T.string, b: T.string }))).path).toEqual(['a']);
  });

  it('on encoding', () => {
    let e = thrown(() => encodeMsgpack({ ...valid, bogus: 1, other: 2 }, t));
    expect(e.reason).toMatch(/unsupported attributes "bogus", "other"/);
    expect(e.path).toEqual([]);
    e = thrown(() => encodeMsgpack({ ...valid, nested: { deep: [true, 's'], old: 1 } }, t));
    expect(e.path).toEqual(['nested', 'old']);
    expect(e.reason).toMatch(/unsupported attribute "old"/);

    e = thrown(() => encodeMsgpack({ ...valid, tags: ['a', 2] }, t));
    expect(e.path).toEqual(['tags', 1]);
    expect(e.reason).toBe('a string is required (got a number)');

    e = thrown(() => encodeMsgpack({ ...valid, settings: { k: 'one' } }, t));
    expect(e.path).toEqual(['settings', { key: 'k' }]);

    e = thrown(() => encodeMsgpack({ ...valid, nested: { deep: [true] } }, t));
    expect(e.path).toEqual(['nested', 'deep']);

    expect(thrown(() => encodeMsgpack(NaN, T.number)).reason).toMatch(/NaN/);
    expect(thrown(() => encodeMsgpack(new PreciseNumber('abc'), T.number)).reason).toMatch(/a number is required/);
    expect(thrown(() => encodeMsgpack('x', T.dynamic)).reason).toMatch(/DynamicValueOf/);
    expect(thrown(() => encodeMsgpack([1], T.object({}))).reason).toBe('an object is required (got an array)');
    expect(thrown(() => encodeMsgpack(new Unknown(new Uint8Array([1, 2])), T.string)).reason).toMatch(/msgpack map/);
  });
});

describe('numbers', () => {
  it('have one canonical form', () => {
    expect(parseNumber('0.1')).toEqual(new PreciseNumber('0.1'));
    expect(parseNumber('1.5')).toBe(1.5);
    expect(parseNumber('3.140')).toEqual(new PreciseNumber('3.14'));
    expect(parseNumber('123456789012345678901')).toBe(123456789012345678901n);
    expect(parseNumber('9007199254740991')).toBe(9007199254740991);
    expect(parseNumber('9007199254740992')).toBe(9007199254740992n);
    expect(parseNumber('-9007199254740993')).toBe(-9007199254740993n);
    expect(parseNumber('1e21')).toBe(10n ** 21n);
    expect(parseNumber('1E+2')).toBe(100);
    expect(parseNumber('+.5')).toBe(0.5);
    expect(parseNumber('5.')).toBe(5);
    expect(parseNumber('-0.0')).toBe(0);
    expect(parseNumber('0e999999999999')).toBe(0);
    expect(parseNumber('1e400')).toEqual(new PreciseNumber('1e+400'));
    expect(parseNumber('-1e-400')).toEqual(new PreciseNumber('-1e-400'));
    expect(parseNumber('0.000001')).toEqual(new PreciseNumber('0.000001'));
    expect(parseNumber('1e-7')).toEqual(new PreciseNumber('1e-7'));
    expect(parseNumber('2.5e-5')).toEqual(new PreciseNumber('0.000025'));
    expect(parseNumber('0.5e-3')).toEqual(new PreciseNumber('0.0005'));
    expect(parseNumber('0.0009765625')).toBe(2 ** -10);
    expect(parseNumber(exactDecimal(2 ** -1074))).toBe(2 ** -1074);
    expect(parseNumber(exactDecimal(Number.MIN_VALUE * 3))).toBe(Number.MIN_VALUE * 3);
    expect(parseNumber('5e-324')).toEqual(new PreciseNumber('5e-324')); // not the double's exact value
    expect(parseNumber(BigInt(Number.MAX_VALUE).toString())).toBe(BigInt(Number.MAX_VALUE));
    expect(parseNumber((1n << 1024n).toString())).toBeInstanceOf(PreciseNumber);
    expect(parseNumber('-Inf')).toBe(-Infinity);
    for (const bad of ['', '-', '.', 'e5', '1e', '0x10', '1_000', 'NaN', ' 1', '1 ']) expect(() => parseNumber(bad)).toThrow(ValueError);
  });

  it('recognise exactly the decimals a double holds', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (d) => {
        expect(parseNumber(exactDecimal(d))).toEqual(normalizeNumber(d));
      }),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Number.isInteger(d)), (d) => {
        // Shortest text is rarely the exact value; when it is not, the number must stay precise.
        const shortest = String(d);
        const n = parseNumber(shortest);
        if (exactDecimal(d) === shortest.replace(/^(-?)0+(?=\d)/, '$1')) expect(n).toBe(d);
        else expect(n).toBeInstanceOf(PreciseNumber);
      }),
      { numRuns: 2000 },
    );
  });

  it('compare exactly', () => {
    expect(numbersEqual(1, 1n)).toBe(true);
    expect(numbersEqual(new PreciseNumber('1.0'), 1)).toBe(true);
    expect(numbersEqual(new PreciseNumber('0.1'), 0.1)).toBe(false);
    expect(numbersEqual(2 ** 60, 2n ** 60n)).toBe(true);
    expect(numbersEqual(new PreciseNumber('1e400'), new PreciseNumber('10e399'))).toBe(true);
  });
});

describe('type JSON', () => {
  it('reads and writes every kind', () => {
    const cases: [unknown, TfType][] = [
      ['string', T.string],
      ['number', T.number],
      ['bool', T.bool],
      ['dynamic', T.dynamic],
      [['list', 'string'], T.list(T.string)],
      [['set', ['map', 'number']], T.set(T.map(T.number))],
      [['object', { a: 'string', b: ['list', 'bool'] }], T.object({ a: T.string, b: T.list(T.bool) })],
      [['object', { a: 'string', b: 'number' }, ['b']], T.object({ a: T.string, b: T.number }, ['b'])],
      [['tuple', ['string', 'number']], T.tuple([T.string, T.number])],
      [['tuple', []], T.tuple([])],
      [['object', {}], T.object({})],
    ];
    for (const [json, t] of cases) {
      expect(typeFromJson(json)).toEqual(t);
      expect(typeToJson(t)).toEqual(json);
      expect(parseTypeJson(Buffer.from(JSON.stringify(json)))).toEqual(t);
    }
    expect(typeToJsonString(T.object({ z: T.string, a: T.number }, ['z', 'a']))).toBe('["object",{"a":"number","z":"string"},["a","z"]]');
    expect(typeFromJson(['object', { a: 'string' }, []])).toEqual(T.object({ a: T.string }));
    expect(describeType(T.list(T.map(T.string)))).toBe('list of map of string');
  });

  it('round-trips arbitrary types', () => {
    fc.assert(
      fc.property(typeArb(4), (t) => {
        const back = parseTypeJson(JSON.stringify(typeToJson(t)));
        expect(typesEqual(back, t)).toBe(true);
        expect(back).toEqual(t);
      }),
    );
  });

  it('rejects what is not a type', () => {
    for (const bad of ['str', ['list'], ['list', 'string', 'x'], ['object', []], ['object', { a: 'string' }, ['b']], ['tuple', 'string'], ['frob', 'string'], 3, null, [1, 'string']]) {
      expect(() => typeFromJson(bad)).toThrow(/invalid type description/);
    }
    expect(() => parseTypeJson('{')).toThrow(/invalid type description/);
  });
});

describe('JSON values (UpgradeResourceState raw_state)', () => {
  const t = T.object({
    id: T.string,
    count: T.number,
    ratio: T.number,
    enabled: T.bool,
    tags: T.map(T.string),
    rules: T.list(T.object({ port: T.number, proto: T.string })),
    pair: T.tuple([T.string, T.number]),
    extra: T.dynamic,
    added: T.string,
  });

  it('keeps numbers exact, fills missing attributes with null and reports dropped ones', () => {
    const text = `{
      "id": "abc", "count": 123456789012345678901, "ratio": 0.1, "enabled": true,
      "tags": {"k": "v", "__proto__": "p"},
      "rules": [{"port": 443, "proto": "tcp", "legacy": {"a": [1, {"b": null}]}}],
      "pair": ["x", 1e2],
      "extra": {"value": [1, "two"], "type": ["tuple", ["number", "string"]]},
      "removed": "gone"
    }`;
    const { value, extraAttributes } = decodeJsonValue(text, t);
    const tags: Record<string, TfValue> = { k: 'v' };
    setOwn(tags, '__proto__', 'p');
    expect(value).toEqual({
      id: 'abc',
      count: 123456789012345678901n,
      ratio: new PreciseNumber('0.1'),
      enabled: true,
      tags,
      rules: [{ port: 443, proto: 'tcp' }],
      pair: ['x', 100],
      extra: new DynamicValueOf(T.tuple([T.number, T.string]), [1, 'two']),
      added: null,
    });
    expect(extraAttributes).toEqual(['rules[0].legacy', 'removed']);
  });

  it('converts as cty does: numbers and bools to strings, decimal strings to numbers', () => {
    const s = T.object({ a: T.string, b: T.string, c: T.number, d: T.bool, e: T.number });
    expect(decodeJsonValue('{"a": 12.50, "b": false, "c": "18446744073709551616", "d": "true", "e": -0}', s).value).toEqual({
      a: '12.50',
      b: 'false',
      c: 2n ** 64n,
      d: true,
      e: 0,
    });
  });

  it('reads escapes and non-ASCII text', () => {
    expect(decodeJsonValue('"a\\"b\\\\c\\/d\\n\\t\\u00e9\\ud83d\\ude00 ü"', T.string).value).toBe('a"b\\c/d\n\té😀 ü');
    expect(decodeJsonValue(' null ', T.object({ a: T.string })).value).toBeNull();
  });

  it('names the path of a mismatch', () => {
    let e = thrown(() => decodeJsonValue('{"rules": [{"port": "eighty"}]}', t));
    expect(e.path).toEqual(['rules', 0, 'port']);
    expect(e.reason).toMatch(/a number is required/);
    e = thrown(() => decodeJsonValue('{"tags": {"k": 1, "j": [1]}}', t));
    expect(e.path).toEqual(['tags', { key: 'j' }]);
    expect(e.reason).toBe('a string is required (got array)');
    e = thrown(() => decodeJsonValue('{"pair": ["x"]}', t));
    expect(e.path).toEqual(['pair']);
    e = thrown(() => decodeJsonValue('{"enabled": "yes"}', t));
    expect(e.path).toEqual(['enabled']);
    e = thrown(() => decodeJsonValue('{"extra": {"type": "string"}}', t));
    expect(e.path).toEqual(['extra']);
    expect(e.reason).toMatch(/missing "value"/);
  });

  it('rejects invalid JSON', () => {
    for (const bad of ['', '{', '{"id": "x",}', '{"id": 01}', '{"count": 1.}', '{"id": "x"} x', '{"id": "a\u0001"}', "{'id': 1}", '[1,]', '{"removed": [1,,2]}', '{"removed": tru}']) {
      expect(() => decodeJsonValue(bad, t)).toThrow(ValueError);
    }
  });

  it('round-trips arbitrary known values written as exact JSON', () => {
    const knownTyped = typeArb(3).chain((ty) => knownOnly(ty).map((v) => ({ ty, v })));
    fc.assert(
      fc.property(knownTyped, ({ ty, v }) => {
        const text = toJson(v, ty);
        expect(decodeJsonValue(text, ty)).toEqual({ value: v, extraAttributes: [] });
      }),
      { numRuns: 1000 },
    );
  });
});

/** Values with no unknowns (JSON has none). Infinity has no JSON form either. */
function knownOnly(t: TfType): fc.Arbitrary<TfValue> {
  const finite = numberArb.filter((n) => n !== Infinity && n !== -Infinity);
  const inner = (et: TfType): fc.Arbitrary<TfValue> => fc.oneof({ weight: 1, arbitrary: fc.constant(null) }, { weight: 4, arbitrary: knownOnly(et) });
  switch (t.kind) {
    case 'number':
      return finite;
    case 'list':
    case 'set':
      return fc.array(inner(t.element), { maxLength: 4 });
    case 'tuple':
      return fc.tuple(...t.elements.map(inner)).map((v) => [...v]);
    case 'map':
      return fc.uniqueArray(fc.tuple(attrName, inner(t.element)), { maxLength: 4, selector: ([k]) => k }).map((entries) => {
        const out: Record<string, TfValue> = {};
        for (const [k, v] of entries) setOwn(out, k, v);
        return out;
      });
    case 'object': {
      const names = Object.keys(t.attributes);
      return fc.tuple(...names.map((n) => inner(t.attributes[n]))).map((vals) => {
        const out: Record<string, TfValue> = {};
        names.forEach((n, i) => setOwn(out, n, vals[i]));
        return out;
      });
    }
    case 'dynamic':
      return typeArb(1)
        .filter((c) => c.kind !== 'dynamic')
        .chain((c) => inner(c).map((v) => new DynamicValueOf(c, v)));
    default:
      return knownArb(t);
  }
}

/** A test-side JSON writer for Terraform values: numbers as their exact decimal text. */
function toJson(v: TfValue, t: TfType): string {
  if (v === null) return 'null';
  if (v instanceof DynamicValueOf) return `{"type":${typeToJsonString(v.type)},"value":${toJson(v.value, v.type)}}`;
  if (typeof v === 'number') return exactDecimal(v);
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof PreciseNumber) return v.text;
  if (typeof v === 'string' || typeof v === 'boolean') return JSON.stringify(v);
  if (Array.isArray(v)) {
    return `[${v.map((e, i) => toJson(e, t.kind === 'tuple' ? t.elements[i] : (t as { element: TfType }).element)).join(',')}]`;
  }
  if (v instanceof Unknown) throw new Error('no unknowns in JSON');
  const rec = v as Record<string, TfValue>;
  return `{${Object.keys(rec)
    .map((k) => `${JSON.stringify(k)}:${toJson(rec[k], t.kind === 'object' ? t.attributes[k] : (t as { element: TfType }).element)}`)
    .join(',')}}`;
}

describe('speed', () => {
  it('decodes and encodes a 20-attribute object in tens of microseconds', () => {
    const attributes: Record<string, TfType> = {};
    const value: Record<string, TfValue> = {};
    for (let i = 0; i < 8; i++) {
      attributes[`string_attribute_${i}`] = T.string;
      value[`string_attribute_${i}`] = `value number ${i} with some length to it`;
    }
    for (let i = 0; i < 4; i++) {
      attributes[`number_${i}`] = T.number;
      value[`number_${i}`] = i === 3 ? new PreciseNumber('0.1') : i * 1000 + 0.5;
    }
    for (let i = 0; i < 3; i++) {
      attributes[`flag_${i}`] = T.bool;
      value[`flag_${i}`] = i % 2 === 0;
    }
    attributes.ip_allow_list = T.list(T.string);
    value.ip_allow_list = ['10.0.0.0/8', '192.168.0.0/16', '172.16.0.0/12'];
    attributes.scopes = T.set(T.string);
    value.scopes = ['read', 'write'];
    attributes.labels = T.map(T.string);
    value.labels = { team: 'platform', env: 'prod' };
    attributes.secret = T.string;
    value.secret = new Unknown();
    attributes.settings = T.object({ retries: T.number, timeout: T.string });
    value.settings = { retries: 3, timeout: '30s' };
    const t = T.object(attributes);
    expect(Object.keys(attributes)).toHaveLength(20);

    const encoded = encodeMsgpack(value, t);
    expect(decodeMsgpack(encoded, t)).toEqual(value);
    const json = toJson({ ...value, secret: null }, t);
    const rounds = 20_000;
    for (let i = 0; i < 2000; i++) encodeMsgpack(decodeMsgpack(encoded, t), t);
    let started = process.hrtime.bigint();
    for (let i = 0; i < rounds; i++) encodeMsgpack(decodeMsgpack(encoded, t), t);
    const roundTripUs = Number(process.hrtime.bigint() - started) / 1e3 / rounds;
    for (let i = 0; i < 2000; i++) decodeJsonValue(json, t);
    started = process.hrtime.bigint();
    for (let i = 0; i < rounds; i++) decodeJsonValue(json, t);
    const jsonUs = Number(process.hrtime.bigint() - started) / 1e3 / rounds;
    console.log(`20-attribute object (${encoded.length} bytes): msgpack decode+encode ${roundTripUs.toFixed(2)} µs; JSON decode ${jsonUs.toFixed(2)} µs`);
    expect(roundTripUs).toBeLessThan(200);
    expect(jsonUs).toBeLessThan(200);
  });
});
