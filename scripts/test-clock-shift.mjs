// Runs the date-sensitive tests (files with a `// @date-sensitive:` line) with credform's clock
// (src/clock.ts) moved one year ahead and one year back through CREDFORM_CLOCK_OFFSET_MS, which the
// test process, the simulators it starts, terraform and the provider processes all inherit. A test
// that passes only on some days — a literal date compared with now, a window that turns over — fails
// here. `npm test` runs it after the whole suite; extra arguments go to jest.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const YEAR_MS = 365 * 24 * 60 * 60 * 1000;
const MARK = /^\/\/ @date-sensitive:/m;

function* testFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* testFiles(path);
    else if (entry.name.endsWith('.test.ts')) yield path;
  }
}

const files = [...testFiles(join(root, 'test'))]
  .filter((f) => MARK.test(readFileSync(f, 'utf8').slice(0, 2000)))
  .map((f) => relative(root, f))
  .sort();
if (files.length === 0) {
  console.error('test-clock-shift: no test file is marked `// @date-sensitive:`');
  process.exit(1);
}

const jest = join(root, 'node_modules', 'jest', 'bin', 'jest.js');
const results = [];
for (const [label, offset] of [['one year ahead', YEAR_MS], ['one year back', -YEAR_MS]]) {
  console.log(`\ntest-clock-shift: ${files.length} date-sensitive test files with the clock ${label} (CREDFORM_CLOCK_OFFSET_MS=${offset})`);
  const run = spawnSync(process.execPath, [jest, '--runTestsByPath', ...files, ...process.argv.slice(2)], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, CREDFORM_CLOCK_OFFSET_MS: String(offset) },
  });
  results.push({ label, status: run.status ?? 1 });
}
const failed = results.filter((r) => r.status !== 0);
console.log(`\ntest-clock-shift: ${results.map((r) => `${r.label}: ${r.status === 0 ? 'passed' : 'FAILED'}`).join('; ')}`);
process.exit(failed.length === 0 ? 0 : 1);
