/**
 * `credform_tines_text_credential`: THE declaration of its attributes and rules. The Terraform
 * schema the provider serves, `terraform validate`, the `TinesTextCredential` construct's synth-time
 * checks and the reference docs all come from here.
 */
import { z } from 'zod';
import { attribute, type Attribute, type Block } from '../../tfplugin/schema/attribute';
import type { Model } from '../../tfplugin/schema/model';
import { conflictsWith, customRule, exactlyOneOf, requiresAlso, type ConfigValidator } from '../../tfplugin/schema/config-validators';
import { requiresReplace, useStateForUnknown } from '../../tfplugin/schema/plan-modifiers';
import { T, Unknown } from '../../tfplugin/values/types';
import type { SecretAttributes } from '../secret-rotation';

export const TINES_TEXT_CREDENTIAL_TYPE = 'credform_tines_text_credential';

/** The value's attributes, in the shape the shared secret-rotation module expects. */
export const SECRET_ATTRIBUTES: SecretAttributes = {
  writeOnly: 'value_wo',
  version: 'value_wo_version',
  sensitive: 'value',
  revision: 'value_revision',
};

export const READ_ACCESS = ['TEAM', 'GLOBAL', 'SPECIFIC_TEAMS'] as const;
export type ReadAccess = (typeof READ_ACCESS)[number];
export const DEFAULT_READ_ACCESS: ReadAccess = 'TEAM';

const LABEL = /^[A-Za-z0-9*](?:[A-Za-z0-9*-]{0,61}[A-Za-z0-9*])?$/;

/**
 * Why `pattern` is not a domain Tines can match (`api.example.com`, `*.example.com`), or undefined.
 * Tines matches the host of an HTTP request only, so a scheme, port, path or space is a mistake
 * that would silently never match.
 */
