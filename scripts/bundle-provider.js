// Bundles a provider into a directory Terraform can install as is: the launcher (the executable,
// see src/cli/launcher.ts) and one self-contained bundle beside it. Terraform hashes the provider's
// directory into the lock file, so nothing it runs may live outside that directory.
//
// provider-main.js holds two scripts, so that a start pays only for what runs before the handshake:
//   line 1   `//@credform-bundle <build id> <bytes>`: a hash of the whole file (the launcher names
//            its code caches by it) and the length in bytes of the header and part 1;
//   part 1   the start-up code: the entry, serve.ts, grpc-js, the protocol;
//   part 2   after the line `//@credform-lazy-bundle`,
//            `function credformLazy(exports, require, module, __filename, __dirname) { ... }`: every
//            module our own code loads with a dynamic `import()` (the provider definition, the vendor
//            code, zod, undici), as one CommonJS bundle.
// The launcher compiles part 1 at start and part 2 when part 1 first asks for it (after the
// handshake), each with its own V8 code cache. Run as one script (plain `node provider-main.js`),
// the function declaration is hoisted and called instead, with the same result.
// Modules both parts import are copied into each; only stateless ones may be (checked below): two
// copies of a module with state (a registry, a class checked with instanceof) would diverge.
'use strict';
const { build } = require('esbuild');
const { createHash } = require('node:crypto');
const { chmodSync, mkdirSync, rmSync, writeFileSync } = require('node:fs');
const { join, relative, resolve } = require('node:path');

const root = join(__dirname, '..');
// CREDFORM_NO_MINIFY=1 keeps names readable, for CPU profiles (--cpu-prof through CREDFORM_NODE_OPTIONS).
const common = { absWorkingDir: root, bundle: true, platform: 'node', target: 'node20', format: 'cjs', minify: process.env.CREDFORM_NO_MINIFY !== '1', legalComments: 'none', logLevel: 'warning' };

/**
 * The launcher's first lines: a file that is both a POSIX shell script and a Node.js script, so
 * that Node starts with options only its command line can set (a `#!/usr/bin/env node` line passes
 * none, and `env -S` is missing from BusyBox, e.g. the Alpine images CI runs Terraform in). For sh,
 * each line after the first runs `:` and then shell code, the last one exec'ing node on this same
 * file (exec, so the pid Terraform holds is node's); for Node, line 1 is a hashbang and each other
 * line a string and a comment.
 *
 * Before exec, sh asks node for its version with the chosen options (`node OPTIONS --version`
 * validates every option and prints the version, ~3-6 ms): an option this Node lacks falls back to
 * the next set, and whatever cannot start (no node, a Node older than 20.18.1, a broken node, a
 * CREDFORM_NODE_OPTIONS node rejects) is said in ONE line on stdout, which Terraform shows inside
 * its own error ("Unrecognized remote plugin message: credform: …"); stderr it shows only under TF_LOG.
 *
 * The options keep a provider process small (measured in docs/performance.md):
 *   --liftoff-only            undici's HTTP parser (WebAssembly) stays with V8's baseline compiler;
 *                             the optimizing one's background recompile costs ~25 MB at its peak;
 *   --max-semi-space-size=1   a young generation of 1 MB semi-spaces instead of up to 16 MB;
 *   --invocation-count-for-turbofan=48000 (Node 22+), --interrupt-budget=1048576 (Node 20, whose V8
 *                             counts bytecode instead of calls; Node 22+ reject it)
 *                             a function is optimized (TurboFan) after ~16x as much use as V8's
 *                             default: a provider process lives for one Terraform command, and
 *                             optimizing merely warm code cost more CPU than it saved (and ~6 MB);
 *   --no-maglev (Node 22+)    V8's mid tier (Maglev, on by default since Node 22; Node 20 has it
 *                             off) optimizes after 400 calls: for the same reason, it cost plans
 *                             ~10-20% more provider CPU and an apply of 200 ~3-6 MB (measured on
 *                             Node 24, docs/performance.md);
 *   --heap-growing-percent=50 the old generation grows by 1.5x per major GC instead of V8's up to 4x:
 *                             plans of 1,000 credentials peak ~30 MB lower, for more frequent
 *                             (measured: not costlier overall) major GCs;
 *   MALLOC_ARENA_MAX=1        glibc keeps one malloc arena, not one per thread: scrypt's buffer
 *                             (1 MiB; 8 MiB for a fingerprint made by an earlier build), run on
 *                             libuv's threads, is reused instead of kept once per thread.
 * The first set node accepts is used: the Node 22+ one, the Node 20 one, then none (a Node that
 * drops one of these options still starts, only larger). CREDFORM_NODE_OPTIONS replaces them (empty:
 * none); MALLOC_ARENA_MAX set by the user wins.
 */
