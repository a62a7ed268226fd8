import { canary } from '../support/canary';
import { credformTerraform } from '../support/credform-terraform';
import { startTestSimulators } from '../support/simulators';
import { collect } from '../support/terraform';
import { fleetHcl, reconcile, SECRET_ENV, faultCounts, setAllFaults, VENDORS, errorSummaries } from './support';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

test('kill', async () => {
  const { sims, env } = await startTestSimulators();
  try {
    const tf = await credformTerraform('credform-rel-scratch-', { ...env, [SECRET_ENV]: canary('rel') });
    tf.write('main.tf', fleetHcl({ perVendor: 25 }));
    setAllFaults(sims, () => ({ latencyMs: 400, writesOnly: true }));
    const child = tf.start(['apply', '-auto-approve']);
    let out = '';
    const done = collect(child, 'killed apply');
    await new Promise<void>((resolve) => {
      child.stdout!.on('data', (d) => {
        out += d;
        const n = (out.match(/Creation complete/g) ?? []).length;
        if (n >= 30) { child.kill('SIGKILL'); resolve(); }
      });
    });
    const r = await done;
    console.log('killed', r.code, (out.match(/Creation complete/g) ?? []).length);
    console.log('right after kill', JSON.stringify(reconcile(sims, tf)));
    await new Promise((res) => setTimeout(res, 3000));
    console.log('after 3s', JSON.stringify(reconcile(sims, tf)), existsSync(join(tf.dir, '.terraform.tfstate.lock.info')));
    const { execSync } = require('node:child_process');
    console.log(execSync('ps aux | grep -c "[p]rovider" || true').toString());
    setAllFaults(sims, () => undefined);
    const a = await tf.run(['apply', '-auto-approve']);
    console.log('reapply', a.code, JSON.stringify(errorSummaries(a.stderr)), a.stderr.slice(0, 4000));
    console.log(JSON.stringify(reconcile(sims, tf)));
  } finally { await sims.stop(); }
}, 600_000);
