/**
 * What a resource type implements. One small required interface (create, read, update, delete) and
 * optional capabilities, in the spirit of terraform-plugin-framework. Each operation takes ONE object
 * that is both the framework's request and its response: the inputs are `readonly` (configuration,
 * plan, prior state and private state, the provider's clients, the stop signal) and the outputs are
 * the few mutable fields, pre-filled with what the operation may change (`state`, `private`, `plan`,
 * `plannedPrivate`), plus the diagnostics to add to. One object rather than a (request, response)
 * pair because the shared steps every resource runs (secret rotation, adoption, client lookup) read
 * inputs and write outputs of the same operation; the compiler still keeps the inputs read-only.
 * Resource code reads and writes values through typed models (`schema/model.ts`).
 */
import type { Diagnostics } from './diagnostics';
import type { Block } from './schema/attribute';
import type { ConfigValidator, ObjectValue } from './schema/config-validators';
import type { TfValue } from './values/types';

export type State = { [key: string]: TfValue };

export interface ResourceSchema {
  /** Bumped when the stored shape changes; `upgradeState` moves older objects forward. */
  readonly version: number;
  readonly description: string;
  readonly block: Block;
  readonly configValidators?: readonly ConfigValidator[];
}

/** Opaque bytes Terraform stores beside the object but never shows; see `PrivateState`. */
export type PrivateState = Record<string, unknown>;

interface Base<P> {
  /** What `ConfigureProvider` produced (vendor clients); undefined while the provider is unconfigured. */
  readonly providerData: P | undefined;
  readonly diagnostics: Diagnostics;
  /** Aborted when Terraform calls StopProvider (Ctrl-C): long waits should end early. */
  readonly signal: AbortSignal;
}

export interface ValidateRequest<P> extends Base<P> {
  readonly config: ObjectValue;
  readonly writeOnlyAllowed: boolean;
}

export interface PlanRequest<P> extends Base<P> {
  readonly config: ObjectValue;
  /** Null when the object is being created. */
  readonly priorState: State | null;
  readonly priorPrivate: PrivateState;
  /** Mutable: the plan the engine built from Terraform's proposal, defaults and plan modifiers. */
  plan: State;
  /** Mutable: private state handed to apply. */
  plannedPrivate: PrivateState;
  /** Attribute names whose change forces replacement (added to what the modifiers found). */
  readonly requiresReplace: Set<string>;
}

export interface CreateRequest<P> extends Base<P> {
  /** The configuration, including write-only values (which are null in `plan`). */
  readonly config: ObjectValue;
  readonly plan: State;
  /** Pre-filled with `plan`; set to null if nothing was made. Unknowns must all be resolved. */
  state: State | null;
  private: PrivateState;
}

export interface ReadRequest<P> extends Base<P> {
  /** Pre-filled with the stored state; set to null when the object is gone (Terraform plans a create). */
  state: State | null;
  private: PrivateState;
}

export interface UpdateRequest<P> extends Base<P> {
  readonly config: ObjectValue;
  readonly plan: State;
  readonly priorState: State;
  readonly priorPrivate: PrivateState;
  /** Pre-filled with `plan`. On failure leave it, or set what the remote side now holds. */
  state: State;
  private: PrivateState;
}

export interface DeleteRequest<P> extends Base<P> {
  readonly priorState: State;
  readonly private: PrivateState;
}

export interface ImportRequest<P> extends Base<P> {
  readonly id: string;
  /** Set the attributes that identify the object; Terraform then calls read to fill the rest. */
  state: State | null;
  private: PrivateState;
}

export interface UpgradeRequest<P> extends Base<P> {
  readonly version: number;
  /** The stored object as JSON, as written by that older version. */
  readonly rawState: Record<string, unknown>;
  state: State | null;
}

export interface ResourceType<P = unknown> {
  /** Full type name, e.g. `credform_dx_credential`. */
  readonly typeName: string;
  readonly schema: ResourceSchema;
  validateConfig?(req: ValidateRequest<P>): void | Promise<void>;
  /** Plan-time checks and adjustments (preflight against the vendor, secret change detection). */
  modifyPlan?(req: PlanRequest<P>): void | Promise<void>;
  create(req: CreateRequest<P>): Promise<void>;
  read(req: ReadRequest<P>): Promise<void>;
  update(req: UpdateRequest<P>): Promise<void>;
  delete(req: DeleteRequest<P>): Promise<void>;
  importState?(req: ImportRequest<P>): void | Promise<void>;
  upgradeState?(req: UpgradeRequest<P>): void | Promise<void>;
}

export interface DataSourceSchema {
  readonly description: string;
  readonly block: Block;
}

export interface DataSourceReadRequest<P> extends Base<P> {
  readonly config: ObjectValue;
  /** Pre-filled with the configuration; fill in the computed attributes. */
  state: State;
}

export interface DataSourceType<P = unknown> {
  readonly typeName: string;
  readonly schema: DataSourceSchema;
  read(req: DataSourceReadRequest<P>): Promise<void>;
}

export interface EphemeralOpenRequest<P> extends Base<P> {
  readonly config: ObjectValue;
  /** Pre-filled with the configuration; fill in the computed attributes. Never stored anywhere. */
  result: State;
}

/** An ephemeral resource (Terraform 1.10+): its value exists only while a plan or apply runs. */
export interface EphemeralResourceType<P = unknown> {
  readonly typeName: string;
  readonly schema: DataSourceSchema;
  open(req: EphemeralOpenRequest<P>): void | Promise<void>;
}
