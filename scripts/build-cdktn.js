// Builds `credform/cdktn` (lib/cdktn/): the constructs for cdktn, the continuation of cdktf, from the
// same source as `credform`. Run after tsc and scripts/public-api.js (part of `npm run build`).
//
// lib/cdktn/index.js   the constructs as tsc compiled them (lib/index.js, lib/constructs/**), bundled
//                      by esbuild with two changes: every `cdktf` module specifier (and
//                      `cdktf/lib/...`) becomes `cdktn`, and src/constructs/cdk-peer.ts names cdktn.
//                      Everything outside lib/constructs (vendor schemas, the provider installer)
//                      stays a require of the same lib/ module the cdktf flavor uses: none of it
//                      imports cdktf (checked below), and it is not copied.
// lib/cdktn/index.d.ts the public .d.ts rollup of `credform` (lib/credform.d.ts) with the same
//                      specifier change, written by scripts/public-api.js through `toCdktn`.
'use strict';
const { build } = require('esbuild');
const { existsSync, readdirSync, readFileSync } = require('node:fs');
const { dirname, join, relative, sep } = require('node:path');

const root = join(__dirname, '..');
const lib = join(root, 'lib');

/** `cdktf` and `cdktf/...` module specifiers in JS (`require("cdktf")`) or .d.ts (`from 'cdktf'`). */
const CDKTF_SPECIFIER = /(?<=(?:\bfrom|\brequire\(|\bimport\(|\bimport)\s*)(['"])cdktf(\/[^'"]*)?\1/g;

const NAMES_CDKTF = new RegExp(CDKTF_SPECIFIER.source);

/** `text` (JS or .d.ts) with every `cdktf` module specifier changed to `cdktn`. */
function toCdktn(text) {
  return text.replace(CDKTF_SPECIFIER, (_, quote, subpath = '') => `${quote}cdktn${subpath}${quote}`);
}

/** Every lib/ module outside the constructs that names cdktf: shared by both flavors, there must be none. */
function sharedModulesNamingCdktf() {
  const found = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (path !== join(lib, 'constructs') && path !== join(lib, 'cdktn') && path !== join(lib, 'provider-bundle')) walk(path);
      } else if (entry.name.endsWith('.js') && path !== join(lib, 'index.js') && NAMES_CDKTF.test(readFileSync(path, 'utf8'))) {
        found.push(relative(root, path));
      }
    }
  };
  walk(lib);
  return found;
}

const PEER_MODULE = join(lib, 'constructs', 'cdk-peer.js');
const FLAVOR_CONSTANT = /\bexports\.CDK = (['"])cdktf\1;/g;

/** Bundles the constructs (lib/index.js and lib/constructs/**) with `cdktn` in place of `cdktf`. */
function cdktnFlavor() {
  const inConstructs = (path) => path === join(lib, 'index.js') || path.startsWith(join(lib, 'constructs') + sep);
  return {
    name: 'credform-cdktn-flavor',
    setup(b) {
      b.onResolve({ filter: /^cdktf(\/.*)?$/ }, (args) => ({ path: `cdktn${args.path.slice('cdktf'.length)}`, external: true }));
      b.onResolve({ filter: /^\.\.?\// }, (args) => {
        const target = require.resolve(join(args.resolveDir, args.path));
        if (inConstructs(target)) return { path: target };
        // Shared with the cdktf flavor: required from lib/, where it is.
        let specifier = relative(join(lib, 'cdktn'), target).split(sep).join('/');
        if (!specifier.startsWith('.')) specifier = `./${specifier}`;
        return { path: specifier, external: true };
      });
      b.onLoad({ filter: /[\\/]cdk-peer\.js$/ }, (args) => {
        if (args.path !== PEER_MODULE) return undefined;
        const source = readFileSync(args.path, 'utf8');
        const matches = source.match(FLAVOR_CONSTANT) ?? [];
        if (matches.length !== 1) throw new Error(`${relative(root, args.path)}: expected one \`exports.CDK = 'cdktf';\`, found ${matches.length}`);
        return { contents: source.replace(FLAVOR_CONSTANT, (_, q) => `exports.CDK = ${q}cdktn${q};`), loader: 'js', resolveDir: dirname(args.path) };
      });
    },
  };
}

async function buildCdktnJs() {
  if (!existsSync(join(lib, 'index.js')) || !existsSync(PEER_MODULE)) throw new Error('build-cdktn: lib/ is not built (tsc -p tsconfig.build.json first)');
  const shared = sharedModulesNamingCdktf();
  if (shared.length) throw new Error(`build-cdktn: modules outside lib/constructs name cdktf, so both flavors would load it: ${shared.join(', ')}`);
  const outfile = join(lib, 'cdktn', 'index.js');
  // The names the cdktf flavor exports, spelled out at the end the way esbuild does for ESM input, so
  // that Node finds them (cjs-module-lexer) when an ES module imports `credform/cdktn` by name.
  const names = Object.keys(require(join(lib, 'index.js'))).filter((n) => n !== '__esModule' && /^[A-Za-z_$][\w$]*$/.test(n));
  await build({
    absWorkingDir: root,
    entryPoints: [join(lib, 'index.js')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    // Bare specifiers (constructs, node:*, cdktn) stay requires; the plugin decides for relative ones.
    packages: 'external',
    plugins: [cdktnFlavor()],
    sourcemap: true,
    // Stack traces name the constructs as in the cdktf flavor.
    keepNames: true,
    logLevel: 'warning',
    footer: { js: `0 && (module.exports = { ${names.join(', ')} });` },
  });
  const out = readFileSync(outfile, 'utf8');
  const left = out.match(CDKTF_SPECIFIER);
  if (left) throw new Error(`build-cdktn: ${relative(root, outfile)} still requires ${left.join(', ')}`);
  if (!/require\((['"])cdktn\1\)/.test(out)) throw new Error(`build-cdktn: ${relative(root, outfile)} does not require cdktn`);
}

module.exports = { toCdktn, buildCdktnJs };

if (require.main === module) {
  buildCdktnJs().catch((e) => {
    console.error(e.message ?? e);
    process.exit(1);
  });
}
