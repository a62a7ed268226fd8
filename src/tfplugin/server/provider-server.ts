/**
 * The protocol-facing side of a provider: one method per RPC, taking and returning the protocol's
 * plain objects. Resource code never sees the wire, and nothing escapes as an exception: a bug or a
 * malformed value becomes an error diagnostic, and a failed apply hands back the prior state.
 */
import { setMaxListeners } from 'node:events';
import { Diagnostics } from '../diagnostics';
import type { Logger } from '../logging';
import type { ProviderDefinition } from '../provider';
import type * as proto from '../protocol/types';
import type { DataSourceType, EphemeralResourceType, PrivateState, ResourceType, State } from '../resource';
import { blockType, writeOnlyNames, type Block } from '../schema/attribute';
import type { ObjectValue } from '../schema/config-validators';
import { blockToProto } from '../schema/to-proto';
import { isWhollyKnown, validateBlockValue } from '../schema/validate';
import { decodeJsonValue } from '../values/json';
import { ValueError } from '../values/msgpack';
import type { TfType, TfValue } from '../values/types';
import { decodeDynamic, decodePrivate, encodeDynamic, encodePrivate } from './dynamic-value';
import { diagnosticsToProto, pathToProto } from './diagnostics-to-proto';
import { finishPlan, replacementsFor, startPlan } from './planner';
import { ModelError } from '../schema/model';

/** Key under which the prior private state travels inside the planned one (see planResourceChange). */
const PRIOR_PRIVATE = '__prior_private';

interface Registered<T> {
  readonly impl: T;
  readonly block: Block;
  readonly type: TfType;
}

export class ProviderServer<P> {
  private providerData: P | undefined;
  /**
   * Aborted by StopProvider; every operation gets its signal. Terraform runs up to 10 operations at
   * once (more with -parallelism), each listening while it waits or calls a vendor and removing its
   * listener when done, so more than Node's 10 listeners is normal here, not a leak to warn about.
   */
  private readonly stop = withoutListenerLimit(new AbortController());
  private readonly resources = new Map<string, Registered<ResourceType<P>>>();
  private readonly dataSources = new Map<string, Registered<DataSourceType<P>>>();
  private readonly ephemerals = new Map<string, Registered<EphemeralResourceType<P>>>();
  private readonly providerType: TfType;
  private schemaCache: proto.GetProviderSchemaResponse | undefined;

  constructor(
    private readonly def: ProviderDefinition<P>,
    private readonly log: Logger,
  ) {
    this.providerType = blockType(def.schema.block);
    for (const r of def.resources) this.resources.set(r.typeName, { impl: r, block: r.schema.block, type: blockType(r.schema.block) });
    for (const d of def.dataSources ?? []) this.dataSources.set(d.typeName, { impl: d, block: d.schema.block, type: blockType(d.schema.block) });
    for (const e of def.ephemeralResources ?? []) this.ephemerals.set(e.typeName, { impl: e, block: e.schema.block, type: blockType(e.schema.block) });
  }

  /** Aborted by StopProvider; handed to every operation so that slow waits end on Ctrl-C. */
  get stopSignal(): AbortSignal {
    return this.stop.signal;
  }

  getMetadata(): proto.GetMetadataResponse {
    return {
      server_capabilities: this.capabilities(),
      diagnostics: [],
      resources: [...this.resources.keys()].map((type_name) => ({ type_name })),
      data_sources: [...this.dataSources.keys()].map((type_name) => ({ type_name })),
      functions: [],
      ephemeral_resources: [...this.ephemerals.keys()].map((type_name) => ({ type_name })),
    };
  }

