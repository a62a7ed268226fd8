/**
 * Values in Terraform's JSON form (object-wire-format.md, "JSON Serialization Rules"), as in
 * UpgradeResourceState's `raw_state.json`: the stored state of one resource object, written by
 * whichever provider version made it. Driven by the current type, like cty's json package:
 *
 *   - Numbers are read from their source text, never through a double: 123456789012345678901 stays
 *     exact (see ./numbers.ts for the forms).
 *   - An attribute the type has but the JSON lacks is null (a new attribute in a newer schema).
 *   - An attribute the JSON has but the type lacks is dropped and reported in `extraAttributes` (a
 *     removed attribute): the caller decides whether that is worth a warning.
 *   - As cty: a string accepts a JSON number or bool (as its text), a number accepts a string of
 *     decimal text, a bool accepts "true"/"false". A dynamic value is {"type": T, "value": V}.
 *   - There are no unknowns in JSON.
 *
 * The scanner is written here rather than taken from a package: it reads straight into the typed
 * value in one pass, and JSON.parse in Node 20 cannot hand back a number's source text.
 */
import { ValueError, formatValuePath, type ValuePathStep } from './errors';
import { parseNumber } from './numbers';
import { objectInfo } from './object-info';
import { setOwn, typeFromJson } from './type-json';
import { DynamicValueOf, type TfType, type TfValue } from './types';

// Globals read once into module constants: inside a vm context (as under Jest) every global lookup
// goes through a slow interceptor, while a module constant costs nothing.
const hasOwnProperty = Object.prototype.hasOwnProperty;
const fromCharCode = String.fromCharCode;

export interface JsonDecodeResult {
  readonly value: TfValue;
  /**
   * Paths of object attributes present in the JSON but not in the type, dropped from `value`,
   * as users write them: `old_name`, `settings.legacy`, `rules[2].old`.
   */
  readonly extraAttributes: string[];
}

/** Decodes JSON text as a value of `type`. Throws a ValueError naming the path of a mismatch. */
export function decodeJsonValue(text: string, type: TfType): JsonDecodeResult {
  const p = new JsonScanner(text);
  const value = p.value(type);
  p.ws();
  if (p.pos !== text.length) p.fail('unexpected text after the JSON value');
  return { value, extraAttributes: p.extras };
}

const MAX_DEPTH = 1000;

const enum C {
  Tab = 9,
  LF = 10,
  CR = 13,
  Space = 32,
  Quote = 34,
  Plus = 43,
  Comma = 44,
  Minus = 45,
  Dot = 46,
  Zero = 48,
  Nine = 57,
  Colon = 58,
  UpperE = 69,
  LBracket = 91,
  Backslash = 92,
  RBracket = 93,
  LowerE = 101,
  LBrace = 123,
  RBrace = 125,
}

class JsonScanner {
  pos = 0;
  readonly path: ValuePathStep[] = [];
  readonly extras: string[] = [];

  constructor(private readonly text: string) {}

  fail(reason: string): never {
    throw new ValueError(this.path, reason);
  }

  private syntax(what: string): never {
    return this.fail(`invalid JSON at offset ${this.pos}: ${what}`);
  }

  ws(): void {
    const t = this.text;
    let p = this.pos;
    for (;;) {
      const c = t.charCodeAt(p);
      if (c === C.Space || c === C.LF || c === C.CR || c === C.Tab) p++;
      else break;
    }
    this.pos = p;
  }

  /** The next non-space character code (NaN at the end). */
  private peek(): number {
    this.ws();
    return this.text.charCodeAt(this.pos);
  }

  private expect(c: number, what: string): void {
    if (this.peek() !== c) this.syntax(`expected ${what}`);
    this.pos++;
  }

  private literal(word: string): boolean {
    if (this.text.startsWith(word, this.pos)) {
      this.pos += word.length;
      return true;
    }
    return false;
  }

  /** What the next token is, for messages. */
  private describeNext(): string {
    const c = this.peek();
    if (c === C.Quote) return 'string';
    if (c === C.LBrace) return 'object';
    if (c === C.LBracket) return 'array';
    if (c === C.Minus || (c >= C.Zero && c <= C.Nine)) return 'number';
    if (this.text.startsWith('true', this.pos) || this.text.startsWith('false', this.pos)) return 'bool';
    if (this.text.startsWith('null', this.pos)) return 'null';
    return c !== c ? 'end of text' : JSON.stringify(this.text[this.pos]);
  }

  private mismatch(wanted: string): never {
    return this.fail(`${wanted} is required (got ${this.describeNext()})`);
  }

