/**
 * Typed models: a resource reads configuration, plan or state into a plain object typed from its
 * attributes (each value is its zod schema's output, or null) and writes one back, so resource code
 * holds no `String(...)`/`Number(...)` conversions and no casts. Reading checks each value against the
 * attribute's Terraform type — a zod schema derived from the block — not against its value rules:
 * state written under older, looser rules must still read.
 */
import { z } from 'zod';
import { isWhollyKnown, toPlain } from './validate';
import type { Attribute } from './attribute';
import { Unknown, type TfType, type TfValue } from '../values/types';

export type Attributes = Readonly<Record<string, Attribute>>;

/** The known value of an attribute: the output of its zod schema. */
export type ValueOf<A extends Attribute> = z.output<A['schema']>;

/**
 * A resource's values typed from its attributes. Null where Terraform holds null and, when read from
 * a plan, where a computed value is known only after apply.
 */
export type Model<A extends Attributes> = { -readonly [K in keyof A]: ValueOf<A[K]> | null };

/** Values that do not fit the schema: a bug in credform (or state edited by hand), never user input. */
export class ModelError extends Error {
  override readonly name = 'ModelError';
  constructor(
    readonly attribute: string,
    detail: string,
  ) {
    super(`${attribute}: ${detail}`);
  }
}

const TYPE_SCHEMAS = new WeakMap<Attribute, z.ZodType>();

/** The zod schema of a Terraform type (null allowed inside objects, as Terraform allows it). */
export function zodOfType(type: TfType): z.ZodType {
  switch (type.kind) {
    case 'string':
      return z.string();
    case 'number':
      return z.number();
    case 'bool':
      return z.boolean();
    case 'dynamic':
      return z.unknown();
    case 'list':
    case 'set':
      return z.array(zodOfType(type.element));
    case 'map':
      return z.record(z.string(), zodOfType(type.element));
    case 'tuple':
      return z.tuple(type.elements.map(zodOfType) as [z.ZodType, ...z.ZodType[]]);
    case 'object':
      return z.object(Object.fromEntries(Object.entries(type.attributes).map(([k, t]) => [k, zodOfType(t).nullable()])));
  }
}

function typeSchema(attribute: Attribute): z.ZodType {
  let schema = TYPE_SCHEMAS.get(attribute);
  if (!schema) TYPE_SCHEMAS.set(attribute, (schema = zodOfType(attribute.type)));
  return schema;
}

const isComputed = (a: Attribute) => a.mode === 'computed' || a.mode === 'optional_computed';

/**
 * Reads Terraform values into the model of `attributes`. A computed value not known yet reads as
 * null; any other unknown, and a value of the wrong type, throws `ModelError` naming the attribute.
 */
export function readModel<A extends Attributes>(attributes: A, values: Readonly<Record<string, TfValue>>): Model<A> {
  const model: Record<string, unknown> = {};
  for (const [name, attribute] of Object.entries(attributes)) {
    const value = values[name] ?? null;
    if (value instanceof Unknown) {
      if (!isComputed(attribute)) throw new ModelError(name, 'is not known yet');
      model[name] = null;
      continue;
    }
    const plain = toPlain(value);
    if (plain === null || plain === undefined) {
      model[name] = null;
      continue;
    }
    const parsed = typeSchema(attribute).safeParse(plain);
    if (!parsed.success) throw new ModelError(name, parsed.error.issues.map((i) => i.message).join('; '));
    model[name] = parsed.data;
  }
  return model as Model<A>;
}

/** Writes a model back as Terraform values: every attribute of the schema, null where unset. */
export function writeModel<A extends Attributes>(attributes: A, model: Partial<Model<A>>): Record<string, TfValue> {
  const values: Record<string, TfValue> = {};
  for (const name of Object.keys(attributes)) values[name] = ((model as Record<string, unknown>)[name] ?? null) as TfValue;
  return values;
}

/** A model's value that the schema requires: null there (a bug, or a hand-edited state) throws `ModelError`. */
export function requireValue<M extends Record<string, unknown>, K extends keyof M & string>(model: M, name: K): NonNullable<M[K]> {
  const value = model[name];
  if (value === null || value === undefined) throw new ModelError(name, 'is null where the schema requires a value');
  return value as NonNullable<M[K]>;
}

/**
 * Reads a plan (or configuration) at plan time, where some values are not known yet: those read as
 * null, whatever the attribute, so that checks can run on what is known.
 */
export function readKnownModel<A extends Attributes>(attributes: A, values: Readonly<Record<string, TfValue>>): Model<A> {
  const known: Record<string, TfValue> = {};
  for (const [name, value] of Object.entries(values)) known[name] = isWhollyKnown(value) ? value : null;
  return readModel(attributes, known);
}
