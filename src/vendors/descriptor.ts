/**
 * The provider side of a vendor: what its folder registers in `provider.ts`. Every vendor folder has
 * the same files (CONTRIBUTING.md, "Adding a vendor"): `vendor.ts` (its name, variables, error body reader),
 * `client-factory.ts` (its configured client), `descriptor.ts` (this), `schema.ts`, `client.ts`,
 * `errors.ts`, `mapping.ts`, `create-recovery.ts`, `plan-checks.ts`, `resource.ts`.
 */
import type { DataSourceType, ResourceType } from '../tfplugin/resource';
import type { ClientFactory, Connections } from './connections';
import type { Vendor } from './vendor';

export interface VendorDescriptor<C = unknown> {
  readonly vendor: Vendor;
  readonly client: ClientFactory<C>;
  readonly resources: readonly ResourceType<Connections>[];
  readonly dataSources: readonly DataSourceType<Connections>[];
}
