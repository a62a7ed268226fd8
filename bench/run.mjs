// `npm run bench` (= `npm run build && node bench/run.mjs`): every figure side by side from ONE run
// on this machine, medians of interleaved runs. Prints the tables and writes them into
// docs/performance.md between the `bench:start` / `bench:end` markers (the rest of that file is
// prose kept by hand). Traffic stays on 127.0.0.1: the simulators, the provider and terraform only.
//
//   CREDFORM_BENCH_BUNDLE_DIR   a provider bundle other than lib/provider-bundle (e.g. one built
//                               with scripts/bundle-provider.js into a directory of your own)
//   CREDFORM_BENCH_QUICK=1      fewer runs and smaller sizes, to try the benchmark itself out; the
//                               figures are then printed but docs/performance.md is left alone
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { execFileSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyFigures, applyOnce } from './apply.mjs';
import { VENDOR_KEYS } from './configs.mjs';
import { planFigures } from './plan.mjs';
import { startupFigures } from './startup.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const quick = process.env.CREDFORM_BENCH_QUICK === '1';
const bundleDir = process.env.CREDFORM_BENCH_BUNDLE_DIR ? resolve(process.env.CREDFORM_BENCH_BUNDLE_DIR) : join(root, 'lib', 'provider-bundle');
const executable = join(bundleDir, 'terraform-provider');
if (!existsSync(executable)) throw new Error(`no provider bundle at ${bundleDir}: run \`npm run build\` (or \`npm run bench\`)`);
const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
// The V8 code caches of this run, apart from the user's: the warm-up writes them as a first real run would.
const cacheDir = mkdtempSync(join(tmpdir(), 'credform-bench-v8cache-'));

// NODE_EXTRA_CA_CERTS makes every Node.js process parse that CA bundle as it starts (tens of ms), the
// provider and `node -e 0` alike, which hides what the provider's own TLS set-up costs (and slows
// each local-exec script down). Most machines do not set it: nothing here runs with it, except one
// extra start-up measurement when it was set.
const inheritedExtraCa = process.env.NODE_EXTRA_CA_CERTS;
delete process.env.NODE_EXTRA_CA_CERTS;

const t0 = Date.now();
const load0 = loadavg();
const log = (m) => process.stderr.write(`[bench ${((Date.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${m}\n`);

const N = quick ? { startRuns: 7, cold: 3, applyRuns: 1, perVendor: 10, planRuns: 1, bigPerVendor: 50, bigRuns: 1 } : { startRuns: 21, cold: 5, applyRuns: 5, perVendor: 50, planRuns: 5, bigPerVendor: 250, bigRuns: 3 };
const small = N.perVendor * VENDOR_KEYS.length;
const big = N.bigPerVendor * VENDOR_KEYS.length;

log(`provider start: ${N.startRuns} interleaved runs`);
const start = await startupFigures(executable, { runs: N.startRuns, cacheDir, cold: N.cold, withFloor: true, withoutOptions: true });
const startCa = inheritedExtraCa ? await startupFigures(executable, { runs: N.startRuns, cacheDir, extraEnv: { NODE_EXTRA_CA_CERTS: inheritedExtraCa } }) : undefined;

log(`warm-up: one apply of ${small} credentials (not counted)`);
const warm = await applyOnce('credform', { bundleDir, version, cacheDir, perVendor: N.perVendor });
// The floor with credform's state: one unpadded try gives the padding that makes its state file the
// size of credform's (see stateFloorConfig).
const probe = await applyOnce('state-floor', { bundleDir, version, cacheDir, perVendor: N.perVendor, samples: warm.samples });
const pad = Math.max(0, Math.round((warm.stateBytes - probe.stateBytes) / small));

log(`apply of ${small} credentials: credform, terraform_data (plain, and with credform's state), terraform_data + local-exec; ${N.applyRuns} runs each, interleaved`);
const apply = await applyFigures({ bundleDir, version, cacheDir, perVendor: N.perVendor, runs: N.applyRuns, samples: warm.samples, pad, log });

log(`plans of ${small} existing credentials`);
const plan1 = await planFigures({ bundleDir, version, cacheDir, perVendor: N.perVendor, vendors: VENDOR_KEYS, runs: N.planRuns, log });
log(`plans of ${big} existing credentials`);
const plan2 = await planFigures({ bundleDir, version, cacheDir, perVendor: N.bigPerVendor, vendors: VENDOR_KEYS, runs: N.bigRuns, log });
rmSync(cacheDir, { recursive: true, force: true });
const load1 = loadavg();

