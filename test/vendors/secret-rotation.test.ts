/**
 * The write-only secret fingerprint and its plan-time check (src/vendors/secret-rotation.ts), with
 * real scrypt and HMAC. The vendor e2e tests show rotation end to end through Terraform; these pin
 * down which stored value decides, and what falls back to what.
 */
import { randomBytes } from 'node:crypto';
import { Diagnostics } from '../../src/tfplugin/diagnostics';
import type { CreateRequest, PlanRequest, PrivateState, State, UpdateRequest } from '../../src/tfplugin/resource';
import {
  SECRET_CHECK_PRIVATE_KEY as CHECK,
  SECRET_FINGERPRINT_PRIVATE_KEY as FINGERPRINT,
  beginSecretRecord,
  deriveSecretCheckKey,
  fingerprint,
  matchesFingerprint,
  matchesSecretCheck,
  planSecretRotation,
  recordSecretApplied,
  secretCheck,
  type CheckKeySource,
  type SecretAttributes,
  type SecretCheckKey,
} from '../../src/vendors/secret-rotation';
import { Unknown } from '../../src/tfplugin/values/types';
import { canary } from '../support/canary';

const ATTRS: SecretAttributes = { writeOnly: 'value_wo', version: 'value_wo_version', sensitive: 'value', revision: 'value_revision' };
const SECRET = canary('rotation');
const OTHER = canary('rotation-other');
const TOKEN = canary('vendor-token');

let key: SecretCheckKey;
let otherKey: SecretCheckKey;
beforeAll(async () => {
  key = (await deriveSecretCheckKey('tines', { api_key: TOKEN }))!;
  otherKey = (await deriveSecretCheckKey('tines', { api_key: `${TOKEN}-rotated` }))!;
});

/** A key source that says how often it was asked (asking costs a scrypt). */
function source(k: SecretCheckKey | undefined): CheckKeySource & { asked: number } {
  const s = Object.assign(async () => {
    s.asked++;
    return k;
  }, { asked: 0 });
  return s;
}

function planReq(secret: string | Unknown, priorPrivate: PrivateState, prior: State | null = { value_revision: 3, value_wo_version: null }): PlanRequest<unknown> {
  return {
    config: { value_wo: secret, value_wo_version: null },
    priorState: prior,
    priorPrivate,
    plan: { ...(prior ?? {}) },
    plannedPrivate: { ...priorPrivate },
    requiresReplace: new Set(),
    providerData: undefined,
    diagnostics: new Diagnostics(),
    signal: new AbortController().signal,
  };
}

function createReq(secret: string): CreateRequest<unknown> {
  return {
    config: { value_wo: secret, value_wo_version: null },
    plan: { value_revision: new Unknown(), value_wo_version: null },
    state: null,
    private: {},
    providerData: undefined,
    diagnostics: new Diagnostics(),
    signal: new AbortController().signal,
  };
}

function updateReq(secret: string, priorPrivate: PrivateState): UpdateRequest<unknown> {
  const prior = { value_revision: 3, value_wo_version: null };
  return {
    config: { value_wo: secret, value_wo_version: null },
    plan: { ...prior },
    priorState: prior,
    priorPrivate,
    state: { ...prior },
    private: { ...priorPrivate },
    providerData: undefined,
    diagnostics: new Diagnostics(),
    signal: new AbortController().signal,
  };
}

describe('check key', () => {
  test('is the same for the same credentials, differs with the token and the vendor, and is absent without credentials', async () => {
    const again = (await deriveSecretCheckKey('tines', { api_key: TOKEN }))!;
    expect(again.id).toBe(key.id);
    expect(again.key.equals(key.key)).toBe(true);
    expect(otherKey.id).not.toBe(key.id);
    expect((await deriveSecretCheckKey('dx', { api_key: TOKEN }))!.id).not.toBe(key.id);
    expect(await deriveSecretCheckKey('tines', { api_key: undefined, token: '' })).toBeUndefined();
  });

  test('neither the key id nor a check holds the token or the secret', () => {
    const check = secretCheck(SECRET, key);
    for (const text of [key.id, check, Buffer.from(check).toString('base64')]) {
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain(SECRET);
    }
    expect(key.key.toString('latin1')).not.toContain(TOKEN);
  });
});

