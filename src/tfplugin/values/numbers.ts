/**
 * Terraform numbers are arbitrary-precision decimals (cty parses number text at 512 bits). The engine
 * holds each one in a single canonical form, chosen by its mathematical value alone:
 *
 *   - an integer with |n| <= 2^53 - 1              → number
 *   - an integer with 2^53 - 1 < |n| < 2^1024       → bigint
 *   - a non-integer that a double holds exactly      → number (0.5, 1.25, 2^-30)
 *   - ±Infinity                                      → number
 *   - anything else (0.1, 3.14, 1e-400, 1e400)       → PreciseNumber, with canonical decimal text
 *
 * so that two equal numbers always have equal representations (`String(a) === String(b)` within one
 * kind), and nothing is ever rounded: a decimal like 0.1 that arrived as text goes back as the same
 * text, which is what Terraform needs to see the value unchanged.
 */
import { ValueError } from './errors';
import { PreciseNumber, type TfNumber } from './types';

// Globals read once into module constants: inside a vm context (as under Jest) every global lookup
// goes through a slow interceptor, while a module constant costs nothing.
const toNumber = Number;
const toBigInt = BigInt;
const isSafeInteger = Number.isSafeInteger;
const isInteger = Number.isInteger;
const abs = Math.abs;
const POSITIVE_INFINITY = Infinity;

const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const BIG_MAX_SAFE = BigInt(MAX_SAFE);
const BIG_LIMIT = 1n << 1024n; // integers from here on are PreciseNumbers
const POW5: number[] = Array.from({ length: 23 }, (_, i) => 5 ** i); // exact up to 5^22 < 2^53

/** Decimal text accepted for numbers: JSON numbers, and what Go's big.Float parses in base 10. */
const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
const INFINITY = /^([+-]?)(?:inf|infinity)$/i;

/** A decimal split into sign, significant digits (no leading/trailing zeros) and a power of ten. */
interface Decimal {
  readonly negative: boolean;
  /** '' for zero. */
  readonly digits: string;
  /** value = digits × 10^exponent */
  readonly exponent: number;
}

function splitDecimal(text: string): Decimal | null {
  const m = DECIMAL.exec(text);
  if (!m) return null;
  const intPart = m[2];
  const fracPart = m[3] ?? '';
  if (intPart.length + fracPart.length === 0) return null;
  let exponent = -fracPart.length;
  if (m[4] !== undefined) {
    const e = toNumber(m[4]);
    // Beyond this the number is zero or out of any range Terraform can hold.
    if (!isSafeInteger(e) || abs(e) > 1e9) {
      return /[1-9]/.test(intPart + fracPart) ? null : { negative: m[1] === '-', digits: '', exponent: 0 };
    }
    exponent += e;
  }
  let all = intPart + fracPart;
  let start = 0;
  while (start < all.length && all.charCodeAt(start) === 48) start++;
  let end = all.length;
  while (end > start && all.charCodeAt(end - 1) === 48) end--;
  exponent += all.length - end;
  all = all.slice(start, end);
  return { negative: m[1] === '-', digits: all, exponent: all ? exponent : 0 };
}

/**
 * Parses decimal number text (JSON number syntax, plus a leading '+', '.5', '5.' and 'Inf' as Go
 * accepts) into its canonical form. Throws a ValueError (empty path) for anything else.
 */
export function parseNumber(text: string): TfNumber {
  const simple = simpleNumber(text);
  if (simple !== undefined) return simple;
  const d = splitDecimal(text);
  if (d === null) {
    const inf = INFINITY.exec(text);
    if (inf) return inf[1] === '-' ? -POSITIVE_INFINITY : POSITIVE_INFINITY;
    throw new ValueError([], `a number is required (got ${JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text)})`);
  }
  return fromDecimal(d);
}

/**
 * The common cases, without a regular expression: an integer of at most 15 digits, or one with a
 * fraction whose digits (at most 15 together) make it a double exactly (1.5) or not (3.14).
 */
function simpleNumber(text: string): TfNumber | undefined {
  const n = text.length;
  const negative = n > 0 && text.charCodeAt(0) === 45;
  let i = negative ? 1 : 0;
  if (i === n || n - i > 16) return undefined;
  let dot = -1;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 && dot < 0) dot = i;
    else if (c < 48 || c > 57) return undefined;
  }
  const start = negative ? 1 : 0;
  if (dot < 0) {
    if (n - start > 15) return undefined;
    const v = +text;
    return v === 0 ? 0 : v;
  }
  // digits '.' digits, each side non-empty; trailing zeros of the fraction do not count.
  let end = n;
  while (end > dot + 1 && text.charCodeAt(end - 1) === 48) end--;
  if (dot === start || dot === n - 1) return undefined;
  const fractionDigits = end - dot - 1;
  const v = +text;
  if (fractionDigits === 0) return v === 0 ? 0 : v;
  // Exactly a double iff the digits, as an integer, divide by 5^fractionDigits (all < 2^53 here).
  const whole = +(text.slice(start, dot) + text.slice(dot + 1, end));
  if (whole % POW5[fractionDigits] === 0) return v;
  return undefined; // precise: left to the general path for its canonical text
}

