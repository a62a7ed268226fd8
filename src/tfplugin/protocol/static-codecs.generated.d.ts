/**
 * Types of static-codecs.generated.js, which the build generates (scripts/gen-protocol-codecs.js):
 * nested namespaces (`tfplugin6`, `plugin`, `google.protobuf`) down to one class per message type
 * with static `encode`, `decode`, `fromObject` and `toObject`. codec.ts looks types up by name.
 */
declare const root: { readonly [name: string]: unknown };
export = root;