describe('check', () => {
  test('matches the secret it was made from (object keys in any order), not another one', () => {
    const check = secretCheck({ a: 1, b: SECRET }, key);
    expect(matchesSecretCheck({ b: SECRET, a: 1 }, check, key)).toBe(true);
    expect(matchesSecretCheck({ a: 1, b: OTHER }, check, key)).toBe(false);
  });

  test('says nothing under another key, or for a value that is not a check', async () => {
    expect(matchesSecretCheck(SECRET, secretCheck(SECRET, key), otherKey)).toBeUndefined();
    expect(matchesSecretCheck(SECRET, await fingerprint(SECRET), key)).toBeUndefined();
    expect(matchesSecretCheck(SECRET, 'hmac-sha256$only-an-id', key)).toBeUndefined();
  });

  test('is salted: two checks of one secret differ', () => {
    expect(secretCheck(SECRET, key)).not.toBe(secretCheck(SECRET, key));
  });
});

describe('fingerprint', () => {
  test.each([
    ['another cost, so a later change of cost plans no rotation', { N: 1 << 11, r: 8, p: 2 }, 'scrypt$2048$8$2$'],
    ["earlier builds' N=2^13, r=8, p=1, so upgrading plans no rotation", { N: 1 << 13, r: 8, p: 1 }, 'scrypt$8192$8$1$'],
  ])('is checked at the cost it names: %s', async (_why, cost, prefix) => {
    const fp = await fingerprint(SECRET, randomBytes(16), cost);
    expect(fp.startsWith(prefix)).toBe(true);
    expect(await matchesFingerprint(SECRET, fp)).toBe(true);
    expect(await matchesFingerprint(OTHER, fp)).toBe(false);
  });

  test("today's cost: 1 MiB of scrypt memory, and no less guessing work (N·r·p) than earlier builds' N=2^13, r=8, p=1", async () => {
    const [kind, n, r, p] = (await fingerprint(SECRET)).split('$');
    expect(kind).toBe('scrypt');
    expect(128 * Number(n) * Number(r)).toBeLessThanOrEqual(1024 * 1024);
    expect(Number(n) * Number(r) * Number(p)).toBeGreaterThanOrEqual((1 << 13) * 8 * 1);
  });

  test('names a cost too cheap or too dear to be checked: no match, even for the right secret', async () => {
    // Real fingerprints of SECRET: they would match if their cost were accepted.
    expect(await matchesFingerprint(SECRET, await fingerprint(SECRET, randomBytes(16), { N: 1 << 9, r: 8, p: 1 }))).toBe(false);
    expect(await matchesFingerprint(SECRET, await fingerprint(SECRET, randomBytes(16), { N: 1 << 14, r: 8, p: 9 }))).toBe(false);
  });

  test('anything malformed does not match, and never throws', async () => {
    const [, , , , salt, hash] = (await fingerprint(SECRET)).split('$');
    const variants = [
      `scrypt$3$8$1$${salt}$${hash}`, // N not a power of two
      `scrypt$1048576$8$1$${salt}$${hash}`, // 1 GiB
      `scrypt$8192$0$1$${salt}$${hash}`,
      `scrypt$8192$8$0$${salt}$${hash}`,
      `scrypt$8192$x$1$${salt}$${hash}`,
      `scrypt$8192$8$1.5$${salt}$${hash}`,
      `scrypt$8192$8$-1$${salt}$${hash}`,
      `scrypt$8192$8$1$${salt}$${hash}$extra`,
      `scrypt$8192$8$1$${salt}$${Buffer.from('short').toString('base64')}`,
      `scrypt$8192$8$1$${salt}$`,
      `bcrypt$8192$8$1$${salt}$${hash}`,
      'scrypt',
      '',
    ];
    for (const v of variants) expect(await matchesFingerprint(SECRET, v)).toBe(false);
  });
});

