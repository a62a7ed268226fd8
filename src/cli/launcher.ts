/**
 * The provider executable Terraform starts. Terraform starts a provider 3-4 times per command, so
 * start-up time is what users feel; compiling the bundle is a large share of it. This launcher runs
 * the bundle (`provider-main.js`, beside it) through V8's code cache, kept OUTSIDE the provider
 * directory (Terraform hashes that directory into the lock file, and the cache differs per machine
 * and Node version). A missing, stale or rejected cache only costs the normal compile.
 *
 * The bundle is two scripts in one file (see scripts/bundle-provider.js): the start-up code, and the
 * rest (vendor code, zod, undici), which the start-up code asks for with
 * `require('credform:lazy-bundle')` once the handshake is out. Each part is read and compiled on its
 * own, with its own cache, so a start reads, compiles and deserializes only what runs before the
 * handshake. The caches are named by the build id in the bundle's first line, so every copy of one
 * build (each working directory's) shares them.
 *
 * The built launcher starts with two lines that make it a shell script too (scripts/bundle-provider.js):
 * Terraform executes it, /bin/sh execs node on it with the options that keep the process small.
 */
import { appendFileSync, closeSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import Module from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Script } from 'node:vm';

const main = join(__dirname, 'provider-main.js');
/** `//@credform-bundle <build id> <bytes of this line and the start-up code>`, as scripts/bundle-provider.js writes it. */
const HEADER = /^\/\/@credform-bundle ([0-9a-f]+) (\d+)\n/;
const LAZY_REQUIRE = 'credform:lazy-bundle';

/**
 * Says in one line on stdout why the provider cannot start, and ends the process: before its
 * handshake, stdout is what Terraform shows of a plugin ("Unrecognized remote plugin message: …").
 */
function cannotStart(reason: string): never {
  process.stdout.write(`credform: the provider cannot start: ${reason}\n`);
  process.exit(1);
}

let fd: number;
try {
  fd = openSync(main, 'r');
} catch (e) {
  cannotStart(`its bundle ${main} cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)}): the installation is incomplete. Install it again (cdktf synth, or credform install).`);
}
const stat = fstatSync(fd);
const size = stat.size;
function read(start: number, end: number): Buffer {
  const buf = Buffer.allocUnsafe(end - start);
  let done = 0;
  while (done < buf.length) {
    const n = readSync(fd, buf, done, buf.length - done, start + done);
    if (n === 0) break;
    done += n;
  }
  return buf.subarray(0, done);
}

const head = read(0, Math.min(size, 64)).toString('latin1');
const header = HEADER.exec(head);
const startupEnd = header ? Number(header[2]) : size;
let startup: Buffer | undefined = read(0, startupEnd);
let startupLines = 0;
for (let at = startup.indexOf(10); at !== -1; at = startup.indexOf(10, at + 1)) startupLines++;
if (!header || startupEnd >= size) closeSync(fd);

function cachePrefix(): string | undefined {
  if (process.env.CREDFORM_NO_CODE_CACHE === '1') return undefined;
  const base = process.env.CREDFORM_CACHE_DIR || join(process.env.XDG_CACHE_HOME || join(homedir() || tmpdir(), '.cache'), 'credform');
  // V8 checks a cache against the source's length, not its text: the name must tell builds apart.
  // A bundle without a build id (an older build) is told apart by its size and modification time.
  const build = header ? header[1] : Math.trunc(stat.mtimeMs);
  // V8 also rejects a cache made under other V8 options (the launcher's, CREDFORM_NODE_OPTIONS,
  // NODE_OPTIONS): each set of options gets caches of its own instead of rewriting a shared one.
  const options = createHash('sha256').update(`${process.execArgv.join(' ')}\0${process.env.NODE_OPTIONS ?? ''}`).digest('hex').slice(0, 8);
  return join(base, `${process.version}-${process.arch}-${build}-${size}-${options}`);
}

