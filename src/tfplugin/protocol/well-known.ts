/**
 * Our own descriptors for the two Google well-known types the protocols refer to:
 * `google.protobuf.Timestamp` (renew_at of the ephemeral resource RPCs in tfplugin6) and
 * `google.protobuf.Empty` (the request of `plugin.GRPCStdio/StreamStdio`). Field numbers and types as in
 * the published well-known types (Timestamp: int64 seconds = 1, int32 nanos = 2).
 */
import type { INamespace } from 'protobufjs/light';

/** The contents of package `google.protobuf` (mount it as `nested.google.nested.protobuf`). */
export const googleProtobufDescriptor: INamespace = {
  nested: {
    Timestamp: {
      fields: {
        seconds: { type: 'int64', id: 1 },
        nanos: { type: 'int32', id: 2 },
      },
    },
    Empty: { fields: {} },
  },
};
