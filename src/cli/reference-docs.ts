/**
 * Reference docs generated from the schemas the provider serves, so they cannot drift from it:
 * one Markdown page per resource, data source, ephemeral resource, and the provider configuration.
 */
import type { ProviderDefinition } from '../tfplugin/provider';
import type { Attribute, Block } from '../tfplugin/schema/attribute';
import type { TfType } from '../tfplugin/values/types';

function typeName(t: TfType): string {
  switch (t.kind) {
    case 'list':
    case 'set':
    case 'map':
      return `${t.kind}(${typeName(t.element)})`;
    case 'object':
      return `object({${Object.entries(t.attributes).map(([k, v]) => `${k}=${typeName(v)}`).join(', ')}})`;
    case 'tuple':
      return `tuple([${t.elements.map(typeName).join(', ')}])`;
    default:
      return t.kind;
  }
}

function mode(a: Attribute): string {
  const parts = [a.mode === 'optional_computed' ? (a.default !== undefined ? 'optional' : 'optional, computed') : a.mode];
  if (a.default !== undefined) parts.push(`default \`${JSON.stringify(a.default)}\``);
  if (a.writeOnly) parts.push('**write-only** (Terraform ≥ 1.11)');
  if (a.sensitive) parts.push('sensitive');
  for (const m of a.planModifiers ?? []) if (m.kind === 'requires_replace') parts.push('forces replacement');
  return parts.join(', ');
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function blockTable(block: Block, prefix = ''): string[] {
  const rows: string[] = [];
  for (const [name, a] of Object.entries(block.attributes)) {
    rows.push(`| \`${prefix}${name}\` | ${typeName(a.type)} | ${mode(a)} | ${cell(a.description)} |`);
  }
  for (const [name, nb] of Object.entries(block.blocks ?? {})) {
    rows.push(`| \`${prefix}${name}\` | block (${nb.nesting}) | optional | ${cell(nb.block.description ?? '')} |`);
    rows.push(...blockTable(nb.block, `${prefix}${name}.`));
  }
  return rows;
}

function page(title: string, description: string, block: Block, extra: string[] = []): string {
  return [
    `# ${title}`,
    '',
    '<!-- Generated from the provider schema by `npm run docs`; do not edit by hand. -->',
    '',
    description,
    '',
    ...extra,
    '| attribute | type | kind | description |',
    '|---|---|---|---|',
    ...blockTable(block),
    '',
  ].join('\n');
}

/** File name → content. */
export function referenceDocs(def: ProviderDefinition<unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  out['provider.md'] = page(`Provider \`${def.typeName}\``, def.schema.description ?? def.schema.block.description ?? '', def.schema.block);
  for (const r of def.resources) {
    const rules = (r.schema.configValidators ?? []).map((v) => `- ${v.description}`);
    out[`resources/${r.typeName}.md`] = page(`Resource \`${r.typeName}\``, r.schema.description, r.schema.block, rules.length ? ['Rules:', '', ...rules, ''] : []);
  }
  for (const d of def.dataSources ?? []) out[`data-sources/${d.typeName}.md`] = page(`Data source \`${d.typeName}\``, d.schema.description, d.schema.block);
  for (const e of def.ephemeralResources ?? []) out[`ephemeral-resources/${e.typeName}.md`] = page(`Ephemeral resource \`${e.typeName}\``, e.schema.description, e.schema.block);
  return out;
}
