/**
 * Builds a plan from Terraform's proposed new state the way terraform-plugin-framework does:
 * write-only attributes nulled, defaults filled, computed attributes marked unknown where they may
 * change, each attribute's plan modifiers applied. The resource's own `modifyPlan` runs between
 * `startPlan` and `finishPlan`, so that a change it makes (e.g. a rotated secret) also marks the
 * computed attributes that will change with it.
 */
import type { Block } from '../schema/attribute';
import type { ObjectValue } from '../schema/config-validators';
import type { State } from '../resource';
import { valuesEqual } from '../values/equal';
import { Unknown } from '../values/types';

export interface PlanInput {
  readonly block: Block;
  readonly config: ObjectValue;
  readonly prior: State | null;
  readonly proposed: State;
}

export const isComputed = (block: Block, name: string) => {
  const a = block.attributes[name];
  return !!a && (a.mode === 'computed' || (a.mode === 'optional_computed' && a.default === undefined));
};

/** Write-only nulled, defaults filled, and on create every unset computed attribute unknown. */
export function startPlan({ block, config, prior, proposed }: PlanInput): State {
  const plan: State = { ...proposed };
  for (const [name, attr] of Object.entries(block.attributes)) {
    const unset = (config[name] ?? null) === null;
    if (attr.writeOnly) plan[name] = null;
    else if (attr.default !== undefined && unset) plan[name] = attr.default;
    else if (prior === null && unset && isComputed(block, name)) plan[name] = new Unknown();
  }
  return plan;
}

/** Attributes whose `requires_replace` modifier fires for this change. */
export function replacementsFor({ block, config, prior }: PlanInput, plan: State): Set<string> {
  const out = new Set<string>();
  if (!prior) return out;
  for (const [name, attr] of Object.entries(block.attributes)) {
    for (const m of attr.planModifiers ?? []) {
      if (m.kind !== 'requires_replace') continue;
      const ctx = { config: config[name] ?? null, prior: prior[name] ?? null, planned: plan[name] ?? null };
      if (!valuesEqual(ctx.planned, ctx.prior) && (!m.when || m.when(ctx))) out.add(name);
    }
  }
  return out;
}

/**
 * On update, if anything changes, the computed attributes nobody set become unknown (the vendor may
 * change them), then `use_state_for_unknown` puts back the ones that never change. An unchanged
 * object stays exactly the prior state, so Terraform sees a no-op.
 */
export function finishPlan({ block, config, prior }: PlanInput, plan: State): State {
  if (!prior || valuesEqual(plan, prior)) return plan;
  const out: State = { ...plan };
  for (const [name, attr] of Object.entries(block.attributes)) {
    if (!isComputed(block, name) || (config[name] ?? null) !== null) continue;
    if (!valuesEqual(out[name] ?? null, prior[name] ?? null)) continue; // set on purpose by modifyPlan
    const keep = (attr.planModifiers ?? []).some((m) => m.kind === 'use_state_for_unknown') && (prior[name] ?? null) !== null;
    if (!keep) out[name] = new Unknown();
  }
  return out;
}