  getProviderSchema(): proto.GetProviderSchemaResponse {
    this.schemaCache ??= {
      provider: { version: 0, block: blockToProto(this.def.schema.block) },
      resource_schemas: Object.fromEntries(
        [...this.resources.values()].map((r) => [r.impl.typeName, { version: r.impl.schema.version, block: blockToProto({ ...r.block, description: r.impl.schema.description }) }]),
      ),
      data_source_schemas: Object.fromEntries(
        [...this.dataSources.values()].map((d) => [d.impl.typeName, { version: 0, block: blockToProto({ ...d.block, description: d.impl.schema.description }) }]),
      ),
      functions: {},
      ephemeral_resource_schemas: Object.fromEntries(
        [...this.ephemerals.values()].map((e) => [e.impl.typeName, { version: 0, block: blockToProto({ ...e.block, description: e.impl.schema.description }) }]),
      ),
      diagnostics: [],
      server_capabilities: this.capabilities(),
    };
    return this.schemaCache;
  }

  /**
   * get_provider_schema_optional: the schema is the same in every process, so Terraform may keep the
   * first process's answer for the rest of the command instead of asking each process again (what
   * terraform-plugin-framework providers declare too).
   */
  private capabilities(): proto.ServerCapabilities {
    return { plan_destroy: false, get_provider_schema_optional: true, move_resource_state: false };
  }

  async validateProviderConfig(req: proto.ValidateProviderConfigRequest): Promise<proto.ValidateProviderConfigResponse> {
    return this.guard(async (diags): Promise<proto.ValidateProviderConfigResponse> => {
      const config = this.decodeObject(req.config, this.providerType, diags);
      if (!config) return {};
      validateBlockValue(this.def.schema.block, config, [], diags);
      this.def.validateConfig?.(config, diags);
      return {};
    });
  }

  async configureProvider(req: proto.ConfigureProviderRequest): Promise<proto.ConfigureProviderResponse> {
    return this.guard(async (diags): Promise<proto.ConfigureProviderResponse> => {
      const config = this.decodeObject(req.config, this.providerType, diags) ?? {};
      if (diags.hasError()) return {};
      this.providerData = await this.def.configure({ config, diagnostics: diags, terraformVersion: req.terraform_version, signal: this.stop.signal });
      return {};
    });
  }

  async validateResourceConfig(req: proto.ValidateResourceConfigRequest): Promise<proto.ValidateResourceConfigResponse> {
    return this.guard(async (diags): Promise<proto.ValidateResourceConfigResponse> => {
      const r = this.resource(req.type_name);
      const config = this.decodeObject(req.config, r.type, diags);
      if (!config) return {};
      validateBlockValue(r.block, config, [], diags);
      for (const v of r.impl.schema.configValidators ?? []) v.validate(config, diags);
      const writeOnlyAllowed = !!req.client_capabilities?.write_only_attributes_allowed;
      if (!writeOnlyAllowed) {
        for (const name of writeOnlyNames(r.block)) {
          if ((config[name] ?? null) !== null) {
            diags.addAttributeError([name], 'Write-only attribute needs Terraform 1.11', `\`${name}\` is write-only, which this Terraform version does not support. Upgrade to Terraform 1.11 or later, or use the sensitive attribute the documentation names instead.`);
          }
        }
      }
      await r.impl.validateConfig?.({ config, writeOnlyAllowed, ...this.base(diags) });
      return {};
    });
  }

  async validateDataResourceConfig(req: proto.ValidateDataResourceConfigRequest): Promise<proto.ValidateDataResourceConfigResponse> {
    return this.guard(async (diags): Promise<proto.ValidateDataResourceConfigResponse> => {
      const d = this.dataSource(req.type_name);
      const config = this.decodeObject(req.config, d.type, diags);
      if (config) validateBlockValue(d.block, config, [], diags);
      return {};
    });
  }

