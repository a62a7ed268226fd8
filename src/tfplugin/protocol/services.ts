/**
 * @grpc/grpc-js service definitions for `tfplugin6.Provider` and go-plugin's `plugin.GRPCController`,
 * `plugin.GRPCStdio` and `plugin.GRPCBroker`, (de)serialising through our codec. Usable both with
 * `server.addService(...)` and `grpc.makeGenericClientConstructor(...)`.
 *
 * Nothing here touches protobufjs at import time: the Root is built on the first (de)serialisation.
 *
 * grpc-js itself answers UNIMPLEMENTED for any method of a definition that has no handler in the
 * implementation passed to `addService`; `providerMethodNames` lists them all for servers that want
 * to register or log that explicitly.
 */
import type {
  MethodDefinition,
  handleBidiStreamingCall,
  handleServerStreamingCall,
  handleUnaryCall,
} from '@grpc/grpc-js';
import { decodeMessage, encodeMessage } from './codec';
import type { ConnInfo, EmptyMessage, ProviderMethodName, ProviderRpcTypes, StdioData } from './types';

/** Every rpc of `tfplugin6.Provider` (protocol 6.8), in upstream order. */
export const providerMethodNames: readonly ProviderMethodName[] = [
  'GetMetadata',
  'GetProviderSchema',
  'ValidateProviderConfig',
  'ValidateResourceConfig',
  'ValidateDataResourceConfig',
  'UpgradeResourceState',
  'ConfigureProvider',
  'ReadResource',
  'PlanResourceChange',
  'ApplyResourceChange',
  'ImportResourceState',
  'MoveResourceState',
  'ReadDataSource',
  'ValidateEphemeralResourceConfig',
  'OpenEphemeralResource',
  'RenewEphemeralResource',
  'CloseEphemeralResource',
  'GetFunctions',
  'CallFunction',
  'StopProvider',
];

/** The gRPC service names, as they appear in method paths. */
export const PROVIDER_SERVICE_NAME = 'tfplugin6.Provider';
export const CONTROLLER_SERVICE_NAME = 'plugin.GRPCController';
export const STDIO_SERVICE_NAME = 'plugin.GRPCStdio';
export const BROKER_SERVICE_NAME = 'plugin.GRPCBroker';

export type ProviderServiceDefinition = {
  readonly [K in ProviderMethodName]: MethodDefinition<ProviderRpcTypes[K]['request'], ProviderRpcTypes[K]['response']>;
};

/** Handlers a provider server may implement; every one left out answers UNIMPLEMENTED. */
export type ProviderHandlers = {
  [K in ProviderMethodName]?: handleUnaryCall<ProviderRpcTypes[K]['request'], ProviderRpcTypes[K]['response']>;
};

function method<Req, Res>(
  path: string,
  requestType: string,
  responseType: string,
  requestStream: boolean,
  responseStream: boolean,
  originalName: string,
): MethodDefinition<Req, Res> {
  return {
    path,
    requestStream,
    responseStream,
    requestSerialize: (value: Req) => encodeMessage(requestType, value as object),
    requestDeserialize: (bytes: Buffer) => decodeMessage<Req>(requestType, bytes),
    responseSerialize: (value: Res) => encodeMessage(responseType, value as object),
    responseDeserialize: (bytes: Buffer) => decodeMessage<Res>(responseType, bytes),
    originalName,
  };
}

function providerMethod<K extends ProviderMethodName>(
  name: K,
): MethodDefinition<ProviderRpcTypes[K]['request'], ProviderRpcTypes[K]['response']> {
  // In tfplugin6 every rpc X takes X.Request and returns X.Response.
  return method(`/${PROVIDER_SERVICE_NAME}/${name}`, `tfplugin6.${name}.Request`, `tfplugin6.${name}.Response`, false, false, name);
}

/** `tfplugin6.Provider`: all unary; paths `/tfplugin6.Provider/<Method>`. */
export const providerService: ProviderServiceDefinition = Object.freeze(
  Object.fromEntries(providerMethodNames.map((name) => [name, providerMethod(name)])) as unknown as ProviderServiceDefinition,
);

export type ControllerServiceDefinition = {
  readonly Shutdown: MethodDefinition<EmptyMessage, EmptyMessage>;
};
export type ControllerHandlers = {
  Shutdown: handleUnaryCall<EmptyMessage, EmptyMessage>;
};

/** `plugin.GRPCController`: `Shutdown(plugin.Empty) returns (plugin.Empty)`. Terraform calls it to end the process. */
export const controllerService: ControllerServiceDefinition = Object.freeze({
  Shutdown: method<EmptyMessage, EmptyMessage>(`/${CONTROLLER_SERVICE_NAME}/Shutdown`, 'plugin.Empty', 'plugin.Empty', false, false, 'Shutdown'),
});

export type StdioServiceDefinition = {
  readonly StreamStdio: MethodDefinition<EmptyMessage, StdioData>;
};
export type StdioHandlers = {
  StreamStdio: handleServerStreamingCall<EmptyMessage, StdioData>;
};

/** `plugin.GRPCStdio`: `StreamStdio(google.protobuf.Empty) returns (stream plugin.StdioData)`. */
export const stdioService: StdioServiceDefinition = Object.freeze({
  StreamStdio: method<EmptyMessage, StdioData>(
    `/${STDIO_SERVICE_NAME}/StreamStdio`,
    'google.protobuf.Empty',
    'plugin.StdioData',
    false,
    true,
    'StreamStdio',
  ),
});

export type BrokerServiceDefinition = {
  readonly StartStream: MethodDefinition<ConnInfo, ConnInfo>;
};
export type BrokerHandlers = {
  StartStream: handleBidiStreamingCall<ConnInfo, ConnInfo>;
};

/** `plugin.GRPCBroker`: `StartStream(stream plugin.ConnInfo) returns (stream plugin.ConnInfo)`. */
export const brokerService: BrokerServiceDefinition = Object.freeze({
  StartStream: method<ConnInfo, ConnInfo>(`/${BROKER_SERVICE_NAME}/StartStream`, 'plugin.ConnInfo', 'plugin.ConnInfo', true, true, 'StartStream'),
});
