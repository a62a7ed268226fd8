import * as grpc from '@grpc/grpc-js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Enum, Service } from 'protobufjs/light';
import {
  DeferredReason,
  DiagnosticSeverity,
  NestingMode,
  ObjectNestingMode,
  StdioChannel,
  StringKind,
  decodeMessage,
  encodeMessage,
  type ApplyResourceChangeResponse,
  type CallFunctionResponse,
  type GetProviderSchemaResponse,
  type ImportResourceStateResponse,
  type PlanResourceChangeRequest,
  type PlanResourceChangeResponse,
  type ReadResourceRequest,
  type RenewEphemeralResourceRequest,
  type StdioData,
  type StopProviderResponse,
  type UpgradeResourceStateRequest,
  type ValidateResourceConfigRequest,
} from '../../../src/tfplugin/protocol/codec';
import { messageType, protocolRoot } from '../../../src/tfplugin/protocol/reflection';
import {
  brokerService,
  controllerService,
  providerMethodNames,
  providerService,
  stdioService,
  type ProviderHandlers,
} from '../../../src/tfplugin/protocol/services';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const MSGPACK_NIL = Buffer.from([0xc0]);
// fixmap{ "id": unknown (ext 0, empty payload), "name": "x" }
const MSGPACK_OBJ = Buffer.from([0x82, 0xa2, 0x69, 0x64, 0xd4, 0x00, 0x00, 0xa4, 0x6e, 0x61, 0x6d, 0x65, 0xa1, 0x78]);

describe('descriptors', () => {
  it('resolve completely (every type reference points at a defined type)', () => {
    expect(() => protocolRoot().resolveAll()).not.toThrow();
  });

  it('declare every Provider rpc with X.Request -> X.Response, unary', () => {
    const svc = protocolRoot().lookupService('tfplugin6.Provider');
    expect(Object.keys(svc.methods)).toEqual([...providerMethodNames]);
    for (const name of providerMethodNames) {
      const m = svc.methods[name];
      expect(m.resolvedRequestType?.fullName).toBe(`.tfplugin6.${name}.Request`);
      expect(m.resolvedResponseType?.fullName).toBe(`.tfplugin6.${name}.Response`);
      expect(!!m.requestStream || !!m.responseStream).toBe(false);
    }
  });

  it('declare the go-plugin services', () => {
    const root = protocolRoot();
    const shutdown = (root.lookup('plugin.GRPCController') as Service).methods.Shutdown;
    expect([shutdown.resolvedRequestType?.fullName, shutdown.resolvedResponseType?.fullName]).toEqual(['.plugin.Empty', '.plugin.Empty']);
    const stdio = (root.lookup('plugin.GRPCStdio') as Service).methods.StreamStdio;
    expect([stdio.resolvedRequestType?.fullName, stdio.resolvedResponseType?.fullName, !!stdio.requestStream, !!stdio.responseStream]).toEqual([
      '.google.protobuf.Empty',
      '.plugin.StdioData',
      false,
      true,
    ]);
    const broker = (root.lookup('plugin.GRPCBroker') as Service).methods.StartStream;
    expect([broker.resolvedRequestType?.fullName, !!broker.requestStream, !!broker.responseStream]).toEqual(['.plugin.ConnInfo', true, true]);
  });

  it('have enum constants equal to the descriptor enums', () => {
    const values = (name: string) => (protocolRoot().lookup(name) as Enum).values;
    expect(values('tfplugin6.Diagnostic.Severity')).toEqual(DiagnosticSeverity);
    expect(values('tfplugin6.StringKind')).toEqual(StringKind);
    expect(values('tfplugin6.Schema.NestedBlock.NestingMode')).toEqual(NestingMode);
    expect(values('tfplugin6.Schema.Object.NestingMode')).toEqual(ObjectNestingMode);
    expect(values('tfplugin6.Deferred.Reason')).toEqual(DeferredReason);
    expect(values('plugin.StdioData.Channel')).toEqual(StdioChannel);
  });

  it('use proto3 semantics: implicit presence for plain scalars, explicit for optional and oneof members', () => {
    const attr = messageType('tfplugin6.Schema.Attribute');
    attr.resolveAll();
    expect(attr.fields.write_only.hasPresence).toBe(false);
    const fe = messageType('tfplugin6.FunctionError');
    fe.resolveAll();
    expect(fe.fields.function_argument.hasPresence).toBeTruthy();
    const step = messageType('tfplugin6.AttributePath.Step');
    step.resolveAll();
    expect(step.fields.element_key_int.hasPresence).toBeTruthy();
  });

  it('rejects an unknown type name', () => {
    expect(() => encodeMessage('tfplugin6.NoSuchThing', {})).toThrow(/unknown protocol message type/);
  });
});

