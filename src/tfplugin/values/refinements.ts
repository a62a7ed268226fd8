/**
 * What a refined unknown knows about its final value (msgpack extension 12; see
 * object-wire-format.md). Decoding keeps the refinement bytes verbatim in `Unknown.refinement`; these
 * helpers read them, and make refined unknowns for planned values. A provider that plans a refined
 * unknown must produce a value that honours it at apply.
 */
import { ValueError } from './errors';
import { Reader, Writer } from './msgpack-io';
import { decodeValue, encodeValue } from './msgpack';
import { T, Unknown, type TfNumber, type TfType } from './types';

export interface NumberBound {
  readonly value: TfNumber;
  readonly inclusive: boolean;
}

export interface Refinements {
  /** true: definitely not null; false: definitely null (wire key 1, which says "is null"). */
  readonly notNull?: boolean;
  /** The final string starts with this (key 2; strings only). */
  readonly stringPrefix?: string;
  /** Number bounds (keys 3 and 4; numbers only). */
  readonly numberLowerBound?: NumberBound;
  readonly numberUpperBound?: NumberBound;
  /** Inclusive collection length bounds (keys 5 and 6; lists, sets and maps only). */
  readonly lengthLowerBound?: number;
  readonly lengthUpperBound?: number;
}

const KEY = { nullness: 1, stringPrefix: 2, numberMin: 3, numberMax: 4, lengthMin: 5, lengthMax: 6 } as const;
const BOUND_TYPE: TfType = T.tuple([T.number, T.bool]);

/** The refinements an unknown carries ({} for a plain unknown). Keys this code does not know are ignored. */
export function readRefinements(u: Unknown): Refinements {
  if (!u.refinement || u.refinement.length <= 1) return {};
  const r: Reader = new Reader(u.refinement, []);
  const n = r.mapHeader();
  if (n < 0) r.fail('unknown value refinements must be a msgpack map');
  const out: { -readonly [K in keyof Refinements]: Refinements[K] } = {};
  for (let i = 0; i < n; i++) {
    const key = r.smallIntOrNull();
    if (key === null) r.fail('unknown value refinement keys must be integers');
    switch (key) {
      case KEY.nullness: {
        const b = r.u8();
        if (b !== 0xc2 && b !== 0xc3) r.fail('the null refinement must be a bool');
        out.notNull = b === 0xc2;
        break;
      }
      case KEY.stringPrefix: {
        const s = r.stringOrNull();
        if (s === null) r.fail('the string prefix refinement must be a string');
        out.stringPrefix = s;
        break;
      }
      case KEY.numberMin:
      case KEY.numberMax: {
        const bound = decodeValue(r, BOUND_TYPE);
        if (!Array.isArray(bound) || bound[0] === null || typeof bound[1] !== 'boolean' || bound[0] instanceof Unknown) {
          return r.fail('a number bound refinement must be [number, bool]');
        }
        const value: NumberBound = { value: bound[0] as TfNumber, inclusive: bound[1] };
        if (key === KEY.numberMin) out.numberLowerBound = value;
        else out.numberUpperBound = value;
        break;
      }
      case KEY.lengthMin:
      case KEY.lengthMax: {
        const v = r.smallIntOrNull();
        if (v === null) r.fail('a length bound refinement must be an integer');
        if (key === KEY.lengthMin) out.lengthLowerBound = v;
        else out.lengthUpperBound = v;
        break;
      }
      default:
        r.skip();
    }
  }
  return out;
}

/** An unknown with these refinements: a plain unknown when there are none (as the protocol asks). */
export function refinedUnknown(refinements: Refinements): Unknown {
  const w = new Writer();
  let count = 0;
  const body = new Writer();
  if (refinements.notNull !== undefined) {
    body.int(KEY.nullness);
    body.bool(!refinements.notNull);
    count++;
  }
  if (refinements.stringPrefix) {
    body.int(KEY.stringPrefix);
    body.string(refinements.stringPrefix);
    count++;
  }
  for (const [key, bound] of [
    [KEY.numberMin, refinements.numberLowerBound],
    [KEY.numberMax, refinements.numberUpperBound],
  ] as const) {
    if (!bound) continue;
    body.int(key);
    encodeValue(body, [bound.value, bound.inclusive], BOUND_TYPE, []);
    count++;
  }
  for (const [key, bound] of [
    [KEY.lengthMin, refinements.lengthLowerBound],
    [KEY.lengthMax, refinements.lengthUpperBound],
  ] as const) {
    if (bound === undefined) continue;
    if (!Number.isSafeInteger(bound) || bound < 0) throw new ValueError([], `a length bound must be a non-negative integer (got ${bound})`);
    body.int(key);
    body.int(bound);
    count++;
  }
  if (count === 0) return new Unknown();
  w.mapHeader(count);
  w.bytes(body.finish());
  return new Unknown(new Uint8Array(w.finish()));
}
