// Bundles a provider into a directory Terraform can install as is: the launcher (the executable,
// see src/cli/launcher.ts) and one self-contained bundle beside it. Terraform hashes the provider's
// directory into the lock file, so nothing it runs may live outside that directory.
'use strict';
const { build } = require('esbuild');
const { chmodSync, mkdirSync, rmSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', minify: true, legalComments: 'none', logLevel: 'warning' };

async function bundleProvider({ entry, outdir }) {
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  await build({ ...common, entryPoints: [entry], outfile: join(outdir, 'provider-main.js') });
  const launcher = join(outdir, 'terraform-provider');
  await build({ ...common, entryPoints: [join(root, 'src/cli/launcher.ts')], outfile: launcher, banner: { js: '#!/usr/bin/env node' } });
  chmodSync(launcher, 0o755);
  return outdir;
}

module.exports = { bundleProvider };

if (require.main === module) {
  bundleProvider({ entry: join(root, 'src/cli/provider-bin.ts'), outdir: join(root, 'lib/provider-bundle') }).catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
