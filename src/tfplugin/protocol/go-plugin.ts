/**
 * Our own protobufjs JSON descriptor for package `plugin`: the services hashicorp/go-plugin serves
 * beside the plugin's own (internal/plugin/grpc_controller.proto, grpc_stdio.proto, grpc_broker.proto).
 * Only names, field numbers and types matter on the wire.
 *
 * - `plugin.GRPCController/Shutdown(plugin.Empty) returns (plugin.Empty)`: Terraform calls it to end
 *   the plugin process.
 * - `plugin.GRPCStdio/StreamStdio(google.protobuf.Empty) returns (stream plugin.StdioData)`.
 * - `plugin.GRPCBroker/StartStream(stream plugin.ConnInfo) returns (stream plugin.ConnInfo)`.
 */
import type { INamespace } from 'protobufjs/light';

/** The contents of package `plugin` (mount it as `nested.plugin` of a root). */
export const goPluginDescriptor: INamespace = {
  nested: {
    Empty: { fields: {} },
    GRPCController: {
      methods: {
        Shutdown: { requestType: 'Empty', responseType: 'Empty' },
      },
    },
    StdioData: {
      fields: {
        channel: { type: 'Channel', id: 1 },
        data: { type: 'bytes', id: 2 },
      },
      nested: {
        Channel: { values: { INVALID: 0, STDOUT: 1, STDERR: 2 } },
      },
    },
    GRPCStdio: {
      methods: {
        StreamStdio: { requestType: 'google.protobuf.Empty', responseType: 'StdioData', responseStream: true },
      },
    },
    ConnInfo: {
      fields: {
        service_id: { type: 'uint32', id: 1 },
        network: { type: 'string', id: 2 },
        address: { type: 'string', id: 3 },
        knock: { type: 'Knock', id: 4 },
      },
      nested: {
        Knock: {
          fields: {
            knock: { type: 'bool', id: 1 },
            ack: { type: 'bool', id: 2 },
            error: { type: 'string', id: 3 },
          },
        },
      },
    },
    GRPCBroker: {
      methods: {
        StartStream: { requestType: 'ConnInfo', responseType: 'ConnInfo', requestStream: true, responseStream: true },
      },
    },
  },
};
