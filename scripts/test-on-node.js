// Runs tests with another Node.js release first on the PATH: jest, the simulators, terraform's
// provider processes and the cdktf/cdktn CLIs all run on it. Default: every end-to-end test (real
// terraform, real cdktf or cdktn). `.ci/run` runs it for Node 24, the current LTS.
//   node scripts/test-on-node.js 24 [jest arguments…]
'use strict';
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');
const { nodeBinDir } = require('./node-binary.js');

const [major, ...jestArgs] = process.argv.slice(2);
if (!major) {
  console.error('usage: node scripts/test-on-node.js MAJOR [jest arguments…]');
  process.exit(2);
}
const bin = nodeBinDir(major);
const root = join(__dirname, '..');
// Tests that need cdktf-cli skip themselves where it cannot start (test/support/cdktf.ts).
const defaultArgs = ['--testPathPattern', '\\.e2e\\.test\\.ts$'];
const args = jestArgs.length > 0 ? jestArgs : defaultArgs;
const env = { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}` };
const version = spawnSync(join(bin, 'node'), ['--version'], { encoding: 'utf8' }).stdout.trim();
console.log(`test-on-node: jest ${args.join(' ')} on Node ${version} (${bin})`);
const run = spawnSync(join(bin, 'node'), [join(root, 'node_modules', 'jest', 'bin', 'jest.js'), ...args], { cwd: root, env, stdio: 'inherit' });
process.exit(run.status ?? 1);
