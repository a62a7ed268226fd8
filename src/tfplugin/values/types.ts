/**
 * Terraform's type system and the in-memory form of its values, as the provider engine sees them.
 *
 * Values are plain JavaScript data so that resource code reads naturally; the two things JSON cannot
 * say — "not known yet" and "a number JavaScript cannot hold exactly" — get small classes of their own.
 */

export type TfType =
  | { readonly kind: 'string' }
  | { readonly kind: 'number' }
  | { readonly kind: 'bool' }
  | { readonly kind: 'dynamic' }
  | { readonly kind: 'list'; readonly element: TfType }
  | { readonly kind: 'set'; readonly element: TfType }
  | { readonly kind: 'map'; readonly element: TfType }
  | { readonly kind: 'object'; readonly attributes: Readonly<Record<string, TfType>>; readonly optional?: readonly string[] }
  | { readonly kind: 'tuple'; readonly elements: readonly TfType[] };

/**
 * A value Terraform does not know yet (msgpack extension 0), or knows something about (extension 12,
 * a "refined" unknown: not null, a string prefix, number bounds, collection length bounds).
 * The refinement bytes are kept verbatim so that planning passes them through untouched.
 */
export class Unknown {
  constructor(readonly refinement?: Uint8Array) {}
}

/** A number that neither a double nor a bigint holds exactly (e.g. 0.1 beyond float precision, 1e400). */
export class PreciseNumber {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

/** A value of dynamic type carries its concrete type with it (msgpack: [type JSON, value]). */
export class DynamicValueOf {
  constructor(readonly type: TfType, readonly value: TfValue) {}
}

/** A number as the engine holds it: a double when exact, a bigint for large integers, else decimal text. */
export type TfNumber = number | bigint | PreciseNumber;

export type TfValue =
  | null
  | Unknown
  | string
  | TfNumber
  | boolean
  | DynamicValueOf
  | TfValue[]
  | { [key: string]: TfValue };

export const isUnknown = (v: unknown): v is Unknown => v instanceof Unknown;

export const T = {
  string: { kind: 'string' } as TfType,
  number: { kind: 'number' } as TfType,
  bool: { kind: 'bool' } as TfType,
  dynamic: { kind: 'dynamic' } as TfType,
  list: (element: TfType): TfType => ({ kind: 'list', element }),
  set: (element: TfType): TfType => ({ kind: 'set', element }),
  map: (element: TfType): TfType => ({ kind: 'map', element }),
  object: (attributes: Record<string, TfType>, optional?: string[]): TfType =>
    optional && optional.length ? { kind: 'object', attributes, optional } : { kind: 'object', attributes },
  tuple: (elements: TfType[]): TfType => ({ kind: 'tuple', elements }),
};
