// `npm run bench:node-memory`: the provider's peak RSS (the largest of any of its processes) and CPU
// for an apply of 200 credentials (50 per vendor), then a `plan -refresh-only` and a plain `plan` of
// them, on each Node.js release users have, side by side in one run. Terraform starts the provider
// with the `node` first on its PATH: each row puts one release there (scripts/node-binary.js). The
// target: every peak at most 80 MiB on every release. Figures only; nothing is written.
//   CREDFORM_BENCH_NODE_MAJORS=20,24   releases to measure (default: the machine's, 22, 24, 26)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyOnce } from './apply.mjs';
import { VENDOR_KEYS } from './configs.mjs';
import { planFigures } from './plan.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { nodeBinDir } = createRequire(import.meta.url)('../scripts/node-binary.js');
const bundleDir = join(root, 'lib', 'provider-bundle');
const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
const machine = process.versions.node.split('.')[0];
const majors = (process.env.CREDFORM_BENCH_NODE_MAJORS ?? `${machine},22,24,26`).split(',').map((m) => m.trim());
const perVendor = 50;
const TARGET_MB = 80;
delete process.env.NODE_EXTRA_CA_CERTS; // see bench/run.mjs: not what most machines have
const basePath = process.env.PATH ?? '';
const log = (m) => process.stderr.write(`[bench:node-memory] ${m}\n`);

/**
 * The runtime's own floor: the peak RSS of a bare `node` (the `node` first on PATH) that loads what
 * any provider must before its handshake (http2, tls, crypto) and nothing else.
 */
function runtimeFloorMb() {
  const script = "require('http2');require('tls');require('crypto');process.stdout.write(/VmHWM:\\s*(\\d+)/.exec(require('fs').readFileSync('/proc/self/status','utf8'))[1])";
  const kb = Math.min(...[1, 2, 3].map(() => Number(execFileSync('node', ['-e', script], { encoding: 'utf8' }))));
  return kb / 1024;
}

const rows = [];
for (const major of majors) {
  process.env.PATH = major === machine ? basePath : `${nodeBinDir(major)}:${basePath}`;
  const cacheDir = mkdtempSync(join(tmpdir(), 'credform-bench-v8cache-'));
  try {
    // The first apply writes the code caches, as a user's first command does; the second is measured.
    await applyOnce('credform', { bundleDir, version, cacheDir, perVendor });
    const apply = await applyOnce('credform', { bundleDir, version, cacheDir, perVendor });
    const plans = await planFigures({ bundleDir, version, cacheDir, perVendor, vendors: VENDOR_KEYS, runs: 1, log });
    const row = {
      node: execFileSync('node', ['--version'], { encoding: 'utf8' }).trim(),
      runtimeMb: runtimeFloorMb(),
      apply: { peakMb: apply.provider.maxRssMb, cpuMs: apply.provider.cpuMs, ms: apply.ms },
      refresh: { peakMb: plans.refresh.peakRssMb, cpuMs: plans.refresh.providerCpuMs, ms: plans.refresh.ms },
      plan: { peakMb: plans.plan.peakRssMb, cpuMs: plans.plan.providerCpuMs, ms: plans.plan.ms },
    };
    log(JSON.stringify(row));
    rows.push(row);
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
}
process.env.PATH = basePath;

const credentials = perVendor * VENDOR_KEYS.length;
const cell = (f) => `${f.peakMb.toFixed(0)} MB (${(f.cpuMs / 1000).toFixed(2)} s CPU)`;
console.log(`\nProvider peak RSS (and CPU of all its processes) for ${credentials} credentials; target: every peak ≤ ${TARGET_MB} MiB\n`);
console.log(`| Node | bare runtime (http2, tls, crypto) | apply | plan -refresh-only | plain plan | largest peak above the runtime | verdict |`);
console.log(`|---|---|---|---|---|---|---|`);
for (const r of rows) {
  const peaks = [r.apply, r.refresh, r.plan].map((f) => f.peakMb);
  const met = peaks.every((mb) => mb <= TARGET_MB);
  console.log(`| ${r.node} | ${r.runtimeMb.toFixed(0)} MB | ${cell(r.apply)} | ${cell(r.refresh)} | ${cell(r.plan)} | ${(Math.max(...peaks) - r.runtimeMb).toFixed(0)} MB | ${met ? '**met**' : '**missed**'} |`);
}
