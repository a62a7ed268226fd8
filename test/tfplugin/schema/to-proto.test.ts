/**
 * How a declared attribute is served in GetProviderSchema. An object type with optional attributes
 * goes out as a nested attribute (nesting single), as terraform-plugin-framework serves such objects:
 * cdktf's and cdktn's binding generators (`cdktf get`) stop at an optional-attribute object type
 * nested in another ("unexpected array"); test/meta/provider-bindings.e2e.test.ts runs them.
 */
import { z } from 'zod';
import type { SchemaAttribute } from '../../../src/tfplugin/protocol/types';
import { attribute, type Block } from '../../../src/tfplugin/schema/attribute';
import { blockToProto } from '../../../src/tfplugin/schema/to-proto';
import { T } from '../../../src/tfplugin/values/types';
import { connectorCredentialsBlock } from '../../../src/vendors/ox/schema';

/** Attributes by name. */
const byName = (list: SchemaAttribute[] | undefined): Record<string, SchemaAttribute> => Object.fromEntries((list ?? []).map((a) => [a.name!, a]));
const text = (b: Uint8Array | undefined) => (b === undefined ? undefined : Buffer.from(b).toString());

describe('blockToProto', () => {
  const block: Block = {
    attributes: {
      input: attribute.optional(z.object({}), {
        description: 'Inputs.',
        type: T.object({ name: T.string, id: T.number, group: T.object({ key: T.string, flag: T.bool }, ['flag']) }, ['name', 'group']),
      }),
      result: attribute.computed(z.object({}), { description: 'Out.', type: T.object({ id: T.number }) }),
      tags: attribute.optional(z.array(z.string()), { description: 'Tags.' }),
    },
  };
  const attrs = byName(blockToProto(block).attributes);

  test('an object type with optional attributes is a nested attribute, nesting single, at every depth', () => {
    const input = attrs.input!;
    expect(input.type).toBeUndefined();
    expect([input.optional, input.required, input.description]).toEqual([true, false, 'Inputs.']);
    expect(input.nested_type!.nesting).toBe(1);
    const inner = byName(input.nested_type!.attributes);
    expect(Object.keys(inner).sort()).toEqual(['group', 'id', 'name']);
    expect([text(inner.name!.type), inner.name!.optional, inner.name!.required]).toEqual(['"string"', true, false]);
    expect([text(inner.id!.type), inner.id!.optional, inner.id!.required]).toEqual(['"number"', false, true]);
    const group = byName(inner.group!.nested_type!.attributes);
    expect(inner.group!.type).toBeUndefined();
    expect([inner.group!.optional, group.key!.required, group.flag!.optional]).toEqual([true, true, true]);
  });

  test('other types keep their cty type JSON', () => {
    expect([text(attrs.result!.type), attrs.result!.nested_type]).toEqual(['["object",{"id":"number"}]', undefined]);
    expect([text(attrs.tags!.type), attrs.tags!.nested_type]).toEqual(['["list","string"]', undefined]);
  });

  test("OX's credentials_input is served nested, its groups too", () => {
    const input = blockToProto(connectorCredentialsBlock).attributes!.find((a) => a.name === 'credentials_input')!;
    expect(input.type).toBeUndefined();
    const inner = input.nested_type!.attributes!;
    expect(inner.every((a) => a.optional && !a.required)).toBe(true);
    expect(inner.filter((a) => a.nested_type).map((a) => a.name).sort()).toEqual(['extra_optional_creds', 'idp_token', 'installation_token', 'optional_fields']);
  });
});
