/**
 * The base of credform's resource constructs: a `TerraformResource` whose attributes come from the
 * vendor's schema (snake_case), with secrets resolved to references. The base checks the props, once,
 * right after `super`: the attributes against the vendor's schema, plus the problems the construct
 * found itself. Problems are recorded on the construct and reported by synth, with every other
 * construct's.
 */
import { TerraformResource, type TerraformMetaArguments } from 'cdktf';
import type { Construct } from 'constructs';
import { metaArgumentsOf } from './meta-arguments';
import { addPropsValidation, collectIssues, type PropsIssue, type SchemaBlock } from './validate-props';

export type { PropsIssue, SchemaAttribute, SchemaBlock } from './validate-props';

export interface CredformResourceOptions extends TerraformMetaArguments {
  /** Terraform resource type, e.g. `credform_dx_credential`. */
  readonly resourceType: string;
  /** The resource type's schema (the one the provider serves): synth checks `attributes` against it. */
  readonly schema: SchemaBlock;
  /** snake_case attribute values; undefined ones are left out. */
  readonly attributes: Record<string, unknown>;
  /** Problems the construct found itself (cross-field rules, secrets), reported with the schema's. @default none */
  readonly issues?: readonly PropsIssue[];
  /**
   * The prop an attribute's problems are reported under when it is not the attribute's camelCase
   * name (`secrets_wo` → `secrets`); `null` for an attribute the construct checks itself.
   * @default every attribute under its camelCase name
   */
  readonly propOf?: Readonly<Record<string, string | null>>;
}

export abstract class CredformResource extends TerraformResource {
  private readonly attributes: Record<string, unknown>;

  protected constructor(scope: Construct, id: string, options: CredformResourceOptions) {
    super(scope, id, {
      terraformResourceType: options.resourceType,
      terraformGeneratorMetadata: { providerName: 'credform' },
      ...metaArgumentsOf(options),
    });
    this.attributes = Object.fromEntries(Object.entries(options.attributes).filter(([, v]) => v !== undefined));
    // The one validation pass: the schema's findings, then the construct's own.
    addPropsValidation(this, [...collectIssues(options.schema, options.attributes, '', options.propOf), ...(options.issues ?? [])]);
  }

  protected override synthesizeAttributes(): Record<string, unknown> {
    return { ...this.attributes };
  }
}
