/**
 * Secrets kept in a secret manager, read through the manager's own Terraform provider's ephemeral
 * resource (Terraform ≥ 1.10; fed to credform's write-only attributes, ≥ 1.11): Terraform reads the
 * value at plan and apply time and never writes it to cdk.tf.json, a plan or state. credform does
 * not depend on those providers' packages: it writes the ephemeral block, and the stack declares the
 * provider (docs/secret-managers.md says how).
 */
import { Token } from 'cdktf';
import type { Construct } from 'constructs';
import { EphemeralBlock } from './ephemeral-block';
import { addPropsValidation, type PropsIssue } from './validate-props';

/** Where `Secret.fromAwsSecretsManager` reads a secret: `ephemeral "aws_secretsmanager_secret_version"` of the hashicorp/aws provider (tested with 5.100.0). */
export interface AwsSecretsManagerSecretProps {
  /** The secret's name (e.g. `prod/tines/webhook`) or ARN. */
  readonly secretId: string;
  /** The staging label of the version to read. @default 'AWSCURRENT' (Secrets Manager's default) */
  readonly versionStage?: string;
  /**
   * The version to read, by its ID. This pins it: a rotation in Secrets Manager is then not picked
   * up until this changes.
   * @default the version `versionStage` labels
   */
  readonly versionId?: string;
  /**
   * The secret string is a JSON object (as the Secrets Manager console stores key/value pairs): take
   * the value of this key. A missing key fails the plan (the value is not shown).
   * @default the whole secret string
   */
  readonly jsonKey?: string;
  /**
   * The AWS provider configuration to read with, when the stack has several (aliases): an
   * `AwsProvider` construct, or `{ fqn: 'aws.<alias>' }`.
   * @default the default `aws` provider configuration
   */
  readonly provider?: { readonly fqn: string };
}

export const AWS_SECRET_VERSION_TYPE = 'aws_secretsmanager_secret_version';

/** A Terraform block name: what the id becomes directly under a stack. */
const TERRAFORM_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

type StringProp = 'secretId' | 'versionStage' | 'versionId' | 'jsonKey';

/** The props' rules, from Secrets Manager's API reference (GetSecretValue's request parameters). */
const RULES: ReadonlyArray<{ readonly field: StringProp; readonly required?: boolean; readonly check: (value: string) => string | undefined }> = [
  {
    field: 'secretId',
    required: true,
    check: (v) =>
      v.trim() === '' ? 'must not be empty' : v.length > 2048 ? 'must be at most 2048 characters (a name or an ARN)' : /\s/.test(v) ? 'must not contain whitespace (a name or an ARN)' : undefined,
  },
  { field: 'versionStage', check: (v) => (v.trim() === '' ? 'must not be empty' : v.length > 256 ? 'must be at most 256 characters' : undefined) },
  { field: 'versionId', check: (v) => (v.length < 32 || v.length > 64 ? 'must be 32 to 64 characters (a version ID, e.g. a UUID)' : undefined) },
  { field: 'jsonKey', check: (v) => (v === '' ? 'must not be empty' : undefined) },
];

function propsIssues(id: string, props: AwsSecretsManagerSecretProps): PropsIssue[] {
  const issues: PropsIssue[] = [];
  if (!TERRAFORM_NAME.test(id)) {
    issues.push({ field: 'id', message: 'must start with a letter or underscore and hold only letters, digits, underscores and dashes (it names the ephemeral block)', value: id });
  }
  const given = (props ?? {}) as unknown as Record<string, unknown>;
  for (const rule of RULES) {
    const value = given[rule.field];
    if (value === undefined || value === null) {
      if (rule.required) issues.push({ field: rule.field, message: 'is required' });
    } else if (typeof value !== 'string') {
      issues.push({ field: rule.field, message: 'must be a string', value });
    } else if (rule.field === 'jsonKey' && Token.isUnresolved(value)) {
      issues.push({ field: rule.field, message: 'must be known at synth (a key name, not a reference)' });
    } else if (!Token.isUnresolved(value)) {
      const message = rule.check(value);
      if (message) issues.push({ field: rule.field, message, value });
    }
  }
  return issues;
}

/**
 * A string literal in HCL syntax: JSON's escapes but `\b` and `\f` (HCL has `\uNNNN` instead), and
 * template sequences (`${`, `%{`) doubled so they stay literal.
 */
function hclString(value: string): string {
  return JSON.stringify(value)
    .replace(/\\b/g, '\\u0008')
    .replace(/\\f/g, '\\u000c')
    .replace(/\$\{/g, () => '$${')
    .replace(/%\{/g, () => '%%{');
}

/** What `Secret.fromAwsSecretsManager` builds a Secret from. */
export interface SecretManagerRead {
  /** The Terraform expression, a string token. */
  readonly expression: string;
  /** For messages: where the value comes from (never the value). */
  readonly description: string;
}

/** Adds the ephemeral block at `scope`/`id` and returns the expression of the secret's value. */
export function awsSecretsManagerSecret(scope: Construct, id: string, props: AwsSecretsManagerSecretProps): SecretManagerRead {
  const block = new EphemeralBlock(scope, id, {
    type: AWS_SECRET_VERSION_TYPE,
    attributes: { secret_id: props?.secretId, version_stage: props?.versionStage, version_id: props?.versionId },
    provider: props?.provider?.fqn,
  });
  addPropsValidation(block, propsIssues(id, props));
  const secretId = props?.secretId;
  const description = `AWS Secrets Manager secret ${typeof secretId === 'string' && !Token.isUnresolved(secretId) ? JSON.stringify(secretId) : `(${id})`}${props?.jsonKey ? ` key ${JSON.stringify(props.jsonKey)}` : ''}`;
  const jsonKey = props?.jsonKey;
  if (typeof jsonKey !== 'string' || jsonKey === '' || Token.isUnresolved(jsonKey)) return { expression: block.attribute('secret_string'), description };
  return { expression: block.reference(`jsondecode(${block.expression}.secret_string)[${hclString(jsonKey)}]`), description };
}
