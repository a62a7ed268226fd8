/**
 * `OxConnectorCredentials`: credentials of an OX Security connector (`credform_ox_connector_credentials`).
 * OX cannot change credentials, so every change replaces them; by default the new ones are added and
 * verified before the old ones are removed (`createBeforeDestroy`).
 */
import { Token, type TerraformMetaArguments } from 'cdktf';
import type { Construct } from 'constructs';
import { SECRET_FIELDS } from '../../vendors/ox/input-fields';
import { OX_CONNECTOR_CREDENTIALS_TYPE, connectorCredentialsBlock } from '../../vendors/ox/schema';
import { CredformResource } from '../credform-resource';
import { camelCase, snakeCase } from '../naming';
import { Secret, ephemeralSecretIssue, secretExpression, type SecretInput } from '../secret';
import { validateAttributes, valueAt, type PropsIssue } from '../validate-props';
import type { OxCredentials } from './credentials';

export interface OxConnectorCredentialsProps extends TerraformMetaArguments {
  /** ID of the OX connector (`connectorID`), e.g. `"2"`; checked during plan to exist and accept the credentials type. */
  readonly connectorId: string;
  /** Name of the credentials in OX (`credentialsName`). */
  readonly credentialsName: string;
  /** The type and inputs: `OxCredentials.token(...)`, `.userPassword(...)`, `.apiKey(...)`, `.clientIdSecretKey(...)` or `.of(type, ...)`. */
  readonly credentials: OxCredentials;
  /** Host URL of the service (`hostURL`), e.g. a self-hosted GitLab. @default what OX reports */
  readonly hostUrl?: string;
  /** Skip TLS certificate checks towards the host (`isCertChecksDisabled`). @default what OX reports (false) */
  readonly isCertChecksDisabled?: boolean;
  /** Bump to send the secrets again (as new credentials) even when they did not change. Write-only secrets only. @default none */
  readonly secretsVersion?: number;
  /**
   * Send the secrets through the write-only attribute (Terraform 1.11+: never in plan or state).
   * false: the sensitive attribute, which Terraform keeps in state (Terraform < 1.11 only). @default true
   */
  readonly writeOnlySecrets?: boolean;
  /**
   * On replacement, add and verify the new credentials before removing the old ones. Set false for a
   * connector that holds a single set of credentials (OX refuses a second one). @default true
   */
  readonly createBeforeDestroy?: boolean;
}

/** A secret's Terraform expression (or literal value), and whether it is a literal. */
function secretValue(input: SecretInput): { value: string; literal: boolean } {
  if (input instanceof Secret) return { value: input.value, literal: input.source === 'literal' };
  return { value: input, literal: !Token.isUnresolved(input) };
}

/**
 * The `credentials` prop checked with the schema's own zod schemas, reported under the names the
 * user wrote (`credentials.input.installationId`, not the attribute's `credentials_input.installation_id`).
 */
function credentialsIssues(type: string, input: Record<string, unknown>): PropsIssue[] {
  const issues: PropsIssue[] = [];
  const attrs = connectorCredentialsBlock.attributes;
  const typeCheck = attrs.credentials_type!.schema.safeParse(type);
  if (!typeCheck.success) issues.push({ field: 'credentials.type', message: typeCheck.error.issues[0]!.message, value: type });
  if (!containsToken(input)) {
    const inputCheck = attrs.credentials_input!.schema.safeParse(input);
    if (!inputCheck.success) {
      for (const issue of inputCheck.error.issues) {
        const keys = issue.code === 'unrecognized_keys' ? issue.keys : [undefined];
        for (const key of keys) {
          const path = [...issue.path, ...(key === undefined ? [] : [key])].map((step) => camelCase(String(step)));
          // An unknown field is wrong by its name; its value may be a secret put in the wrong place.
          issues.push({ field: ['credentials.input', ...path].join('.'), message: key === undefined ? issue.message : 'is not a field of OX\'s credentialsInput', value: key === undefined ? valueAt(input, issue.path) : undefined });
        }
      }
    }
  }
  return issues;
}

function containsToken(value: unknown): boolean {
  if (typeof value === 'string' || typeof value === 'number') return Token.isUnresolved(value);
  if (value && typeof value === 'object') return Object.values(value).some(containsToken);
  return false;
}