describe('wire format (field numbers from tfplugin6.8.proto at v1.11.4)', () => {
  it('Schema.Attribute.write_only is field 11 (tag 0x58), nested_type field 10 (tag 0x52)', () => {
    expect(hex(encodeMessage('tfplugin6.Schema.Attribute', { write_only: true }))).toBe('5801');
    expect(hex(encodeMessage('tfplugin6.Schema.Attribute', { nested_type: { nesting: ObjectNestingMode.LIST } }))).toBe('52021802');
    expect(hex(encodeMessage('tfplugin6.Schema.Attribute', { name: 'a', type: Buffer.from('"string"'), required: true }))).toBe(
      '0a0161' + '1208' + Buffer.from('"string"').toString('hex') + '2001',
    );
  });

  it('client_capabilities sits at field 3 of ValidateResourceConfig.Request, 7 of PlanResourceChange.Request, 5 of ReadResource.Request', () => {
    const caps = { write_only_attributes_allowed: true }; // field 2, bool: 10 01
    expect(hex(encodeMessage('tfplugin6.ValidateResourceConfig.Request', { client_capabilities: caps }))).toBe('1a021001');
    expect(hex(encodeMessage('tfplugin6.PlanResourceChange.Request', { client_capabilities: caps }))).toBe('3a021001');
    expect(hex(encodeMessage('tfplugin6.ReadResource.Request', { client_capabilities: caps }))).toBe('2a021001');
    expect(hex(encodeMessage('tfplugin6.ConfigureProvider.Request', { client_capabilities: { deferral_allowed: true } }))).toBe('1a020801');
    expect(hex(encodeMessage('tfplugin6.ImportResourceState.Request', { client_capabilities: caps }))).toBe('1a021001');
    expect(hex(encodeMessage('tfplugin6.ReadDataSource.Request', { client_capabilities: caps }))).toBe('22021001');
  });

  it('GetProviderSchema.Response: functions 7, ephemeral_resource_schemas 8, server_capabilities 6, provider_meta 5', () => {
    expect(hex(encodeMessage('tfplugin6.GetProviderSchema.Response', { server_capabilities: { plan_destroy: true } }))).toBe('32020801');
    expect(hex(encodeMessage('tfplugin6.GetProviderSchema.Response', { provider_meta: { version: 1 } }))).toBe('2a020801');
    // map entry: key (1) "f", value (2) empty Function
    expect(hex(encodeMessage('tfplugin6.GetProviderSchema.Response', { functions: { f: {} } }))).toBe('3a050a01661200');
    expect(hex(encodeMessage('tfplugin6.GetProviderSchema.Response', { ephemeral_resource_schemas: { e: {} } }))).toBe('42050a01651200');
  });

  it('Plan/Apply/Read responses: private state and new state at their numbers', () => {
    expect(hex(encodeMessage('tfplugin6.PlanResourceChange.Response', { planned_private: Buffer.from('p') }))).toBe('1a0170');
    expect(hex(encodeMessage('tfplugin6.ApplyResourceChange.Response', { new_state: { msgpack: MSGPACK_NIL }, private: Buffer.from('p') }))).toBe(
      '0a030a01c0' + '120170',
    );
    expect(hex(encodeMessage('tfplugin6.ReadResource.Response', { private: Buffer.from('p'), deferred: { reason: DeferredReason.ABSENT_PREREQ } }))).toBe(
      '1a0170' + '22020803',
    );
  });

  it('a oneof step with element_key_int 0 is still written (field 3), and implicit defaults are not', () => {
    expect(hex(encodeMessage('tfplugin6.AttributePath', { steps: [{ element_key_int: 0 }] }))).toBe('0a021800');
    expect(hex(encodeMessage('tfplugin6.Schema.Attribute', { name: '', required: false, type: Buffer.alloc(0), description_kind: 0 }))).toBe('');
    // proto3 optional: written even when 0
    expect(hex(encodeMessage('tfplugin6.FunctionError', { function_argument: 0 }))).toBe('1000');
  });

  it('StopProvider.Response.Error (capital E) is field 1; plugin.StdioData channel 1, data 2', () => {
    expect(hex(encodeMessage('tfplugin6.StopProvider.Response', { Error: 'x' }))).toBe('0a0178');
    expect(hex(encodeMessage('plugin.StdioData', { channel: StdioChannel.STDERR, data: Buffer.from('x') }))).toBe('0802120178');
    expect(hex(encodeMessage('plugin.ConnInfo', { service_id: 1, network: 'unix', knock: { ack: true } }))).toBe('0801120475' + '6e6978' + '22021001');
  });

  it('decodes hand-assembled bytes laid out as Terraform sends a PlanResourceChange.Request', () => {
    const bytes = Buffer.concat([
      Buffer.from('0a0b', 'hex'), Buffer.from('credform_dx'), //           1 type_name
      Buffer.from('12030a01c0', 'hex'), //                                  2 prior_state {msgpack: nil}
      Buffer.from('1a10', 'hex'), Buffer.from('0a0e', 'hex'), MSGPACK_OBJ, // 3 proposed_new_state
      Buffer.from('2210', 'hex'), Buffer.from('0a0e', 'hex'), MSGPACK_OBJ, // 4 config
      Buffer.from('3a0408011001', 'hex'), //                                 7 client_capabilities
    ]);
    const req = decodeMessage<PlanResourceChangeRequest>('tfplugin6.PlanResourceChange.Request', bytes);
    expect(req).toEqual({
      type_name: 'credform_dx',
      prior_state: { msgpack: MSGPACK_NIL, json: Buffer.alloc(0) },
      proposed_new_state: { msgpack: MSGPACK_OBJ, json: Buffer.alloc(0) },
      config: { msgpack: MSGPACK_OBJ, json: Buffer.alloc(0) },
      prior_private: Buffer.alloc(0),
      client_capabilities: { deferral_allowed: true, write_only_attributes_allowed: true },
    });
    expect('provider_meta' in req).toBe(false);
    expect(Buffer.isBuffer(req.config?.msgpack)).toBe(true);
  });
});

