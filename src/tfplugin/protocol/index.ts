/** Terraform plugin protocol 6.8 and go-plugin: descriptors, codec, message shapes, gRPC service definitions. */
export * from './codec';
export { messageType, protocolDescriptor, protocolRoot } from './reflection';
export * from './services';
export { tfplugin6Descriptor } from './tfplugin6';
export { goPluginDescriptor } from './go-plugin';
export { googleProtobufDescriptor } from './well-known';
