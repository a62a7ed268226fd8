/**
 * The provider bundle carries its GetMetadata and GetProviderSchema answers, encoded at build time
 * (scripts/bundle-provider.js, src/cli/schema-answers.ts), so that the process Terraform starts only
 * to read the schema never loads the provider definition. These must be exactly what the provider
 * would answer, and everything else must still load the definition on demand.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { credformSchemaAnswers } from '../../src/cli/schema-answers';
import { decodeMessage } from '../../src/tfplugin/protocol/codec';
import { createSelfSignedCertificate } from '../../src/tfplugin/transport/certificate';
import { CREDFORM_BUNDLE_DIR } from '../support/provider-build';
import { startBuiltProvider } from '../support/provider-process';

const terraformSide = createSelfSignedCertificate();

/** The answers as the built bundle carries them (esbuild inlines CREDFORM_SCHEMA_ANSWERS). */
function bundledAnswers(): Record<'GetMetadata' | 'GetProviderSchema', Buffer> {
  const text = readFileSync(join(CREDFORM_BUNDLE_DIR, 'provider-main.js'), 'utf8');
  const m = /JSON\.parse\('(\{"GetMetadata":"[A-Za-z0-9+/=]+","GetProviderSchema":"[A-Za-z0-9+/=]+"\})'\)/.exec(text);
  if (!m) throw new Error('no schema answers found in the built bundle');
  const b64 = JSON.parse(m[1]!) as Record<string, string>;
  return { GetMetadata: Buffer.from(b64.GetMetadata!, 'base64'), GetProviderSchema: Buffer.from(b64.GetProviderSchema!, 'base64') };
}

describe('schema answers carried by the bundle', () => {
  test('are byte for byte what the provider computes from its definition now', () => {
    const now = credformSchemaAnswers();
    const bundled = bundledAnswers();
    expect(decodeMessage('tfplugin6.GetProviderSchema.Response', bundled.GetProviderSchema)).toEqual(decodeMessage('tfplugin6.GetProviderSchema.Response', now.GetProviderSchema));
    expect(bundled.GetProviderSchema.equals(now.GetProviderSchema)).toBe(true);
    expect(bundled.GetMetadata.equals(now.GetMetadata)).toBe(true);
  });

  test('are served without loading the definition; any other call loads it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'credform-schema-answers-'));
    try {
      const stats = join(dir, 'stats.jsonl');
      const run = async (calls: Array<[string, object]>) => {
        const provider = await startBuiltProvider(terraformSide, { CREDFORM_STATS_FILE: stats });
        const c = provider.connect(terraformSide);
        const answers = [];
        for (const [method, req] of calls) answers.push(await c.call(method, req));
        await c.shutdown();
        c.close();
        await provider.exited;
        return answers;
      };

      const [meta, schema] = await run([
        ['GetMetadata', {}],
        ['GetProviderSchema', {}],
      ]);
      expect(meta!.ok && meta!.res.resources.map((r: { type_name: string }) => r.type_name)).toContain('credform_tines_text_credential');
      expect(schema!.ok && Object.keys(schema!.res.resource_schemas)).toContain('credform_dx_credential');

      const [validate] = await run([['ValidateProviderConfig', { config: { msgpack: Buffer.from([0xc0]) } }]]);
      expect(validate!.ok).toBe(true);

      const rows = readFileSync(stats, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
      expect(rows.map((r) => r.lazyLoaded)).toEqual([false, true]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
