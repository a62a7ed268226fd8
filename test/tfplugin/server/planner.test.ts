import { z } from 'zod';
import { attribute, type Block } from '../../../src/tfplugin/schema/attribute';
import { requiresReplace, requiresReplaceIf, useStateForUnknown } from '../../../src/tfplugin/schema/plan-modifiers';
import { finishPlan, replacementsFor, startPlan } from '../../../src/tfplugin/server/planner';
import { Unknown } from '../../../src/tfplugin/values/types';

const block: Block = {
  attributes: {
    name: attribute.required(z.string(), { description: 'n', planModifiers: [requiresReplace()] }),
    label: attribute.optional(z.string(), { description: 'l' }),
    secret_wo: attribute.optional(z.string(), { description: 's', writeOnly: true }),
    enabled: attribute.withDefault(z.boolean(), true, { description: 'e' }),
    id: attribute.computed(z.string(), { description: 'i', planModifiers: [useStateForUnknown()] }),
    updated_at: attribute.computed(z.string(), { description: 'u' }),
    team: attribute.optional(z.number(), { description: 't', planModifiers: [requiresReplaceIf('only from one team to another', (c) => c.prior !== null)] }),
  },
};

const prior = { name: 'a', label: 'x', secret_wo: null, enabled: true, id: 'ID', updated_at: 'T1', team: null };

describe('planner', () => {
  test('create: write-only nulled, default filled, computed unknown', () => {
    const config = { name: 'a', label: null, secret_wo: 's3cret', enabled: null, id: null, updated_at: null, team: null };
    const plan = startPlan({ block, config, prior: null, proposed: { ...config } });
    expect(plan.secret_wo).toBeNull();
    expect(plan.enabled).toBe(true);
    expect(plan.id).toBeInstanceOf(Unknown);
    expect(plan.updated_at).toBeInstanceOf(Unknown);
    expect(replacementsFor({ block, config, prior: null, proposed: config }, plan).size).toBe(0);
  });

  test('no change plans exactly the prior state', () => {
    const config = { ...prior, secret_wo: 'whatever', id: null, updated_at: null, enabled: null };
    const input = { block, config, prior, proposed: { ...prior } };
    const plan = finishPlan(input, startPlan(input));
    expect(plan).toEqual(prior);
  });

  test('an in-place change keeps use-state-for-unknown values and marks the rest unknown', () => {
    const config = { ...prior, label: 'y', id: null, updated_at: null, enabled: null };
    const input = { block, config, prior, proposed: { ...prior, label: 'y' } };
    const plan = finishPlan(input, startPlan(input));
    expect(plan.label).toBe('y');
    expect(plan.id).toBe('ID');
    expect(plan.updated_at).toBeInstanceOf(Unknown);
    expect(replacementsFor(input, plan).size).toBe(0);
  });

  test('requires-replace fires on change, and a conditional one only when its rule says so', () => {
    const config = { ...prior, name: 'b', team: 5, id: null, updated_at: null };
    const input = { block, config, prior, proposed: { ...prior, name: 'b', team: 5 } };
    const plan = startPlan(input);
    expect([...replacementsFor(input, plan)]).toEqual(['name']);
    const prior2 = { ...prior, team: 4 };
    const input2 = { block, config, prior: prior2, proposed: { ...prior2, name: 'a', team: 5 } };
    expect([...replacementsFor(input2, startPlan(input2))]).toEqual(['team']);
  });

  test('an unknown value in configuration forces replacement of a requires-replace attribute', () => {
    const config = { ...prior, name: new Unknown(), id: null, updated_at: null };
    const input = { block, config, prior, proposed: { ...prior, name: new Unknown() } };
    expect(replacementsFor(input, startPlan(input)).has('name')).toBe(true);
  });

  test('a computed value changed on purpose by modifyPlan is kept, and others follow', () => {
    const config = { ...prior, id: null, updated_at: null, enabled: null };
    const input = { block, config, prior, proposed: { ...prior } };
    const plan = startPlan(input);
    plan.updated_at = new Unknown(); // e.g. a rotated write-only secret detected by the resource
    const out = finishPlan(input, plan);
    expect(out.updated_at).toBeInstanceOf(Unknown);
    expect(out.id).toBe('ID');
  });
});
