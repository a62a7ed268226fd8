/**
 * The Terraform type of an attribute is derived from its zod schema, so that a vendor declares each
 * field once. Only the shapes Terraform can express are mapped; anything looser becomes `dynamic`.
 */
import type { z } from 'zod';
import { T, type TfType } from '../values/types';

interface ZodDefLike {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  element?: z.ZodType;
  valueType?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  options?: z.ZodType[];
  entries?: Record<string, unknown>;
  values?: unknown[];
}

function def(schema: z.ZodType): ZodDefLike {
  return (schema as unknown as { _zod: { def: ZodDefLike } })._zod.def;
}

export function tfTypeOfZod(schema: z.ZodType): TfType {
  const d = def(schema);
  switch (d.type) {
    case 'string':
    case 'enum':
    case 'template_literal':
      return T.string;
    case 'literal':
      return typeof d.values?.[0] === 'string' ? T.string : typeof d.values?.[0] === 'boolean' ? T.bool : T.number;
    case 'number':
    case 'int':
    case 'bigint':
      return T.number;
    case 'boolean':
      return T.bool;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return tfTypeOfZod(d.innerType!);
    case 'pipe':
      return tfTypeOfZod(d.in!);
    case 'array':
      return T.list(tfTypeOfZod(d.element!));
    case 'set':
      return T.set(tfTypeOfZod(d.valueType!));
    case 'record':
      return T.map(tfTypeOfZod(d.valueType!));
    case 'object': {
      const attributes: Record<string, TfType> = {};
      for (const [name, field] of Object.entries(d.shape ?? {})) attributes[name] = tfTypeOfZod(field);
      return T.object(attributes);
    }
    case 'union': {
      const types = (d.options ?? []).map(tfTypeOfZod);
      const first = JSON.stringify(types[0]);
      return types.every((t) => JSON.stringify(t) === first) ? types[0] : T.dynamic;
    }
    default:
      return T.dynamic;
  }
}
