/** Serves credform to Terraform; the vendor code loads after the handshake (see `serveProvider`). */
import { serveProvider, type SchemaAnswers } from '../tfplugin/serve';

/**
 * Set by scripts/bundle-provider.js in the provider bundle (esbuild `define`): the base64 of
 * src/cli/schema-answers.ts's answers, as JSON. Absent when this module runs unbundled.
 */
declare const CREDFORM_SCHEMA_ANSWERS: string | undefined;

function bundledSchemaAnswers(): SchemaAnswers | undefined {
  if (typeof CREDFORM_SCHEMA_ANSWERS !== 'string') return undefined;
  const b64 = JSON.parse(CREDFORM_SCHEMA_ANSWERS) as Record<keyof SchemaAnswers, string>;
  return { GetMetadata: Buffer.from(b64.GetMetadata, 'base64'), GetProviderSchema: Buffer.from(b64.GetProviderSchema, 'base64') };
}

export function serveCredformProvider(): Promise<number> {
  return serveProvider({
    typeName: 'credform',
    load: () => import('../vendors/provider').then((m) => m.credformProvider()),
    schemaAnswers: bundledSchemaAnswers(),
  });
}
