// Plans of N existing credentials: one apply creates them (not timed), then `terraform plan
// -refresh-only` (a ReadResource per credential) and plain `terraform plan` (ReadResource and
// PlanResourceChange per credential; "No changes") run in turn, `runs` times each. Per command: wall
// time, and from CREDFORM_STATS_FILE the provider's CPU time (user+system summed over all its
// processes) and peak RSS (the largest of any of its processes).
import { APPLY, prepare } from './apply.mjs';
import { startSimulatorsProcess } from './simulators.mjs';
import { median, providerStats, terraform } from './terraform.mjs';

export const REFRESH_ONLY = ['plan', '-input=false', '-refresh-only', '-detailed-exitcode'];
export const PLAIN_PLAN = ['plan', '-input=false', '-detailed-exitcode'];

/** Figures for `perVendor` credentials of each of `vendors`. */
export async function planFigures({ bundleDir, version, cacheDir, perVendor, vendors, runs = 5, rateLimits = true, log = () => {} }) {
  const sims = await startSimulatorsProcess({ rateLimits });
  const credentials = perVendor * vendors.length;
  try {
    const w = await prepare('credform', { bundleDir, version, cacheDir, perVendor, vendors, simEnv: sims.env });
    await sims.mark();
    const setup = await terraform(w.dir, w.env, APPLY, { timeoutMs: 900_000 });
    const setupServer = await sims.stats();
    log(`plan ${credentials}: created them in ${(setup.ms / 1000).toFixed(1)} s (${setupServer.requests} requests)`);
    const kinds = { refresh: REFRESH_ONLY, plan: PLAIN_PLAN };
    const results = { refresh: [], plan: [] };
    for (let i = 0; i < runs; i++) {
      for (const [kind, args] of Object.entries(kinds)) {
        const statsFile = w.statsFile();
        await sims.mark();
        // A plan must find nothing to do: plain plan exits 0 (-detailed-exitcode), a refresh-only plan
        // may exit 2 even then, so its output is checked as well.
        const { ms, out } = await terraform(w.dir, { ...w.env, CREDFORM_STATS_FILE: statsFile }, args, { timeoutMs: 900_000, okCodes: kind === 'refresh' ? [0, 2] : [0] });
        if (!out.includes('No changes.')) throw new Error(`${args.join(' ')} found changes:\n${out.slice(-3000)}`);
        const server = await sims.stats();
        const provider = providerStats(statsFile);
        log(`plan ${credentials} ${kind} run ${i + 1}/${runs}: ${ms.toFixed(0)} ms, provider ${provider.cpuMs.toFixed(0)} ms CPU in ${provider.processes} processes, peak ${provider.maxRssMb.toFixed(0)} MB`);
        results[kind].push({ ms, server, provider });
      }
    }
    w.remove();
    const summary = (rs) => ({
      runs: rs.length,
      ms: median(rs.map((r) => r.ms)),
      providerCpuMs: median(rs.map((r) => r.provider.cpuMs)),
      cpuPerCredentialMs: median(rs.map((r) => r.provider.cpuMs)) / credentials,
      msPerCredential: median(rs.map((r) => r.ms)) / credentials,
      processes: median(rs.map((r) => r.provider.processes)),
      peakRssMb: Math.max(...rs.map((r) => r.provider.maxRssMb)),
      requests: median(rs.map((r) => r.server.requests)),
      serverCpuMs: median(rs.map((r) => r.server.cpuMs)),
      throttled: Math.max(...rs.map((r) => r.server.statuses['429'] ?? 0)),
    });
    return {
      credentials,
      vendors,
      setupMs: setup.ms,
      setupThrottled: setupServer.statuses['429'] ?? 0,
      refresh: summary(results.refresh),
      plan: summary(results.plan),
    };
  } finally {
    await sims.stop();
  }
}
