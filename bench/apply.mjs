// `terraform apply` creating N credentials per vendor, in three designs (see configs.mjs), each run in
// a fresh working directory against fresh simulators (so names and DX's duplicate checks never meet
// an earlier run's credentials). Only the apply is timed; init and the simulators' start are not.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { credformConfig, floorConfig, localExecConfig, SECRET_ENV, stateFloorConfig, stateSamples, VENDOR_KEYS } from './configs.mjs';
import { startSimulatorsProcess } from './simulators.mjs';
import { median, providerStats, terraform, workDir } from './terraform.mjs';

const require = createRequire(import.meta.url);
const { installProvider } = require('../lib/cli/install.js');

export const APPLY = ['apply', '-auto-approve', '-input=false'];

/** Writes a working directory for `variant` and runs init; returns it with its environment. */
export async function prepare(variant, { bundleDir, perVendor, version, simEnv, cacheDir, vendors = VENDOR_KEYS, samples, pad }) {
  const w = workDir(variant, { ...simEnv, [SECRET_ENV]: 'bench-secret-value', CREDFORM_CACHE_DIR: cacheDir });
  if (variant === 'credform') {
    installProvider({ dir: join(w.dir, 'terraform.d', 'plugins'), bundleDir });
    writeFileSync(join(w.dir, 'main.tf'), credformConfig(perVendor, version, vendors));
  } else if (variant === 'floor') {
    writeFileSync(join(w.dir, 'main.tf'), floorConfig(perVendor * vendors.length));
  } else if (variant === 'state-floor') {
    writeFileSync(join(w.dir, 'main.tf.json'), stateFloorConfig(perVendor, samples, vendors, pad));
  } else {
    writeFileSync(join(w.dir, 'main.tf'), localExecConfig(perVendor, vendors));
  }
  await terraform(w.dir, w.env, ['init', '-input=false']);
  let n = 0;
  return { ...w, statsFile: () => join(w.dir, `provider-stats-${++n}.jsonl`) };
}

/**
 * One timed apply of `variant` against fresh simulators. Also gives the size of the state file it
 * left, and for credform one credential of each vendor as the state holds it (`samples`, for the
 * `state-floor` variant).
 */
export async function applyOnce(variant, opts) {
  const sims = await startSimulatorsProcess();
  try {
    const w = await prepare(variant, { ...opts, simEnv: sims.env });
    const statsFile = w.statsFile();
    await sims.mark();
    const { ms, cpuMs } = await terraform(w.dir, { ...w.env, CREDFORM_STATS_FILE: statsFile }, APPLY);
    const server = await sims.stats();
    const provider = providerStats(statsFile);
    const stateFile = join(w.dir, 'terraform.tfstate');
    const stateBytes = existsSync(stateFile) ? statSync(stateFile).size : 0;
    const samples = variant === 'credform' && stateBytes ? stateSamples(JSON.parse(readFileSync(stateFile, 'utf8'))) : undefined;
    w.remove();
    // Terraform's own CPU: the command's, less its provider processes' (local-exec scripts stay in).
    return { ms, server, provider, terraformCpuMs: cpuMs === undefined ? undefined : cpuMs - provider.cpuMs, stateBytes, samples };
  } finally {
    await sims.stop();
  }
}

/** Interleaved runs of the designs (the state floor needs `samples` and `pad`); medians of each figure. */
export async function applyFigures({ bundleDir, version, cacheDir, perVendor = 50, runs = 5, samples, pad, log = () => {} }) {
  const variants = ['credform', 'floor', 'state-floor', 'local-exec'];
  const results = Object.fromEntries(variants.map((v) => [v, []]));
  for (let i = 0; i < runs; i++) {
    for (const v of variants) {
      const r = await applyOnce(v, { bundleDir, version, cacheDir, perVendor, samples, pad });
      log(`apply ${v} run ${i + 1}/${runs}: ${r.ms.toFixed(0)} ms, terraform ${r.terraformCpuMs?.toFixed(0) ?? '?'} ms CPU, simulators ${r.server.cpuMs.toFixed(0)} ms CPU / ${r.server.requests} requests`);
      results[v].push(r);
    }
  }
  const pick = (v, f) => median(results[v].map(f));
  return Object.fromEntries(
    variants.map((v) => [
      v,
      {
        runs: results[v].length,
        ms: pick(v, (r) => r.ms),
        serverCpuMs: pick(v, (r) => r.server.cpuMs),
        serverBusyMs: pick(v, (r) => r.server.busyMs),
        serverHandlingMs: pick(v, (r) => r.server.handlingMs),
        requests: pick(v, (r) => r.server.requests),
        connections: pick(v, (r) => r.server.connections),
        throttled: Math.max(...results[v].map((r) => r.server.statuses['429'] ?? 0)),
        providerCpuMs: pick(v, (r) => r.provider.cpuMs),
        terraformCpuMs: results[v].some((r) => r.terraformCpuMs === undefined) ? undefined : pick(v, (r) => r.terraformCpuMs),
        providerProcesses: pick(v, (r) => r.provider.processes),
        peakRssMb: Math.max(...results[v].map((r) => r.provider.maxRssMb)),
        stateBytes: pick(v, (r) => r.stateBytes),
        all: results[v],
      },
    ]),
  );
}
