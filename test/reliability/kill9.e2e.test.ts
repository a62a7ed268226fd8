// @date-sensitive: a killed apply's leftovers, adopted within the adoption window. Also run with the clock moved (scripts/test-clock-shift.mjs).
/**
 * `kill -9` of terraform in the middle of an apply of 100 credentials, then apply again.
 *
 * Writes are slowed down (simulator latency) so that about ten creates are in flight at the vendors
 * when terraform dies. The provider process notices its parent is gone and exits, but the vendors
 * finish the requests they already received: those credentials exist, and the state (written by
 * terraform after each resource) never heard of them. The next apply must find each of them by its
 * natural key and adopt it — not create a second one, and not fail on the vendor's uniqueness rule.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Simulators } from '../../src/simulators';
import { canary, recordOutput } from '../support/canary';
import { credformTerraform } from '../support/credform-terraform';
import { startTestSimulators } from '../support/simulators';
import { collect, type TerraformDir } from '../support/terraform';
import { SECRET_ENV, VENDORS, fleetHcl, reconcile, setAllFaults, stateIds, total, vendorHoldings, type Vendor } from './support';

const PER_VENDOR = 25;
const CONFIGURED = PER_VENDOR * VENDORS.length;
/** Terraform is killed once this many "Creation complete" lines have appeared. */
const KILL_AFTER = 30;
const WRITE_LATENCY_MS = 500;

let sims: Simulators;
let env: Record<string, string>;
beforeAll(async () => {
  ({ sims, env } = await startTestSimulators());
});
afterAll(async () => {
  await sims?.stop();
});

/** Pids of the provider processes terraform started (its children running the installed provider). */
function providerChildren(terraformPid: number): number[] {
  const out = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' });
  return out
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([, ppid, ...args]) => Number(ppid) === terraformPid && args.join(' ').includes('terraform-provider-credform'))
    .map(([pid]) => Number(pid));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitFor(what: string, condition: () => boolean, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return Date.now() - started;
}

/** Every credential each vendor holds carries the secret configured for it (vendor and configuration agree). */
function secretsHeld(s: Simulators, secret: string): Record<Vendor, string[]> {
  const wrong: Record<Vendor, string[]> = { dx: [], apinizer: [], ox: [], tines: [] };
  const index = (key: string) => key.slice(key.lastIndexOf('-') + 1);
  for (const c of s.dx.snapshot().credentials.filter((c) => c.deleted_at === null)) {
    if (c.secrets.api_token !== `${secret}-dx-${index(c.label)}`) wrong.dx.push(c.label);
  }
  for (const c of s.apinizer.snapshot().projects.find((p) => p.name === 'MyProject')!.credentials) {
    if (c.password !== `${secret}-apinizer-${index(c.username)}`) wrong.apinizer.push(c.username);
  }
  for (const c of s.ox.snapshot().connectors.find((c) => c.id === '2')!.credentials) {
    if (c.input.password !== `${secret}-ox-${index(String(c.credentialsName))}`) wrong.ox.push(String(c.credentialsName));
  }
  for (const c of s.tines.snapshot().credentials) {
    if (c.value !== `${secret}-tines-${index(c.name)}`) wrong.tines.push(c.name);
  }
  return wrong;
}

