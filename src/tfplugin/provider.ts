/** What a provider is: a configuration schema, a way to configure, and its resource types. */
import type { Diagnostics } from './diagnostics';
import type { DataSourceType, EphemeralResourceType, ResourceType, State } from './resource';
import type { Block } from './schema/attribute';
import type { ObjectValue } from './schema/config-validators';

export interface ConfigureRequest {
  readonly config: ObjectValue;
  readonly diagnostics: Diagnostics;
  readonly terraformVersion: string;
  /** Aborted by StopProvider; clients made here should stop their waits with it. */
  readonly signal: AbortSignal;
}

export interface ProviderDefinition<P = unknown> {
  /** Type prefix, e.g. `credform`; resource type names start with it. */
  readonly typeName: string;
  readonly version: string;
  readonly schema: { readonly block: Block; readonly description?: string };
  validateConfig?(config: ObjectValue, diags: Diagnostics): void;
  /** Returns what every resource receives as `providerData` (vendor clients). */
  configure(req: ConfigureRequest): P | Promise<P>;
  readonly resources: readonly ResourceType<P>[];
  readonly dataSources?: readonly DataSourceType<P>[];
  readonly ephemeralResources?: readonly EphemeralResourceType<P>[];
}

export type { State };
