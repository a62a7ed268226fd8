/**
 * `TinesTextCredential`: a Tines TEXT credential (`credform_tines_text_credential`) in a cdktf stack.
 * Props are checked at construction against the provider's own schema and rules, so a mistake fails
 * `cdktf synth` with the construct path and the prop name.
 */
import type { TerraformMetaArguments } from 'cdktf';
import type { Construct } from 'constructs';
import {
  FROM_LIVE_CREDENTIAL,
  TINES_TEXT_CREDENTIAL_TYPE,
  SECRET_ATTRIBUTES,
  readAccessIssues,
  textCredentialBlock,
  type ReadAccess,
  type TextCredentialAttributeName,
} from '../../vendors/tines/schema';
import { CredformResource } from '../credform-resource';
import { metaArgumentsOf } from '../meta-arguments';
import { camelCase, type CamelCase } from '../naming';
import { ephemeralSecretIssue, secretValue, warnIfLiteralSecret, type SecretInput } from '../secret';
import { containsToken, type PropsIssue } from '../validate-props';

export interface TinesTextCredentialProps extends TerraformMetaArguments {
  /** Name of the credential; unique within its team (checked during plan). Changed in place. */
  readonly name: string;
  /** ID of the Tines team that holds the credential. Changing it replaces the credential. */
  readonly teamId: number;
  /**
   * The secret value: `Secret.fromEnv(...)`, `Secret.fromVariable(...)` or another resource's
   * attribute. A plain string is written into `cdk.tf.json` (synth warns). A change is sent in place
   * at the next apply, without a version bump.
   */
  readonly value: SecretInput;
  /** Bump to send the value again although it did not change (only with `useWriteOnly`). @default none */
  readonly valueVersion?: number;
  /**
   * Send the value as the write-only `value_wo` (Terraform 1.11+: never in plan or state). `false`
   * uses the sensitive `value` attribute instead, for Terraform < 1.11 (Terraform keeps it in state;
   * it cannot take an ephemeral source such as `Secret.fromEnv`).
   * @default true
   */
  readonly useWriteOnly?: boolean;
  /** ID of a folder of the same team to hold the credential. @default no folder */
  readonly folderId?: number;
  /** Where the credential can be used. `SPECIFIC_TEAMS` needs `sharedTeamSlugs`. @default 'TEAM' */
  readonly readAccess?: ReadAccess;
  /** Slugs of the teams that may use it; required exactly when `readAccess` is `SPECIFIC_TEAMS`. @default none */
  readonly sharedTeamSlugs?: string[];
  /** Description of the credential. @default "" */
  readonly description?: string;
  /** Key/value metadata, readable through the credential's INFO path in Tines. @default {} */
  readonly metadata?: Record<string, string>;
  /** Domains the credential may be sent to, e.g. `api.example.com`, `*.example.com`. @default [] (any host) */
  readonly allowedHosts?: string[];
  /**
   * Make this the test credential (change control) of the live credential with this ID, e.g.
   * `live.credentialId`. Its folder, access and description then come from the live credential.
   * @default none (a live credential)
   */
  readonly liveCredentialId?: number;
}

// Compile-time check: every schema-backed prop is the camelCase of an attribute of the schema.
type SchemaProps = Exclude<keyof TinesTextCredentialProps, keyof TerraformMetaArguments | 'value' | 'valueVersion' | 'useWriteOnly'>;
type Unmatched = Exclude<SchemaProps, CamelCase<TextCredentialAttributeName>>;
const propsMatchSchema: [Unmatched] extends [never] ? true : Unmatched = true;
void propsMatchSchema;

/** A prop as the shared rules want it: undefined when it is a token (not known at synth), null when unset. */
const plain = (v: unknown) => (v === undefined ? null : containsToken(v) ? undefined : v);

const missing = (value: unknown) => value === undefined || value === null;

/**
 * The snake_case attributes. A prop a cross-field rule refuses outright (`valueVersion` without the
 * write-only value, what a test credential takes from its live credential) is left out: the rule
 * reports it, and the schema does not judge it again.
 */
