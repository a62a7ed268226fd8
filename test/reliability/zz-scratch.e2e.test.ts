import { canary } from '../support/canary';
import { credformTerraform } from '../support/credform-terraform';
import { startTestSimulators } from '../support/simulators';
import { fleetHcl, reconcile, SECRET_ENV, faultCounts, setAllFaults, VENDORS, errorSummaries } from './support';

test('timing', async () => {
  const { sims, env } = await startTestSimulators();
  try {
    const tf = await credformTerraform('credform-rel-scratch-', { ...env, [SECRET_ENV]: canary('rel') });
    tf.write('main.tf', fleetHcl({ perVendor: 25 }));
    setAllFaults(sims, (v) => ({ seed: 11 + VENDORS.indexOf(v), rateLimitShare: 0.1, serverErrorShare: 0.1, resetShare: 0.1, retryAfterSeconds: 1 }));
    for (let i = 0; i < 5; i++) {
      const t = Date.now();
      const r = await tf.run(['apply', '-auto-approve']);
      console.log('apply', i, Date.now() - t, r.code, JSON.stringify(errorSummaries(r.stderr)));
      if (i === 0) console.log(r.stderr.slice(0, 6000));
      console.log(JSON.stringify(reconcile(sims, tf)), JSON.stringify(faultCounts(sims)));
      if (r.code === 0) break;
    }
    setAllFaults(sims, () => undefined);
    const p = await tf.run(['plan', '-detailed-exitcode']);
    console.log('plan', p.code);
  } finally { await sims.stop(); }
}, 600_000);
