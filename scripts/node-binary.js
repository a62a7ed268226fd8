// Prints the bin directory of a Node.js release of the given major version, fetching it once from
// the npm registry (the `node-<os>-<arch>` packages hold the official binaries) into .cache/node/.
// Tests and CI use it to run the provider, cdktf/cdktn and the examples on every Node users have:
//   PATH="$(node scripts/node-binary.js 24):$PATH" npx jest …
'use strict';
const { execFileSync } = require('node:child_process');
const { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const root = join(__dirname, '..');

/** The bin directory of Node `major` (a whole number, e.g. 24), fetched if missing. */
function nodeBinDir(major) {
  if (!/^\d+$/.test(String(major))) throw new Error(`node-binary: a major version is a whole number such as 24, got ${JSON.stringify(major)}`);
  const dir = join(process.env.CREDFORM_NODE_CACHE || join(root, '.cache', 'node'), `${process.platform}-${process.arch}-${major}`);
  const bin = join(dir, 'bin');
  if (existsSync(join(bin, 'node'))) return bin;
  const work = mkdtempSync(join(tmpdir(), 'credform-node-'));
  try {
    const spec = `node-${process.platform}-${process.arch}@${major}`;
    execFileSync('npm', ['pack', '--silent', '--pack-destination', work, spec], { stdio: ['ignore', 'ignore', 'inherit'] });
    const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
    if (!tarball) throw new Error(`node-binary: npm pack ${spec} wrote no tarball`);
    execFileSync('tar', ['xzf', join(work, tarball), '-C', work]);
    mkdirSync(join(dir, '..'), { recursive: true });
    try {
      // Atomic: a concurrent fetch of the same version either wins or finds this one in place.
      renameSync(join(work, 'package'), dir);
    } catch (e) {
      if (!existsSync(join(bin, 'node'))) throw e;
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return bin;
}

module.exports = { nodeBinDir };

if (require.main === module) {
  const major = process.argv[2];
  if (!major) {
    console.error('usage: node scripts/node-binary.js MAJOR   (prints the bin directory of that Node.js)');
    process.exit(2);
  }
  console.log(nodeBinDir(major));
}