  async upgradeResourceState(req: proto.UpgradeResourceStateRequest): Promise<proto.UpgradeResourceStateResponse> {
    const r = this.resources.get(req.type_name);
    return this.guard(async (diags): Promise<proto.UpgradeResourceStateResponse> => {
      const res = this.resource(req.type_name);
      const raw = req.raw_state?.json.toString('utf8') ?? '';
      if (!raw) return { upgraded_state: encodeDynamic(null, res.type) };
      if (req.version !== res.impl.schema.version && res.impl.upgradeState) {
        const up = { version: req.version, rawState: JSON.parse(raw) as Record<string, unknown>, state: null as State | null, ...this.base(diags) };
        await res.impl.upgradeState(up);
        return { upgraded_state: encodeDynamic(up.state, res.type) };
      }
      const { value, extraAttributes } = decodeJsonValue(raw, res.type);
      if (extraAttributes.length) this.log.debug('dropping attributes no longer in the schema', { type: req.type_name, attributes: extraAttributes });
      return { upgraded_state: encodeDynamic(value, res.type) };
    }, (): proto.UpgradeResourceStateResponse => ({ upgraded_state: r ? encodeDynamic(null, r.type) : undefined }));
  }

  async readResource(req: proto.ReadResourceRequest): Promise<proto.ReadResourceResponse> {
    const r = this.resources.get(req.type_name);
    const fallback = (): proto.ReadResourceResponse => ({ new_state: req.current_state, private: req.private });
    return this.guard(async (diags): Promise<proto.ReadResourceResponse> => {
      const res = this.resource(req.type_name);
      const state = this.decodeObject(req.current_state, res.type, diags);
      if (!state) return fallback();
      const op = { state: state as State | null, private: decodePrivate(req.private), ...this.base(diags) };
      await res.impl.read(op);
      if (diags.hasError()) return fallback();
      if (op.state) this.nullWriteOnly(res.block, op.state);
      return { new_state: encodeDynamic(op.state, res.type), private: encodePrivate(op.private) };
    }, r ? fallback : undefined);
  }

  async planResourceChange(req: proto.PlanResourceChangeRequest): Promise<proto.PlanResourceChangeResponse> {
    return this.guard(async (diags): Promise<proto.PlanResourceChangeResponse> => {
      const res = this.resource(req.type_name);
      const prior = this.decodeObject(req.prior_state, res.type, diags) as State | null;
      const proposed = this.decodeObject(req.proposed_new_state, res.type, diags) as State | null;
      const config = (this.decodeObject(req.config, res.type, diags) ?? {}) as ObjectValue;
      if (diags.hasError()) return {};
      const priorPrivate = decodePrivate(req.prior_private);
      if (proposed === null) {
        return { planned_state: encodeDynamic(null, res.type), planned_private: req.prior_private, requires_replace: [] };
      }
      const input = { block: res.block, config, prior, proposed };
      let plan = startPlan(input);
      const requiresReplace = replacementsFor(input, plan);
      const op = { config, priorState: prior, priorPrivate, plan, plannedPrivate: { ...priorPrivate } as PrivateState, requiresReplace, ...this.base(diags) };
      await res.impl.modifyPlan?.(op);
      plan = finishPlan(input, op.plan);
      this.nullWriteOnly(res.block, plan);
      return {
        planned_state: encodeDynamic(plan, res.type),
        // Terraform hands apply only the planned private state; the prior one rides along so that a
        // failed update can keep it (e.g. a secret fingerprint must not claim a rotation that failed).
        planned_private: encodePrivate(prior ? { ...op.plannedPrivate, [PRIOR_PRIVATE]: priorPrivate } : op.plannedPrivate),
        requires_replace: [...requiresReplace].map((name) => pathToProto([name])),
      };
    });
  }