  value(type: TfType): TfValue {
    const c = this.peek();
    if (c === 0x6e /* n */ && this.literal('null')) return null;
    switch (type.kind) {
      case 'string':
        if (c === C.Quote) return this.string();
        if (c === C.Minus || (c >= C.Zero && c <= C.Nine)) return this.numberText();
        if (this.literal('true')) return 'true';
        if (this.literal('false')) return 'false';
        return this.mismatch('a string');
      case 'number': {
        let text: string;
        if (c === C.Minus || (c >= C.Zero && c <= C.Nine)) text = this.numberText();
        else if (c === C.Quote) text = this.string();
        else return this.mismatch('a number');
        try {
          return parseNumber(text);
        } catch (e) {
          return this.fail(e instanceof ValueError ? e.reason : String(e));
        }
      }
      case 'bool':
        if (this.literal('true')) return true;
        if (this.literal('false')) return false;
        if (c === C.Quote) {
          const start = this.pos;
          const s = this.string();
          if (s === 'true' || s === 'false') return s === 'true';
          this.pos = start;
        }
        return this.mismatch('a bool');
      case 'list':
      case 'set':
      case 'tuple': {
        if (c !== C.LBracket) return this.mismatch(`a ${type.kind}`);
        this.pos++;
        const out: TfValue[] = [];
        const depth = this.path.length;
        this.path.push(0);
        if (this.peek() !== C.RBracket) {
          for (;;) {
            const i = out.length;
            this.path[depth] = i;
            if (type.kind === 'tuple') {
              if (i >= type.elements.length) {
                this.path.pop();
                return this.fail(`a tuple of length ${type.elements.length} is required (got more elements)`);
              }
              out.push(this.value(type.elements[i]));
            } else out.push(this.value(type.element));
            if (this.peek() === C.Comma) this.pos++;
            else break;
          }
        }
        this.path.pop();
        this.expect(C.RBracket, "',' or ']'");
        if (type.kind === 'tuple' && out.length !== type.elements.length) {
          return this.fail(`a tuple of length ${type.elements.length} is required (got ${out.length} elements)`);
        }
        return out;
      }
      case 'map': {
        if (c !== C.LBrace) return this.mismatch('a map');
        const out: Record<string, TfValue> = {};
        this.members((key) => {
          this.path.push({ key });
          setOwn(out, key, this.value(type.element));
          this.path.pop();
        });
        return out;
      }
      case 'object': {
        if (c !== C.LBrace) return this.mismatch('an object');
        const info = objectInfo(type);
        const { names, types } = info;
        const out: Record<string, TfValue> = {};
        this.members((key) => {
          const index = info.index.get(key);
          if (index === undefined) {
            this.path.push(key);
            this.extras.push(formatValuePath(this.path));
            this.skip(0);
            this.path.pop();
            return;
          }
          const name = names[index]; // the type's own (interned) string: faster to store with
          this.path.push(name);
          const v = this.value(types[index]);
          this.path.pop();
          if (name === '__proto__') setOwn(out, name, v);
          else out[name] = v;
        });
        for (let i = 0; i < names.length; i++) {
          if (!hasOwnProperty.call(out, names[i])) setOwn(out, names[i], null);
        }
        return out;
      }
      case 'dynamic':
        return this.dynamic(c);
      default:
        return this.fail(`unsupported type ${JSON.stringify(type)}`);
    }
  }

  /** {"type": T, "value": V} in either order. */
  private dynamic(c: number): TfValue {
    if (c !== C.LBrace) return this.mismatch('a dynamic value ({"type": ..., "value": ...})');
    let type: TfType | undefined;
    let haveValue = false;
    let valueAt = -1; // where the value is, when it came before the type
    let value: TfValue = null;
    this.members((key) => {
      if (key === 'type') {
        const at = this.pos;
        try {
          type = typeFromJson(this.generic(0));
        } catch (e) {
          this.pos = at;
          this.fail(`invalid type in dynamic value: ${e instanceof ValueError ? e.reason : String(e)}`);
        }
        if (valueAt >= 0) {
          const end = this.pos;
          this.pos = valueAt;
          value = this.value(type);
          this.pos = end;
          valueAt = -1;
        }
      } else if (key === 'value') {
        haveValue = true;
        if (type) value = this.value(type);
        else {
          this.ws();
          valueAt = this.pos;
          this.skip(0);
        }
      } else this.fail(`invalid key ${JSON.stringify(key)} in a dynamic value`);
    });
    if (!type) return this.fail('missing "type" in a dynamic value');
    if (!haveValue) return this.fail('missing "value" in a dynamic value');
    const t: TfType = type;
    return t.kind === 'dynamic' ? value : new DynamicValueOf(t, value);
  }

  /** An object's members: `each` reads the value after its key. */
  private members(each: (key: string) => void): void {
    this.pos++; // '{'
    if (this.peek() === C.RBrace) {
      this.pos++;
      return;
    }
    for (;;) {
      if (this.peek() !== C.Quote) this.syntax('expected an object key');
      const key = this.string();
      this.expect(C.Colon, "':'");
      each(key);
      const c = this.peek();
      this.pos++;
      if (c === C.RBrace) return;
      if (c !== C.Comma) {
        this.pos--;
        this.syntax("expected ',' or '}'");
      }
    }
  }