// ---------------------------------------------------------------------------------------------
// Tables

const ms = (x) => `${Math.round(x).toLocaleString('en-US')} ms`;
const s = (x) => `${(x / 1000).toFixed(1)} s`;
const mb = (x) => `${x.toFixed(0)} MB`;
const x2 = (x) => `${x.toFixed(2)}×`;
const table = (head, rows) => [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
const mark = (ok) => (ok ? '**met**' : '**missed**');

const cf = apply.credform;
const floor = apply.floor;
const stateFloor = apply['state-floor'];
const alt = apply['local-exec'];
const simsOwn = cf.serverCpuMs;
const allowed = 2 * floor.ms + simsOwn;
const allowedSameState = 2 * stateFloor.ms + simsOwn;
const perCred = (p, k) => p[k].cpuPerCredentialMs;
const linear = (k) => perCred(plan2, k) <= 1.15 * perCred(plan1, k) && plan2[k].msPerCredential <= 1.15 * plan1[k].msPerCredential;
const marginal = (k) => (plan2[k].providerCpuMs - plan1[k].providerCpuMs) / (big - small);
const peakApply = cf.peakRssMb;
const peakBig = Math.max(plan2.refresh.peakRssMb, plan2.plan.peakRssMb);

const startTable = table(
  ['measure', 'time', 'beside', 'that', 'ratio'],
  [
    [`credform: spawn → handshake line, V8 code cache warm (median of ${start.runs})`, ms(start.provider), 'bare `node -e 0`', ms(start.node), x2(start.provider / start.node)],
    [`credform without any code cache: a first start (median of ${start.coldRuns})`, ms(start.cold), 'bare `node -e 0`', ms(start.node), x2(start.cold / start.node)],
    [`credform without its node options (\`CREDFORM_NODE_OPTIONS=\`: Node's own modules then load from Node's code cache), cache warm (median of ${start.runs})`, ms(start.withoutOptions), 'bare `node -e 0`', ms(start.node), x2(start.withoutOptions / start.node)],
    [`floor for any Node.js provider: bench/tls-floor.cjs (certificate, HTTP/2 + mutual TLS, no gRPC) (median of ${start.runs})`, ms(start.floor), 'bare `node -e 0`', ms(start.node), x2(start.floor / start.node)],
    ...(startCa
      ? [[`credform, cache warm, both with this machine's NODE_EXTRA_CA_CERTS (median of ${startCa.runs})`, ms(startCa.provider), 'bare `node -e 0`, the same', ms(startCa.node), x2(startCa.provider / startCa.node)]]
      : []),
  ],
);

const cpuOrDash = (x) => (x === undefined ? '—' : s(x));
const kb = (x) => `${Math.round(x / 1024).toLocaleString('en-US')} KiB`;
const applyTable = table(
  ['design', `\`terraform apply\`, ${small} credentials (median of ${cf.runs})`, 'simulators: requests / TCP connections / CPU', 'provider: processes / CPU / peak RSS', "Terraform's own CPU", 'state file'],
  [
    ['credform (this provider)', s(cf.ms), `${cf.requests} / ${cf.connections} / ${ms(cf.serverCpuMs)}`, `${cf.providerProcesses} / ${s(cf.providerCpuMs)} / ${mb(cf.peakRssMb)}`, cpuOrDash(cf.terraformCpuMs), kb(cf.stateBytes)],
    ['`terraform_data` + `local-exec` running bench/local-exec-create.mjs (fetch)', s(alt.ms), `${alt.requests} / ${alt.connections} / ${ms(alt.serverCpuMs)}`, '—', `${cpuOrDash(alt.terraformCpuMs)} (its ${small} scripts included)`, kb(alt.stateBytes)],
    [`floor: ${small} \`terraform_data\`, no vendor calls`, s(floor.ms), '—', '—', cpuOrDash(floor.terraformCpuMs), kb(floor.stateBytes)],
    [`floor with credform's state: ${small} \`terraform_data\` each holding what a credform credential holds, padded to a state file of credform's size (bench/configs.mjs, \`stateFloorConfig\`)`, s(stateFloor.ms), '—', '—', cpuOrDash(stateFloor.terraformCpuMs), kb(stateFloor.stateBytes)],
  ],
);

const planRow = (p, k, label) => [
  `${label}, ${p.credentials.toLocaleString('en-US')} credentials (median of ${p[k].runs})`,
  s(p[k].ms),
  `${p[k].msPerCredential.toFixed(2)} ms`,
  `${s(p[k].providerCpuMs)} in ${p[k].processes} processes`,
  `${p[k].cpuPerCredentialMs.toFixed(2)} ms`,
  mb(p[k].peakRssMb),
  `${p[k].requests}`,
];
const planTable = table(
  ['command', 'wall', 'wall / credential', 'provider CPU', 'CPU / credential', 'peak RSS', 'requests'],
  [
    planRow(plan1, 'refresh', '`terraform plan -refresh-only`'),
    planRow(plan2, 'refresh', '`terraform plan -refresh-only`'),
    planRow(plan1, 'plan', '`terraform plan` (no changes)'),
    planRow(plan2, 'plan', '`terraform plan` (no changes)'),
  ],
);

const targets = table(
  ['target', 'measured', 'verdict'],
  [
    [
      'provider start ≤ 1.3× bare node',
      `${x2(start.provider / start.node)} (${ms(start.provider)} vs ${ms(start.node)}); ${x2(start.withoutOptions / start.node)} without the launcher's node options; the TLS floor alone is ${x2(start.floor / start.node)}${startCa ? `; ${x2(startCa.provider / startCa.node)} with NODE_EXTRA_CA_CERTS set` : ''}`,
      `${mark(start.provider <= 1.3 * start.node)}${startCa ? ` (${mark(startCa.provider <= 1.3 * startCa.node)} with NODE_EXTRA_CA_CERTS)` : ''}`,
    ],
    [`apply of ${small} ≤ 0.3× the local-exec alternative`, `${x2(cf.ms / alt.ms)} (${s(cf.ms)} vs ${s(alt.ms)})`, mark(cf.ms <= 0.3 * alt.ms)],
    [
      `apply of ${small} ≤ 2× the terraform_data floor + the simulators' own time`,
      `${s(cf.ms)} vs 2 × ${s(floor.ms)} + ${s(simsOwn)} = ${s(allowed)} (${x2(cf.ms / allowed)})${cf.terraformCpuMs === undefined || floor.terraformCpuMs === undefined ? '' : `; Terraform's own CPU ${s(cf.terraformCpuMs)} with the provider vs ${s(floor.terraformCpuMs)} for the floor`}`,
      mark(cf.ms <= allowed),
    ],
    [
      `(not a target: the same, against the floor with credform's state)`,
      `${s(cf.ms)} vs 2 × ${s(stateFloor.ms)} + ${s(simsOwn)} = ${s(allowedSameState)} (${x2(cf.ms / allowedSameState)})`,
      cf.ms <= allowedSameState ? 'within' : 'over',
    ],
    [
      'refresh-plan cost grows linearly',
      `\`-refresh-only\`: ${perCred(plan1, 'refresh').toFixed(2)} → ${perCred(plan2, 'refresh').toFixed(2)} ms CPU and ${plan1.refresh.msPerCredential.toFixed(2)} → ${plan2.refresh.msPerCredential.toFixed(2)} ms wall per credential (${small} → ${big}); each credential more costs ${marginal('refresh').toFixed(2)} ms CPU. Plain \`plan\`: ${perCred(plan1, 'plan').toFixed(2)} → ${perCred(plan2, 'plan').toFixed(2)} ms CPU, ${plan1.plan.msPerCredential.toFixed(2)} → ${plan2.plan.msPerCredential.toFixed(2)} ms wall`,
      `${mark(linear('refresh'))} (\`-refresh-only\`), ${mark(linear('plan'))} (plain)`,
    ],
    [
      '≤ 3 ms of provider CPU per credential (refresh-plan)',
      `\`-refresh-only\`: ${perCred(plan1, 'refresh').toFixed(2)} ms at ${small}, ${perCred(plan2, 'refresh').toFixed(2)} ms at ${big}; plain \`plan\`: ${perCred(plan1, 'plan').toFixed(2)} ms at ${small}, ${perCred(plan2, 'plan').toFixed(2)} ms at ${big}`,
      `\`-refresh-only\`: ${mark(perCred(plan1, 'refresh') <= 3)} at ${small}, ${mark(perCred(plan2, 'refresh') <= 3)} at ${big}; plain: ${mark(perCred(plan1, 'plan') <= 3)} / ${mark(perCred(plan2, 'plan') <= 3)}`,
    ],
    [
      'peak RSS ≤ 80 MB',
      `${mb(peakApply)} in the ${small}-apply, ${mb(peakBig)} in the ${big}-plans (\`-refresh-only\` ${mb(plan2.refresh.peakRssMb)}, plain ${mb(plan2.plan.peakRssMb)})`,
      `${mark(peakApply <= 80)} (apply), ${mark(peakBig <= 80)} (plans)`,
    ],
  ],
);

const throttledAt = Object.entries({
  [`the credform applies of ${small}`]: cf.throttled,
  [`the local-exec applies of ${small}`]: alt.throttled,
  [`creating the ${small} credentials for the plans`]: plan1.setupThrottled,
  [`the plans of ${small}`]: plan1.refresh.throttled + plan1.plan.throttled,
  [`creating the ${big} credentials for the plans`]: plan2.setupThrottled,
  [`the plans of ${big}`]: plan2.refresh.throttled + plan2.plan.throttled,
}).filter(([, n]) => n > 0);
const throttled = throttledAt.length === 0 ? 'none' : `${throttledAt.map(([where, n]) => `${n} in ${where}`).join(', ')}, which the provider waited out as the answer said`;
const terraformVersion = (() => {
  try {
    return JSON.parse(execFileSync('terraform', ['version', '-json'], { encoding: 'utf8', env: { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null' }, stdio: ['ignore', 'pipe', 'ignore'] })).terraform_version;
  } catch {
    return 'unknown';
  }
})();
const minutes = ((Date.now() - t0) / 60000).toFixed(1);
const machine = `${cpus().length} cores (${cpus()[0]?.model?.trim() ?? 'unknown CPU'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, Terraform ${terraformVersion}`;
const command =
  process.env.npm_lifecycle_event === 'bench'
    ? 'npm run bench'
    : `${process.env.CREDFORM_BENCH_BUNDLE_DIR ? 'CREDFORM_BENCH_BUNDLE_DIR=<a bundle of the same sources> ' : ''}node bench/run.mjs`;
const generated = `Measured by \`${command}\` on ${new Date().toISOString().slice(0, 10)}: ${machine}. The run took ${minutes} min;
load average ${load0.map((l) => l.toFixed(1)).join(' / ')} at its start, ${load1.map((l) => l.toFixed(1)).join(' / ')} at its end (other work on the machine inflates every figure: compare the ratios).
Simulators run in a process of their own (bench/simulators.mjs), fresh for every apply and every plan series, with the vendors' real rate limits (429 answers in this run: ${throttled}).
Every command ran without NODE_EXTRA_CA_CERTS${inheritedExtraCa ? ' (this machine sets it; see the last start-up row)' : ''}.

### Start-up

${startTable}

### \`terraform apply\` creating ${small} credentials (${N.perVendor} per vendor; each run in a fresh working directory against fresh simulators)

${applyTable}

"Simulators: CPU" is the simulators' own CPU time during the apply (request handling and the vendors' logic): the part of an apply no provider can remove. "Terraform's own CPU" is the user+system time of the \`terraform\` process (and of what it ran, less the provider processes), from the kernel's count for ended child processes: what Terraform itself spends on ${small} resources kept by a provider process (four gRPC calls and their values each) against kept in Terraform (\`terraform_data\`). Terraform writes the whole state file after every resource it applies, so its own work grows with the state each resource keeps times the number of resources: the last row keeps, in each \`terraform_data\`, what a credform credential of the same vendor keeps (its attributes and private state, as JSON text, padded until the state file is the size of credform's), so that it differs from credform by the provider alone.

### Plans of existing credentials (${N.perVendor} and ${N.bigPerVendor} per vendor)

${planTable}

Provider CPU is user+system time summed over every provider process of the command (CREDFORM_STATS_FILE); peak RSS is the largest VmHWM of any one of them. MB throughout are MiB (2²⁰ bytes; VmHWM counts KiB): 80 MiB is 83.9 million bytes.

### Targets

${targets}`;

console.log(`\n${generated}\n`);
if (quick) {
  log('CREDFORM_BENCH_QUICK=1: docs/performance.md not written');
} else {
  const doc = join(root, 'docs', 'performance.md');
  const START = '<!-- bench:start (written by `npm run bench`) -->';
  const END = '<!-- bench:end -->';
  const old = existsSync(doc) ? readFileSync(doc, 'utf8') : '';
  const i = old.indexOf(START);
  const j = old.indexOf(END);
  const block = `${START}\n${generated}\n${END}`;
  writeFileSync(doc, i >= 0 && j > i ? old.slice(0, i) + block + old.slice(j + END.length) : `# Performance\n\n${block}\n`);
  log(`wrote ${doc}`);
}
log(`done in ${minutes} min`);