  async applyResourceChange(req: proto.ApplyResourceChangeRequest): Promise<proto.ApplyResourceChangeResponse> {
    // Whatever happens, Terraform must get back the prior object: an omitted new_state drops it.
    const carried = decodePrivate(req.planned_private);
    // Updates carry the prior private state inside the planned one; destroy plans pass it as it is.
    const priorPrivate = PRIOR_PRIVATE in carried ? (carried[PRIOR_PRIVATE] as PrivateState) : { ...carried };
    delete carried[PRIOR_PRIVATE];
    const fallback = (): proto.ApplyResourceChangeResponse => ({
      new_state: req.prior_state ?? encodeDynamic(null, this.resources.get(req.type_name)?.type ?? { kind: 'dynamic' }),
      private: encodePrivate(priorPrivate),
    });
    return this.guard(async (diags): Promise<proto.ApplyResourceChangeResponse> => {
      const res = this.resource(req.type_name);
      const prior = this.decodeObject(req.prior_state, res.type, diags) as State | null;
      const planned = this.decodeObject(req.planned_state, res.type, diags) as State | null;
      const config = (this.decodeObject(req.config, res.type, diags) ?? {}) as ObjectValue;
      if (diags.hasError()) return fallback();
      const plannedPrivate = carried;
      const base = this.base(diags);

      if (planned === null) {
        if (!prior) return { new_state: encodeDynamic(null, res.type) };
        await res.impl.delete({ priorState: prior, private: priorPrivate, ...base });
        return diags.hasError() ? fallback() : { new_state: encodeDynamic(null, res.type) };
      }

      // The response is pre-filled with the plan. A failed operation keeps what existed before
      // (nothing, for a create) unless the resource deliberately set what the vendor now holds.
      const initial: State = { ...planned };
      let state: State | null;
      let priv: PrivateState;
      if (prior === null) {
        const op = { config, plan: planned, state: initial as State | null, private: plannedPrivate, ...base };
        await res.impl.create(op);
        [state, priv] = diags.hasError() && op.state === initial ? [null, {}] : [op.state, op.private];
      } else {
        const op = { config, plan: planned, priorState: prior, priorPrivate, state: initial, private: plannedPrivate, ...base };
        await res.impl.update(op);
        [state, priv] = diags.hasError() && op.state === initial ? [prior, priorPrivate] : [op.state, op.private];
      }
      if (state) {
        this.nullWriteOnly(res.block, state);
        if (!isWhollyKnown(state)) {
          diags.addError('Provider left values unknown after apply', `This is a bug in ${this.def.typeName}: ${res.impl.typeName} returned unknown values. Please report it.`);
          [state, priv] = [prior, priorPrivate];
        }
      }
      return { new_state: encodeDynamic(state, res.type), private: encodePrivate(priv) };
    }, fallback);
  }

  async importResourceState(req: proto.ImportResourceStateRequest): Promise<proto.ImportResourceStateResponse> {
    return this.guard(async (diags): Promise<proto.ImportResourceStateResponse> => {
      const res = this.resource(req.type_name);
      if (!res.impl.importState) {
        diags.addError('Import not supported', `${res.impl.typeName} cannot be imported.`);
        return {};
      }
      const op = { id: req.id, state: null as State | null, private: {} as PrivateState, ...this.base(diags) };
      await res.impl.importState(op);
      if (diags.hasError() || !op.state) return {};
      const full: State = {};
      for (const name of Object.keys(res.block.attributes)) full[name] = op.state[name] ?? null;
      return { imported_resources: [{ type_name: res.impl.typeName, state: encodeDynamic(full, res.type), private: encodePrivate(op.private) }] };
    });
  }

  async readDataSource(req: proto.ReadDataSourceRequest): Promise<proto.ReadDataSourceResponse> {
    return this.guard(async (diags): Promise<proto.ReadDataSourceResponse> => {
      const d = this.dataSource(req.type_name);
      const config = this.decodeObject(req.config, d.type, diags);
      if (!config) return {};
      const op = { config, state: { ...config } as State, ...this.base(diags) };
      await d.impl.read(op);
      if (diags.hasError()) return {};
      return { state: encodeDynamic(op.state, d.type) };
    });
  }

  async validateEphemeralResourceConfig(req: proto.ValidateEphemeralResourceConfigRequest): Promise<proto.ValidateEphemeralResourceConfigResponse> {
    return this.guard(async (diags): Promise<proto.ValidateEphemeralResourceConfigResponse> => {
      const e = this.ephemeral(req.type_name);
      const config = this.decodeObject(req.config, e.type, diags);
      if (config) validateBlockValue(e.block, config, [], diags);
      return {};
    });
  }

