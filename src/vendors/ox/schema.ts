/**
 * `credform_ox_connector_credentials`: THE declaration of its attributes and rules. The Terraform
 * schema the provider serves, `terraform validate`, the `OxConnectorCredentials` construct's
 * synth-time checks and the reference docs all come from here.
 *
 * OX has no mutation that changes credentials: every user-settable attribute forces replacement
 * (new credentials added and verified, then the old ones removed).
 */
import { z } from 'zod';
import { attribute, type Block } from '../../tfplugin/schema/attribute';
import type { Model } from '../../tfplugin/schema/model';
import { conflictsWith, requiresAlso, type ConfigValidator } from '../../tfplugin/schema/config-validators';
import { requiresReplace, useStateForUnknown } from '../../tfplugin/schema/plan-modifiers';
import { T } from '../../tfplugin/values/types';
import type { SecretAttributes } from '../secret-rotation';
import { CREDENTIALS_TYPES, isCredentialsType } from './credentials-types';
import { SECRET_KEYS, credentialsInputType, credentialsInputZod, credentialsSecretsZod } from './input-fields';

export const OX_CONNECTOR_CREDENTIALS_TYPE = 'credform_ox_connector_credentials';

/** The secret map's attributes, in the shape the shared secret-rotation module expects. */
export const SECRET_ATTRIBUTES: SecretAttributes = {
  writeOnly: 'credentials_secrets_wo',
  version: 'credentials_secrets_wo_version',
  sensitive: 'credentials_secrets',
  revision: 'credentials_secrets_revision',
};

const notBlank = z.string().refine((s) => s.trim() !== '', 'must not be empty');
const secretKeys = SECRET_KEYS.map((k) => `\`${k}\``).join(', ');

export const connectorCredentialsAttributes = {
  connector_id: attribute.required(notBlank, {
    description: 'ID of the OX connector to add the credentials to (`connectorID`, e.g. `"2"`). Checked during plan: the connector must exist and accept `credentials_type`. Changing it replaces the credentials.',
    planModifiers: [requiresReplace()],
  }),
  // A string checked against the list rather than a z.enum: state holds the type OX reports, which
  // may be one this list does not name (credentials imported from OX), and the model says so.
  credentials_type: attribute.required(z.string().refine(isCredentialsType, { message: `must be one of OX's credentials types: ${CREDENTIALS_TYPES.join(', ')}` }), {
    description: 'OX `CredentialsType` of the credentials, e.g. `Token`, `UserPassword`, `ApiKey`, `ClientIdSecretKey`. Checked during plan against the connector\'s `credentialsTypes`. Changing it replaces the credentials.',
    planModifiers: [requiresReplace()],
  }),
  credentials_name: attribute.required(notBlank, {
    description: 'Name of the credentials in OX (`credentialsName`). Also the key used to recognise credentials OX created when its answer was lost. Changing it replaces the credentials.',
    planModifiers: [requiresReplace()],
  }),
  host_url: attribute.optionalComputed(notBlank, {
    description: 'Host URL of the service the connector reaches (`hostURL`), e.g. a self-hosted GitLab. Unset: what OX reports. Changing it replaces the credentials.',
    planModifiers: [requiresReplace(), useStateForUnknown()],
  }),
  is_cert_checks_disabled: attribute.optionalComputed(z.boolean(), {
    description: 'Skip TLS certificate checks towards the host (`isCertChecksDisabled`). Unset: what OX reports (false by default). Changing it replaces the credentials.',
    planModifiers: [requiresReplace(), useStateForUnknown()],
  }),
  credentials_input: attribute.optional(credentialsInputZod, {
    description: 'The non-secret part of OX\'s `credentialsInput`, in snake_case (`client_id` is sent as `clientId`, `host_url` as `hostURL`, `optional_fields.repo_search_query` as `optionalFields.RepoSearchQuery`, ...). Any field may be left out. Changing it replaces the credentials.',
    type: credentialsInputType,
    planModifiers: [requiresReplace()],
  }),
  credentials_secrets_wo: attribute.optional(credentialsSecretsZod, {
    description: `The secret part of \`credentialsInput\`, write-only (Terraform 1.11+): never in the plan or state. Keys: ${secretKeys}. A change is detected without a version bump (a salted fingerprint is kept in private state) and replaces the credentials. At most one of \`credentials_secrets_wo\` and \`credentials_secrets\`.`,
    writeOnly: true,
    sensitive: true,
    type: T.map(T.string),
  }),
  credentials_secrets_wo_version: attribute.optional(z.number().int('must be a whole number'), {
    description: 'Optional number to bump to send `credentials_secrets_wo` again even when it did not change (new credentials replace the old). Only with `credentials_secrets_wo`.',
    planModifiers: [requiresReplace()],
  }),
  credentials_secrets: attribute.optional(credentialsSecretsZod, {
    description: `The secret part of \`credentialsInput\` for Terraform older than 1.11, sensitive: hidden in plan output but kept in state by Terraform. Prefer \`credentials_secrets_wo\`. Same keys. Changing it replaces the credentials.`,
    sensitive: true,
    type: T.map(T.string),
    planModifiers: [requiresReplace()],
  }),
  credentials_secrets_revision: attribute.computed(z.number(), {
    description: 'Counts the times these credentials were sent to OX (1 after create; a replacement starts again at 1). A plan that shows it "known after apply" with "forces replacement" sends the secrets again as new credentials.',
    planModifiers: [useStateForUnknown()],
  }),
  credentials_id: attribute.computed(z.string(), {
    description: 'ID OX gave the credentials (`credentialsId`).',
    planModifiers: [useStateForUnknown()],
  }),
  id: attribute.computed(z.string(), {
    description: '`<connector_id>/<credentials_id>`; the import ID.',
    planModifiers: [useStateForUnknown()],
  }),
};

/** The resource's values, typed from its attributes (see ../../tfplugin/schema/model.ts). */
export type ConnectorCredentialsModel = Model<typeof connectorCredentialsAttributes>;

export const connectorCredentialsBlock: Block = { attributes: connectorCredentialsAttributes };

export const connectorCredentialsValidators: readonly ConfigValidator[] = [
  conflictsWith('credentials_secrets_wo', 'credentials_secrets'),
  requiresAlso('credentials_secrets_wo_version', 'credentials_secrets_wo'),
];

export const connectorCredentialsDescription =
  'Credentials of an OX Security connector (`addCredentials`, then `verifySingleConnectorCredentials`). Credentials OX cannot verify ' +
  'are removed again and the apply fails with OX\'s `validationMessage`. OX cannot change credentials, so every change replaces them: ' +
  'the new ones are added and verified before the old ones are removed when `create_before_destroy` is set (the construct\'s default). ' +
  'During plan the connector is checked to exist and to accept the credentials type. Credentials removed outside Terraform are planned ' +
  'for re-creation. Import with `<connector_id>/<credentials_id>`.';
