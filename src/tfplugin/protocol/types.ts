/**
 * Hand-written TypeScript shapes of the tfplugin6 (protocol 6.8) and go-plugin messages, as plain
 * objects with the upstream snake_case field names.
 *
 * Two kinds of shapes:
 * - what Terraform SENDS (the `*Request` types, and `DecodedDynamicValue`, `RawState`,
 *   `ClientCapabilities`) describe what `decodeMessage` returns: implicit-presence scalars are always
 *   there (defaulted: `''`, `false`, `0`, empty `Buffer`), repeated fields are arrays and maps are
 *   objects (possibly empty); only sub-messages and proto3 `optional` fields may be absent
 *   (`undefined`, never `null`).
 * - what the provider RETURNS (the `*Response` types and everything inside them) have every field
 *   optional: the encoder writes nothing for an absent (or `null`) field, and — proto3 implicit
 *   presence — nothing for `''`, `false`, `0`, an empty byte string or an empty list either. Terraform
 *   reads an absent field as its zero value (and an absent DynamicValue as null).
 *
 * Bytes: give any `Uint8Array` (a `Buffer` is one); decoded bytes are `Buffer`s that share memory with
 * the received message. int64: JS numbers (exact up to 2^53; the protocol's int64 fields are schema
 * versions, item counts, list indexes and argument positions). Enums: numbers (see the constants).
 */

// ---------------------------------------------------------------------------------------------------
// Enums (the numeric values that travel on the wire)

/** `tfplugin6.Diagnostic.Severity` */
export const DiagnosticSeverity = { INVALID: 0, ERROR: 1, WARNING: 2 } as const;
export type DiagnosticSeverity = (typeof DiagnosticSeverity)[keyof typeof DiagnosticSeverity];

/** `tfplugin6.StringKind` */
export const StringKind = { PLAIN: 0, MARKDOWN: 1 } as const;
export type StringKind = (typeof StringKind)[keyof typeof StringKind];

/** `tfplugin6.Schema.NestedBlock.NestingMode` */
export const NestingMode = { INVALID: 0, SINGLE: 1, LIST: 2, SET: 3, MAP: 4, GROUP: 5 } as const;
export type NestingMode = (typeof NestingMode)[keyof typeof NestingMode];

/** `tfplugin6.Schema.Object.NestingMode` (nested attributes: no GROUP) */
export const ObjectNestingMode = { INVALID: 0, SINGLE: 1, LIST: 2, SET: 3, MAP: 4 } as const;
export type ObjectNestingMode = (typeof ObjectNestingMode)[keyof typeof ObjectNestingMode];

/** `tfplugin6.Deferred.Reason` */
export const DeferredReason = { UNKNOWN: 0, RESOURCE_CONFIG_UNKNOWN: 1, PROVIDER_CONFIG_UNKNOWN: 2, ABSENT_PREREQ: 3 } as const;
export type DeferredReason = (typeof DeferredReason)[keyof typeof DeferredReason];

/** `plugin.StdioData.Channel` */
export const StdioChannel = { INVALID: 0, STDOUT: 1, STDERR: 2 } as const;
export type StdioChannel = (typeof StdioChannel)[keyof typeof StdioChannel];

// ---------------------------------------------------------------------------------------------------
// Shared messages

/** A message without fields (`*.Request {}`, `plugin.Empty`, `google.protobuf.Empty`). */
export type EmptyMessage = Record<string, never>;

/** `tfplugin6.DynamicValue` to send: set exactly one of the two (we always send msgpack). */
export interface DynamicValue {
  msgpack?: Uint8Array;
  json?: Uint8Array;
}

/**
 * `tfplugin6.DynamicValue` as received: both always present, the unused one empty. Terraform sends
 * msgpack; a null value is the single msgpack byte 0xc0, not an absent field.
 */
export interface DecodedDynamicValue extends DynamicValue {
  msgpack: Buffer;
  json: Buffer;
}

/** `tfplugin6.RawState` as received (UpgradeResourceState, MoveResourceState): JSON, flatmap only for very old state. */
export interface RawState {
  json: Buffer;
  flatmap: Record<string, string>;
}

/** `tfplugin6.ClientCapabilities` as received. */
export interface ClientCapabilities {
  deferral_allowed: boolean;
  /** Terraform 1.11 sends true: the client understands `write_only` attributes. */
  write_only_attributes_allowed: boolean;
}

