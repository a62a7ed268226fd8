// Helpers shared by the benchmarks: working directories, timed terraform commands, provider stats.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** A fresh working directory with an empty CLI configuration (no plugin cache, no credentials). */
export function workDir(prefix, extraEnv = {}) {
  const dir = mkdtempSync(join(tmpdir(), `credform-bench-${prefix}-`));
  const rc = join(dir, '.terraformrc');
  writeFileSync(rc, '');
  const env = { ...process.env, TF_CLI_CONFIG_FILE: rc, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', ...extraEnv };
  delete env.TF_LOG;
  delete env.TF_LOG_PROVIDER;
  return { dir, env, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/**
 * User+system CPU of this process's children that have ended and been waited for (cutime and cstime
 * of /proc/self/stat), in ms; undefined where there is no /proc. Read before and after one terraform
 * command, it is that command's CPU with its provider processes' (terraform waits for them): the
 * benchmark's other child, the simulators' process, ends only after the measurement.
 */
function endedChildrenCpuMs() {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    // Fields after the command name, which may hold spaces: state is field 3, cutime 16, cstime 17.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

/**
 * Runs terraform; resolves with the wall time in ms and the CPU time of terraform and every process it
 * started (`cpuMs`, undefined off Linux), rejects with the end of its output on failure.
 */
export function terraform(dir, env, args, { timeoutMs = 600_000, okCodes = [0] } = {}) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const cpu0 = endedChildrenCpuMs();
    const child = spawn('terraform', [...args, '-no-color'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const keep = (d) => {
      out += d;
      if (out.length > 200_000) out = out.slice(-100_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      const cpu1 = endedChildrenCpuMs();
      const cpuMs = cpu0 === undefined || cpu1 === undefined ? undefined : cpu1 - cpu0;
      if (okCodes.includes(code)) resolve({ ms, out, code, cpuMs });
      else reject(new Error(`terraform ${args.join(' ')} in ${dir} exited ${code}:\n${out.slice(-3000)}`));
    });
  });
}

/**
 * What every provider process of one command wrote to CREDFORM_STATS_FILE on exit (see
 * src/cli/launcher.ts): the number of processes, their summed user+system CPU time, the peak RSS.
 */
export function providerStats(file) {
  if (!existsSync(file)) return { processes: 0, cpuMs: 0, maxRssMb: 0 };
  const rows = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  return {
    processes: rows.length,
    cpuMs: rows.reduce((s, r) => s + (r.userUs + r.systemUs) / 1000, 0),
    maxRssMb: Math.max(0, ...rows.map((r) => r.maxRssKb / 1024)),
  };
}