describe('planSecretRotation', () => {
  test('decides by the check alone when its key is at hand (no fingerprint needed)', async () => {
    const same = planReq(SECRET, { [CHECK]: secretCheck(SECRET, key) });
    expect(await planSecretRotation(same, ATTRS, source(key))).toBe(false);
    expect(same.plan.value_revision).toBe(3);

    const changed = planReq(OTHER, { [CHECK]: secretCheck(SECRET, key), [FINGERPRINT]: await fingerprint(SECRET) });
    expect(await planSecretRotation(changed, ATTRS, source(key))).toBe(true);
    expect(changed.plan.value_revision).toBeInstanceOf(Unknown);
    expect(changed.plannedPrivate).toEqual({});
  });

  test('falls back to the fingerprint when the check was made under another key', async () => {
    const priv = { [CHECK]: secretCheck(SECRET, otherKey), [FINGERPRINT]: await fingerprint(SECRET) };
    expect(await planSecretRotation(planReq(SECRET, priv), ATTRS, source(key))).toBe(false);
    expect(await planSecretRotation(planReq(OTHER, priv), ATTRS, source(key))).toBe(true);
  });

  test('uses the fingerprint when there is no check, no key source, or no key', async () => {
    const fp = await fingerprint(SECRET);
    const keyless = source(undefined);
    expect(await planSecretRotation(planReq(SECRET, { [FINGERPRINT]: fp }), ATTRS, source(key))).toBe(false);
    expect(await planSecretRotation(planReq(SECRET, { [FINGERPRINT]: fp, [CHECK]: secretCheck(SECRET, key) }), ATTRS)).toBe(false);
    expect(await planSecretRotation(planReq(OTHER, { [FINGERPRINT]: fp, [CHECK]: secretCheck(SECRET, key) }), ATTRS, keyless)).toBe(true);
    expect(keyless.asked).toBe(1);
  });

  test('does not derive the key when nothing is compared (a create, an unknown secret)', async () => {
    const s = source(key);
    expect(await planSecretRotation(planReq(SECRET, {}, null), ATTRS, s)).toBe(false);
    expect(await planSecretRotation(planReq(new Unknown(), { [CHECK]: secretCheck(SECRET, key) }), ATTRS, s)).toBe(true);
    expect(s.asked).toBe(0);
  });
});

describe('recordSecretApplied', () => {
  test('a create records a fingerprint and a check of the secret sent', async () => {
    const req = createReq(SECRET);
    const state: State = { ...req.plan };
    await recordSecretApplied(req, state, ATTRS, true, source(key));
    expect(state.value_revision).toBe(1);
    expect(await matchesFingerprint(SECRET, req.private[FINGERPRINT] as string)).toBe(true);
    expect(matchesSecretCheck(SECRET, req.private[CHECK] as string, key)).toBe(true);
    expect(JSON.stringify(req.private)).not.toContain(SECRET);
  });

  test('a record begun before the vendor call (to overlap its wait) is the one recorded', async () => {
    const req = createReq(SECRET);
    const early = source(key);
    beginSecretRecord(req, ATTRS, early);
    const late = source(otherKey);
    await recordSecretApplied(req, { ...req.plan }, ATTRS, true, late);
    expect(early.asked).toBe(1);
    expect(late.asked).toBe(0);
    expect(matchesSecretCheck(SECRET, req.private[CHECK] as string, key)).toBe(true);
    expect(await matchesFingerprint(SECRET, req.private[FINGERPRINT] as string)).toBe(true);
  });

  test('an update that sent no secret adds a check when the secret matches the fingerprint', async () => {
    const req = updateReq(SECRET, { [FINGERPRINT]: await fingerprint(SECRET) });
    await recordSecretApplied(req, { ...req.plan }, ATTRS, false, source(key));
    expect(matchesSecretCheck(SECRET, req.private[CHECK] as string, key)).toBe(true);
    expect(req.private[FINGERPRINT]).toBe(req.priorPrivate[FINGERPRINT]);
  });

  test('renews a check made under another key, but never from a secret that does not match', async () => {
    const fp = await fingerprint(SECRET);
    const stale = secretCheck(SECRET, otherKey);
    const renewed = updateReq(SECRET, { [FINGERPRINT]: fp, [CHECK]: stale });
    await recordSecretApplied(renewed, { ...renewed.plan }, ATTRS, false, source(key));
    expect(matchesSecretCheck(SECRET, renewed.private[CHECK] as string, key)).toBe(true);

    // The write-only value is read again at apply and may differ from what the plan compared.
    const changed = updateReq(OTHER, { [FINGERPRINT]: fp, [CHECK]: stale });
    await recordSecretApplied(changed, { ...changed.plan }, ATTRS, false, source(key));
    expect(changed.private[CHECK]).toBe(stale);
    expect(changed.private[FINGERPRINT]).toBe(fp);
  });

  test('keeps a current check as it is, without deriving anything more', async () => {
    const check = secretCheck(SECRET, key);
    const req = updateReq(SECRET, { [FINGERPRINT]: await fingerprint(SECRET), [CHECK]: check });
    await recordSecretApplied(req, { ...req.plan }, ATTRS, false, source(key));
    expect(req.private[CHECK]).toBe(check);
  });
});