/** camelCase construct fields -> snake_case attribute values, recursively (tokens pass through). */
function snakeDeep(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [snakeCase(k), snakeDeep(v)]));
}

/**
 * Where an issue found on an attribute is reported: the prop the user wrote; `null` for the
 * `credentials` parts checked above under their own names.
 */
const PROP_OF_ATTRIBUTE: Record<string, string | null> = {
  credentials_type: null,
  credentials_input: null,
  credentials_secrets_wo: 'credentials.secrets',
  credentials_secrets: 'credentials.secrets',
  credentials_secrets_wo_version: 'secretsVersion',
};

export class OxConnectorCredentials extends CredformResource {
  static readonly TF_RESOURCE_TYPE = OX_CONNECTOR_CREDENTIALS_TYPE;

  constructor(scope: Construct, id: string, props: OxConnectorCredentialsProps) {
    const { connectorId, credentialsName, credentials, hostUrl, isCertChecksDisabled, secretsVersion, writeOnlySecrets, createBeforeDestroy, ...meta } = props;
    const writeOnly = writeOnlySecrets ?? true;
    const secrets: Record<string, string> = {};
    const literals: [string, SecretInput][] = [];
    const issues: PropsIssue[] = [];
    for (const [field, input] of Object.entries(credentials?.secrets ?? {}) as [string, SecretInput | undefined][]) {
      if (input === undefined) continue;
      const key = snakeCase(field);
      if (!(key in SECRET_FIELDS)) {
        issues.push({ field: `credentials.secrets.${field}`, message: `is not a known OX secret field (known: ${Object.keys(SECRET_FIELDS).join(', ')})` });
        continue;
      }
      const ephemeral = ephemeralSecretIssue(`credentials.secrets.${field}`, input, writeOnly, 'writeOnlySecrets');
      if (ephemeral) issues.push(ephemeral);
      const { value, literal } = secretValue(input);
      secrets[key] = value;
      if (literal) literals.push([`credentials.secrets.${field}`, input]);
    }
    const input = (snakeDeep(credentials?.input) ?? {}) as Record<string, unknown>;
    if (credentials === undefined || credentials === null) issues.push({ field: 'credentials', message: 'is required: OxCredentials.token(...), .userPassword(...), .apiKey(...), .clientIdSecretKey(...) or .of(type, ...)' });
    else issues.push(...credentialsIssues(credentials.type, input));
    if (secretsVersion !== undefined && !writeOnly) issues.push({ field: 'secretsVersion', message: 'only applies to write-only secrets (writeOnlySecrets: true)', value: secretsVersion });
    const attributes = {
      connector_id: connectorId,
      credentials_type: credentials?.type,
      credentials_name: credentialsName,
      host_url: hostUrl,
      is_cert_checks_disabled: isCertChecksDisabled,
      credentials_input: Object.keys(input).length ? input : undefined,
      credentials_secrets_wo: writeOnly && Object.keys(secrets).length ? secrets : undefined,
      credentials_secrets_wo_version: secretsVersion,
      credentials_secrets: !writeOnly && Object.keys(secrets).length ? secrets : undefined,
    };
    super(scope, id, {
      ...meta,
      lifecycle: { createBeforeDestroy: createBeforeDestroy ?? true, ...meta.lifecycle },
      resourceType: OX_CONNECTOR_CREDENTIALS_TYPE,
      attributes,
    });
    validateAttributes(this, connectorCredentialsBlock, attributes, { propOf: PROP_OF_ATTRIBUTE, issues });
    // The shared warning, now that it can name this construct.
    for (const [field, input] of literals) secretExpression(this, field, input);
  }

  /** ID OX gave the credentials (`credentialsId`). */
  get credentialsId(): string {
    return this.getStringAttribute('credentials_id');
  }

  /** `<connector_id>/<credentials_id>`. */
  get credentialsResourceId(): string {
    return this.getStringAttribute('id');
  }

  /** Times the secrets were sent to OX. */
  get credentialsSecretsRevision(): number {
    return this.getNumberAttribute('credentials_secrets_revision');
  }
}
