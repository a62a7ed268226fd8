/**
 * Low-level msgpack reading and writing (https://github.com/msgpack/msgpack/blob/master/spec.md):
 * just the formats Terraform's values use, with errors that carry the value path being decoded.
 * Internal to the values codecs.
 */
import { ValueError, type ValuePathStep } from './errors';

// Globals read once into module constants: inside a vm context (as under Jest) every global lookup
// goes through a slow interceptor, while a module constant costs nothing.
const fromCharCode = String.fromCharCode;
const isSafeInteger = Number.isSafeInteger;
const toBigInt = BigInt;
const NodeBuffer = Buffer;
const DataViewOf = DataView;
const floor = Math.floor;
const max = Math.max;

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export const NIL = 0xc0;

/** Is this first byte an extension (fixext 1/2/4/8/16, ext 8/16/32)? */
export function isExtension(b: number): boolean {
  return (b >= 0xd4 && b <= 0xd8) || (b >= 0xc7 && b <= 0xc9);
}

export function isMapHeader(b: number): boolean {
  return (b >= 0x80 && b <= 0x8f) || b === 0xde || b === 0xdf;
}

/** What a first byte starts, for messages; `undefined` when the data ended before it. */
export function describeFormat(b: number | undefined): string {
  if (b === undefined) return 'the end of the data';
  if (b <= 0x7f || b >= 0xe0) return 'integer';
  if (b <= 0x8f) return 'map';
  if (b <= 0x9f) return 'array';
  if (b <= 0xbf) return 'string';
  switch (b) {
    case 0xc0:
      return 'null';
    case 0xc2:
    case 0xc3:
      return 'bool';
    case 0xc4:
    case 0xc5:
    case 0xc6:
      return 'binary';
    case 0xca:
    case 0xcb:
      return 'float';
    case 0xd9:
    case 0xda:
    case 0xdb:
      return 'string';
    case 0xdc:
    case 0xdd:
      return 'array';
    case 0xde:
    case 0xdf:
      return 'map';
    default:
      if (b >= 0xcc && b <= 0xd3) return 'integer';
      if (isExtension(b)) return 'extension';
      return `invalid byte 0x${b.toString(16)}`;
  }
}

export class Reader {
  pos = 0;
  private readonly view: DataView;