const NODE_OPTION_SETS = [
  '--liftoff-only --max-semi-space-size=1 --heap-growing-percent=50 --invocation-count-for-turbofan=48000 --no-maglev',
  '--liftoff-only --max-semi-space-size=1 --heap-growing-percent=50 --interrupt-budget=1048576',
  '',
];
const MIN_NODE = '20.18.1';
const TESTED_NODE = '22, 24 and 26';
const LAUNCHER_BANNER = [
  '#!/bin/sh',
  `":" //; export MALLOC_ARENA_MAX="\${MALLOC_ARENA_MAX-1}"; say() { echo "credform: the provider cannot start: $*"; exit 1; }`,
  `":" //; command -v node >/dev/null 2>&1 || say "there is no node on the PATH Terraform runs it with. Install Node.js ${MIN_NODE} or later (${TESTED_NODE} are tested) there."`,
  `":" //; if [ "\${CREDFORM_NODE_OPTIONS+set}" ]; then o=$CREDFORM_NODE_OPTIONS; v=$(node $o --version 2>&1) || { v=$(printf '%s\\n' "$v" | head -n 1); say "node rejected CREDFORM_NODE_OPTIONS (\${v#*: }). Correct it, or unset it for credform's defaults."; }; else v=; for o in ${NODE_OPTION_SETS.map((o) => `"${o}"`).join(' ')}; do v=$(node $o --version 2>/dev/null) && break; v=; done; fi`,
  `":" //; case $v in v[0-9]*) ;; *) say "\\\`node --version\\\` failed (node at $(command -v node) is broken). Reinstall Node.js ${MIN_NODE} or later.";; esac`,
  `":" //; case $v in v[0-9].*|v1[0-9].*|v20.[0-9].*|v20.1[0-7].*|v20.18.0) say "Node.js $v is too old: it needs ${MIN_NODE} or later (${TESTED_NODE} are tested). Put a newer node on the PATH Terraform runs it with.";; esac`,
  '":" //; exec node $o "$0" "$@"',
].join('\n');

/** The launcher (src/cli/launcher.ts) reads these. */
const HEADER_PREFIX = '//@credform-bundle ';
const LAZY_MARKER = '\n//@credform-lazy-bundle\n';
const LAZY_REQUIRE = 'credform:lazy-bundle';
/** Modules both parts may hold a copy of (path endings): no state, nothing compared across the parts. */
const SHARED_OK = ['/src/tfplugin/logging.ts', '/src/tfplugin/diagnostics.ts', '/src/version.ts', '/package.json'];

// Part 1's stand-in for each deferred module: export `m<i>` of part 2, loaded once.
const loaderSource = `let lazy;
module.exports = function lazyBundle() {
  if (lazy) return lazy;
  if (typeof credformLazy === 'function') {
    const m = { exports: {} };
    credformLazy(m.exports, require, m, __filename, __dirname);
    return (lazy = m.exports);
  }
  return (lazy = require(${JSON.stringify(LAZY_REQUIRE)}));
};
`;

