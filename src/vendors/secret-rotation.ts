/**
 * Detects a changed write-only secret without a version bump. Terraform cannot diff a write-only
 * value (it is never in plan or state), so the provider keeps a salted scrypt fingerprint of the
 * last secret it sent in the object's PRIVATE state (stored beside the object, never shown in a
 * plan), and when the configured secret no longer matches it plans a change of the visible computed
 * `<x>_revision` attribute: the plan says the secret rotates, never what it is.
 *
 * The `<x>_revision` attribute must carry `useStateForUnknown()`: otherwise every update of another
 * attribute would plan it unknown, and the secret would be sent each time.
 *
 * The fingerprint is scrypt(N=2^10, r=8, p=8) over the canonical JSON of the secret with a random
 * 16-byte salt per object: nothing recoverable is stored, and guessing costs ~20 ms of CPU per try.
 * Earlier builds used N=2^13, r=8, p=1: the same N·r·p, so the same CPU and the same memory traffic
 * per guess, in 8 MiB instead of 1. At these sizes guessing is bound by memory bandwidth, which goes
 * with N·r·p (OWASP's Password Storage Cheat Sheet lists N=2^17 p=1 and N=2^13 p=10, both r=8, as
 * equal in the defence they give), while 8 MiB per fingerprint, two at once, was what kept a
 * 200-credential apply above 80 MB. The cost is stored with it, and a stored fingerprint is checked
 * at its own cost (within bounds), so changing the cost later changes new fingerprints only.
 *
 * Beside it, a *check* lets a plan compare without a scrypt per object (200 of them were ~4 s of CPU
 * in every plan): HMAC-SHA256 of the secret with a random salt, under a key made by scrypt from the
 * vendor credentials the provider is configured with (API token, password) — once per process and
 * vendor, never stored. From the state alone the check is useless (the key is not there, and each
 * guess of the vendor token costs a scrypt); holding the vendor token as well makes guessing a secret
 * cheap, which is the price of the fast plan. When the key changed (the vendor token was rotated)
 * or there is no check yet, the plan falls back to the scrypt fingerprint, and the next write of the
 * object renews the check.
 */