/** `tfplugin6.AttributePath.Step`: a oneof `selector`; set exactly one member. */
export type AttributePathStep =
  | { attribute_name: string; element_key_string?: undefined; element_key_int?: undefined }
  | { element_key_string: string; attribute_name?: undefined; element_key_int?: undefined }
  | { element_key_int: number; attribute_name?: undefined; element_key_string?: undefined };

/** `tfplugin6.AttributePath` */
export interface AttributePath {
  steps?: AttributePathStep[];
}

/** `tfplugin6.Diagnostic` */
export interface Diagnostic {
  severity?: DiagnosticSeverity;
  summary?: string;
  detail?: string;
  attribute?: AttributePath;
}

/** `tfplugin6.FunctionError` (`function_argument` is proto3 optional: 0 is sent when set). */
export interface FunctionError {
  text?: string;
  function_argument?: number;
}

/** `tfplugin6.Deferred` */
export interface Deferred {
  reason?: DeferredReason;
}

/** `tfplugin6.ServerCapabilities` */
export interface ServerCapabilities {
  plan_destroy?: boolean;
  get_provider_schema_optional?: boolean;
  move_resource_state?: boolean;
}

/** `google.protobuf.Timestamp` */
export interface Timestamp {
  seconds?: number;
  nanos?: number;
}

// ---------------------------------------------------------------------------------------------------
// Schema

/** `tfplugin6.Schema` */
export interface Schema {
  version?: number;
  block?: SchemaBlock;
}

/** `tfplugin6.Schema.Block` */
export interface SchemaBlock {
  version?: number;
  attributes?: SchemaAttribute[];
  block_types?: SchemaNestedBlock[];
  description?: string;
  description_kind?: StringKind;
  deprecated?: boolean;
}

/** `tfplugin6.Schema.Attribute` */
export interface SchemaAttribute {
  name?: string;
  /** The cty type as JSON bytes: `"string"`, `["list","string"]`, `["object",{...}]`. Unset when `nested_type` is set. */
  type?: Uint8Array;
  nested_type?: SchemaObject;
  description?: string;
  required?: boolean;
  optional?: boolean;
  computed?: boolean;
  sensitive?: boolean;
  description_kind?: StringKind;
  deprecated?: boolean;
  /** Field 11 (protocol 6.8, Terraform 1.11): the value exists only in config, never in plan or state. */
  write_only?: boolean;
}

/** `tfplugin6.Schema.NestedBlock` */
export interface SchemaNestedBlock {
  type_name?: string;
  block?: SchemaBlock;
  nesting?: NestingMode;
  min_items?: number;
  max_items?: number;
}

/** `tfplugin6.Schema.Object` (nested attribute type) */
export interface SchemaObject {
  attributes?: SchemaAttribute[];
  nesting?: ObjectNestingMode;
  /** @deprecated upstream */
  min_items?: number;
  /** @deprecated upstream */
  max_items?: number;
}

/** `tfplugin6.Function.Parameter` */
export interface FunctionParameter {
  name?: string;
  type?: Uint8Array;
  allow_null_value?: boolean;
  allow_unknown_values?: boolean;
  description?: string;
  description_kind?: StringKind;
}

/** `tfplugin6.Function` */
export interface FunctionDefinition {
  parameters?: FunctionParameter[];
  variadic_parameter?: FunctionParameter;
  return?: { type?: Uint8Array };
  summary?: string;
  description?: string;
  description_kind?: StringKind;
  deprecation_message?: string;
}

// ---------------------------------------------------------------------------------------------------
// Provider RPCs (tfplugin6.Provider)

export type GetMetadataRequest = EmptyMessage;
export interface GetMetadataResponse {
  server_capabilities?: ServerCapabilities;
  diagnostics?: Diagnostic[];
  data_sources?: { type_name?: string }[];
  resources?: { type_name?: string }[];
  functions?: { name?: string }[];
  ephemeral_resources?: { type_name?: string }[];
}

export type GetProviderSchemaRequest = EmptyMessage;
export interface GetProviderSchemaResponse {
  provider?: Schema;
  resource_schemas?: Record<string, Schema>;
  data_source_schemas?: Record<string, Schema>;
  functions?: Record<string, FunctionDefinition>;
  ephemeral_resource_schemas?: Record<string, Schema>;
  diagnostics?: Diagnostic[];
  provider_meta?: Schema;
  server_capabilities?: ServerCapabilities;
}

