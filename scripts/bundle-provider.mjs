// Bundles the provider into one self-contained file: Terraform hashes the provider's directory into
// the lock file, so nothing it runs may live outside that directory, and one file starts fastest.
import { build } from 'esbuild';
import { chmodSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export async function bundleProvider({ entry, outfile }) {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: true,
    legalComments: 'none',
    banner: { js: '#!/usr/bin/env node' },
    logLevel: 'warning',
  });
  chmodSync(outfile, 0o755);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await bundleProvider({
    entry: join(root, 'src/cli/provider-bin.ts'),
    outfile: join(root, 'lib/provider-bundle/terraform-provider-credform.js'),
  });
}
