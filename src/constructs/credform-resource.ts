/**
 * The base of credform's resource constructs: a `TerraformResource` whose attributes come from the
 * vendor's schema (snake_case), validated at construction, with secrets resolved to references.
 */
import { TerraformResource, type TerraformMetaArguments } from 'cdktf';
import type { Construct } from 'constructs';
import type { Block } from '../tfplugin/schema/attribute';
import { validateAttributes } from './validate-props';

export interface CredformResourceOptions extends TerraformMetaArguments {
  /** Terraform resource type, e.g. `credform_dx_credential`. */
  readonly resourceType: string;
  readonly block: Block;
  /** snake_case attribute values; undefined ones are left out. */
  readonly attributes: Record<string, unknown>;
}

export abstract class CredformResource extends TerraformResource {
  private readonly attributes: Record<string, unknown>;

  protected constructor(scope: Construct, id: string, options: CredformResourceOptions) {
    const { resourceType, block, attributes, ...meta } = options;
    super(scope, id, {
      terraformResourceType: resourceType,
      terraformGeneratorMetadata: { providerName: 'credform' },
      ...meta,
    });
    validateAttributes(this, block, attributes);
    this.attributes = Object.fromEntries(Object.entries(attributes).filter(([, v]) => v !== undefined));
  }

  protected override synthesizeAttributes(): Record<string, unknown> {
    return { ...this.attributes };
  }
}