const prefix = cachePrefix();

/**
 * A cache file is a line `credform-v8cache <CPU ms of the process that wrote it>` and V8's data.
 * V8 only caches the functions a process has compiled; the first process of a build may be a short
 * one (Terraform's schema-only start), so a process that used markedly more CPU (that ran more of
 * the provider: plan, apply, refresh) writes the cache again on its way out. Each rewrite needs 1.5×
 * the CPU of the last, so there are only a few per build.
 */
const CACHE_TAG = 'credform-v8cache ';

/**
 * Every build and set of options leaves cache files (~0.5-1 MB each) that nothing else removes, so a
 * process that writes one also deletes the oldest files of OTHER builds and options beyond this many
 * (an upgraded provider's, a development machine's hundreds). A build still in use whose files went
 * only compiles once more and writes them again.
 */
const OTHER_CACHE_FILES_KEPT = 16;
/** A `.tmp` file older than this was left by a writer that died before its rename. */
const STALE_TMP_MS = 60 * 60 * 1000;
/**
 * The names this launcher gives its files (see cachePrefix and compile): only these are ever
 * removed, so a CREDFORM_CACHE_DIR shared with other programs (even /tmp) loses nothing of theirs.
 */
const OUR_CACHE_FILE = /^v\d+\.\d+\.\d+-\w+-[0-9a-f]+-\d+-[0-9a-f]{8}(-lazy)?\.v8cache(\.\d+\.tmp)?$/;

/** What each part did with the code cache, for CREDFORM_STATS_FILE and the tests. */
type CacheUse = 'off' | 'none' | 'used' | 'rejected';
const cacheReport: Record<string, { found: CacheUse; written: boolean }> = {};

/** Compiles one part of the bundle, with its cache when there is one. */
function compile(source: string, part: string, lineOffset: number): Script {
  const file = prefix && `${prefix}${part}.v8cache`;
  let cachedData: Buffer | undefined;
  let writerCpuMs = 0;
  if (file) {
    try {
      const data = readFileSync(file);
      const eol = data.indexOf(10);
      if (eol > 0 && data.toString('latin1', 0, CACHE_TAG.length) === CACHE_TAG) {
        writerCpuMs = Number(data.toString('latin1', CACHE_TAG.length, eol)) || 0;
        cachedData = data.subarray(eol + 1);
      }
    } catch {
      /* first start of this build on this machine */
    }
  }
  const script = new Script(source, { filename: main, lineOffset, cachedData });
  // V8 has copied what it needs: the exit listener below keeps only whether there was a cache, not
  // the buffer (~0.5-1 MB per part, outside V8's heap, for the life of the process).
  const hadCache = cachedData !== undefined;
  cachedData = undefined;
  const report = { found: (!file ? 'off' : !hadCache ? 'none' : script.cachedDataRejected ? 'rejected' : 'used') as CacheUse, written: false };
  cacheReport[part === '' ? 'startup' : part.slice(1)] = report;
  if (file) {
    // Written on the way out, so the cache also holds the functions the run compiled lazily.
    process.prependOnceListener('exit', () => {
      const cpu = process.cpuUsage();
      const cpuMs = Math.round((cpu.user + cpu.system) / 1000);
      if (hadCache && !script.cachedDataRejected && cpuMs < 1.5 * writerCpuMs + 50) return;
      try {
        mkdirSync(join(file, '..'), { recursive: true });
        const tmp = `${file}.${process.pid}.tmp`;
        writeFileSync(tmp, Buffer.concat([Buffer.from(`${CACHE_TAG}${cpuMs}\n`, 'latin1'), script.createCachedData()]));
        renameSync(tmp, file);
        report.written = true;
      } catch {
        /* a read-only home is fine: the next start compiles again */
        return;
      }
      pruneCacheDir(join(file, '..'), prefix ?? file);
    });
  }
  return script;
}

