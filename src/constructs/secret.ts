/**
 * Where a secret comes from. Secrets never appear as literals in `cdk.tf.json`: they are references
 * that Terraform resolves at plan/apply time, and they feed write-only attributes (Terraform 1.11),
 * so they are not stored in the plan or state either.
 */
import { Annotations, TerraformStack, TerraformVariable, Token, ref } from 'cdktf';
import type { IConstruct } from 'constructs';

export type SecretSource = 'env' | 'variable' | 'attribute' | 'literal';

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
      throw new Error(`[${scope.node.path}] Secret.fromEnv: ${JSON.stringify(variableName)} is not an environment variable name`);
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

  /** Another resource's attribute or any Terraform expression (a token). */
  static fromAttribute(token: string): Secret {
    if (!Token.isUnresolved(token)) {
      throw new Error('Secret.fromAttribute needs a token (e.g. `otherResource.someAttribute`), not a literal string; use Secret.fromEnv or Secret.fromVariable for values.');
    }
    return new Secret('attribute', token, 'a resource attribute');
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
  if (writeOnly || !(input instanceof Secret) || !input.ephemeral) return undefined;
  return {
    field,
    message: `${input.description} is ephemeral, and only the write-only attribute takes an ephemeral value: keep ${writeOnlyProp} true (Terraform 1.11+), or use Secret.fromVariable(scope, name, { ephemeral: false })`,
  };
}

/** Resolves a secret prop to what goes into the configuration, warning on literals. */
export function secretExpression(scope: IConstruct, field: string, input: SecretInput): string {
  // A token, or a raw Terraform expression such as "${var.x}", is a reference, not a secret value.
  const isReference = (s: string) => Token.isUnresolved(s) || /\$\{[^}]+\}/.test(s);
  const secret = typeof input === 'string' ? (isReference(input) ? new Secret('attribute', input, 'an expression') : Secret.unsafeLiteral(input)) : input;
  if (secret.source === 'literal') {
    Annotations.of(scope).addWarning(
      `${field}: a literal secret is written into cdk.tf.json. Use Secret.fromEnv(...) or Secret.fromVariable(...) instead.`,
    );
  }
  return secret.value;
}