describe('round trips', () => {
  it('GetProviderSchema.Response with write-only attributes, nested blocks and nested attributes', () => {
    const block = {
      version: 2,
      description: 'A DX API token.',
      description_kind: StringKind.MARKDOWN,
      attributes: [
        { name: 'id', type: Buffer.from('"string"'), computed: true, description_kind: StringKind.PLAIN },
        { name: 'secret', type: Buffer.from('"string"'), optional: true, sensitive: true, write_only: true },
        { name: 'secret_wo_version', type: Buffer.from('"number"'), optional: true },
        {
          name: 'scopes',
          nested_type: {
            nesting: ObjectNestingMode.SET,
            attributes: [{ name: 'name', type: Buffer.from('"string"'), required: true }],
          },
          optional: true,
        },
      ],
      block_types: [
        {
          type_name: 'rotation',
          nesting: NestingMode.LIST,
          min_items: 0,
          max_items: 1,
          block: { attributes: [{ name: 'days', type: Buffer.from('"number"'), required: true }] },
        },
        { type_name: 'timeouts', nesting: NestingMode.SINGLE, block: {} },
      ],
    };
    const res: GetProviderSchemaResponse = {
      provider: { block: { attributes: [{ name: 'endpoint', type: Buffer.from('"string"'), optional: true }] } },
      resource_schemas: { credform_dx_token: { version: 2, block } },
      data_source_schemas: {},
      server_capabilities: { plan_destroy: true, get_provider_schema_optional: true },
      diagnostics: [
        {
          severity: DiagnosticSeverity.WARNING,
          summary: 'careful',
          detail: 'details',
          attribute: { steps: [{ attribute_name: 'rotation' }, { element_key_int: 0 }, { element_key_string: 'k' }] },
        },
      ],
    };
    const out = decodeMessage<Required<GetProviderSchemaResponse>>(
      'tfplugin6.GetProviderSchema.Response',
      encodeMessage('tfplugin6.GetProviderSchema.Response', res),
    );

    const schema = out.resource_schemas.credform_dx_token;
    expect(schema.version).toBe(2);
    const attrs = schema.block!.attributes!;
    expect(attrs.map((a) => [a.name, !!a.write_only, !!a.sensitive, !!a.optional, !!a.computed])).toEqual([
      ['id', false, false, false, true],
      ['secret', true, true, true, false],
      ['secret_wo_version', false, false, true, false],
      ['scopes', false, false, true, false],
    ]);
    expect(Buffer.from(attrs[1].type!).toString()).toBe('"string"');
    expect(attrs[0].description_kind).toBe(StringKind.PLAIN);
    expect(attrs[3].nested_type).toEqual({
      nesting: ObjectNestingMode.SET,
      min_items: 0,
      max_items: 0,
      attributes: [
        {
          name: 'name',
          type: Buffer.from('"string"'),
          description: '',
          required: true,
          optional: false,
          computed: false,
          sensitive: false,
          description_kind: 0,
          deprecated: false,
          write_only: false,
        },
      ],
    });
    expect('nested_type' in attrs[0]).toBe(false);
    expect(schema.block!.block_types!.map((b) => [b.type_name, b.nesting, b.min_items, b.max_items])).toEqual([
      ['rotation', NestingMode.LIST, 0, 1],
      ['timeouts', NestingMode.SINGLE, 0, 0],
    ]);
    expect(schema.block!.block_types![0].block!.attributes![0].name).toBe('days');
    expect(schema.block!.description_kind).toBe(StringKind.MARKDOWN);
    expect(out.provider.block!.attributes![0].name).toBe('endpoint');
    expect(out.data_source_schemas).toEqual({});
    expect(out.functions).toEqual({});
    expect(out.ephemeral_resource_schemas).toEqual({});
    expect('provider_meta' in out).toBe(false);
    expect(out.server_capabilities).toEqual({ plan_destroy: true, get_provider_schema_optional: true, move_resource_state: false });
    expect(out.diagnostics).toEqual([
      {
        severity: DiagnosticSeverity.WARNING,
        summary: 'careful',
        detail: 'details',
        attribute: { steps: [{ attribute_name: 'rotation' }, { element_key_int: 0 }, { element_key_string: 'k' }] },
      },
    ]);
  });

  it('PlanResourceChange.Request with client capabilities and msgpack values', () => {
    const req = {
      type_name: 'credform_tines_credential',
      prior_state: { msgpack: MSGPACK_NIL },
      proposed_new_state: { msgpack: MSGPACK_OBJ },
      config: { msgpack: MSGPACK_OBJ },
      prior_private: Buffer.from('{"fp":"abc"}'),
      client_capabilities: { deferral_allowed: false, write_only_attributes_allowed: true },
    };
    const out = decodeMessage<PlanResourceChangeRequest>('tfplugin6.PlanResourceChange.Request', encodeMessage('tfplugin6.PlanResourceChange.Request', req));
    expect(out.type_name).toBe('credform_tines_credential');
    expect(hex(out.prior_state!.msgpack)).toBe('c0');
    expect(out.proposed_new_state!.msgpack.equals(MSGPACK_OBJ)).toBe(true);
    expect(out.config!.json).toEqual(Buffer.alloc(0));
    expect(out.prior_private.toString()).toBe('{"fp":"abc"}');
    expect(out.client_capabilities).toEqual({ deferral_allowed: false, write_only_attributes_allowed: true });
    expect(out.provider_meta).toBeUndefined();
  });

  it('an empty message decodes to defaults, with absent sub-messages omitted (not null)', () => {
    const out = decodeMessage<ReadResourceRequest>('tfplugin6.ReadResource.Request', Buffer.alloc(0));
    expect(out).toEqual({ type_name: '', private: Buffer.alloc(0) });
    expect(Object.keys(out).sort()).toEqual(['private', 'type_name']);
    const plan = decodeMessage<PlanResourceChangeResponse>('tfplugin6.PlanResourceChange.Response', Buffer.alloc(0));
    expect(plan).toEqual({ requires_replace: [], diagnostics: [], planned_private: Buffer.alloc(0), legacy_type_system: false });
  });

  it('PlanResourceChange.Response with requires_replace paths and diagnostics', () => {
    const res: PlanResourceChangeResponse = {
      planned_state: { msgpack: MSGPACK_OBJ },
      requires_replace: [{ steps: [{ attribute_name: 'name' }] }, { steps: [{ attribute_name: 'tags' }, { element_key_string: 'env' }] }],
      planned_private: Buffer.from('x'),
      diagnostics: [{ severity: DiagnosticSeverity.ERROR, summary: 'bad', attribute: { steps: [{ attribute_name: 'ip_list' }, { element_key_int: 2 }] } }],
    };
    const out = decodeMessage<PlanResourceChangeResponse>('tfplugin6.PlanResourceChange.Response', encodeMessage('tfplugin6.PlanResourceChange.Response', res));
    expect(out.requires_replace).toEqual(res.requires_replace);
    expect(out.diagnostics).toEqual([{ severity: 1, summary: 'bad', detail: '', attribute: { steps: [{ attribute_name: 'ip_list' }, { element_key_int: 2 }] } }]);
    expect(out.planned_state).toEqual({ msgpack: MSGPACK_OBJ, json: Buffer.alloc(0) });
  });

  it('ImportResourceState.Response with imported resources', () => {
    const res: ImportResourceStateResponse = {
      imported_resources: [
        { type_name: 'credform_dx_token', state: { msgpack: MSGPACK_OBJ }, private: Buffer.from('{}') },
        { type_name: 'credform_dx_token', state: { msgpack: MSGPACK_NIL } },
      ],
    };
    const out = decodeMessage<Required<ImportResourceStateResponse>>(
      'tfplugin6.ImportResourceState.Response',
      encodeMessage('tfplugin6.ImportResourceState.Response', res),
    );
    expect(out.imported_resources).toEqual([
      { type_name: 'credform_dx_token', state: { msgpack: MSGPACK_OBJ, json: Buffer.alloc(0) }, private: Buffer.from('{}') },
      { type_name: 'credform_dx_token', state: { msgpack: MSGPACK_NIL, json: Buffer.alloc(0) }, private: Buffer.alloc(0) },
    ]);
    expect(out.diagnostics).toEqual([]);
    expect(out.deferred).toBeUndefined();
  });

  it('UpgradeResourceState.Request with JSON raw state, flatmap and an int64 version', () => {
    const out = decodeMessage<UpgradeResourceStateRequest>(
      'tfplugin6.UpgradeResourceState.Request',
      encodeMessage('tfplugin6.UpgradeResourceState.Request', {
        type_name: 't',
        version: 3,
        raw_state: { json: Buffer.from('{"id":"1"}'), flatmap: { 'tags.%': '0' } },
      }),
    );
    expect(out).toEqual({ type_name: 't', version: 3, raw_state: { json: Buffer.from('{"id":"1"}'), flatmap: { 'tags.%': '0' } } });
    expect(typeof out.version).toBe('number');
  });

  it('ValidateResourceConfig.Request, ApplyResourceChange.Response, StopProvider.Response', () => {
    const v = decodeMessage<ValidateResourceConfigRequest>(
      'tfplugin6.ValidateResourceConfig.Request',
      encodeMessage('tfplugin6.ValidateResourceConfig.Request', { type_name: 'x', config: { msgpack: MSGPACK_OBJ }, client_capabilities: {} }),
    );
    expect(v.client_capabilities).toEqual({ deferral_allowed: false, write_only_attributes_allowed: false });
    const a = decodeMessage<ApplyResourceChangeResponse>(
      'tfplugin6.ApplyResourceChange.Response',
      encodeMessage('tfplugin6.ApplyResourceChange.Response', { new_state: { msgpack: MSGPACK_NIL }, diagnostics: [{ severity: DiagnosticSeverity.ERROR, summary: 's' }] }),
    );
    expect(a.new_state!.msgpack).toEqual(MSGPACK_NIL);
    const s = decodeMessage<StopProviderResponse>('tfplugin6.StopProvider.Response', encodeMessage('tfplugin6.StopProvider.Response', { Error: 'no' }));
    expect(s).toEqual({ Error: 'no' });
  });

  it('proto3 optional fields: present when set (even empty/zero), omitted when not', () => {
    const empty = decodeMessage<RenewEphemeralResourceRequest>('tfplugin6.RenewEphemeralResource.Request', encodeMessage('tfplugin6.RenewEphemeralResource.Request', { type_name: 'e' }));
    expect(empty).toEqual({ type_name: 'e' });
    const set = decodeMessage<RenewEphemeralResourceRequest>(
      'tfplugin6.RenewEphemeralResource.Request',
      encodeMessage('tfplugin6.RenewEphemeralResource.Request', { type_name: 'e', private: Buffer.alloc(0) }),
    );
    expect(set).toEqual({ type_name: 'e', private: Buffer.alloc(0) });
    const fn = decodeMessage<CallFunctionResponse>('tfplugin6.CallFunction.Response', encodeMessage('tfplugin6.CallFunction.Response', { error: { text: 't', function_argument: 0 } }));
    expect(fn.error).toEqual({ text: 't', function_argument: 0 });
    const open = decodeMessage<{ renew_at?: { seconds: number; nanos: number } }>(
      'tfplugin6.OpenEphemeralResource.Response',
      encodeMessage('tfplugin6.OpenEphemeralResource.Response', { renew_at: { seconds: 1767225600, nanos: 5 } }),
    );
    expect(open.renew_at).toEqual({ seconds: 1767225600, nanos: 5 });
  });

  it('accepts a plain Uint8Array for decoding and still yields Buffers', () => {
    const bytes = new Uint8Array(encodeMessage('tfplugin6.DynamicValue', { msgpack: MSGPACK_NIL }));
    const dv = decodeMessage<{ msgpack: Buffer }>('tfplugin6.DynamicValue', bytes);
    expect(Buffer.isBuffer(dv.msgpack)).toBe(true);
  });
});