function deferDynamicImports(lazyModules) {
  return {
    name: 'credform-defer-dynamic-imports',
    setup(b) {
      b.onResolve({ filter: /.*/ }, async (args) => {
        if (args.kind !== 'dynamic-import' || args.pluginData?.deferring || args.importer.includes('node_modules')) return undefined;
        const r = await b.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: { deferring: true } });
        if (r.errors.length > 0 || r.external) return r;
        let index = lazyModules.indexOf(r.path);
        if (index < 0) index = lazyModules.push(r.path) - 1;
        return { path: `m${index}`, namespace: 'credform-lazy' };
      });
      b.onResolve({ filter: /^credform-lazy-loader$/ }, () => ({ path: 'loader', namespace: 'credform-lazy' }));
      b.onResolve({ filter: new RegExp(`^${LAZY_REQUIRE}$`) }, () => ({ path: LAZY_REQUIRE, external: true }));
      b.onLoad({ filter: /.*/, namespace: 'credform-lazy' }, (args) => ({
        contents: args.path === 'loader' ? loaderSource : `module.exports = require("credform-lazy-loader")().${args.path};`,
        loader: 'js',
        resolveDir: root,
      }));
    },
  };
}

// `import { Pool, ProxyAgent, request } from 'undici'` would evaluate all of undici's index: fetch,
// WebSocket, EventSource, cookies, caches and mocks, whose `globalThis.Headers` lookup also loads
// Node's own copy of undici (~40 ms per provider process before the first HTTP call). Our code
// (src/vendors/http) gets the three from undici's own modules, built exactly as its index builds them;
// importing anything else from 'undici' there fails the build ("No matching export").
const undiciSlimSource = `import Pool from 'undici/lib/dispatcher/pool';
import ProxyAgent from 'undici/lib/dispatcher/proxy-agent';
import Dispatcher from 'undici/lib/dispatcher/dispatcher';
import api from 'undici/lib/api';
import util from 'undici/lib/core/util';
import { InvalidArgumentError } from 'undici/lib/core/errors';
import { getGlobalDispatcher } from 'undici/lib/global';

// undici/index.js, makeDispatcher (undici 7).
function makeDispatcher(fn) {
  return (url, opts, handler) => {
    if (typeof opts === 'function') {
      handler = opts;
      opts = null;
    }
    if (!url || (typeof url !== 'string' && typeof url !== 'object' && !(url instanceof URL))) {
      throw new InvalidArgumentError('invalid url');
    }
    if (opts != null && typeof opts !== 'object') {
      throw new InvalidArgumentError('invalid opts');
    }
    if (opts && opts.path != null) {
      if (typeof opts.path !== 'string') {
        throw new InvalidArgumentError('invalid opts.path');
      }
      let path = opts.path;
      if (!opts.path.startsWith('/')) {
        path = '/' + path;
      }
      url = new URL(util.parseOrigin(url).origin + path);
    } else {
      if (!opts) {
        opts = typeof url === 'object' ? url : {};
      }
      url = util.parseURL(url);
    }
    const { agent, dispatcher = getGlobalDispatcher() } = opts;
    if (agent) {
      throw new InvalidArgumentError('unsupported opts.agent. Did you mean opts.client?');
    }
    return fn.call(dispatcher, {
      ...opts,
      origin: url.origin,
      path: url.search ? url.pathname + url.search : url.pathname,
      method: opts.method || (opts.body ? 'PUT' : 'GET'),
    }, handler);
  };
}

// undici/index.js: every dispatcher gets request/connect/... as methods. ProxyAgent opens its tunnel
// with the proxy client's \`connect()\`: without this a proxied request fails before reaching the
// proxy ("this[kClient].connect is not a function"), in the bundle only.
Object.assign(Dispatcher.prototype, api);

export const request = makeDispatcher(api.request);
export { Pool, ProxyAgent };
`;

function slimUndici() {
  return {
    name: 'credform-slim-undici',
    setup(b) {
      b.onResolve({ filter: /^undici$/ }, (args) => (args.importer.includes('node_modules') ? undefined : { path: 'undici', namespace: 'credform-undici' }));
      b.onLoad({ filter: /.*/, namespace: 'credform-undici' }, () => ({ contents: undiciSlimSource, loader: 'js', resolveDir: root }));
    },
  };
}

