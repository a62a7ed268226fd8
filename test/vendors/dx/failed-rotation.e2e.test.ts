/**
 * A rotation the vendor refuses must not be remembered as done: after a failed update the prior
 * private state (the fingerprint of the secret DX still holds) is kept, so going back to that secret
 * plans nothing, and retrying the refused one plans the rotation again.
 */
import { canary } from '../../support/canary';
import { expectConverged, jiraTokenConfig, startDxWorld, type DxWorld } from './support';

describe('a refused rotation', () => {
  let world: DxWorld;
  afterAll(() => world?.sims.stop());

  test('keeps the prior fingerprint: reverting plans nothing, retrying plans the rotation again', async () => {
    world = await startDxWorld('credform-dx-failed-rotation-');
    const { tf } = world;
    const good = canary('dx-good');
    tf.write('main.tf', jiraTokenConfig('rotation@example.com'));
    await tf.ok(['apply', '-auto-approve'], { JIRA_TOKEN: good });
    await expectConverged(tf, { JIRA_TOKEN: good });

    const refused = `invalid-${canary('dx-refused')}`;
    const failed = await tf.run(['apply', '-auto-approve'], { JIRA_TOKEN: refused });
    expect(failed.code).not.toBe(0);
    expect(failed.stderr).toContain('Invalid credentials');

    await expectConverged(tf, { JIRA_TOKEN: good });
    const retry = await tf.run(['plan', '-detailed-exitcode'], { JIRA_TOKEN: refused });
    expect(retry.code).toBe(2);
    expect(retry.stdout).toMatch(/secrets_revision = 1 -> \(known after apply\)/);
  });
});