describe('gRPC round trip over a unix socket', () => {
  let dir: string;
  let server: grpc.Server;
  let address: string;
  let shutdowns = 0;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'credform-proto-'));
    address = `unix://${join(dir, 'plugin.sock')}`;
    server = new grpc.Server();
    const handlers: ProviderHandlers = {
      GetProviderSchema: (_call, callback) =>
        callback(null, {
          provider: { block: { attributes: [{ name: 'endpoint', type: Buffer.from('"string"'), optional: true }] } },
          resource_schemas: {
            credform_x: { block: { attributes: [{ name: 'secret', type: Buffer.from('"string"'), optional: true, write_only: true }] } },
          },
          server_capabilities: { plan_destroy: true },
        }),
      PlanResourceChange: (call, callback) =>
        callback(null, {
          planned_state: call.request.proposed_new_state,
          planned_private: call.request.prior_private,
          diagnostics: call.request.client_capabilities?.write_only_attributes_allowed ? [] : [{ severity: DiagnosticSeverity.ERROR, summary: 'no wo' }],
        }),
    };
    server.addService(providerService, handlers);
    server.addService(controllerService, {
      Shutdown: (_call: grpc.ServerUnaryCall<object, object>, callback: grpc.sendUnaryData<object>) => {
        shutdowns++;
        callback(null, {});
      },
    });
    server.addService(stdioService, {
      StreamStdio: (call: grpc.ServerWritableStream<object, StdioData>) => {
        call.write({ channel: StdioChannel.STDERR, data: Buffer.from('hello') });
        call.end();
      },
    });
    server.addService(brokerService, {});
    await new Promise<void>((resolve, reject) =>
      server.bindAsync(address, grpc.ServerCredentials.createInsecure(), (err) => (err ? reject(err) : resolve())),
    );
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.tryShutdown(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  type Unary = (req: object, cb: (err: grpc.ServiceError | null, res: unknown) => void) => void;
  function unary<T>(client: grpc.Client, name: string, req: object): Promise<T> {
    const fn = (client as unknown as Record<string, Unary>)[name].bind(client);
    return new Promise((resolve, reject) => fn(req, (err, res) => (err ? reject(err) : resolve(res as T))));
  }

  it('serves GetProviderSchema, PlanResourceChange, UNIMPLEMENTED for the rest, Shutdown and StreamStdio', async () => {
    const Provider = grpc.makeGenericClientConstructor(providerService, 'Provider');
    const Controller = grpc.makeGenericClientConstructor(controllerService, 'GRPCController');
    const Stdio = grpc.makeGenericClientConstructor(stdioService, 'GRPCStdio');
    const provider = new Provider(address, grpc.credentials.createInsecure());
    const controller = new Controller(address, grpc.credentials.createInsecure());
    const stdio = new Stdio(address, grpc.credentials.createInsecure());
    try {
      const schema = await unary<GetProviderSchemaResponse>(provider, 'GetProviderSchema', {});
      expect(schema.resource_schemas!.credform_x.block!.attributes![0]).toMatchObject({ name: 'secret', write_only: true, optional: true });
      expect(schema.server_capabilities).toMatchObject({ plan_destroy: true });

      const plan = await unary<PlanResourceChangeResponse>(provider, 'PlanResourceChange', {
        type_name: 'credform_x',
        proposed_new_state: { msgpack: MSGPACK_OBJ },
        prior_private: Buffer.from('pp'),
        client_capabilities: { write_only_attributes_allowed: true },
      });
      expect(plan).toEqual({
        planned_state: { msgpack: MSGPACK_OBJ, json: Buffer.alloc(0) },
        planned_private: Buffer.from('pp'),
        requires_replace: [],
        diagnostics: [],
        legacy_type_system: false,
      });

      await expect(unary(provider, 'GetFunctions', {})).rejects.toMatchObject({ code: grpc.status.UNIMPLEMENTED });

      const chunks: StdioData[] = [];
      await new Promise<void>((resolve, reject) => {
        const stream = (stdio as unknown as Record<string, (req: object) => grpc.ClientReadableStream<StdioData>>).StreamStdio({});
        stream.on('data', (d: StdioData) => chunks.push(d));
        stream.on('end', resolve);
        stream.on('error', reject);
      });
      expect(chunks).toEqual([{ channel: StdioChannel.STDERR, data: Buffer.from('hello') }]);

      expect(await unary(controller, 'Shutdown', {})).toEqual({});
      expect(shutdowns).toBe(1);
    } finally {
      provider.close();
      controller.close();
      stdio.close();
    }
  });

  it('uses the upstream method paths', () => {
    expect(providerService.PlanResourceChange.path).toBe('/tfplugin6.Provider/PlanResourceChange');
    expect(Object.values(providerService).map((m) => m.path)).toEqual(providerMethodNames.map((n) => `/tfplugin6.Provider/${n}`));
    expect(Object.values(providerService).every((m) => !m.requestStream && !m.responseStream)).toBe(true);
    expect(controllerService.Shutdown.path).toBe('/plugin.GRPCController/Shutdown');
    expect([stdioService.StreamStdio.path, stdioService.StreamStdio.requestStream, stdioService.StreamStdio.responseStream]).toEqual([
      '/plugin.GRPCStdio/StreamStdio',
      false,
      true,
    ]);
    expect([brokerService.StartStream.path, brokerService.StartStream.requestStream, brokerService.StartStream.responseStream]).toEqual([
      '/plugin.GRPCBroker/StartStream',
      true,
      true,
    ]);
  });
});

describe('codec details', () => {
  it('encodes bytes given as a plain Uint8Array', () => {
    const u8 = new Uint8Array([0xc0]);
    expect(hex(encodeMessage('tfplugin6.DynamicValue', { msgpack: u8 }))).toBe('0a01c0');
    const backing = new Uint8Array([1, 2, 0xc0, 3]);
    expect(hex(encodeMessage('tfplugin6.DynamicValue', { msgpack: new Uint8Array(backing.buffer, 2, 1) }))).toBe('0a01c0');
  });

  it('rejects a non-object where a message belongs', () => {
    expect(() => encodeMessage('tfplugin6.ReadResource.Response', { new_state: 'nope' })).toThrow(TypeError);
  });

  it('keeps unknown enum numbers (open enums) and accepts enum names when encoding', () => {
    const d = decodeMessage<{ severity: number }>('tfplugin6.Diagnostic', Buffer.from('0807', 'hex'));
    expect(d.severity).toBe(7);
    expect(hex(encodeMessage('tfplugin6.Diagnostic', { severity: 'WARNING' }))).toBe('0802');
  });
});