export function hostPatternProblem(pattern: string): string | undefined {
  if (pattern.trim() === '') return 'must not be empty';
  if (/\s/.test(pattern)) return `${JSON.stringify(pattern)} contains whitespace`;
  if (pattern.includes('://')) return `${JSON.stringify(pattern)} has a scheme: write the domain only, e.g. ${JSON.stringify(pattern.split('://')[1]?.split(/[/:?#]/)[0] ?? 'api.example.com')}`;
  if (/[/?#]/.test(pattern)) return `${JSON.stringify(pattern)} has a path or query: write the domain only`;
  if (pattern.includes(':')) return `${JSON.stringify(pattern)} has a port: write the domain only`;
  if (pattern.length > 253) return `${JSON.stringify(pattern)} is longer than 253 characters`;
  const bad = pattern.split('.').find((label) => !LABEL.test(label));
  if (bad !== undefined) {
    return bad === ''
      ? `${JSON.stringify(pattern)} has an empty label (a leading, trailing or double dot)`
      : `${JSON.stringify(pattern)}: label ${JSON.stringify(bad)} may hold only letters, digits, hyphens (not at its ends) and the wildcard *`;
  }
  return undefined;
}

const notBlank = z.string().refine((s) => s.trim() !== '', 'must not be empty');
const positiveId = (what: string) => z.number().int(`${what} must be a whole number`).positive(`${what} must be positive`);
const hostPattern = z.string().superRefine((s, ctx) => {
  const problem = hostPatternProblem(s);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/** Keyed precisely (not as `Block`) so the construct's props can be checked against the names at compile time. */
export const textCredentialAttributes = {
  name: attribute.required(notBlank, {
    description: 'Name of the credential, unique within its team (checked during plan). Changed in place; the `slug` follows it.',
  }),
  team_id: attribute.required(positiveId('team_id'), {
    description: 'ID of the Tines team that holds the credential (checked during plan). Changing it replaces the credential: Tines cannot move one between teams.',
    planModifiers: [requiresReplace()],
  }),
  value_wo: attribute.optional(notBlank, {
    description: 'The secret value, write-only (Terraform 1.11+): never in the plan or state. A change is detected without a version bump (a salted fingerprint is kept in private state) and sent in place. Exactly one of `value_wo` and `value`.',
    writeOnly: true,
    sensitive: true,
  }),
  value_wo_version: attribute.optional(z.number().int('must be a whole number'), {
    description: 'Optional number to bump to send `value_wo` again even when it did not change (e.g. after it was changed in the Tines UI). Only with `value_wo`.',
  }),
  value: attribute.optional(notBlank, {
    description: 'The secret value for Terraform older than 1.11, sensitive: hidden in plan output but kept in state by Terraform. Prefer `value_wo`. Exactly one of `value_wo` and `value`.',
    sensitive: true,
  }),
  value_revision: attribute.computed(z.number(), {
    description: 'Counts the times the value was sent to Tines (1 after create). A plan that shows it "known after apply" sends the value again.',
    planModifiers: [useStateForUnknown()],
  }),
  folder_id: attribute.optional(positiveId('folder_id'), {
    description: 'ID of a folder of the same team to put the credential in. Changed in place; removing it takes the credential out of the folder.',
  }),
  read_access: attribute.withDefault(z.enum(READ_ACCESS, { message: `must be one of ${READ_ACCESS.join(', ')}` }), DEFAULT_READ_ACCESS, {
    description: 'Where the credential can be used: `TEAM` (its own team), `GLOBAL`, or `SPECIFIC_TEAMS` (a premium Tines feature; needs `shared_team_slugs`). Changed in place.',
  }),
  shared_team_slugs: attribute.optional(z.array(notBlank).min(1, 'must name at least one team'), {
    description: 'Slugs of the teams that may use the credential. Required exactly when `read_access` is `SPECIFIC_TEAMS`; each slug is checked against the Tines teams during plan. Changed in place.',
    type: T.set(T.string),
  }),
  description: attribute.withDefault(z.string(), '', {
    description: 'Description of the credential. Changed in place.',
  }),
  metadata: attribute.withDefault(z.record(z.string(), z.string()), {}, {
    description: 'Key/value metadata, readable in Tines through the credential\'s INFO path. Changed in place (the whole map is sent).',
  }),
  allowed_hosts: attribute.withDefault(z.array(hostPattern), [], {
    description: 'Domains the credential may be sent to in HTTP requests, e.g. `api.example.com` or `*.example.com` (wildcards allowed; no scheme, port or path). Empty: any host. Changed in place.',
    type: T.set(T.string),
  }),
  live_credential_id: attribute.optional(positiveId('live_credential_id'), {
    description: 'Make this the TEST credential (change control) of the live credential with this ID: the value is attached to it, and its folder, access and description come from the live credential. Changing it replaces the resource.',
    planModifiers: [requiresReplace()],
  }),
  id: attribute.computed(z.string(), {
    description: 'Tines credential ID (for a test credential: the live credential\'s ID). The import ID.',
    planModifiers: [useStateForUnknown()],
  }),
  slug: attribute.computed(z.string(), {
    description: 'Underscored form of the name, set by Tines; changes with the name.',
    planModifiers: [useStateForUnknown()],
  }),
  created_at: attribute.computed(z.string(), {
    description: 'When Tines created the credential (ISO 8601).',
    planModifiers: [useStateForUnknown()],
  }),
  updated_at: attribute.computed(z.string(), {
    description: 'When Tines last updated the credential (ISO 8601); known after apply whenever a plan changes something.',
  }),
} satisfies Record<string, Attribute>;

export type TextCredentialAttributeName = keyof typeof textCredentialAttributes;

/** A credential's configuration, plan or state as resource code reads and writes it (see schema/model.ts). */
export type TextCredentialModel = Model<typeof textCredentialAttributes>;

export const textCredentialBlock: Block = { attributes: textCredentialAttributes };

/** Attributes a test credential takes from its live credential, so they may not be set with `live_credential_id`. */
export const FROM_LIVE_CREDENTIAL = ['folder_id', 'read_access', 'shared_team_slugs', 'description'] as const;

export interface RuleIssue {
  readonly attribute: string;
  readonly message: string;
}

/**
 * The `SPECIFIC_TEAMS` rule on plain values (`undefined` = not known yet, not judged), shared by
 * `terraform validate` and the construct. `readAccess` null means the default, `TEAM`.
 */
export function readAccessIssues(readAccess: unknown, slugs: unknown): RuleIssue[] {
  if (readAccess === undefined || slugs === undefined) return [];
  const access = readAccess ?? DEFAULT_READ_ACCESS;
  const given = slugs !== null;
  if (access === 'SPECIFIC_TEAMS' && !given) {
    return [{ attribute: 'shared_team_slugs', message: 'is required when `read_access` is `SPECIFIC_TEAMS`: name the teams that may use the credential.' }];
  }
  if (access !== 'SPECIFIC_TEAMS' && given) {
    return [{ attribute: 'shared_team_slugs', message: `can only be set when \`read_access\` is \`SPECIFIC_TEAMS\` (it is \`${String(access)}\`): Tines ignores it otherwise.` }];
  }
  return [];
}

const specificTeamsRule = customRule(
  '`shared_team_slugs` is required when `read_access` is `SPECIFIC_TEAMS`, and not allowed otherwise.',
  (config, diags) => {
    const known = (v: unknown) => (v instanceof Unknown ? undefined : (v ?? null));
    for (const issue of readAccessIssues(known(config.read_access), known(config.shared_team_slugs))) {
      diags.addAttributeError([issue.attribute], 'Invalid shared_team_slugs', `\`${issue.attribute}\` ${issue.message}`);
    }
  },
);

export const textCredentialValidators: readonly ConfigValidator[] = [
  exactlyOneOf('value_wo', 'value'),
  requiresAlso('value_wo_version', 'value_wo'),
  specificTeamsRule,
  conflictsWith('live_credential_id', ...FROM_LIVE_CREDENTIAL),
];

export const textCredentialDescription =
  'A Tines TEXT credential (`POST /api/v1/user_credentials`, mode `TEXT`). The value is write-only by default and rotates in place ' +
  'when it changes, without a version bump. During plan the team is checked to exist and the name to be free in it. A credential ' +
  'deleted outside Terraform is planned for re-creation. Import by credential ID.';