export interface ValidateProviderConfigRequest {
  config?: DecodedDynamicValue;
}
export interface ValidateProviderConfigResponse {
  diagnostics?: Diagnostic[];
}

export interface UpgradeResourceStateRequest {
  type_name: string;
  /** The schema version the stored object was written with. */
  version: number;
  raw_state?: RawState;
}
export interface UpgradeResourceStateResponse {
  /** Must be msgpack (Terraform sends JSON in `raw_state`, but wants msgpack back). */
  upgraded_state?: DynamicValue;
  diagnostics?: Diagnostic[];
}

export interface ValidateResourceConfigRequest {
  type_name: string;
  config?: DecodedDynamicValue;
  client_capabilities?: ClientCapabilities;
}
export interface ValidateResourceConfigResponse {
  diagnostics?: Diagnostic[];
}

export interface ValidateDataResourceConfigRequest {
  type_name: string;
  config?: DecodedDynamicValue;
}
export interface ValidateDataResourceConfigResponse {
  diagnostics?: Diagnostic[];
}

export interface ConfigureProviderRequest {
  terraform_version: string;
  config?: DecodedDynamicValue;
  client_capabilities?: ClientCapabilities;
}
export interface ConfigureProviderResponse {
  diagnostics?: Diagnostic[];
}

export interface ReadResourceRequest {
  type_name: string;
  current_state?: DecodedDynamicValue;
  private: Buffer;
  provider_meta?: DecodedDynamicValue;
  client_capabilities?: ClientCapabilities;
}
export interface ReadResourceResponse {
  new_state?: DynamicValue;
  diagnostics?: Diagnostic[];
  /** Echo the request's `private` back, or it is lost. */
  private?: Uint8Array;
  deferred?: Deferred;
}

export interface PlanResourceChangeRequest {
  type_name: string;
  prior_state?: DecodedDynamicValue;
  proposed_new_state?: DecodedDynamicValue;
  config?: DecodedDynamicValue;
  prior_private: Buffer;
  provider_meta?: DecodedDynamicValue;
  client_capabilities?: ClientCapabilities;
}
export interface PlanResourceChangeResponse {
  planned_state?: DynamicValue;
  requires_replace?: AttributePath[];
  planned_private?: Uint8Array;
  diagnostics?: Diagnostic[];
  legacy_type_system?: boolean;
  deferred?: Deferred;
}

export interface ApplyResourceChangeRequest {
  type_name: string;
  prior_state?: DecodedDynamicValue;
  planned_state?: DecodedDynamicValue;
  config?: DecodedDynamicValue;
  planned_private: Buffer;
  provider_meta?: DecodedDynamicValue;
}
export interface ApplyResourceChangeResponse {
  /** Absent decodes as null on Terraform's side: on failure send the prior state back. */
  new_state?: DynamicValue;
  private?: Uint8Array;
  diagnostics?: Diagnostic[];
  legacy_type_system?: boolean;
}

export interface ImportResourceStateRequest {
  type_name: string;
  id: string;
  client_capabilities?: ClientCapabilities;
}
/** `tfplugin6.ImportResourceState.ImportedResource` */
export interface ImportedResource {
  type_name?: string;
  state?: DynamicValue;
  private?: Uint8Array;
}
export interface ImportResourceStateResponse {
  imported_resources?: ImportedResource[];
  diagnostics?: Diagnostic[];
  deferred?: Deferred;
}

export interface MoveResourceStateRequest {
  source_provider_address: string;
  source_type_name: string;
  source_schema_version: number;
  source_state?: RawState;
  target_type_name: string;
  source_private: Buffer;
}
export interface MoveResourceStateResponse {
  target_state?: DynamicValue;
  diagnostics?: Diagnostic[];
  target_private?: Uint8Array;
}

export interface ReadDataSourceRequest {
  type_name: string;
  config?: DecodedDynamicValue;
  provider_meta?: DecodedDynamicValue;
  client_capabilities?: ClientCapabilities;
}
export interface ReadDataSourceResponse {
  state?: DynamicValue;
  diagnostics?: Diagnostic[];
  deferred?: Deferred;
}

export interface ValidateEphemeralResourceConfigRequest {
  type_name: string;
  config?: DecodedDynamicValue;
}
export interface ValidateEphemeralResourceConfigResponse {
  diagnostics?: Diagnostic[];
}