test('kill -9 mid-apply, apply again: the credentials the killed run left at the vendors are adopted, none doubled', async () => {
  const secret = canary('kill9');
  const tf: TerraformDir = await credformTerraform('credform-rel-kill9-', { ...env, [SECRET_ENV]: secret });
  tf.write('main.tf', fleetHcl({ perVendor: PER_VENDOR }));
  setAllFaults(sims, () => ({ latencyMs: WRITE_LATENCY_MS, writesOnly: true }));

  // 1. Start the apply and kill terraform (SIGKILL: no chance to clean up) mid-way.
  const child = tf.start(['apply', '-auto-approve', '-parallelism=40']);
  const finished = collect(child, 'terraform apply (killed with SIGKILL)');
  let stdout = '';
  let completedAtKill = 0;
  let providersAtKill: number[] = [];
  await new Promise<void>((resolve, reject) => {
    child.on('exit', () => reject(new Error(`terraform ended before it was killed:\n${stdout}`)));
    child.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString();
      const completed = (stdout.match(/Creation complete/g) ?? []).length;
      if (completed >= KILL_AFTER && completedAtKill === 0) {
        completedAtKill = completed;
        providersAtKill = providerChildren(child.pid!);
        child.kill('SIGKILL');
        resolve();
      }
    });
  });
  const killed = await finished;
  expect(killed.code).toBe(128); // died by a signal
  expect(completedAtKill).toBeGreaterThanOrEqual(KILL_AFTER);
  expect(completedAtKill).toBeLessThan(CONFIGURED);

  // 2. The provider notices terraform is gone and exits by itself; the vendors finish what they received.
  expect(providersAtKill.length).toBeGreaterThan(0);
  const providerGoneMs = await waitFor('the provider of the killed run to exit', () => !providersAtKill.some(alive), 10_000);
  let lastCount = -1;
  await waitFor('the vendors to be idle', () => {
    const count = VENDORS.reduce((n, v) => n + sims[v].requestCount(), 0);
    const idle = count === lastCount;
    lastCount = count;
    return idle;
  }, 10_000);
  await new Promise((r) => setTimeout(r, WRITE_LATENCY_MS * 2));

  // A kill during terraform's rewrite of the state file can leave it empty (seen often: terraform
  // truncates, then writes), which terraform reads as "no state" — adoption recovers from that. Were
  // it cut mid-JSON, terraform could not read it at all: restore the backup, as a user would.
  const statePath = join(tf.dir, 'terraform.tfstate');
  const stateText = existsSync(statePath) ? readFileSync(statePath, 'utf8') : '';
  const stateEmpty = stateText.trim() === '';
  let stateRestored = false;
  if (!stateEmpty) {
    try {
      JSON.parse(stateText);
    } catch {
      copyFileSync(join(tf.dir, 'terraform.tfstate.backup'), statePath);
      stateRestored = true;
    }
  }
  const afterKill = reconcile(sims, tf);
  const heldAfterKill = vendorHoldings(sims);
  recordOutput('kill9 reconciliation after kill', JSON.stringify(afterKill));
  // The scenario really happened: credentials exist that the state never heard of.
  expect(afterKill.orphans.length).toBeGreaterThan(0);
  expect(afterKill.duplicates).toEqual([]);
  expect(afterKill.phantoms).toEqual([]);
  // Terraform writes the state after each resource, a little behind its "Creation complete" lines
  // (and a kill during that write can leave less): whatever it holds, the vendors hold all of it.
  expect(total(afterKill.vendor)).toBeLessThan(CONFIGURED);

  // 3. The local lock: a SIGKILL usually leaves `.terraform.tfstate.lock.info` behind, but the lock
  // itself is an OS lock on the state file that died with terraform — no force-unlock is needed:
  // the next run takes it at once (-lock-timeout=0s would fail if it were still held).
  const lockInfo = join(tf.dir, '.terraform.tfstate.lock.info');
  const lockLeft = existsSync(lockInfo);
  if (lockLeft) expect((JSON.parse(readFileSync(lockInfo, 'utf8')) as { Operation: string }).Operation).toBe('OperationTypeApply');

  // 4. Apply again, faults off: converges, adopting what the killed run made.
  setAllFaults(sims, () => undefined);
  const started = Date.now();
  const again = await tf.run(['apply', '-auto-approve', '-lock-timeout=0s']);
  const againMs = Date.now() - started;
  if (again.code !== 0) throw new Error(`the apply after the kill failed (${againMs} ms):\n${again.stderr}`);
  expect(again.stdout + again.stderr).toMatch(/adopted|superseded/);

  const final = reconcile(sims, tf);
  expect(final).toEqual({
    vendor: { dx: PER_VENDOR, apinizer: PER_VENDOR, ox: PER_VENDOR, tines: PER_VENDOR },
    state: { dx: PER_VENDOR, apinizer: PER_VENDOR, ox: PER_VENDOR, tines: PER_VENDOR },
    duplicates: [],
    orphans: [],
    phantoms: [],
  });
  // DX, Apinizer, Tines: adopted, not deleted and made again — every credential they held after the
  // kill is in the state now. OX cannot change a secret, so it supersedes instead: each name it held
  // is there once, and the credentials left behind were replaced by ones holding the configured secret.
  const ids = stateIds(tf);
  for (const v of ['dx', 'apinizer', 'tines'] as const) expect(heldAfterKill[v].map((h) => h.id).filter((id) => !ids[v].includes(id))).toEqual([]);
  const oxOrphans = afterKill.orphans.filter((o) => o.startsWith('ox:'));
  const oxNow = vendorHoldings(sims).ox;
  for (const orphan of oxOrphans) {
    const [, name, id] = /^ox:(.*)\((\w+)\)$/.exec(orphan)!;
    expect(oxNow.filter((h) => h.key === name)).toHaveLength(1);
    expect(oxNow.some((h) => h.id === id)).toBe(false);
  }
  expect(secretsHeld(sims, secret)).toEqual({ dx: [], apinizer: [], ox: [], tines: [] });
  const plan = await tf.run(['plan', '-detailed-exitcode']);
  expect({ code: plan.code, stderr: plan.stderr }).toEqual({ code: 0, stderr: '' });

  recordOutput(
    'kill9 summary',
    JSON.stringify({ completedAtKill, providerGoneMs, lockLeft, stateEmpty, stateRestored, afterKill: { vendor: afterKill.vendor, state: afterKill.state, orphans: afterKill.orphans }, againMs }),
  );
  // eslint-disable-next-line no-console
  console.log(`kill -9 after ${completedAtKill} creations; provider gone in ${providerGoneMs} ms; lock info left: ${lockLeft}; state file empty: ${stateEmpty}; restored from backup: ${stateRestored}; orphans: ${afterKill.orphans.join(', ')}; re-apply ${againMs} ms`);
});