import { createHmac, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { availableParallelism } from 'node:os';
import type { CreateRequest, PlanRequest, PrivateState, UpdateRequest } from '../tfplugin/resource';
import { toPlain } from '../tfplugin/schema/validate';
import { valuesEqual } from '../tfplugin/values/equal';
import { Unknown, type TfValue } from '../tfplugin/values/types';

const N = 1 << 10;
const R = 8;
const P = 8;
const KEY_LENGTH = 32;

export interface SecretAttributes {
  /** Write-only attribute (Terraform 1.11+), e.g. `secrets_wo`. */
  readonly writeOnly: string;
  /** Optional companion users may bump to force a rotation, e.g. `secrets_wo_version`. */
  readonly version: string;
  /** Sensitive fallback for Terraform < 1.11, e.g. `secrets` (kept in state by Terraform itself). */
  readonly sensitive: string;
  /** Computed number bumped by every rotation, e.g. `secrets_revision`. */
  readonly revision: string;
}

/** Canonical JSON: object keys sorted, so `{a,b}` and `{b,a}` fingerprint alike. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * scrypt runs on libuv's thread pool (4 threads), ~20 ms of CPU each. More at once than there are
 * cores gains nothing, and the pool's other threads stay free for DNS lookups and file work (the
 * vendor clients resolve hosts through it), so at most this many run together.
 */
const MAX_CONCURRENT_SCRYPT = Math.max(1, Math.min(2, availableParallelism()));
let running = 0;
const waiting: Array<() => void> = [];

export interface ScryptCost {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

const FINGERPRINT_COST: ScryptCost = { N, r: R, p: P };

/**
 * The check key costs what a fingerprint costs (1 MiB: four may be made in one plan). Not tied to
 * FINGERPRINT_COST on purpose: the key, and so its id, changes with its cost, and every stored check
 * would then be stale, sending plans to the fingerprints until each credential is written again.
 */
const CHECK_KEY_COST: ScryptCost = { N: 1 << 10, r: 8, p: 8 };

/**
 * The costs a stored fingerprint may name and still be checked: its own, so that a later change of
 * FINGERPRINT_COST does not turn every stored fingerprint into a planned rotation. Bounded, so that a
 * damaged or hand-edited state cannot make a plan spend minutes or gigabytes on one comparison:
 * N a power of two from 2^10, memory (128·N·r bytes) at most 64 MiB, CPU (N·r·p) at most 16 times
 * today's.
 */
function acceptableCost({ N: n, r, p }: ScryptCost): boolean {
  return r >= 1 && p >= 1 && n >= 1 << 10 && (n & (n - 1)) === 0 && 128 * n * r <= 64 * 1024 * 1024 && n * r * p <= 16 * N * R * P;
}

async function derive(secret: string, salt: Buffer, cost: ScryptCost = FINGERPRINT_COST): Promise<Buffer> {
  // A finishing derive hands its slot straight to the next waiter, so `running` never overshoots.
  if (running >= MAX_CONCURRENT_SCRYPT) await new Promise<void>((resolve) => waiting.push(resolve));
  else running++;
  try {
    // maxmem: V plus scrypt's smaller buffers (B, XY), with room to spare.
    const maxmem = 128 * cost.N * cost.r + 1024 * cost.r * (cost.p + 2) + 1024 * 1024;
    return await new Promise<Buffer>((resolve, reject) =>
      scrypt(secret, salt, KEY_LENGTH, { ...cost, maxmem }, (err, key) => (err ? reject(err) : resolve(key))),
    );
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

/** `scrypt$<N>$<r>$<p>$<salt b64>$<hash b64>`; made at today's cost unless another is given. */
export async function fingerprint(secret: unknown, salt: Buffer = randomBytes(16), cost: ScryptCost = FINGERPRINT_COST): Promise<string> {
  const key = await derive(canonicalJson(secret), salt, cost);
  return `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** Checked at the cost the fingerprint names (whole numbers, see acceptableCost); false for anything malformed. */
export async function matchesFingerprint(secret: unknown, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, hash, ...rest] = stored.split('$');
  if (kind !== 'scrypt' || !salt || !hash || rest.length > 0 || ![n, r, p].every((x) => /^[0-9]{1,9}$/.test(x ?? ''))) return false;
  const cost: ScryptCost = { N: Number(n), r: Number(r), p: Number(p) };
  if (!acceptableCost(cost)) return false;
  const expected = Buffer.from(hash, 'base64');
  if (expected.length !== KEY_LENGTH) return false;
  const key = await derive(canonicalJson(secret), Buffer.from(salt, 'base64'), cost);
  return timingSafeEqual(key, expected);
}

const PRIVATE_KEY = 'secret_fingerprint';
const CHECK_PRIVATE_KEY = 'secret_check';

/** The key of the plan-time check: never stored; `id` tells which key made a stored check. */
export interface SecretCheckKey {
  readonly id: string;
  readonly key: Buffer;
}

/**
 * The check key for a vendor's configured credentials (undefined when none are set). A scrypt, so
 * that a stored key id is no cheaper a test of a guessed vendor token than the fingerprint is of a
 * guessed secret; callers make it once per process and vendor.
 */
export async function deriveSecretCheckKey(vendor: string, credentials: Readonly<Record<string, string | undefined>>): Promise<SecretCheckKey | undefined> {
  const set = Object.fromEntries(Object.entries(credentials).filter(([, v]) => typeof v === 'string' && v !== ''));
  if (Object.keys(set).length === 0) return undefined;
  const key = await derive(canonicalJson(set), Buffer.from(`credform secret check v1 ${vendor}`), CHECK_KEY_COST);
  return { id: createHmac('sha256', key).update('key id').digest().subarray(0, 12).toString('base64url'), key };
}

function checkMac(key: SecretCheckKey, salt: Buffer, secret: unknown): Buffer {
  return createHmac('sha256', key.key).update(salt).update(canonicalJson(secret)).digest();
}

/** `hmac-sha256$<key id>$<salt b64>$<mac b64>` */
export function secretCheck(secret: unknown, key: SecretCheckKey, salt: Buffer = randomBytes(16)): string {
  return `hmac-sha256$${key.id}$${salt.toString('base64')}$${checkMac(key, salt, secret).toString('base64')}`;
}

/** True or false when `stored` was made with `key`; undefined when it was not (or is not a check). */
export function matchesSecretCheck(secret: unknown, stored: string, key: SecretCheckKey): boolean | undefined {
  const [kind, id, salt, mac] = stored.split('$');
  if (kind !== 'hmac-sha256' || id !== key.id || !salt || !mac) return undefined;
  const expected = Buffer.from(mac, 'base64');
  const actual = checkMac(key, Buffer.from(salt, 'base64'), secret);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Gives the check key when one is needed; deriving it costs a scrypt, so it is asked for only then. */
export type CheckKeySource = () => Promise<SecretCheckKey | undefined>;

/** Compares with the check when its key is at hand, else with the scrypt fingerprint. */
async function matchesStored(secret: unknown, priv: PrivateState, checkKey: CheckKeySource | undefined): Promise<boolean> {
  const check = priv[CHECK_PRIVATE_KEY];
  const stored = priv[PRIVATE_KEY];
  if (typeof check === 'string' && checkKey) {
    const key = await checkKey();
    const quick = key && matchesSecretCheck(secret, check, key);
    if (quick !== undefined) return quick;
  }
  return typeof stored === 'string' && (await matchesFingerprint(secret, stored));
}

/** The secret the configuration holds now (write-only first), as plain data; undefined when unset. */
export function configuredSecret(config: Readonly<Record<string, TfValue>>, attrs: SecretAttributes): unknown | Unknown | undefined {
  const v = config[attrs.writeOnly] ?? config[attrs.sensitive] ?? null;
  if (v === null) return undefined;
  if (v instanceof Unknown) return v;
  return toPlain(v);
}

/**
 * At plan: when the secret differs from the fingerprint kept for the object (or it is not known
 * yet), or `<x>_wo_version` changed (apply then sends the secret again), plan a new revision.
 * Returns true when a rotation is planned.
 *
 * The comparison goes through the check (microseconds), or through the fingerprint (a scrypt) when
 * there is no check made under the current key. Nothing new is made here: the fingerprint and check
 * are made once, at apply, from the secret the vendor took (`recordSecretApplied`). Terraform plans
 * every resource twice in an apply (the plan, then again while applying), so a fingerprint made at
 * plan would be made twice and thrown away once — for a create that was all of its scrypt cost.
 */
export async function planSecretRotation(req: PlanRequest<unknown>, attrs: SecretAttributes, checkKey?: CheckKeySource): Promise<boolean> {
  const secret = configuredSecret(req.config, attrs);
  const prior = req.priorState;
  const rotate = (): boolean => {
    // Both made at apply, from the secret actually sent.
    delete req.plannedPrivate[PRIVATE_KEY];
    delete req.plannedPrivate[CHECK_PRIVATE_KEY];
    if (prior) req.plan[attrs.revision] = new Unknown();
    return !!prior;
  };
  if (!prior) return rotate();
  // An unknown version may turn out changed, so it counts as a bump.
  if (!valuesEqual(req.plan[attrs.version] ?? null, prior[attrs.version] ?? null)) return rotate();
  if (secret === undefined) return false;
  if (secret instanceof Unknown) return rotate();
  if (await matchesStored(secret, req.priorPrivate, checkKey)) return false;
  return rotate();
}

/** True when the plan says the secret changes (so apply must send it). */
export function secretRotates(req: UpdateRequest<unknown>, attrs: SecretAttributes): boolean {
  return req.plan[attrs.revision] instanceof Unknown || (req.plan[attrs.version] ?? null) !== (req.priorState[attrs.version] ?? null);
}

interface SecretRecord {
  readonly fingerprint: string;
  readonly check?: string;
}

async function makeSecretRecord(secret: unknown, checkKey: CheckKeySource | undefined): Promise<SecretRecord> {
  const [key, fp] = await Promise.all([checkKey?.(), fingerprint(secret)]);
  return { fingerprint: fp, check: key ? secretCheck(secret, key) : undefined };
}

/** Records begun before the vendor call, by apply request (see `beginSecretRecord`). */
const begun = new WeakMap<object, Promise<SecretRecord>>();

/**
 * At apply, before the vendor call that sends the secret: starts its fingerprint and check, so that
 * their CPU (a scrypt, ~20 ms) overlaps the wait for the vendor's answer instead of following it.
 * `recordSecretApplied` uses them once the vendor took the secret; if it did not, they are dropped.
 */
export function beginSecretRecord(req: CreateRequest<unknown> | UpdateRequest<unknown>, attrs: SecretAttributes, checkKey?: CheckKeySource): void {
  const raw = configuredSecret(req.config, attrs);
  if (raw === undefined || raw instanceof Unknown || begun.has(req)) return;
  const record = makeSecretRecord(raw, checkKey);
  record.catch(() => undefined); // awaited (and its failure reported) only if the vendor call succeeds
  begun.set(req, record);
}

/**
 * At apply, after the vendor accepted the secret: the new revision, fingerprint and check. An update
 * that did not send the secret keeps the prior ones, and renews a check that is missing or was made
 * under another key — once the secret is shown to match the fingerprint (a write-only value is read
 * again at apply, so it may differ from the one the plan compared).
 */
export async function recordSecretApplied(
  req: CreateRequest<unknown> | UpdateRequest<unknown>,
  state: Record<string, TfValue>,
  attrs: SecretAttributes,
  rotated: boolean,
  checkKey?: CheckKeySource,
): Promise<void> {
  const prior = 'priorState' in req ? (req.priorState[attrs.revision] as number | null) : null;
  state[attrs.revision] = rotated ? (typeof prior === 'number' ? prior + 1 : 1) : (prior ?? 1);
  const priv: PrivateState = req.private;
  const raw = configuredSecret(req.config, attrs);
  const secret = raw instanceof Unknown ? undefined : raw;
  if (rotated) {
    if (secret === undefined || typeof priv[PRIVATE_KEY] === 'string') return;
    const record = await (begun.get(req) ?? makeSecretRecord(secret, checkKey));
    priv[PRIVATE_KEY] = record.fingerprint;
    if (record.check) priv[CHECK_PRIVATE_KEY] = record.check;
    return;
  }
  if (!('priorPrivate' in req)) return;
  const stored = req.priorPrivate[PRIVATE_KEY];
  if (typeof stored !== 'string') return;
  priv[PRIVATE_KEY] = stored;
  const check = req.priorPrivate[CHECK_PRIVATE_KEY];
  if (typeof check === 'string') priv[CHECK_PRIVATE_KEY] = check;
  const key = secret === undefined ? undefined : await checkKey?.();
  if (!key || (typeof check === 'string' && check.split('$')[1] === key.id)) return;
  if (await matchesFingerprint(secret, stored)) priv[CHECK_PRIVATE_KEY] = secretCheck(secret, key);
}

export const SECRET_FINGERPRINT_PRIVATE_KEY = PRIVATE_KEY;
export const SECRET_CHECK_PRIVATE_KEY = CHECK_PRIVATE_KEY;