function attributesOf(props: TinesTextCredentialProps): Record<string, unknown> {
  const writeOnly = props.useWriteOnly !== false;
  const fromLive = props.liveCredentialId !== undefined;
  const unlessFromLive = <T>(value: T) => (fromLive ? undefined : value);
  return {
    name: props.name,
    team_id: props.teamId,
    [writeOnly ? SECRET_ATTRIBUTES.writeOnly : SECRET_ATTRIBUTES.sensitive]: missing(props.value) ? undefined : secretValue(props.value),
    [SECRET_ATTRIBUTES.version]: writeOnly ? props.valueVersion : undefined,
    folder_id: unlessFromLive(props.folderId),
    read_access: unlessFromLive(props.readAccess),
    shared_team_slugs: unlessFromLive(props.sharedTeamSlugs),
    description: unlessFromLive(props.description),
    metadata: props.metadata,
    allowed_hosts: props.allowedHosts,
    live_credential_id: props.liveCredentialId,
  };
}

/** Where an issue found on an attribute is reported: the prop the user wrote. */
const PROP_OF_ATTRIBUTE: Record<string, string> = { [SECRET_ATTRIBUTES.writeOnly]: 'value', [SECRET_ATTRIBUTES.sensitive]: 'value', [SECRET_ATTRIBUTES.version]: 'valueVersion' };

/** The problems the schema's checks do not see: a missing value (the schema has either attribute optional) and the cross-field rules. */
function propIssues(props: TinesTextCredentialProps): PropsIssue[] {
  const issues: PropsIssue[] = [];
  if (missing(props.value)) issues.push({ field: 'value', message: 'is required' });
  const given = props as unknown as Readonly<Record<string, unknown>>;
  // A test credential may set neither (refused below, once each): the access rule would judge them again.
  const accessIssues = props.liveCredentialId === undefined ? readAccessIssues(plain(props.readAccess), plain(props.sharedTeamSlugs)) : [];
  for (const i of accessIssues) {
    const field = camelCase(i.attribute);
    issues.push({ field, message: i.message, value: given[field] });
  }
  const ephemeral = ephemeralSecretIssue('value', props.value, props.useWriteOnly !== false, 'useWriteOnly');
  if (ephemeral) issues.push(ephemeral);
  if (props.valueVersion !== undefined && props.useWriteOnly === false) {
    issues.push({ field: 'valueVersion', message: 'only applies to the write-only value (useWriteOnly: true)', value: props.valueVersion });
  }
  if (props.liveCredentialId !== undefined) {
    for (const name of FROM_LIVE_CREDENTIAL) {
      const field = camelCase(name);
      const value = given[field];
      if (value !== undefined) {
        issues.push({ field, message: 'cannot be set with liveCredentialId: a test credential takes it from its live credential', value });
      }
    }
  }
  return issues;
}

export class TinesTextCredential extends CredformResource {
  static readonly TYPE = TINES_TEXT_CREDENTIAL_TYPE;

  constructor(scope: Construct, id: string, props: TinesTextCredentialProps) {
    const attributes = attributesOf(props);
    super(scope, id, { ...metaArgumentsOf(props), resourceType: TINES_TEXT_CREDENTIAL_TYPE, schema: textCredentialBlock, attributes, issues: propIssues(props), propOf: PROP_OF_ATTRIBUTE });
    if (!missing(props.value)) warnIfLiteralSecret(this, 'value', props.value);
  }

  /** The Tines credential ID (a string, as Terraform ids are); the import ID. */
  get id(): string {
    return this.getStringAttribute('id');
  }

  /** The Tines credential ID as a number, e.g. for another credential's `liveCredentialId`. */
  get credentialId(): number {
    return this.getNumberAttribute('id');
  }

  get name(): string {
    return this.getStringAttribute('name');
  }

  get teamId(): number {
    return this.getNumberAttribute('team_id');
  }

  /** Underscored form of the name, set by Tines. */
  get slug(): string {
    return this.getStringAttribute('slug');
  }

  get createdAt(): string {
    return this.getStringAttribute('created_at');
  }

  /** Changes with every update. */
  get updatedAt(): string {
    return this.getStringAttribute('updated_at');
  }

  /** How many times the value was sent to Tines. */
  get valueRevision(): number {
    return this.getNumberAttribute('value_revision');
  }
}