function fromDecimal(d: Decimal): TfNumber {
  const { negative, digits, exponent } = d;
  if (digits === '') return 0;
  const nd = digits.length;
  const magnitude = nd + exponent; // the value lies in [10^(magnitude-1), 10^magnitude)
  if (exponent >= 0) {
    // An integer.
    if (magnitude <= 15) {
      const n = toNumber(digits) * 10 ** exponent; // < 10^15: exact
      return negative ? -n : n;
    }
    if (magnitude <= 309) {
      const big = toBigInt(digits) * 10n ** toBigInt(exponent);
      if (big <= BIG_MAX_SAFE) return negative ? -toNumber(big) : toNumber(big);
      if (big < BIG_LIMIT) return negative ? -big : big;
    }
    return new PreciseNumber(formatDecimal(d));
  }
  // A non-integer: is it exactly a double? Only if digits / 10^n is a dyadic fraction a double holds.
  const n = -exponent;
  if (magnitude > 309 || magnitude < -323) return new PreciseNumber(formatDecimal(d));
  if (nd <= 15 && n <= 22) {
    if (toNumber(digits) % POW5[n] === 0) return toNumber(`${negative ? '-' : ''}${digits}e${exponent}`);
    return new PreciseNumber(formatDecimal(d));
  }
  if (n > 1074) return new PreciseNumber(formatDecimal(d)); // finer than the smallest double step
  const pow5 = 5n ** toBigInt(n);
  const big = toBigInt(digits);
  if (big % pow5 !== 0n) return new PreciseNumber(formatDecimal(d));
  // value = q × 2^-n; strip q's factors of two, then it must fit 53 bits and the exponent range.
  let q = big / pow5;
  let e2 = -n;
  while ((q & 1n) === 0n) {
    q >>= 1n;
    e2++;
  }
  const bits = q.toString(2).length;
  if (bits <= 53 && e2 >= -1074 && bits - 1 + e2 <= 1023) return toNumber(`${negative ? '-' : ''}${digits}e${exponent}`);
  return new PreciseNumber(formatDecimal(d));
}

/** Canonical decimal text, in JavaScript's layout: plain from 1e-6 up to 1e21, else with an exponent. */
function formatDecimal({ negative, digits, exponent }: Decimal): string {
  const k = digits.length;
  const point = k + exponent;
  let body: string;
  if (k <= point && point <= 21) body = digits + '0'.repeat(point - k);
  else if (0 < point && point <= 21) body = `${digits.slice(0, point)}.${digits.slice(point)}`;
  else if (-6 < point && point <= 0) body = `0.${'0'.repeat(-point)}${digits}`;
  else {
    const e = point - 1;
    body = `${digits[0]}${k > 1 ? `.${digits.slice(1)}` : ''}e${e >= 0 ? '+' : '-'}${abs(e)}`;
  }
  return negative ? `-${body}` : body;
}

/**
 * The canonical form of a number (see the top of this file). Throws a ValueError for NaN and for
 * PreciseNumber text that is not a number.
 */
export function normalizeNumber(n: TfNumber): TfNumber {
  if (typeof n === 'number') {
    if (n !== n) throw new ValueError([], 'NaN is not a number Terraform can hold');
    if (n === 0) return 0; // -0 too
    if (isInteger(n) && (n > MAX_SAFE || n < -MAX_SAFE)) return toBigInt(n);
    return n;
  }
  if (typeof n === 'bigint') {
    if (n <= BIG_MAX_SAFE && n >= -BIG_MAX_SAFE) return toNumber(n);
    if (n >= BIG_LIMIT || n <= -BIG_LIMIT) return parseNumber(n.toString());
    return n;
  }
  if (n instanceof PreciseNumber) return parseNumber(n.text);
  throw new ValueError([], `a number is required (got ${typeof n})`);
}

/** Exact equality of two numbers, whatever their representations. */
export function numbersEqual(a: TfNumber, b: TfNumber): boolean {
  const x = normalizeNumber(a);
  const y = normalizeNumber(b);
  if (typeof x !== typeof y) return false;
  if (x instanceof PreciseNumber) return y instanceof PreciseNumber && x.text === y.text;
  return x === y;
}

/** Is this a canonical number (as the decoders produce)? */
export function isCanonicalNumber(n: TfNumber): boolean {
  try {
    const c = normalizeNumber(n);
    return c instanceof PreciseNumber ? n instanceof PreciseNumber && n.text === c.text : Object.is(c, n);
  } catch {
    return false;
  }
}