/** The files a build read, as absolute paths (the metafile's are relative to `absWorkingDir`). */
function sourceInputs(metafile) {
  return new Set(Object.keys(metafile.inputs).filter((p) => !p.includes(':')).map((p) => resolve(root, p)));
}

/**
 * Runs the module `path` (TypeScript, bundled on the fly from the sources, so it cannot differ from
 * what the bundle holds) and returns its `credformSchemaAnswers()` as base64 strings.
 */
async function computeSchemaAnswers(path) {
  const r = await build({ ...common, minify: false, entryPoints: [path], write: false, plugins: [slimUndici()] });
  const m = { exports: {} };
  new Function('exports', 'require', 'module', '__filename', '__dirname', r.outputFiles[0].text)(m.exports, require, m, path, root);
  const answers = m.exports.credformSchemaAnswers();
  return Object.fromEntries(Object.entries(answers).map(([k, v]) => [k, Buffer.from(v).toString('base64')]));
}

const CREDFORM_ENTRY = join(root, 'src/cli/provider-bin.ts');

/**
 * `schemaAnswers`: a module whose `credformSchemaAnswers()` gives the encoded GetMetadata and
 * GetProviderSchema answers, carried in part 1 as CREDFORM_SCHEMA_ANSWERS (src/cli/provider-entry.ts);
 * by default src/cli/schema-answers.ts for credform's own entry, none for any other.
 */
async function bundleProvider({ entry, outdir, schemaAnswers = resolve(entry) === CREDFORM_ENTRY ? join(root, 'src/cli/schema-answers.ts') : undefined }) {
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  const out = join(outdir, 'provider-main.js');
  const lazyModules = [];
  const define = schemaAnswers ? { CREDFORM_SCHEMA_ANSWERS: JSON.stringify(JSON.stringify(await computeSchemaAnswers(schemaAnswers))) } : {};
  const startup = await build({ ...common, define, entryPoints: [entry], outfile: out, write: false, metafile: true, plugins: [deferDynamicImports(lazyModules), slimUndici()] });
  const parts = [startup.outputFiles[0].text];
  if (lazyModules.length > 0) {
    const lazy = await build({
      ...common,
      stdin: { contents: lazyModules.map((p, i) => `export * as m${i} from ${JSON.stringify(p)};`).join('\n'), resolveDir: root, loader: 'ts', sourcefile: 'lazy-entry.ts' },
      outfile: out,
      write: false,
      metafile: true,
      plugins: [slimUndici()],
    });
    const lazyInputs = sourceInputs(lazy.metafile);
    const shared = [...sourceInputs(startup.metafile)].filter((p) => lazyInputs.has(p) && !SHARED_OK.some((end) => p.endsWith(end))).map((p) => relative(root, p));
    if (shared.length > 0) {
      throw new Error(
        `bundle-provider: ${shared.join(', ')} would be copied into both parts of the bundle (start-up and lazy). ` +
          'Import it from one side only, or add it to SHARED_OK in scripts/bundle-provider.js if it holds no state.',
      );
    }
    parts.push(`${LAZY_MARKER}function credformLazy(exports, require, module, __filename, __dirname) {\n${lazy.outputFiles[0].text}}\n`);
  }
  const id = createHash('sha256').update(parts.join('')).digest('hex').slice(0, 20);
  // Fixed width, so the length it states includes itself.
  const header = (bytes) => `${HEADER_PREFIX}${id} ${String(bytes).padStart(12, '0')}\n`;
  const startupBytes = Buffer.byteLength(header(0)) + Buffer.byteLength(parts[0]);
  writeFileSync(out, header(startupBytes) + parts.join(''));
  const launcher = join(outdir, 'terraform-provider');
  await build({ ...common, entryPoints: [join(root, 'src/cli/launcher.ts')], outfile: launcher, banner: { js: LAUNCHER_BANNER } });
  chmodSync(launcher, 0o755);
  return outdir;
}

module.exports = { bundleProvider };

if (require.main === module) {
  bundleProvider({ entry: CREDFORM_ENTRY, outdir: join(root, 'lib/provider-bundle') }).catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
