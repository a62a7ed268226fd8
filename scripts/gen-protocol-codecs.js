// Generates the provider's protobuf codecs at build time: protobufjs-cli's `pbjs -t static-module`
// over our own descriptors (src/tfplugin/protocol/reflection.ts), so that a provider process runs
// encoders and decoders compiled from a file — kept in V8's code cache like the rest of the bundle —
// instead of building a reflection Root and generating them with `new Function` in every process
// (~10–20 ms each, and Terraform starts 3–4 per command; docs/performance.md).
//
// Writes src/tfplugin/protocol/static-codecs.generated.js (not committed: made by every build, and
// by the tests' global setup when missing or older than the descriptors) and the same file under lib/.
'use strict';
const { buildSync } = require('esbuild');
const { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const root = join(__dirname, '..');
const NAME = 'static-codecs.generated.js';
const targets = [join(root, 'src/tfplugin/protocol', NAME), join(root, 'lib/tfplugin/protocol', NAME)];

/** The descriptor as JSON, read from the TypeScript sources (bundled in memory: the build has not run tsc yet). */
function descriptorJson() {
  const out = buildSync({
    absWorkingDir: root,
    entryPoints: ['src/tfplugin/protocol/reflection.ts'],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    write: false,
    logLevel: 'warning',
  });
  const mod = { exports: {} };
  new Function('module', 'exports', 'require', out.outputFiles[0].text)(mod, mod.exports, require);
  return JSON.stringify(mod.exports.protocolDescriptor());
}

function generate() {
  const dir = mkdtempSync(join(tmpdir(), 'credform-pbjs-'));
  try {
    const input = join(dir, 'protocol.json');
    const output = join(dir, NAME);
    writeFileSync(input, descriptorJson());
    // What the codec uses: encode, decode, fromObject, toObject. Not needed: verify (fromObject
    // checks what it converts), create, delimited framing, type URLs, services (grpc-js serves those).
    const args = ['-t', 'static-module', '-w', 'commonjs', '-r', 'credform', '--no-verify', '--no-create', '--no-delimited', '--no-typeurl', '--no-service', '--no-comments', '-o', output, input];
    const { pbjs } = require('protobufjs-cli');
    let failure;
    pbjs.main(args, (err) => {
      failure = err;
    });
    // pbjs.main loads files with loadSync and generates static code synchronously: by now it has
    // called back (or written nothing, which is an error too).
    if (failure) throw failure;
    if (!existsSync(output)) throw new Error('pbjs produced no static codecs');
    for (const target of targets) {
      mkdirSync(join(target, '..'), { recursive: true });
      copyFileSync(output, target);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

module.exports = { generate, targets };
if (require.main === module) generate();