  /** A JSON string token, unescaped. */
  private string(): string {
    const t = this.text;
    const start = this.pos + 1;
    let p = start;
    // Fast path: no escapes.
    for (;;) {
      const c = t.charCodeAt(p);
      if (c === C.Quote) {
        this.pos = p + 1;
        return t.slice(start, p);
      }
      if (c === C.Backslash) break;
      if (c < 0x20 || c !== c) {
        this.pos = p;
        this.syntax(c !== c ? 'unterminated string' : 'control character in a string');
      }
      p++;
    }
    let out = t.slice(start, p);
    for (;;) {
      const c = t.charCodeAt(p);
      if (c === C.Quote) {
        this.pos = p + 1;
        return out;
      }
      if (c !== c || c < 0x20) {
        this.pos = p;
        this.syntax(c !== c ? 'unterminated string' : 'control character in a string');
      }
      if (c !== C.Backslash) {
        out += t[p++];
        continue;
      }
      const e = t[p + 1];
      p += 2;
      switch (e) {
        case '"':
        case '\\':
        case '/':
          out += e;
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u': {
          const hex = t.slice(p, p + 4);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
            this.pos = p;
            this.syntax('invalid \\u escape');
          }
          out += fromCharCode(parseInt(hex, 16));
          p += 4;
          break;
        }
        default:
          this.pos = p - 2;
          this.syntax('invalid escape');
      }
    }
  }

  /** A JSON number token's text, checked against JSON's grammar. */
  private numberText(): string {
    const t = this.text;
    const start = this.pos;
    let p = start;
    if (t.charCodeAt(p) === C.Minus) p++;
    const digits = (): number => {
      const from = p;
      for (let c = t.charCodeAt(p); c >= C.Zero && c <= C.Nine; c = t.charCodeAt(++p));
      return p - from;
    };
    const intStart = p;
    const n = digits();
    if (n === 0 || (n > 1 && t.charCodeAt(intStart) === C.Zero)) {
      this.pos = start;
      this.syntax('invalid number');
    }
    if (t.charCodeAt(p) === C.Dot) {
      p++;
      if (digits() === 0) {
        this.pos = start;
        this.syntax('invalid number');
      }
    }
    let c = t.charCodeAt(p);
    if (c === C.LowerE || c === C.UpperE) {
      p++;
      c = t.charCodeAt(p);
      if (c === C.Plus || c === C.Minus) p++;
      if (digits() === 0) {
        this.pos = start;
        this.syntax('invalid number');
      }
    }
    this.pos = p;
    return t.slice(start, p);
  }

  /** Moves past one JSON value of any kind, checking its syntax. */
  private skip(depth: number): void {
    if (depth > MAX_DEPTH) this.syntax('nested too deeply');
    const c = this.peek();
    if (c === C.Quote) this.string();
    else if (c === C.Minus || (c >= C.Zero && c <= C.Nine)) this.numberText();
    else if (c === C.LBrace) this.members(() => this.skip(depth + 1));
    else if (c === C.LBracket) {
      this.pos++;
      if (this.peek() === C.RBracket) {
        this.pos++;
        return;
      }
      for (;;) {
        this.skip(depth + 1);
        const d = this.peek();
        this.pos++;
        if (d === C.RBracket) return;
        if (d !== C.Comma) {
          this.pos--;
          this.syntax("expected ',' or ']'");
        }
      }
    } else if (!this.literal('true') && !this.literal('false') && !this.literal('null')) this.syntax('expected a value');
  }

  /** A JSON value as plain JavaScript (for type descriptions: numbers are not expected there). */
  private generic(depth: number): unknown {
    if (depth > MAX_DEPTH) this.syntax('nested too deeply');
    const c = this.peek();
    if (c === C.Quote) return this.string();
    if (c === C.Minus || (c >= C.Zero && c <= C.Nine)) return Number(this.numberText());
    if (c === C.LBrace) {
      const out: Record<string, unknown> = {};
      this.members((key) => setOwn(out, key, this.generic(depth + 1)));
      return out;
    }
    if (c === C.LBracket) {
      this.pos++;
      const out: unknown[] = [];
      if (this.peek() === C.RBracket) {
        this.pos++;
        return out;
      }
      for (;;) {
        out.push(this.generic(depth + 1));
        const d = this.peek();
        this.pos++;
        if (d === C.RBracket) return out;
        if (d !== C.Comma) {
          this.pos--;
          this.syntax("expected ',' or ']'");
        }
      }
    }
    if (this.literal('true')) return true;
    if (this.literal('false')) return false;
    if (this.literal('null')) return null;
    return this.syntax('expected a value');
  }
}
