/** Typed models: values read from Terraform's form by the attributes' types, written back whole. */
import { z } from 'zod';
import { attribute } from '../../../src/tfplugin/schema/attribute';
import { ModelError, readModel, writeModel, type Model } from '../../../src/tfplugin/schema/model';
import { PreciseNumber, Unknown } from '../../../src/tfplugin/values/types';

const attributes = {
  name: attribute.required(z.string().min(3), { description: 'name' }),
  team_id: attribute.required(z.number().int(), { description: 'team' }),
  tags: attribute.optional(z.array(z.string()), { description: 'tags' }),
  meta: attribute.optional(z.record(z.string(), z.string()), { description: 'meta' }),
  id: attribute.computed(z.string(), { description: 'id' }),
  enabled: attribute.optionalComputed(z.boolean(), { description: 'enabled' }),
};

describe('typed models', () => {
  it('reads each value by its type; numbers from any of Terraform\'s forms; absent and null are null', () => {
    const m = readModel(attributes, { name: 'ci', team_id: 12n, tags: ['a'], meta: null, id: '7' });
    expect(m).toEqual({ name: 'ci', team_id: 12, tags: ['a'], meta: null, id: '7', enabled: null });
    // The static type follows the schemas: a number is a number, an array an array.
    const teamId: number | null = m.team_id;
    const tags: string[] | null = m.tags;
    expect([teamId, tags]).toEqual([12, ['a']]);
    expect(readModel(attributes, { name: 'ci', team_id: new PreciseNumber('3') }).team_id).toBe(3);
  });

  it('checks types, not value rules: stored values that older rules accepted still read', () => {
    expect(readModel(attributes, { name: 'x', team_id: 1.5 }).name).toBe('x'); // min(3) and int() not applied
  });

  it('a computed value not known yet reads as null; any other unknown, or a wrong type, names the attribute', () => {
    expect(readModel(attributes, { name: 'ci', team_id: 1, id: new Unknown(), enabled: new Unknown() })).toMatchObject({ id: null, enabled: null });
    expect(() => readModel(attributes, { name: new Unknown(), team_id: 1 })).toThrow(new ModelError('name', 'is not known yet'));
    expect(() => readModel(attributes, { name: 'ci', team_id: 'twelve' })).toThrow(ModelError);
    expect(() => readModel(attributes, { name: 'ci', team_id: 'twelve' })).toThrow(/^team_id: /);
    expect(() => readModel(attributes, { name: 'ci', team_id: 1, tags: [1] })).toThrow(/^tags: /);
  });

  it('writes every attribute of the schema, null where unset, and nothing else', () => {
    const model: Partial<Model<typeof attributes>> = { name: 'ci', team_id: 2, id: '9' };
    expect(writeModel(attributes, { ...model, extra: 'dropped' } as typeof model)).toEqual({ name: 'ci', team_id: 2, tags: null, meta: null, id: '9', enabled: null });
  });

  it('round-trips', () => {
    const values = { name: 'ci', team_id: 2, tags: ['x', 'y'], meta: { k: 'v' }, id: '9', enabled: true };
    expect(writeModel(attributes, readModel(attributes, values))).toEqual(values);
  });
});
