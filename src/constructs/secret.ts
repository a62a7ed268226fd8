/**
 * Where a secret comes from. Secrets never appear as literals in `cdk.tf.json`: they are references
 * that Terraform resolves at plan/apply time, and they feed write-only attributes (Terraform 1.11),
 * so they are not stored in the plan or state either.
 */
import { Annotations, DefaultTokenResolver, StringConcat, TerraformStack, TerraformVariable, Token, Tokenization, ref } from 'cdktf';
import type { Construct, IConstruct } from 'constructs';
import { atConstruct } from './construct-path';
import { awsSecretsManagerSecret, type AwsSecretsManagerSecretProps } from './secret-managers';

export type SecretSource = 'env' | 'variable' | 'attribute' | 'secret-manager' | 'literal';

/** Options of `Secret.fromAttribute`. */
export interface SecretFromAttributeOptions {
  /**
   * The expression's value is ephemeral (an ephemeral resource's attribute, an ephemeral variable):
   * it can then only feed a write-only attribute, and synth says so for a construct set to the
   * sensitive fallback (`useWriteOnly: false`).
   * @default true when the expression refers to `ephemeral.…`, else false
   */
  readonly ephemeral?: boolean;
}

/** A reference to an ephemeral resource's attribute written as text: `ephemeral.<type>.<name>[<index>].<attribute>…`. */
const EPHEMERAL_TRAVERSAL = /^ephemeral\.[A-Za-z_][\w-]*\.[A-Za-z_][\w-]*(\[[^\]]+\])?(\.[A-Za-z_][\w-]*|\[[^\]]+\])+$/;
/** An expression that refers to an ephemeral resource (`ephemeral.x.y.z`, `jsondecode(ephemeral.x.y.z)["k"]`, …). */
const MENTIONS_EPHEMERAL = /(?<![\w.])ephemeral\.[A-Za-z_]/;
/** A string holding a Terraform template interpolation, `${…}`. */
const INTERPOLATION = /\$\{[^}]+\}/;

let probeStack: TerraformStack | undefined;

/**
 * What a token stands for, as Terraform text (e.g. `${ephemeral.aws_x.y.secret_string}`), or
 * undefined. Tokens resolve only inside a stack, and the secret's stack is not known here: a
 * private, never-synthesized stack (no App, so nothing touches the disk) resolves them.
 */
function tokenText(token: string): string | undefined {
  try {
    probeStack ??= new TerraformStack(undefined as never, 'credform-secret-probe'); // a root of its own, in no App
    const resolved: unknown = Tokenization.resolve(token, { scope: probeStack, resolver: new DefaultTokenResolver(new StringConcat()), preparing: false });
    return typeof resolved === 'string' ? resolved : JSON.stringify(resolved);
  } catch {
    return undefined;
  }
}

/** The expression refers to an ephemeral resource (its value is then ephemeral too). */
function refersToEphemeral(expression: string): boolean {
  const text = Token.isUnresolved(expression) ? tokenText(expression) : expression;
  return text !== undefined && MENTIONS_EPHEMERAL.test(text);
}

