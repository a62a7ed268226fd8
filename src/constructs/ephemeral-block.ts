/**
 * An `ephemeral "<type>" "<name>"` block of any provider, as a stack element: cdktf 0.21 has no
 * ephemeral-resource class (cdktn 0.24 has `TerraformEphemeralResource`, but one source builds both
 * flavors), so this element writes the block itself. Being an element of the construct tree, it gets
 * its Terraform name as resources do (the construct id directly under a stack, a unique name when
 * nested), a duplicate id fails as for any construct, and its props problems are reported by synth
 * with the construct path.
 */
import { TerraformElement, Token, ref } from 'cdktf';
import type { Construct } from 'constructs';

export interface EphemeralBlockOptions {
  /** The ephemeral resource type, e.g. `aws_secretsmanager_secret_version`. */
  readonly type: string;
  /** Its arguments (snake_case); undefined ones are left out. */
  readonly attributes: Record<string, unknown>;
  /** The provider configuration that opens it: `aws` or `aws.<alias>`, or a provider construct's `fqn`. @default the default configuration of the type's provider */
  readonly provider?: string;
}

export class EphemeralBlock extends TerraformElement {
  private readonly type: string;
  private readonly attributes: Record<string, unknown>;
  private readonly provider?: string;

  constructor(scope: Construct, id: string, options: EphemeralBlockOptions) {
    super(scope, id, `ephemeral.${options.type}`);
    this.type = options.type;
    this.attributes = Object.fromEntries(Object.entries(options.attributes).filter(([, v]) => v !== undefined));
    this.provider = options.provider;
  }

  /** `ephemeral.<type>.<name>.<attribute>`, as a string token. */
  attribute(name: string): string {
    return this.reference(`${this.expression}.${name}`);
  }

  /** Any Terraform expression built on `expression` (no braces), as a string token. */
  reference(expression: string): string {
    return Token.asString(ref(expression, this.cdktfStack));
  }

  /** `ephemeral.<type>.<name>`, to build an expression on (no braces). */
  get expression(): string {
    return `ephemeral.${this.type}.${this.friendlyUniqueId}`;
  }

  override toTerraform(): Record<string, unknown> {
    const block = {
      ...this.attributes,
      ...(this.provider !== undefined ? { provider: this.provider } : {}),
      '//': this.constructNodeMetadata,
    };
    return { ephemeral: { [this.type]: { [this.friendlyUniqueId]: block } } };
  }

  /** cdktn's HCL output renders `ephemeral` fragments of this shape (cdktf 0.21's leaves them out, as it does the stack's raw overrides). */
  override toHclTerraform(): Record<string, unknown> {
    return this.toTerraform();
  }
}