  constructor(
    readonly buf: Uint8Array,
    /** The path being decoded, shared with the decoder: errors name it. */
    readonly path: ValuePathStep[] = [],
  ) {
    this.view = new DataViewOf(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  fail(reason: string): never {
    throw new ValueError(this.path, reason);
  }

  private need(n: number): void {
    if (this.pos + n > this.buf.length) this.fail('unexpected end of msgpack data');
  }

  peek(): number {
    if (this.pos >= this.buf.length) this.fail('unexpected end of msgpack data');
    return this.buf[this.pos];
  }

  u8(): number {
    this.need(1);
    return this.buf[this.pos++];
  }

  u16(): number {
    this.need(2);
    const v = this.view.getUint16(this.pos);
    this.pos += 2;
    return v;
  }

  u32(): number {
    this.need(4);
    const v = this.view.getUint32(this.pos);
    this.pos += 4;
    return v;
  }

  i8(): number {
    this.need(1);
    return this.view.getInt8(this.pos++);
  }

  i16(): number {
    this.need(2);
    const v = this.view.getInt16(this.pos);
    this.pos += 2;
    return v;
  }

  i32(): number {
    this.need(4);
    const v = this.view.getInt32(this.pos);
    this.pos += 4;
    return v;
  }

  /** uint64 as a number when safe, else a bigint. */
  u64(): number | bigint {
    this.need(8);
    const hi = this.view.getUint32(this.pos);
    const lo = this.view.getUint32(this.pos + 4);
    this.pos += 8;
    if (hi < 0x200000) return hi * 0x100000000 + lo;
    return (toBigInt(hi) << 32n) | toBigInt(lo);
  }

  /** int64 as a number when safe, else a bigint. */
  i64(): number | bigint {
    this.need(8);
    const hi = this.view.getInt32(this.pos);
    const lo = this.view.getUint32(this.pos + 4);
    this.pos += 8;
    if (hi >= -0x200000 && hi < 0x200000) {
      const n = hi * 0x100000000 + lo;
      if (isSafeInteger(n)) return n;
    }
    return (toBigInt(hi) << 32n) | toBigInt(lo);
  }

  f32(): number {
    this.need(4);
    const v = this.view.getFloat32(this.pos);
    this.pos += 4;
    return v;
  }

  f64(): number {
    this.need(8);
    const v = this.view.getFloat64(this.pos);
    this.pos += 8;
    return v;
  }

  /** `len` bytes of UTF-8 as a string. */
  utf8(len: number): string {
    this.need(len);
    const start = this.pos;
    const end = start + len;
    this.pos = end;
    const buf = this.buf;
    if (len < 48) {
      let s = '';
      let i = start;
      for (; i < end; i++) {
        const c = buf[i];
        if (c >= 0x80) break;
        s += fromCharCode(c);
      }
      if (i === end) return s;
    }
    try {
      return utf8.decode(buf.subarray(start, end));
    } catch {
      return this.fail('a string is not valid UTF-8');
    }
  }

  /** If the next bytes are exactly `bytes`, moves past them and says true. */
  skipIfNext(bytes: Uint8Array): boolean {
    const buf = this.buf;
    const p = this.pos;
    const n = bytes.length;
    if (p + n > buf.length) return false;
    for (let i = 0; i < n; i++) if (buf[p + i] !== bytes[i]) return false;
    this.pos = p + n;
    return true;
  }

  /** A msgpack string (or binary, which Go's decoder also accepts as a string); null if it is neither. */
  stringOrNull(): string | null {
    const b = this.buf[this.pos];
    if (b >= 0xa0 && b <= 0xbf) {
      this.pos++;
      return this.utf8(b & 0x1f);
    }
    switch (b) {
      case 0xd9:
      case 0xc4:
        this.pos++;
        return this.utf8(this.u8());
      case 0xda:
      case 0xc5:
        this.pos++;
        return this.utf8(this.u16());
      case 0xdb:
      case 0xc6:
        this.pos++;
        return this.utf8(this.u32());
      default:
        return null;
    }
  }

  /** An array's element count, or -1 when the next value is not an array. */
  arrayHeader(): number {
    const b = this.buf[this.pos];
    if (b >= 0x90 && b <= 0x9f) {
      this.pos++;
      return b & 0x0f;
    }
    if (b === 0xdc) {
      this.pos++;
      return this.u16();
    }
    if (b === 0xdd) {
      this.pos++;
      return this.u32();
    }
    return -1;
  }

  /** A map's entry count, or -1 when the next value is not a map. */
  mapHeader(): number {
    const b = this.buf[this.pos];
    if (b >= 0x80 && b <= 0x8f) {
      this.pos++;
      return b & 0x0f;
    }
    if (b === 0xde) {
      this.pos++;
      return this.u16();
    }
    if (b === 0xdf) {
      this.pos++;
      return this.u32();
    }
    return -1;
  }

  /** An extension's type code and payload bounds; the reader moves past the payload. */
  extension(): { type: number; start: number; length: number } {
    const b = this.u8();
    let length: number;
    switch (b) {
      case 0xd4:
        length = 1;
        break;
      case 0xd5:
        length = 2;
        break;
      case 0xd6:
        length = 4;
        break;
      case 0xd7:
        length = 8;
        break;
      case 0xd8:
        length = 16;
        break;
      case 0xc7:
        length = this.u8();
        break;
      case 0xc8:
        length = this.u16();
        break;
      case 0xc9:
        length = this.u32();
        break;
      default:
        this.pos--;
        return this.fail(`an extension is required (got ${describeFormat(b)})`);
    }
    const type = this.i8();
    this.need(length);
    const start = this.pos;
    this.pos += length;
    return { type, start, length };
  }

  /** An integer small enough for a number (refinement keys and lengths); null if not an integer. */
  smallIntOrNull(): number | null {
    const b = this.buf[this.pos];
    if (b <= 0x7f) {
      this.pos++;
      return b;
    }
    if (b >= 0xe0) {
      this.pos++;
      return b - 0x100;
    }
    if (b < 0xcc || b > 0xd3) return null;
    this.pos++;
    let v: number | bigint;
    switch (b) {
      case 0xcc:
        return this.u8();
      case 0xcd:
        return this.u16();
      case 0xce:
        return this.u32();
      case 0xcf:
        v = this.u64();
        break;
      case 0xd0:
        return this.i8();
      case 0xd1:
        return this.i16();
      case 0xd2:
        return this.i32();
      default:
        v = this.i64();
    }
    return typeof v === 'number' ? v : this.fail('integer out of range');
  }

  /** Moves past one whole value of any kind. */
  skip(depth = 0): void {
    if (depth > 1000) this.fail('msgpack value nested too deeply');
    const b = this.u8();
    if (b <= 0x7f || b >= 0xe0 || b === 0xc0 || b === 0xc2 || b === 0xc3) return;
    if (b <= 0x8f) return this.skipMany((b & 0x0f) * 2, depth);
    if (b <= 0x9f) return this.skipMany(b & 0x0f, depth);
    if (b <= 0xbf) return this.skipBytes(b & 0x1f);
    switch (b) {
      case 0xcc:
      case 0xd0:
        return this.skipBytes(1);
      case 0xcd:
      case 0xd1:
        return this.skipBytes(2);
      case 0xce:
      case 0xd2:
      case 0xca:
        return this.skipBytes(4);
      case 0xcf:
      case 0xd3:
      case 0xcb:
        return this.skipBytes(8);
      case 0xd9:
      case 0xc4:
        return this.skipBytes(this.u8());
      case 0xda:
      case 0xc5:
        return this.skipBytes(this.u16());
      case 0xdb:
      case 0xc6:
        return this.skipBytes(this.u32());
      case 0xdc:
        return this.skipMany(this.u16(), depth);
      case 0xdd:
        return this.skipMany(this.u32(), depth);
      case 0xde:
        return this.skipMany(this.u16() * 2, depth);
      case 0xdf:
        return this.skipMany(this.u32() * 2, depth);
      default:
        if (isExtension(b)) {
          this.pos--;
          this.extension();
          return;
        }
        this.pos--;
        return this.fail(`invalid msgpack (byte 0x${b.toString(16)})`);
    }
  }

  private skipBytes(n: number): void {
    this.need(n);
    this.pos += n;
  }

  private skipMany(n: number, depth: number): void {
    for (let i = 0; i < n; i++) this.skip(depth + 1);
  }
}

const INITIAL = 8192;

export class Writer {
  buf: Buffer = NodeBuffer.allocUnsafe(INITIAL);
  pos = 0;
  private view = new DataViewOf(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength);

  reset(): void {
    if (this.buf.length > 1 << 20) this.replace(NodeBuffer.allocUnsafe(INITIAL));
    this.pos = 0;
  }

  private replace(buf: Buffer): void {
    this.buf = buf;
    this.view = new DataViewOf(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = NodeBuffer.allocUnsafe(max(this.buf.length * 2, this.pos + n));
    this.buf.copy(next, 0, 0, this.pos);
    this.replace(next);
  }

  /** A copy of what was written. */
  finish(): Buffer {
    return NodeBuffer.from(this.buf.subarray(0, this.pos));
  }

  u8(b: number): void {
    this.ensure(1);
    this.buf[this.pos++] = b;
  }

  bytes(b: Uint8Array): void {
    this.ensure(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  nil(): void {
    this.u8(NIL);
  }

  bool(v: boolean): void {
    this.u8(v ? 0xc3 : 0xc2);
  }

  /** A safe integer in the most compact format. */
  int(n: number): void {
    this.ensure(9);
    const buf = this.buf;
    const view = this.view;
    const p = this.pos;
    if (n >= 0) {
      if (n < 0x80) {
        buf[p] = n;
        this.pos = p + 1;
      } else if (n < 0x100) {
        buf[p] = 0xcc;
        buf[p + 1] = n;
        this.pos = p + 2;
      } else if (n < 0x10000) {
        buf[p] = 0xcd;
        view.setUint16(p + 1, n);
        this.pos = p + 3;
      } else if (n < 0x100000000) {
        buf[p] = 0xce;
        view.setUint32(p + 1, n);
        this.pos = p + 5;
      } else {
        buf[p] = 0xcf;
        view.setUint32(p + 1, floor(n / 0x100000000));
        view.setUint32(p + 5, n >>> 0);
        this.pos = p + 9;
      }
    } else if (n >= -32) {
      buf[p] = n & 0xff;
      this.pos = p + 1;
    } else if (n >= -0x80) {
      buf[p] = 0xd0;
      view.setInt8(p + 1, n);
      this.pos = p + 2;
    } else if (n >= -0x8000) {
      buf[p] = 0xd1;
      view.setInt16(p + 1, n);
      this.pos = p + 3;
    } else if (n >= -0x80000000) {
      buf[p] = 0xd2;
      view.setInt32(p + 1, n);
      this.pos = p + 5;
    } else {
      buf[p] = 0xd3;
      view.setBigInt64(p + 1, toBigInt(n));
      this.pos = p + 9;
    }
  }

  /** An integer in [-2^63, 2^64) as int64 or uint64 (compact when it is a safe integer). */
  bigint(n: bigint): void {
    if (n >= -0x1fffffffffffffn && n <= 0x1fffffffffffffn) return this.int(Number(n));
    this.ensure(9);
    if (n >= 0n) {
      this.buf[this.pos] = 0xcf;
      this.view.setBigUint64(this.pos + 1, n);
    } else {
      this.buf[this.pos] = 0xd3;
      this.view.setBigInt64(this.pos + 1, n);
    }
    this.pos += 9;
  }

  f64(v: number): void {
    this.ensure(9);
    this.buf[this.pos] = 0xcb;
    this.view.setFloat64(this.pos + 1, v);
    this.pos += 9;
  }

  string(s: string): void {
    const len = s.length;
    if (len < 32) {
      // Short ASCII, the common case: one pass, no native call.
      this.ensure(len + 1);
      const buf = this.buf;
      let p = this.pos + 1;
      let i = 0;
      for (; i < len; i++) {
        const c = s.charCodeAt(i);
        if (c >= 0x80) break;
        buf[p++] = c;
      }
      if (i === len) {
        buf[this.pos] = 0xa0 | len;
        this.pos = p;
        return;
      }
    }
    const n = NodeBuffer.byteLength(s, 'utf8');
    this.strHeader(n, 0xa0, 0xd9);
    this.ensure(n);
    this.pos += this.buf.write(s, this.pos, n, 'utf8');
  }

  /** Binary (bin 8/16/32) of these bytes. */
  binary(b: Uint8Array): void {
    const n = b.length;
    if (n < 0x100) {
      this.u8(0xc4);
      this.u8(n);
    } else this.sized(n, 0xc5);
    this.bytes(b);
  }

  private strHeader(n: number, fix: number, str8: number): void {
    if (n < 32) this.u8(fix | n);
    else if (n < 0x100) {
      this.u8(str8);
      this.u8(n);
    } else this.sized(n, str8 + 1);
  }

  /** A 16- or 32-bit length header: `code16` for 16 bits, `code16 + 1` for 32. */
  private sized(n: number, code16: number): void {
    this.ensure(5);
    if (n < 0x10000) {
      this.buf[this.pos] = code16;
      this.view.setUint16(this.pos + 1, n);
      this.pos += 3;
    } else {
      this.buf[this.pos] = code16 + 1;
      this.view.setUint32(this.pos + 1, n);
      this.pos += 5;
    }
  }

  arrayHeader(n: number): void {
    if (n < 16) this.u8(0x90 | n);
    else this.sized(n, 0xdc);
  }

  mapHeader(n: number): void {
    if (n < 16) this.u8(0x80 | n);
    else this.sized(n, 0xde);
  }

  extension(type: number, payload: Uint8Array): void {
    const n = payload.length;
    const fixed = n === 1 ? 0xd4 : n === 2 ? 0xd5 : n === 4 ? 0xd6 : n === 8 ? 0xd7 : n === 16 ? 0xd8 : 0;
    this.ensure(6 + n);
    if (fixed) this.u8(fixed);
    else if (n < 0x100) {
      this.u8(0xc7);
      this.u8(n);
    } else this.sized(n, 0xc8);
    this.u8(type & 0xff);
    this.bytes(payload);
  }
}