export class Secret {
  /**
   * Read from an environment variable of the Terraform run (`cdktf deploy`, `terraform apply`), at
   * plan and apply time, through the provider's ephemeral `credform_env_secret`: the value is never
   * in `cdk.tf.json`, a plan file or state. Needs Terraform 1.11 and a write-only attribute.
   *
   * @param scope any construct of the stack
   * @param variableName e.g. `JIRA_API_TOKEN`
   * @param provider the `CredformProvider` to read it with, when the stack uses aliases
   */
  static fromEnv(scope: IConstruct, variableName: string, provider?: { readonly fqn: string }): Secret {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(variableName)) {
      throw new Error(atConstruct(scope, `Secret.fromEnv: ${JSON.stringify(variableName)} is not an environment variable name`));
    }
    const stack = TerraformStack.of(scope);
    const id = `env_${variableName.toLowerCase()}`;
    // cdktf has no ephemeral blocks: write it as raw configuration on the stack.
    stack.addOverride(`ephemeral.credform_env_secret.${id}`, {
      name: variableName,
      ...(provider ? { provider: provider.fqn } : {}),
    });
    return new Secret('env', Token.asString(ref(`ephemeral.credform_env_secret.${id}.value`)), `environment variable ${variableName}`, true);
  }

  /**
   * A Terraform input variable, sensitive and (by default) ephemeral: supply it with
   * `TF_VAR_<name>` or a `.tfvars` file at plan/apply time.
   *
   * @param ephemeral Terraform 1.10+: the value is kept out of plan files too; only usable in
   *   write-only attributes. @default true
   */
  static fromVariable(scope: IConstruct, name: string, options: { readonly description?: string; readonly ephemeral?: boolean } = {}): Secret {
    const variable = new TerraformVariable(scope, name, { type: 'string', sensitive: true, description: options.description ?? 'A secret for credform.', nullable: false });
    const ephemeral = options.ephemeral ?? true;
    if (ephemeral) variable.addOverride('ephemeral', true);
    return new Secret('variable', variable.stringValue, `variable ${name}`, ephemeral);
  }

  /**
   * Read from AWS Secrets Manager when Terraform runs, through the hashicorp/aws provider's
   * `ephemeral "aws_secretsmanager_secret_version"` (tested with the provider's 5.100.0; ephemeral
   * resources need Terraform ≥ 1.10, credform's write-only attributes ≥ 1.11): the value is never in
   * `cdk.tf.json`, a plan or state, and a new version in Secrets Manager shows in the next plan as
   * the credential's `…_revision` changing. The stack must declare the `aws` provider (credform does
   * not depend on it): see docs/secret-managers.md. Props problems fail synth, naming the prop.
   *
   * @param scope the construct to add the ephemeral block to (usually the stack)
   * @param id the block's construct id; directly under a stack, also its Terraform name
   */
  static fromAwsSecretsManager(scope: Construct, id: string, props: AwsSecretsManagerSecretProps): Secret {
    const read = awsSecretsManagerSecret(scope, id, props);
    return new Secret('secret-manager', read.expression, read.description, true);
  }

  /**
   * Another resource's attribute or any Terraform expression: a token (e.g.
   * `otherResource.someAttribute`, an attribute of an ephemeral resource class of
   * `@cdktn/provider-aws`, `@cdktn/provider-vault`, …), a string holding `${…}`, or a reference to an
   * ephemeral resource written as text, `ephemeral.<type>.<name>.<attribute>` (e.g.
   * `ephemeral.vault_kv_secret_v2.app.data["token"]`). A reference to an ephemeral resource makes
   * an ephemeral secret (see `options.ephemeral`).
   */
  static fromAttribute(expression: string, options: SecretFromAttributeOptions = {}): Secret {
    let value = expression;
    if (typeof expression === 'string' && !Token.isUnresolved(expression) && EPHEMERAL_TRAVERSAL.test(expression)) {
      value = Token.asString(ref(expression));
    } else if (typeof expression !== 'string' || !isReference(expression)) {
      throw new Error(
        'Secret.fromAttribute needs a reference — a token (e.g. `otherResource.someAttribute`), a `${…}` expression or `ephemeral.<type>.<name>.<attribute>` — not a literal string; use Secret.fromEnv, Secret.fromVariable or Secret.fromAwsSecretsManager for values.',
      );
    }
    const ephemeral = options.ephemeral ?? refersToEphemeral(value);
    return new Secret('attribute', value, ephemeral ? 'an attribute of an ephemeral resource' : 'a resource attribute', ephemeral);
  }

  /**
   * A literal value. It will be written into `cdk.tf.json` (and so into your repository's build
   * output): for tests and demos only. Synth warns every time.
   */
  static unsafeLiteral(value: string): Secret {
    return new Secret('literal', value, 'a literal');
  }

  /** @internal use the static factories */
  constructor(
    readonly source: SecretSource,
    /** The Terraform expression (a token) or, for a literal, the value. */
    readonly value: string,
    readonly description: string,
    /** Terraform keeps an ephemeral value out of plans and state, and takes it only in write-only attributes. */
    readonly ephemeral: boolean = false,
  ) {}
}

/** A secret prop as given by a user: a `Secret`, or a plain string (a token, or a literal we warn about). */
export type SecretInput = Secret | string;

/**
 * An ephemeral secret (`Secret.fromEnv`, `Secret.fromVariable` by default) can only feed a
 * write-only attribute; Terraform would refuse it in the sensitive fallback, but only at
 * `terraform validate`. Found here, it fails `cdktf synth` naming the prop instead.
 *
 * @param writeOnlyProp the construct's switch, named in the message (e.g. `useWriteOnly`)
 */
export function ephemeralSecretIssue(field: string, input: SecretInput | undefined, writeOnly: boolean, writeOnlyProp: string): { field: string; message: string } | undefined {
  if (writeOnly || input === undefined || input === null) return undefined;
  const secret = secretOf(input);
  if (!secret.ephemeral) return undefined;
  return {
    field,
    message: `${secret.description} is ephemeral, and only the write-only attribute takes an ephemeral value: keep ${writeOnlyProp} true (Terraform 1.11+), or use Secret.fromVariable(scope, name, { ephemeral: false })`,
  };
}

/** What a secret prop puts into the configuration: its Terraform expression (a token), or a literal's value. */
export function secretValue(input: SecretInput): string {
  return typeof input === 'string' ? input : input.value;
}

/**
 * Warns on `construct` (a synth-time annotation, with its path) when the secret prop `field` is a
 * literal, which is written into `cdk.tf.json`. The warning never holds the value.
 */
export function warnIfLiteralSecret(construct: IConstruct, field: string, input: SecretInput): void {
  const literal = typeof input === 'string' ? !isReference(input) : input.source === 'literal';
  if (literal) {
    Annotations.of(construct).addWarning(
      `${field}: a literal secret is written into cdk.tf.json. Use Secret.fromEnv(...) or Secret.fromVariable(...) instead.`,
    );
  }
}

/** A token, or a raw Terraform expression such as "${var.x}", is a reference, not a secret value. */
function isReference(input: string): boolean {
  return Token.isUnresolved(input) || INTERPOLATION.test(input);
}

/** A secret prop as a `Secret`: a plain string reference is ephemeral when it refers to `ephemeral.…`. */
function secretOf(input: SecretInput): Secret {
  if (typeof input !== 'string') return input;
  if (!isReference(input)) return Secret.unsafeLiteral(input);
  const ephemeral = refersToEphemeral(input);
  return new Secret('attribute', input, ephemeral ? 'an expression on an ephemeral resource' : 'an expression', ephemeral);
}
