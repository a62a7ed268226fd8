/**
 * `ApinizerCredential`: an Apinizer API credential in a cdktf stack (`credform_apinizer_credential`).
 * Props are checked at construction against the same schema the provider serves, so a bad email,
 * IP range or date fails `cdktf synth` with the construct path and the field.
 */
import type { IResolvable, TerraformMetaArguments } from 'cdktf';
import type { Construct } from 'constructs';
import {
  APINIZER_CREDENTIAL_TYPE,
  SECRET_ATTRIBUTES,
  credentialBlock,
  credentialId,
  type CredentialAttributeName,
} from '../../vendors/apinizer/schema';
import { CredformResource } from '../credform-resource';
import { metaArgumentsOf } from '../meta-arguments';
import type { CamelCase } from '../naming';
import { ephemeralSecretIssue, secretValue, warnIfLiteralSecret, type SecretInput } from '../secret';
import type { PropsIssue } from '../validate-props';

export interface ApinizerCredentialProps extends TerraformMetaArguments {
  /** Apinizer project holding the credential, e.g. `MyProject`. Changing it replaces the credential. */
  readonly projectName: string;
  /** Username, unique across all Apinizer credentials. Changing it replaces the credential. */
  readonly username: string;
  /** Email address of the credential holder. */
  readonly email: string;
  /** Full name of the credential holder; must not be empty. */
  readonly fullName: string;
  /** Free-text description. @default none */
  readonly description?: string;
  /** Roles assigned to the credential; each must exist in Apinizer (e.g. `API_USER`). @default [] */
  readonly roleNames?: string[];
  /** Whether the credential can authenticate. @default true */
  readonly enabled?: boolean;
  /** Allowed IPv4/IPv6 addresses and CIDR ranges; empty means unrestricted. @default [] */
  readonly ipList?: string[];
  /** Expiry in ISO 8601 UTC, e.g. `2024-12-31T23:59:59.000Z`. @default never expires */
  readonly expireDate?: string;
  /**
   * The password: `Secret.fromEnv(...)`, `Secret.fromVariable(...)` or another resource's attribute.
   * A literal string is written into `cdk.tf.json` (synth warns).
   */
  readonly password: SecretInput;
  /**
   * Bump to send the password again (a changed password is detected without it). Only with
   * `useWriteOnly`. @default none
   */
  readonly passwordVersion?: number;
  /**
   * Send the password through the write-only `password_wo` (Terraform 1.11+: never in plan or
   * state). Set false only for Terraform older than 1.11: the password then goes to the sensitive
   * `password` attribute, which Terraform keeps in state. @default true
   */
  readonly useWriteOnly?: boolean;
}

/** Props that are schema attributes under their camelCase names; the rest are the password's. */
type SchemaProps = Exclude<keyof ApinizerCredentialProps, keyof TerraformMetaArguments | 'password' | 'passwordVersion' | 'useWriteOnly'>;
// Compile-time check that every such prop names an attribute of the schema.
type _PropsMatchSchema = SchemaProps extends CamelCase<CredentialAttributeName> ? true : never;
const _propsMatchSchema: _PropsMatchSchema = true;
void _propsMatchSchema;

/** Where an issue found on a password attribute is reported: the prop the user wrote. */
const PROP_OF_ATTRIBUTE: Record<string, string> = { [SECRET_ATTRIBUTES.writeOnly]: 'password', [SECRET_ATTRIBUTES.sensitive]: 'password', [SECRET_ATTRIBUTES.version]: 'passwordVersion' };

export class ApinizerCredential extends CredformResource {
  static readonly tfResourceType = APINIZER_CREDENTIAL_TYPE;

  /** The id `terraform import` takes: `<projectName>/<username>`. */
  static importId(projectName: string, username: string): string {
    return credentialId(projectName, username);
  }

  constructor(scope: Construct, id: string, props: ApinizerCredentialProps) {
    const { password, passwordVersion } = props;
    const writeOnly = props.useWriteOnly ?? true;
    const missing = password === undefined || password === null;
    const issues: PropsIssue[] = [];
    if (!writeOnly && passwordVersion !== undefined) {
      issues.push({ field: 'passwordVersion', message: 'only applies with useWriteOnly (the write-only password); remove it or set useWriteOnly: true', value: passwordVersion });
    }
    const ephemeral = ephemeralSecretIssue('password', password, writeOnly, 'useWriteOnly');
    if (ephemeral) issues.push(ephemeral);
    if (missing) issues.push({ field: 'password', message: 'is required' });
    const attributes = {
      project_name: props.projectName,
      username: props.username,
      email: props.email,
      full_name: props.fullName,
      description: props.description,
      role_names: props.roleNames,
      enabled: props.enabled,
      ip_list: props.ipList,
      expire_date: props.expireDate,
      [writeOnly ? SECRET_ATTRIBUTES.writeOnly : SECRET_ATTRIBUTES.sensitive]: missing ? undefined : secretValue(password),
      // Only with the write-only password: without it the version is refused above, and not checked again by the schema.
      [SECRET_ATTRIBUTES.version]: writeOnly ? passwordVersion : undefined,
    };
    super(scope, id, { ...metaArgumentsOf(props), resourceType: APINIZER_CREDENTIAL_TYPE, schema: credentialBlock, attributes, issues, propOf: PROP_OF_ATTRIBUTE });
    if (!missing) warnIfLiteralSecret(this, 'password', password);
  }

  /** `<projectName>/<username>`. */
  get credentialId(): string {
    return this.getStringAttribute('id');
  }

  get projectName(): string {
    return this.getStringAttribute('project_name');
  }

  get username(): string {
    return this.getStringAttribute('username');
  }

  /** Number of passwords sent so far; changes whenever the password is sent again. */
  get passwordRevision(): number {
    return this.getNumberAttribute('password_revision');
  }

  /** The last deployment's outcome per environment: a list of `{ environment_name, success, message }`. */
  get deployment(): IResolvable {
    return this.interpolationForAttribute('deployment');
  }
}
