/**
 * The Terraform meta-arguments among a construct's props (`dependsOn`, `count`, `provider`,
 * `lifecycle`, `forEach`, `provisioners`, `connection`: cdktf's `TerraformMetaArguments`), picked
 * by name so a construct never has to list its own props to find them.
 */
import type { TerraformMetaArguments } from 'cdktf';

/** `value` without its undefined properties. */
function defined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The meta-arguments `props` sets, and nothing else; undefined ones are left out. */
export function metaArgumentsOf(props: TerraformMetaArguments): TerraformMetaArguments {
  const { dependsOn, count, provider, lifecycle, forEach, provisioners, connection } = props;
  // `satisfies`: a meta-argument cdktf adds (or drops) fails the build here until it is listed.
  return defined({ dependsOn, count, provider, lifecycle, forEach, provisioners, connection } satisfies Record<keyof TerraformMetaArguments, unknown>);
}
