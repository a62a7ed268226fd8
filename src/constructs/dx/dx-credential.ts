/**
 * `DxCredential`: a credential on a DX connection (`credform_dx_credential`). Secrets are references
 * (`Secret.fromEnv`, `Secret.fromVariable`, another resource's attribute) that go into the write-only
 * `secrets_wo` attribute, so they are in neither `cdk.tf.json`, the plan nor the state.
 */
import { Fn, type TerraformMetaArguments } from 'cdktf';
import type { Construct } from 'constructs';
import { DX_CREDENTIAL_TYPE, KNOWN_CONNECTOR_FIELDS, dxCredentialBlock, type DxCredentialAttributeName } from '../../vendors/dx/schema';
import { settingsText } from '../../vendors/dx/json-settings';
import { CredformResource } from '../credform-resource';
import { metaArgumentsOf } from '../meta-arguments';
import type { CamelCase } from '../naming';
import { ephemeralSecretIssue, secretValue, warnIfLiteralSecret, type SecretInput } from '../secret';
import { containsToken, type PropsIssue } from '../validate-props';

export interface DxCredentialProps extends TerraformMetaArguments {
  /** Id of the DX connection holding the credential (see the `credform_dx_connections` data source). Changing it replaces the credential. */
  readonly connectionId: number;
  /** Display name. @default chosen by DX */
  readonly label?: string;
  /**
   * Non-secret settings; keys depend on the connector (Jira Cloud: `jira_user`). Values may be
   * tokens. Compared as JSON, so key order never causes a change. @default {}
   */
  readonly settings?: Record<string, unknown>;
  /** Secret values by key (Jira Cloud: `api_token`); keys depend on the connector. Prefer `Secret.fromEnv` / `Secret.fromVariable`. */
  readonly secrets: Record<string, SecretInput>;
  /** Bump to send the secrets again even if unchanged (a changed secret is sent anyway). Only with `useWriteOnly`. @default none */
  readonly secretsVersion?: number;
  /** Date (`YYYY-MM-DD`) from which DX treats the credential as expired. @default none */
  readonly expirationDate?: string;
  /**
   * Put the secrets in the write-only `secrets_wo` (Terraform 1.11+, never stored). `false` uses the
   * sensitive `secrets` attribute for older Terraform, which keeps them in state; ephemeral sources
   * (`Secret.fromEnv`, ephemeral variables) cannot feed it. @default true
   */
  readonly useWriteOnly?: boolean;
}

/** Jira Cloud, whose keys DX publishes: `settings.jira_user`, `secrets.api_token`. */
export interface DxJiraCloudCredentialProps extends Omit<DxCredentialProps, 'settings' | 'secrets'> {
  /** The Atlassian account DX signs in as, e.g. `dx-automation@acme.atlassian.net`. */
  readonly jiraUser: string;
  /** That account's Atlassian API token. */
  readonly apiToken: SecretInput;
}

// Props that carry a schema attribute under its own name must keep matching the schema.
type Assert<T extends true> = T;
type PropsMatchSchema = Assert<
  'connectionId' | 'label' | 'expirationDate' extends CamelCase<DxCredentialAttributeName> & keyof DxCredentialProps ? true : false
>;

/** Where an issue found on an attribute is reported: the prop the user wrote. */
const PROP_OF_ATTRIBUTE: Record<string, string> = { settings_json: 'settings', secrets_wo: 'secrets', secrets_wo_version: 'secretsVersion' };

/** Settings as `settings_json`: canonical JSON text, or `jsonencode(...)` when values are tokens. */
function settingsJson(settings: Record<string, unknown>): string {
  if (containsToken(settings)) return Fn.jsonencode(settings);
  // Terraform reads strings in JSON configuration as templates: escape what would interpolate.
  return settingsText(settings).replace(/([$%])\{/g, (_, sigil: string) => `${sigil}${sigil}{`);
}

export class DxCredential extends CredformResource {
  /** The resource type this construct synthesizes. */
  static readonly RESOURCE_TYPE = DX_CREDENTIAL_TYPE;

  /** A Jira Cloud credential, with its documented keys typed. */
  static jiraCloud(scope: Construct, id: string, props: DxJiraCloudCredentialProps): DxCredential {
    const { jiraUser, apiToken, ...rest } = props;
    const keys = KNOWN_CONNECTOR_FIELDS.jira_cloud!;
    return new DxCredential(scope, id, { ...rest, settings: { [keys.settings[0]!]: jiraUser }, secrets: { [keys.secrets[0]!]: apiToken } });
  }

  constructor(scope: Construct, id: string, props: DxCredentialProps) {
    const { settings, secrets, secretsVersion } = props;
    const writeOnly = props.useWriteOnly ?? true;
    const issues: PropsIssue[] = [];
    const missingSecrets = secrets === undefined || secrets === null;
    if (missingSecrets) issues.push({ field: 'secrets', message: 'is required' });
    if (!writeOnly) {
      for (const [key, input] of Object.entries(secrets ?? {})) {
        const ephemeral = ephemeralSecretIssue(`secrets.${key}`, input, writeOnly, 'useWriteOnly');
        if (ephemeral) issues.push(ephemeral);
      }
      if (secretsVersion !== undefined) issues.push({ field: 'secretsVersion', message: 'only applies with useWriteOnly; Terraform diffs the sensitive `secrets` attribute itself', value: secretsVersion });
    }
    const settingsOk = settings !== null && typeof settings === 'object' && !Array.isArray(settings);
    if (settings !== undefined && !settingsOk) issues.push({ field: 'settings', message: 'must be an object of settings, e.g. { jira_user: "..." }', value: settings });
    const attributes: Record<string, unknown> = {
      connection_id: props.connectionId,
      label: props.label,
      settings_json: settingsOk ? settingsJson(settings) : undefined,
      // Missing secrets are reported once, above: not also as an empty map the schema would refuse.
      [writeOnly ? 'secrets_wo' : 'secrets']: missingSecrets ? undefined : Object.fromEntries(Object.entries(secrets).map(([k, v]) => [k, secretValue(v)])),
      // Only with the write-only secrets: without them the version is refused above, and not checked again by the schema.
      secrets_wo_version: writeOnly ? secretsVersion : undefined,
      expiration_date: props.expirationDate,
    };
    super(scope, id, { ...metaArgumentsOf(props), resourceType: DX_CREDENTIAL_TYPE, schema: dxCredentialBlock, attributes, issues, propOf: PROP_OF_ATTRIBUTE });
    for (const [key, input] of Object.entries(secrets ?? {})) warnIfLiteralSecret(this, `secrets.${key}`, input);
  }

  /** The credential id DX assigned. */
  get credentialId(): number {
    return this.getNumberAttribute('credential_id');
  }

  /** `<connection_id>/<credential_id>` (the import id). */
  get id(): string {
    return this.getStringAttribute('id');
  }

  /** Connector type as DX reports it, e.g. `jira_cloud`. */
  get type(): string {
    return this.getStringAttribute('type');
  }

  /** When DX created the credential (ISO 8601). */
  get createdAt(): string {
    return this.getStringAttribute('created_at');
  }

  /** The label, DX's default when none was given. */
  get label(): string {
    return this.getStringAttribute('label');
  }

  /** Grows by one each time the secrets are sent to DX. */
  get secretsRevision(): number {
    return this.getNumberAttribute('secrets_revision');
  }
}
