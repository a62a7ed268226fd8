/**
 * Attributes and blocks: a zod schema for the shape of a known value, plus what Terraform needs to
 * know (required/optional/computed, sensitive, write-only, plan modifiers). Declared once per vendor;
 * the Terraform schema, validation and docs are all derived from this.
 */
import type { z } from 'zod';
import type { TfType, TfValue } from '../values/types';
import { T } from '../values/types';
import type { PlanModifier } from './plan-modifiers';
import { tfTypeOfZod } from './zod-type';

export type AttributeMode = 'required' | 'optional' | 'computed' | 'optional_computed';

export interface AttributeOptions {
  /** One or two sentences for the reference docs and `terraform providers schema`. */
  readonly description: string;
  /** Terraform redacts the value in plan output. */
  readonly sensitive?: boolean;
  /** Terraform 1.11+: the value is only in configuration, never in plan or state. */
  readonly writeOnly?: boolean;
  /** Shown as a warning when the attribute is set. */
  readonly deprecated?: string;
  readonly planModifiers?: readonly PlanModifier[];
  /** Overrides the type derived from the zod schema (e.g. dynamic for free-form JSON). */
  readonly type?: TfType;
}

export interface Attribute<S extends z.ZodType = z.ZodType> extends AttributeOptions {
  readonly mode: AttributeMode;
  /** The shape of a known, non-null value; validated at `terraform validate` and plan time. */
  readonly schema: S;
  readonly type: TfType;
  /** Planned when configuration leaves the attribute null (implies optional + computed). */
  readonly default?: TfValue;
}

function make<S extends z.ZodType>(mode: AttributeMode, schema: S, options: AttributeOptions, dflt?: TfValue): Attribute<S> {
  if (options.writeOnly && mode !== 'required' && mode !== 'optional') {
    throw new Error('a write-only attribute cannot be computed');
  }
  return { ...options, mode, schema, type: options.type ?? tfTypeOfZod(schema), default: dflt };
}

export const attribute = {
  required: <S extends z.ZodType>(schema: S, options: AttributeOptions) => make('required', schema, options),
  optional: <S extends z.ZodType>(schema: S, options: AttributeOptions) => make('optional', schema, options),
  computed: <S extends z.ZodType>(schema: S, options: AttributeOptions) => make('computed', schema, options),
  optionalComputed: <S extends z.ZodType>(schema: S, options: AttributeOptions) => make('optional_computed', schema, options),
  /** Optional with a default: configuration may omit it and the plan shows the default. */
  withDefault: <S extends z.ZodType>(schema: S, value: TfValue, options: AttributeOptions) =>
    make('optional_computed', schema, options, value),
};

export type NestingMode = 'single' | 'list' | 'set';

export interface NestedBlock {
  readonly nesting: NestingMode;
  readonly block: Block;
  readonly minItems?: number;
  readonly maxItems?: number;
}

export interface Block {
  readonly description?: string;
  readonly attributes: Readonly<Record<string, Attribute>>;
  readonly blocks?: Readonly<Record<string, NestedBlock>>;
}

/** The object type Terraform uses for a block's value (nested blocks become attributes of it). */
export function blockType(block: Block): TfType {
  const attributes: Record<string, TfType> = {};
  for (const [name, a] of Object.entries(block.attributes)) attributes[name] = a.type;
  for (const [name, nb] of Object.entries(block.blocks ?? {})) {
    const inner = blockType(nb.block);
    attributes[name] = nb.nesting === 'single' ? inner : nb.nesting === 'list' ? T.list(inner) : T.set(inner);
  }
  return T.object(attributes);
}

/** Names of write-only attributes at the top level of a block (they must be null in plan and state). */
export function writeOnlyNames(block: Block): string[] {
  return Object.entries(block.attributes).filter(([, a]) => a.writeOnly).map(([n]) => n);
}
