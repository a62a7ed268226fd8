/**
 * credform's answers to GetMetadata and GetProviderSchema, encoded. They depend on nothing but the
 * code (no configuration, no environment), so scripts/bundle-provider.js computes them once, at
 * build time, and the bundle carries them: Terraform starts one provider process per command only to
 * read the schema, and that process then never loads the provider definition (vendor code, zod,
 * undici) nor encodes the schema.
 */
import { encodeMessage } from '../tfplugin/protocol/codec';
import { Logger } from '../tfplugin/logging';
import { ProviderServer } from '../tfplugin/server/provider-server';
import type { SchemaAnswers } from '../tfplugin/serve';
import { credformProvider } from '../vendors/provider';

export function credformSchemaAnswers(): SchemaAnswers {
  const server = new ProviderServer(credformProvider({}), new Logger('credform-build', {}));
  return {
    GetMetadata: encodeMessage('tfplugin6.GetMetadata.Response', server.getMetadata()),
    GetProviderSchema: encodeMessage('tfplugin6.GetProviderSchema.Response', server.getProviderSchema()),
  };
}
