// @date-sensitive: seeded creation times against the provider's adoption window. Also run with the clock moved (scripts/test-clock-shift.mjs).
/**
 * A seeded object whose seed gives no creation time was made a month before the simulator read
 * the seed, on credform's clock: on any day the simulators run, the provider never takes a seeded
 * credential for one an interrupted apply just made.
 */
import { now } from '../../src/clock';
import { dxCredentialSchema, dxConnectionSchema } from '../../src/simulators/dx/state';
import { oxStoredCredentialsSchema } from '../../src/simulators/ox/state';
import { SEED_AGE_MS } from '../../src/simulators/seed-time';
import { tinesCredentialSchema } from '../../src/simulators/tines/state';
import { createdRecently } from '../../src/vendors/adoption';

const seeded = (): Record<string, string> => ({
  'DX connection': dxConnectionSchema.parse({ id: 1, type: 'github', name: 'GitHub' }).created_at,
  'DX credential': dxCredentialSchema.parse({ id: 9, connection_id: 1, type: 'github', label: 'l' }).created_at,
  'OX credentials': oxStoredCredentialsSchema.parse({ credentialsId: 'c1', credentialsType: 'Token' }).createdAt,
  'Tines credential (created)': tinesCredentialSchema.parse({ id: 1, name: 'n', value: 'v', team_id: 2, slug: 'n' }).created_at,
  'Tines credential (updated)': tinesCredentialSchema.parse({ id: 1, name: 'n', value: 'v', team_id: 2, slug: 'n' }).updated_at,
});

test.each(Object.entries(seeded()))('%s: a month before now, so never adopted as just made', (_what, iso) => {
  const at = Date.parse(iso);
  const expected = now() - SEED_AGE_MS;
  expect(Math.abs(at - expected)).toBeLessThan(60_000);
  expect(createdRecently(iso)).toBe(false);
});

test('a creation time the seed gives is kept as it is', () => {
  const given = '2001-02-03T04:05:06.000Z';
  expect(tinesCredentialSchema.parse({ id: 1, name: 'n', value: 'v', team_id: 2, slug: 'n', created_at: given }).created_at).toBe(given);
});
