/**
 * The plan-time secret check is keyed by the vendor token the provider is configured with
 * (src/vendors/secret-rotation.ts). Rotating that token must not make plans lose track of the
 * secret: they fall back to the scrypt fingerprint (no spurious rotation, a real one still seen),
 * and the next write of the object renews the check under the new key.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulators, type Simulators } from '../../../src/simulators';
import { canary, watchSecret } from '../../support/canary';
import { expectConverged, startWorld, type World } from '../../support/world';
import { jiraTokenConfig } from './support';

/** The resource's private state as Terraform stored it (base64 of the provider's JSON). */
function privateOf(dir: string): Record<string, string> {
  const state = JSON.parse(readFileSync(join(dir, 'terraform.tfstate'), 'utf8'));
  const instance = state.resources.find((r: { type: string }) => r.type === 'credform_dx_credential').instances[0];
  return JSON.parse(Buffer.from(instance.private, 'base64').toString('utf8'));
}

const keyIdOf = (check: string) => check.split('$')[1];

describe('rotating the vendor token the provider uses', () => {
  const simState = mkdtempSync(join(tmpdir(), 'credform-dx-token-rotation-sims-'));
  let world: World | undefined;
  let rotated: Simulators | undefined;
  afterAll(async () => {
    await world?.sims.stop();
    await rotated?.stop();
    rmSync(simState, { recursive: true, force: true });
  });

  test('plans fall back to the fingerprint, then the next write renews the check', async () => {
    const stateFile = join(simState, 'sims.json');
    world = await startWorld('credform-dx-token-rotation-', {}, { stateFile });
    const { tf } = world;
    const secret = canary('dx-token-rotation');
    tf.write('main.tf', jiraTokenConfig('first@example.com'));
    await tf.ok(['apply', '-auto-approve'], { JIRA_TOKEN: secret });
    const first = privateOf(tf.dir);
    expect(first.secret_fingerprint).toMatch(/^scrypt\$/);
    expect(first.secret_check).toMatch(/^hmac-sha256\$/);
    expect(JSON.stringify(first)).not.toContain(secret);
    await expectConverged(tf, { JIRA_TOKEN: secret });

    // DX, same data, now accepting only a new token: the provider is configured with that one.
    await world.sims.stop();
    world = undefined;
    const newToken = canary('dx-api-token');
    watchSecret(newToken);
    rotated = await startSimulators({ host: '127.0.0.1', stateFile, tokens: { dx: newToken } });
    const env: Record<string, string> = { ...rotated.providerEnv(), JIRA_TOKEN: secret };
    expect(env.DX_API_TOKEN).toBe(newToken);

    await expectConverged(tf, env);
    const changed = await tf.run(['plan', '-detailed-exitcode', '-input=false'], { ...env, JIRA_TOKEN: canary('dx-token-rotation-new') });
    expect(changed.code).toBe(2);
    expect(changed.stdout).toMatch(/secrets_revision = 1 -> \(known after apply\)/);

    // An update that does not send the secret (a label change) renews the check under the new key.
    tf.write('main.tf', jiraTokenConfig('second@example.com'));
    await tf.ok(['apply', '-auto-approve'], env);
    const second = privateOf(tf.dir);
    expect(second.secret_fingerprint).toBe(first.secret_fingerprint);
    expect(keyIdOf(second.secret_check)).not.toBe(keyIdOf(first.secret_check));
    expect((await tf.values('credform_dx_credential.jira'))?.secrets_revision).toBe(1);
    await expectConverged(tf, env);
  });
});