/** Keeps the cache directory bounded (see OTHER_CACHE_FILES_KEPT); never fails the process. */
function pruneCacheDir(dir: string, own: string): void {
  try {
    const now = Date.now(); // file times are the system's
    const others: Array<{ path: string; mtimeMs: number }> = [];
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (!OUR_CACHE_FILE.test(name)) continue;
      if (path.startsWith(own) && !name.endsWith('.tmp')) continue;
      try {
        const { mtimeMs } = statSync(path);
        if (name.endsWith('.tmp')) {
          if (now - mtimeMs > STALE_TMP_MS) unlinkSync(path);
        } else {
          others.push({ path, mtimeMs });
        }
      } catch {
        /* gone already (another process pruning) */
      }
    }
    others.sort((a, b) => b.mtimeMs - a.mtimeMs);
    for (const { path } of others.slice(OTHER_CACHE_FILES_KEPT)) {
      try {
        unlinkSync(path);
      } catch {
        /* gone already */
      }
    }
  } catch {
    /* an unreadable directory: nothing to prune */
  }
}

const mod = new Module(main, module);
mod.filename = main;
mod.paths = module.paths;

let lazyExports: unknown;
/** Part 2, `function credformLazy(exports, require, module, __filename, __dirname) {...}`: read, compiled and run on first use. */
function loadLazy(): unknown {
  if (lazyExports === undefined) {
    const text = read(startupEnd, size).toString('utf8');
    closeSync(fd);
    let lines = startupLines;
    const start = text.indexOf('function credformLazy(');
    for (let at = text.indexOf('\n'); at !== -1 && at < start; at = text.indexOf('\n', at + 1)) lines++;
    const fn = compile(`(${text.slice(start)})`, '-lazy', lines).runInThisContext() as (...args: unknown[]) => void;
    const lazyModule = { exports: {} as unknown };
    fn.call(lazyModule.exports, lazyModule.exports, (id: string) => mod.require(id), lazyModule, main, __dirname);
    lazyExports = lazyModule.exports;
  }
  return lazyExports;
}

const wrapper = compile(Module.wrap(startup.toString('utf8')), '', 0).runInThisContext() as (...args: unknown[]) => void;
startup = undefined;
wrapper.call(mod.exports, mod.exports, (id: string) => (id === LAZY_REQUIRE && startupEnd < size ? loadLazy() : mod.require(id)), mod, main, __dirname);

// For benchmarks: each provider process appends its peak memory and CPU time to this file on exit.
const statsFile = process.env.CREDFORM_STATS_FILE;
if (statsFile) {
  process.once('exit', () => {
    const u = process.resourceUsage();
    try {
      const m = process.memoryUsage();
      const mb = (x: number) => Math.round(x / 1048576);
      const memory = { rss: mb(m.rss), heapTotal: mb(m.heapTotal), heapUsed: mb(m.heapUsed), external: mb(m.external), arrayBuffers: mb(m.arrayBuffers) };
      // lazyLoaded: whether this process needed part 2 (the provider definition) at all.
      // codeCache: per part, whether a cache was found and used (or rejected), and whether this process wrote it.
      const row = { pid: process.pid, maxRssKb: peakRssKb(u.maxRSS), userUs: u.userCPUTime, systemUs: u.systemCPUTime, memoryMbAtExit: memory, lazyLoaded: lazyExports !== undefined, codeCache: cacheReport };
      appendFileSync(statsFile, `${JSON.stringify(row)}\n`);
    } catch {
      /* a benchmark aid only */
    }
  });
}

/**
 * This process's own peak RSS. On Linux `getrusage` counts the parent's memory at the time of
 * `exec` too (Terraform's, which spawns us), so the kernel's VmHWM of this process is read instead.
 */
function peakRssKb(fallback: number): number {
  try {
    const hwm = /^VmHWM:\s*(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Number(hwm[1]);
  } catch {
    /* not Linux */
  }
  return fallback;
}
