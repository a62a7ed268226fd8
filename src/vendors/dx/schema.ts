/**
 * `credform_dx_credential` and `credform_dx_connections`: THE declaration of their attributes. The
 * Terraform schema, `terraform validate`, the `DxCredential` construct's synth-time checks, its props
 * type and the reference docs all come from here.
 *
 * `settings_json` is a JSON string rather than a `dynamic` attribute: DX settings are arbitrary JSON,
 * and a string round-trips whatever the user's expression type is (an object literal, a map variable,
 * `jsonencode`, a file), where a dynamic value's type (object vs map, tuple vs list) would differ
 * between configuration and what is read back and cause perpetual diffs. Terraform still renders a
 * change of a JSON string as a structured `jsonencode(...)` diff, and the provider plans the prior
 * text whenever the new one means the same JSON, so whitespace and key order never show a change.
 */
import { z } from 'zod';
import { attribute, type Attribute, type Block } from '../../tfplugin/schema/attribute';
import type { Model } from '../../tfplugin/schema/model';
import { exactlyOneOf, requiresAlso, type ConfigValidator } from '../../tfplugin/schema/config-validators';
import { requiresReplace, useStateForUnknown } from '../../tfplugin/schema/plan-modifiers';
import type { SecretAttributes } from '../secret-rotation';
import { parseJsonObject } from './json-settings';

export const DX_CREDENTIAL_TYPE = 'credform_dx_credential';
export const DX_CONNECTIONS_TYPE = 'credform_dx_connections';

/** The shared rotation mechanism's attribute names for DX secrets. */
export const SECRET_ATTRIBUTES: SecretAttributes = {
  writeOnly: 'secrets_wo',
  version: 'secrets_wo_version',
  sensitive: 'secrets',
  revision: 'secrets_revision',
};

/**
 * Keys DX publishes per connector type (only Jira Cloud's are public). Checked at plan time once the
 * connection's type is known, and typed in the construct helpers.
 */
export const KNOWN_CONNECTOR_FIELDS: Readonly<Record<string, { readonly name: string; readonly settings: readonly string[]; readonly secrets: readonly string[] }>> = {
  jira_cloud: { name: 'Jira Cloud', settings: ['jira_user'], secrets: ['api_token'] },
};

const settingsJson = z.string().superRefine((text, ctx) => {
  const parsed = parseJsonObject(text);
  if (!parsed.ok) ctx.addIssue({ code: 'custom', message: `${parsed.why}; write it as jsonencode({ key = "value" })` });
});

const secretMap = z
  .record(z.string().min(1, 'a secret key must not be empty'), z.string())
  .refine((m) => Object.keys(m).length > 0, 'must hold at least one secret, e.g. { api_token = ... }');

/** `YYYY-MM-DD`, a real calendar day. */
const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD, e.g. "2026-12-31"')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'is not a calendar date');

export const dxCredentialAttributes = {
  connection_id: attribute.required(z.number().int('must be a whole number').positive('must be a positive connection id'), {
    description: 'Id of the DX connection that holds the credential (see the `credform_dx_connections` data source). Changing it replaces the credential.',
    planModifiers: [requiresReplace()],
  }),
  label: attribute.optionalComputed(z.string().min(1, 'must not be empty'), {
    description: 'Display name of the credential. When omitted, DX chooses one. Changed in place.',
    planModifiers: [useStateForUnknown()],
  }),
  settings_json: attribute.withDefault(settingsJson, '{}', {
    description:
      'Non-secret settings, a JSON object whose keys depend on the connector (Jira Cloud: `jira_user`), usually written `jsonencode({ ... })`. Compared as JSON: whitespace and key order never cause a change. Changed in place. Default `{}`.',
  }),
  secrets_wo: attribute.optional(secretMap, {
    description:
      'Secret values (Jira Cloud: `api_token`), write-only (Terraform 1.11+): never stored in plan or state. A change is detected without a version bump (a salted fingerprint is kept in private state) and sent in place. Exactly one of `secrets_wo` and `secrets`.',
    writeOnly: true,
    sensitive: true,
  }),
  secrets_wo_version: attribute.optional(z.number().int('must be a whole number').min(0, 'must not be negative'), {
    description: 'Optional number to bump to force sending `secrets_wo` again (a changed secret is sent anyway). Only with `secrets_wo`.',
  }),
  secrets: attribute.optional(secretMap, {
    description:
      'The same secrets for Terraform older than 1.11: sensitive, so hidden in plan output, but Terraform keeps them in state. Prefer `secrets_wo`. Exactly one of `secrets_wo` and `secrets`.',
    sensitive: true,
  }),
  secrets_revision: attribute.computed(z.number().int(), {
    description: 'Starts at 1 and grows by one each time the secrets are sent to DX; a plan shows it as (known after apply) when they will be.',
    planModifiers: [useStateForUnknown()],
  }),
  expiration_date: attribute.optional(calendarDate, {
    description: 'Date (`YYYY-MM-DD`) from which DX treats the credential as expired. Changed in place; removing it clears it.',
  }),
  credential_id: attribute.computed(z.number().int(), {
    description: 'The credential id DX assigned.',
    planModifiers: [useStateForUnknown()],
  }),
  type: attribute.computed(z.string(), {
    description: 'Connector type of the credential, as DX reports it (e.g. `jira_cloud`).',
    planModifiers: [useStateForUnknown()],
  }),
  created_at: attribute.computed(z.string(), {
    description: 'When DX created the credential (ISO 8601).',
    planModifiers: [useStateForUnknown()],
  }),
  id: attribute.computed(z.string(), {
    description: '`<connection_id>/<credential_id>`, the import id.',
    planModifiers: [useStateForUnknown()],
  }),
} as const satisfies Record<string, Attribute>;

export type DxCredentialAttributeName = keyof typeof dxCredentialAttributes;

/** A `credform_dx_credential` as resource code reads and writes it (see tfplugin/schema/model.ts). */
export type DxCredentialModel = Model<typeof dxCredentialAttributes>;

export const dxCredentialBlock: Block = { attributes: dxCredentialAttributes };

export const dxCredentialValidators: readonly ConfigValidator[] = [
  exactlyOneOf('secrets_wo', 'secrets'),
  requiresAlso('secrets_wo_version', 'secrets_wo'),
];

export const DX_CREDENTIAL_DESCRIPTION =
  'A credential on a DX connection (DX Data Cloud API `credentials.create` / `.update` / `.delete` / `.info`). DX verifies it with the connector before storing anything; a refusal is an error carrying DX\'s `display_message` and `raw_message`.';

const connectionObject = z.object({
  id: z.number().int(),
  type: z.string(),
  name: z.string(),
  state: z.string(),
  supports_multiple_credentials: z.boolean(),
});

export const dxConnectionsBlock: Block = {
  attributes: {
    type: attribute.optional(z.string().min(1, 'must not be empty'), { description: 'Only connections of this connector type (e.g. `jira_cloud`, `github`).' }),
    name: attribute.optional(z.string().min(1, 'must not be empty'), { description: 'Only connections with exactly this name.' }),
    connections: attribute.computed(z.array(connectionObject), {
      description: 'The matching connections, by id: `id`, `type`, `name`, `state`, `supports_multiple_credentials`.',
    }),
    ids: attribute.computed(z.array(z.number().int()), { description: 'Ids of the matching connections, in ascending order.' }),
  },
};

export const DX_CONNECTIONS_DESCRIPTION = 'The DX connections (`connections.list`), filtered by type and name, so that configuration need not hard-code connection ids.';
