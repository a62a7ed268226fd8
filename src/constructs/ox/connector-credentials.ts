/**
 * `OxConnectorCredentials`: credentials of an OX Security connector (`credform_ox_connector_credentials`).
 * OX cannot change credentials, so every change replaces them; by default the new ones are added and
 * verified before the old ones are removed (`createBeforeDestroy`).
 */
import type { TerraformMetaArguments } from 'cdktf';
import type { Construct } from 'constructs';
import { SECRET_FIELDS } from '../../vendors/ox/input-fields';
import { OX_CONNECTOR_CREDENTIALS_TYPE, SECRET_ATTRIBUTES, connectorCredentialsBlock } from '../../vendors/ox/schema';
import { CredformResource } from '../credform-resource';
import { metaArgumentsOf } from '../meta-arguments';
import { camelCase, snakeCase } from '../naming';
import { ephemeralSecretIssue, secretValue, warnIfLiteralSecret, type SecretInput } from '../secret';
import { containsToken, formatPath, valueAt, type PropsIssue } from '../validate-props';
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

/**
 * A part of the `credentials` prop checked with its attribute's own zod schema, reported under the
 * names the user wrote (`credentials.input.installationId`, not the attribute's
 * `credentials_input.installation_id`). A field OX does not have is named, never echoed: it may be a
 * secret put in the wrong place; a secret is never echoed.
 */
function credentialsIssues(field: string, attribute: string, value: unknown, secret = false): PropsIssue[] {
  if (value === undefined || containsToken(value)) return [];
  const check = connectorCredentialsBlock.attributes[attribute]!.schema.safeParse(value);
  if (check.success) return [];
  return check.error.issues.flatMap((issue) => {
    const named = (path: readonly PropertyKey[]) => formatPath(field, path.map((step) => (typeof step === 'string' ? camelCase(step) : step)));
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: named([...issue.path, key]), message: 'is not a field of OX\'s credentialsInput' }));
    }
    return [{ field: named(issue.path), message: issue.message, value: secret ? undefined : valueAt(value, issue.path) }];
  });
}

/** camelCase construct fields -> snake_case attribute values, recursively (tokens pass through). */
function snakeDeep(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [snakeCase(k), snakeDeep(v)]));
}

/**
 * Where an issue found on an attribute is reported: the prop the user wrote; `null` for the
 * `credentials` parts, checked by `credentialsIssues` under their camelCase names.
 */
const PROP_OF_ATTRIBUTE: Record<string, string | null> = {
  credentials_type: null,
  credentials_input: null,
  credentials_secrets_wo: null,
  credentials_secrets: null,
  credentials_secrets_wo_version: 'secretsVersion',
};

export class OxConnectorCredentials extends CredformResource {
  static readonly TF_RESOURCE_TYPE = OX_CONNECTOR_CREDENTIALS_TYPE;

  constructor(scope: Construct, id: string, props: OxConnectorCredentialsProps) {
    const { credentials, secretsVersion } = props;
    const writeOnly = props.writeOnlySecrets ?? true;
    const given: [string, SecretInput][] = [];
    const secrets: Record<string, string> = {};
    const issues: PropsIssue[] = [];
    for (const [field, input] of Object.entries(credentials?.secrets ?? {}) as [string, SecretInput | undefined][]) {
      if (input === undefined) continue;
      const key = snakeCase(field);
      if (!(key in SECRET_FIELDS)) {
        issues.push({ field: `credentials.secrets.${field}`, message: `is not a known OX secret field (known: ${Object.keys(SECRET_FIELDS).map(camelCase).join(', ')})` });
        continue;
      }
      const ephemeral = ephemeralSecretIssue(`credentials.secrets.${field}`, input, writeOnly, 'writeOnlySecrets');
      if (ephemeral) issues.push(ephemeral);
      secrets[key] = secretValue(input);
      given.push([`credentials.secrets.${field}`, input]);
    }
    const inputs = (snakeDeep(credentials?.input) ?? {}) as Record<string, unknown>;
    const input = Object.keys(inputs).length ? inputs : undefined;
    const secretValues = Object.keys(secrets).length ? secrets : undefined;
    const secretsAttribute = writeOnly ? SECRET_ATTRIBUTES.writeOnly : SECRET_ATTRIBUTES.sensitive;
    if (credentials === undefined || credentials === null) {
      issues.push({ field: 'credentials', message: 'is required: OxCredentials.token(...), .userPassword(...), .apiKey(...), .clientIdSecretKey(...) or .of(type, ...)' });
    } else {
      issues.push(
        ...credentialsIssues('credentials.type', 'credentials_type', credentials.type),
        ...credentialsIssues('credentials.input', 'credentials_input', input),
        ...credentialsIssues('credentials.secrets', secretsAttribute, secretValues, true),
      );
    }
    if (secretsVersion !== undefined && !writeOnly) issues.push({ field: 'secretsVersion', message: 'only applies to write-only secrets (writeOnlySecrets: true)', value: secretsVersion });
    const attributes = {
      connector_id: props.connectorId,
      credentials_type: credentials?.type,
      credentials_name: props.credentialsName,
      host_url: props.hostUrl,
      is_cert_checks_disabled: props.isCertChecksDisabled,
      credentials_input: input,
      [secretsAttribute]: secretValues,
      // Only with write-only secrets: without them the version is refused above, and not checked again by the schema.
      [SECRET_ATTRIBUTES.version]: writeOnly ? secretsVersion : undefined,
    };
    const meta = metaArgumentsOf(props);
    super(scope, id, {
      ...meta,
      lifecycle: { createBeforeDestroy: props.createBeforeDestroy ?? true, ...meta.lifecycle },
      resourceType: OX_CONNECTOR_CREDENTIALS_TYPE,
      schema: connectorCredentialsBlock,
      attributes,
      issues,
      propOf: PROP_OF_ATTRIBUTE,
    });
    for (const [field, secret] of given) warnIfLiteralSecret(this, field, secret);
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
