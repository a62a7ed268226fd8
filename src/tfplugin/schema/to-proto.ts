/** Our block/attribute declarations in the shape of the protocol's `Schema.Block`. */
// Types only: the enum constants live in the start-up part of the bundle, this file in the lazy one.
import type { NestingMode as ProtoNestingMode, SchemaAttribute, SchemaBlock, SchemaNestedBlock } from '../protocol/types';
import { typeToJson } from '../values/type-json';
import type { Block, NestingMode } from './attribute';

const NESTING: Record<NestingMode, ProtoNestingMode> = { single: 1, list: 2, set: 3 };

export function blockToProto(block: Block, version = 0): SchemaBlock {
  const attributes = Object.entries(block.attributes).map(([name, a]): SchemaAttribute => ({
    name,
    type: Buffer.from(JSON.stringify(typeToJson(a.type))),
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
