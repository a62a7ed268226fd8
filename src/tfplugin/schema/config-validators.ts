/**
 * Rules across attributes (exactly one of two, one requires another), as data with a description
 * that feeds the docs. Unknown values are not judged: they may still turn out either way.
 */
import type { Diagnostics } from '../diagnostics';
import { Unknown, type TfValue } from '../values/types';

export type ObjectValue = { readonly [key: string]: TfValue };

export interface ConfigValidator {
  readonly description: string;
  validate(config: ObjectValue, diags: Diagnostics): void;
}

const isSet = (v: TfValue | undefined) => v !== null && v !== undefined;
const isUnknown = (v: TfValue | undefined) => v instanceof Unknown;

export function exactlyOneOf(...names: string[]): ConfigValidator {
  const list = names.map((n) => `\`${n}\``).join(', ');
  return {
    description: `Exactly one of ${list} must be set.`,
    validate(config, diags) {
      if (names.some((n) => isUnknown(config[n]))) return;
      const set = names.filter((n) => isSet(config[n]));
      if (set.length === 1) return;
      if (set.length === 0) {
        diags.addAttributeError([names[0]], `Missing required argument`, `Exactly one of ${list} must be set.`);
      } else {
        diags.addAttributeError([set[1]], `Conflicting arguments`, `Only one of ${list} may be set; found ${set.map((n) => `\`${n}\``).join(' and ')}.`);
      }
    },
  };
}

export function conflictsWith(name: string, ...others: string[]): ConfigValidator {
  return {
    description: `\`${name}\` cannot be set together with ${others.map((o) => `\`${o}\``).join(', ')}.`,
    validate(config, diags) {
      if (!isSet(config[name])) return;
      for (const other of others) {
        if (isSet(config[other])) diags.addAttributeError([name], 'Conflicting arguments', `\`${name}\` cannot be set together with \`${other}\`.`);
      }
    },
  };
}

/** `name` may only be set when `needed` is set too. */
export function requiresAlso(name: string, needed: string): ConfigValidator {
  return {
    description: `\`${name}\` requires \`${needed}\`.`,
    validate(config, diags) {
      if (isSet(config[name]) && !isSet(config[needed]) && !isUnknown(config[needed])) {
        diags.addAttributeError([name], 'Missing required argument', `\`${name}\` is only meaningful when \`${needed}\` is set.`);
      }
    },
  };
}

/** A rule that needs code; keep the description honest, it goes into the docs. */
export function customRule(description: string, validate: ConfigValidator['validate']): ConfigValidator {
  return { description, validate };
}
