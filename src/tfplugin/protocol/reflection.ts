/**
 * The protocol as protobufjs reflection: one Root holding packages `tfplugin6`, `plugin` and
 * `google.protobuf`, built from our JSON descriptors. The provider does not use it at run time (it
 * encodes and decodes through the static codecs generated from the same descriptors at build time,
 * see codec.ts); the build's code generator and the tests that check those codecs do.
 */
import { Root, type INamespace, type Type } from 'protobufjs/light';
import { goPluginDescriptor } from './go-plugin';
import { tfplugin6Descriptor } from './tfplugin6';
import { googleProtobufDescriptor } from './well-known';

/** Every package of the protocol as one protobufjs JSON namespace: what scripts/gen-protocol-codecs.js compiles. */
export function protocolDescriptor(): INamespace {
  return {
    nested: {
      tfplugin6: tfplugin6Descriptor,
      plugin: goPluginDescriptor,
      google: { nested: { protobuf: googleProtobufDescriptor } },
    },
  };
}

let root: Root | undefined;
const typeCache = new Map<string, Type>();

/** The protobufjs Root of `protocolDescriptor()`; built on first call. */
export function protocolRoot(): Root {
  if (!root) root = Root.fromJSON(protocolDescriptor());
  return root;
}

/** The reflected message type for a full name such as `tfplugin6.Schema.Attribute` (cached). */
export function messageType(typeName: string): Type {
  let type = typeCache.get(typeName);
  if (!type) {
    try {
      type = protocolRoot().lookupType(typeName);
    } catch {
      throw new Error(`unknown protocol message type '${typeName}'`);
    }
    typeCache.set(typeName, type);
  }
  return type;
}
