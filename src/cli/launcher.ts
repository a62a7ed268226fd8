/**
 * The provider executable Terraform starts. Terraform starts a provider 3-4 times per command, so
 * start-up time is what users feel; compiling the ~0.5 MB bundle is a large share of it. This
 * launcher runs the bundle (`provider-main.js`, beside it) through V8's code cache, kept OUTSIDE the
 * provider directory (Terraform hashes that directory into the lock file, and the cache differs per
 * machine and Node version). A missing, stale or rejected cache only costs the normal compile.
 */
import { appendFileSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Script } from 'node:vm';

const main = join(__dirname, 'provider-main.js');

function cacheFile(): string | undefined {
  try {
    const st = statSync(main);
    const base = process.env.CREDFORM_CACHE_DIR || join(process.env.XDG_CACHE_HOME || join(homedir() || tmpdir(), '.cache'), 'credform');
    // V8 rejects a cache made for other source or another V8 on its own; the name only keeps
    // caches of different builds from overwriting each other.
    return join(base, `${process.version}-${process.arch}-${st.size}-${Math.trunc(st.mtimeMs)}.v8cache`);
  } catch {
    return undefined;
  }
}

const source = readFileSync(main, 'utf8');
const file = cacheFile();
let cachedData: Buffer | undefined;
if (file && process.env.CREDFORM_NO_CODE_CACHE !== '1') {
  try {
    cachedData = readFileSync(file);
  } catch {
    /* first start on this machine */
  }
}
const script = new Script(Module.wrap(source), { filename: main, cachedData });
if (file && process.env.CREDFORM_NO_CODE_CACHE !== '1' && (!cachedData || script.cachedDataRejected)) {
  // Written on the way out, so the cache also holds the functions the run compiled lazily.
  process.once('exit', () => {
    try {
      mkdirSync(join(file, '..'), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, script.createCachedData());
      renameSync(tmp, file);
    } catch {
      /* a read-only home is fine: the next start compiles again */
    }
  });
}
const mod = new Module(main, module);
mod.filename = main;
mod.paths = module.paths;
const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
wrapper.call(mod.exports, mod.exports, (id: string) => mod.require(id), mod, main, __dirname);

// For benchmarks: each provider process appends its peak memory and CPU time to this file on exit.
const statsFile = process.env.CREDFORM_STATS_FILE;
if (statsFile) {
  process.once('exit', () => {
    const u = process.resourceUsage();
    try {
      appendFileSync(statsFile, `${JSON.stringify({ pid: process.pid, maxRssKb: u.maxRSS, userUs: u.userCPUTime, systemUs: u.systemCPUTime })}\n`);
    } catch {
      /* a benchmark aid only */
    }
  });
}