  async openEphemeralResource(req: proto.OpenEphemeralResourceRequest): Promise<proto.OpenEphemeralResourceResponse> {
    return this.guard(async (diags): Promise<proto.OpenEphemeralResourceResponse> => {
      const e = this.ephemeral(req.type_name);
      const config = this.decodeObject(req.config, e.type, diags);
      if (!config) return {};
      const op = { config, result: { ...config } as State, ...this.base(diags) };
      await e.impl.open(op);
      if (diags.hasError()) return {};
      return { result: encodeDynamic(op.result, e.type) };
    });
  }

  /** Our ephemeral values need no renewing and hold nothing to release. */
  renewEphemeralResource(): proto.RenewEphemeralResourceResponse {
    return { diagnostics: [] };
  }

  closeEphemeralResource(): proto.CloseEphemeralResourceResponse {
    return { diagnostics: [] };
  }

  stopProvider(): proto.StopProviderResponse {
    this.log.info('StopProvider: cancelling operations in flight');
    this.stop.abort(new Error('Terraform asked the provider to stop'));
    return { Error: '' };
  }

  // --- helpers -----------------------------------------------------------------------------

  private base(diagnostics: Diagnostics) {
    return { providerData: this.providerData, diagnostics, signal: this.stop.signal };
  }

  private resource(typeName: string): Registered<ResourceType<P>> {
    const r = this.resources.get(typeName);
    if (!r) throw new ValueError([], `unknown resource type ${JSON.stringify(typeName)}`);
    return r;
  }

  private dataSource(typeName: string): Registered<DataSourceType<P>> {
    const d = this.dataSources.get(typeName);
    if (!d) throw new ValueError([], `unknown data source ${JSON.stringify(typeName)}`);
    return d;
  }

  private ephemeral(typeName: string): Registered<EphemeralResourceType<P>> {
    const e = this.ephemerals.get(typeName);
    if (!e) throw new ValueError([], `unknown ephemeral resource ${JSON.stringify(typeName)}`);
    return e;
  }

  private decodeObject(dv: proto.DynamicValue | undefined, type: TfType, diags: Diagnostics): ObjectValue | null {
    try {
      const v = decodeDynamic(dv, type);
      return v === null ? null : (v as ObjectValue);
    } catch (e) {
      if (e instanceof ValueError) diags.addAttributeError(e.path, 'Invalid value', e.reason);
      else throw e;
      return null;
    }
  }

  private nullWriteOnly(block: Block, state: { [k: string]: TfValue }): void {
    for (const name of writeOnlyNames(block)) state[name] = null;
  }

  /**
   * Runs an operation; any exception becomes an error diagnostic instead of a gRPC failure. Without a
   * fallback a failure answers `{}`: every response's fields are optional, and `Partial<R>` says so
   * for a generic `R` without a cast (at each caller it is `R` itself).
   */
  private async guard<R extends { diagnostics?: proto.Diagnostic[] }>(run: (diags: Diagnostics) => Promise<R>, fallback?: () => R): Promise<Partial<R>> {
    const diags = new Diagnostics();
    let out: Partial<R>;
    try {
      out = await run(diags);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      if (e instanceof ValueError) diags.addAttributeError(e.path, 'Invalid value', message);
      else if (e instanceof ModelError) {
        diags.addAttributeError([e.attribute], 'Value does not fit the schema', `${message}\n\nThis is a bug in ${this.def.typeName} (or the state was edited by hand); the operation was not completed.`);
      } else {
        this.log.error('unexpected error in provider', { error: message, stack: e instanceof Error ? e.stack : undefined });
        diags.addError('Unexpected provider error', `${message}\n\nThis is a bug in ${this.def.typeName}; the operation was not completed.`);
      }
      out = fallback ? fallback() : {};
    }
    return { ...out, diagnostics: diagnosticsToProto(diags.items) };
  }
}

function withoutListenerLimit(controller: AbortController): AbortController {
  setMaxListeners(0, controller.signal);
  return controller;
}

