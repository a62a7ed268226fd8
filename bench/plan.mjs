// A one-resource `terraform plan` with our provider beside one with the built-in terraform_data.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median } from './startup.mjs';

function tfEnv(dir) {
  const rc = join(dir, '.terraformrc');
  writeFileSync(rc, '');
  return { ...process.env, TF_CLI_CONFIG_FILE: rc, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' };
}

function timed(dir, env, args) {
  const t0 = process.hrtime.bigint();
  execFileSync('terraform', args, { cwd: dir, env, stdio: 'ignore' });
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/** `setup(dir)` writes the configuration and installs what it needs; returns nothing. */
export async function planFigures(cases, runs = 5) {
  const dirs = {};
  for (const [name, setup] of Object.entries(cases)) {
    const dir = mkdtempSync(join(tmpdir(), `credform-bench-${name}-`));
    await setup(dir);
    const env = tfEnv(dir);
    execFileSync('terraform', ['init', '-input=false'], { cwd: dir, env, stdio: 'ignore' });
    dirs[name] = { dir, env, times: [] };
  }
  for (let i = 0; i < runs; i++) {
    for (const d of Object.values(dirs)) d.times.push(timed(d.dir, d.env, ['plan', '-input=false', '-lock=false']));
  }
  return Object.fromEntries(Object.entries(dirs).map(([k, d]) => [k, median(d.times)]));
}
