/**
 * Plan modifiers are data on an attribute, not branches in resource code: the planner applies them in
 * order after Terraform's proposed new state arrives. Each carries a description for the docs.
 */
import type { TfValue } from '../values/types';

export interface PlanModifierContext {
  /** The attribute's value in configuration (null when unset; may be unknown). */
  readonly config: TfValue;
  /** The attribute's value in prior state; undefined when the resource is being created. */
  readonly prior: TfValue | undefined;
  /** The value planned so far. */
  readonly planned: TfValue;
}

export type PlanModifier =
  | { readonly kind: 'requires_replace'; readonly description: string; readonly when?: (ctx: PlanModifierContext) => boolean }
  | { readonly kind: 'use_state_for_unknown'; readonly description: string };

/** A change of this attribute destroys the object and creates a new one. */
export function requiresReplace(): PlanModifier {
  return { kind: 'requires_replace', description: 'Changing this value replaces the resource.' };
}

/** Replace only when `when` says so (e.g. a change from one non-null value to another). */
export function requiresReplaceIf(description: string, when: (ctx: PlanModifierContext) => boolean): PlanModifier {
  return { kind: 'requires_replace', description, when };
}

/** A computed value that never changes once set: plan the prior value instead of "known after apply". */
export function useStateForUnknown(): PlanModifier {
  return { kind: 'use_state_for_unknown', description: 'Keeps its value from state once it is known.' };
}
