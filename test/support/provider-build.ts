/** Builds a provider bundle from a TypeScript entry, the way `npm run build` builds credform's. */
import { build } from 'esbuild';
import { chmodSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

const root = join(__dirname, '..', '..');

export async function bundleTestProvider(entry: string, outfile: string): Promise<string> {
  mkdirSync(dirname(outfile), { recursive: true });
  await build({
    entryPoints: [join(root, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    banner: { js: '#!/usr/bin/env node' },
    logLevel: 'error',
  });
  chmodSync(outfile, 0o755);
  return outfile;
}

export const CREDFORM_BUNDLE = join(root, 'lib', 'provider-bundle', 'terraform-provider-credform.js');
export const CREDFORM_BIN = join(root, 'bin', 'credform.js');
export const REPO_ROOT = root;
