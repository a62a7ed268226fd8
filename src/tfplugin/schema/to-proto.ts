/** Our block/attribute declarations in the shape of the protocol's `Schema.Block`. */
// Types only: the enum constants live in the start-up part of the bundle, this file in the lazy one.
import type { NestingMode as ProtoNestingMode, SchemaAttribute, SchemaBlock, SchemaNestedBlock, SchemaObject } from '../protocol/types';
import { typeToJson } from '../values/type-json';
import type { TfType } from '../values/types';
import type { Block, NestingMode } from './attribute';

const NESTING: Record<NestingMode, ProtoNestingMode> = { single: 1, list: 2, set: 3 };

export function blockToProto(block: Block, version = 0): SchemaBlock {
  const attributes = Object.entries(block.attributes).map(([name, a]): SchemaAttribute => ({
    name,
    ...typeOrNested(a.type),
    description: a.description,
    required: a.mode === 'required',
    optional: a.mode === 'optional' || a.mode === 'optional_computed',
    computed: a.mode === 'computed' || a.mode === 'optional_computed',
    sensitive: !!a.sensitive,
    write_only: !!a.writeOnly,
    deprecated: !!a.deprecated,
    description_kind: 1, // MARKDOWN: descriptions carry `code` spans
  }));
  const block_types = Object.entries(block.blocks ?? {}).map(([type_name, nb]): SchemaNestedBlock => ({
    type_name,
    block: blockToProto(nb.block),
    nesting: NESTING[nb.nesting],
    // Terraform insists that a single block's min and max items match; 0/0 means "optional".
    min_items: nb.nesting === 'single' ? 0 : nb.minItems ?? 0,
    max_items: nb.nesting === 'single' ? 0 : nb.maxItems ?? 0,
  }));
  return { version, attributes, block_types, description: block.description ?? '', description_kind: 1 };
}

/**
 * An object type with optional attributes is served as a nested attribute (`nested_type`, nesting
 * single), the form terraform-plugin-framework gives such objects: Terraform accepts the same values
 * either way, but cdktf's binding generator (`cdktf get`, 0.21; cdktn 0.24) knows only the nested form
 * and stops at an optional-attribute object type inside another ("unexpected array").
 */
function typeOrNested(type: TfType): Pick<SchemaAttribute, 'type' | 'nested_type'> {
  return type.kind === 'object' && type.optional?.length ? { nested_type: nestedObject(type) } : { type: Buffer.from(JSON.stringify(typeToJson(type))) };
}

function nestedObject(type: Extract<TfType, { kind: 'object' }>): SchemaObject {
  const optional = new Set(type.optional);
  const attributes = Object.entries(type.attributes).map(([name, t]): SchemaAttribute => ({
    name,
    ...typeOrNested(t),
    required: !optional.has(name),
    optional: optional.has(name),
  }));
  return { attributes, nesting: 1 }; // SINGLE
}