export interface OpenEphemeralResourceRequest {
  type_name: string;
  config?: DecodedDynamicValue;
  client_capabilities?: ClientCapabilities;
}
export interface OpenEphemeralResourceResponse {
  diagnostics?: Diagnostic[];
  renew_at?: Timestamp;
  result?: DynamicValue;
  /** proto3 optional: an empty byte string is sent when set. */
  private?: Uint8Array;
  deferred?: Deferred;
}

export interface RenewEphemeralResourceRequest {
  type_name: string;
  /** proto3 optional: absent when Terraform did not set it. */
  private?: Buffer;
}
export interface RenewEphemeralResourceResponse {
  diagnostics?: Diagnostic[];
  renew_at?: Timestamp;
  private?: Uint8Array;
}

export interface CloseEphemeralResourceRequest {
  type_name: string;
  /** proto3 optional: absent when Terraform did not set it. */
  private?: Buffer;
}
export interface CloseEphemeralResourceResponse {
  diagnostics?: Diagnostic[];
}

export type GetFunctionsRequest = EmptyMessage;
export interface GetFunctionsResponse {
  functions?: Record<string, FunctionDefinition>;
  diagnostics?: Diagnostic[];
}

export interface CallFunctionRequest {
  name: string;
  arguments: DecodedDynamicValue[];
}
export interface CallFunctionResponse {
  result?: DynamicValue;
  error?: FunctionError;
}

export type StopProviderRequest = EmptyMessage;
export interface StopProviderResponse {
  /** Upstream spells this field with a capital E. Empty or absent: stopped fine. */
  Error?: string;
}

/** Request and response shape of every `tfplugin6.Provider` RPC, by method name. */
export interface ProviderRpcTypes {
  GetMetadata: { request: GetMetadataRequest; response: GetMetadataResponse };
  GetProviderSchema: { request: GetProviderSchemaRequest; response: GetProviderSchemaResponse };
  ValidateProviderConfig: { request: ValidateProviderConfigRequest; response: ValidateProviderConfigResponse };
  ValidateResourceConfig: { request: ValidateResourceConfigRequest; response: ValidateResourceConfigResponse };
  ValidateDataResourceConfig: { request: ValidateDataResourceConfigRequest; response: ValidateDataResourceConfigResponse };
  UpgradeResourceState: { request: UpgradeResourceStateRequest; response: UpgradeResourceStateResponse };
  ConfigureProvider: { request: ConfigureProviderRequest; response: ConfigureProviderResponse };
  ReadResource: { request: ReadResourceRequest; response: ReadResourceResponse };
  PlanResourceChange: { request: PlanResourceChangeRequest; response: PlanResourceChangeResponse };
  ApplyResourceChange: { request: ApplyResourceChangeRequest; response: ApplyResourceChangeResponse };
  ImportResourceState: { request: ImportResourceStateRequest; response: ImportResourceStateResponse };
  MoveResourceState: { request: MoveResourceStateRequest; response: MoveResourceStateResponse };
  ReadDataSource: { request: ReadDataSourceRequest; response: ReadDataSourceResponse };
  ValidateEphemeralResourceConfig: {
    request: ValidateEphemeralResourceConfigRequest;
    response: ValidateEphemeralResourceConfigResponse;
  };
  OpenEphemeralResource: { request: OpenEphemeralResourceRequest; response: OpenEphemeralResourceResponse };
  RenewEphemeralResource: { request: RenewEphemeralResourceRequest; response: RenewEphemeralResourceResponse };
  CloseEphemeralResource: { request: CloseEphemeralResourceRequest; response: CloseEphemeralResourceResponse };
  GetFunctions: { request: GetFunctionsRequest; response: GetFunctionsResponse };
  CallFunction: { request: CallFunctionRequest; response: CallFunctionResponse };
  StopProvider: { request: StopProviderRequest; response: StopProviderResponse };
}

export type ProviderMethodName = keyof ProviderRpcTypes;

// ---------------------------------------------------------------------------------------------------
// go-plugin (package `plugin`)

/** `plugin.StdioData` */
export interface StdioData {
  channel?: StdioChannel;
  data?: Uint8Array;
}

/** `plugin.ConnInfo` */
export interface ConnInfo {
  service_id?: number;
  network?: string;
  address?: string;
  knock?: { knock?: boolean; ack?: boolean; error?: string };
}
