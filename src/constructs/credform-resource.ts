/**
 * The base of credform's resource constructs: a `TerraformResource` whose attributes come from the
 * vendor's schema (snake_case), with secrets resolved to references. Each construct checks its props
 * (`validateAttributes`, after `super`): problems are recorded on the construct and reported by synth,
 * with every other construct's.
 */
import { TerraformResource, type TerraformMetaArguments } from 'cdktf';
import type { Construct } from 'constructs';

export interface CredformResourceOptions extends TerraformMetaArguments {
  /** Terraform resource type, e.g. `credform_dx_credential`. */
  readonly resourceType: string;
  /** snake_case attribute values; undefined ones are left out. */
  readonly attributes: Record<string, unknown>;
}

export abstract class CredformResource extends TerraformResource {
  private readonly attributes: Record<string, unknown>;

  protected constructor(scope: Construct, id: string, options: CredformResourceOptions) {
    const { resourceType, attributes, ...meta } = options;
    super(scope, id, {
      terraformResourceType: resourceType,
      terraformGeneratorMetadata: { providerName: 'credform' },
      ...meta,
    });
    this.attributes = Object.fromEntries(Object.entries(attributes).filter(([, v]) => v !== undefined));
  }

  protected override synthesizeAttributes(): Record<string, unknown> {
    return { ...this.attributes };
  }
}
