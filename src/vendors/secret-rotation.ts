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
 * The fingerprint is scrypt(N=2^13, r=8, p=1) over the canonical JSON of the secret with a random
 * 16-byte salt per object: nothing recoverable is stored, and guessing costs ~20 ms of CPU and 8 MiB
 * of memory per try.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { availableParallelism } from 'node:os';
import type { CreateRequest, PlanRequest, PrivateState, UpdateRequest } from '../tfplugin/resource';
import { toPlain } from '../tfplugin/schema/validate';
import { valuesEqual } from '../tfplugin/values/equal';
import { Unknown, type TfValue } from '../tfplugin/values/types';

const N = 1 << 13;
const R = 8;
const P = 1;
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
 * scrypt runs on libuv's thread pool (4 threads), 8 MiB each. More at once than there are cores
 * only adds memory (and keeps the pool from DNS and file work), so at most this many run together.
 */
const MAX_CONCURRENT_SCRYPT = Math.max(1, Math.min(2, availableParallelism()));
let running = 0;
const waiting: Array<() => void> = [];

async function derive(secret: string, salt: Buffer): Promise<Buffer> {
  // A finishing derive hands its slot straight to the next waiter, so `running` never overshoots.
  if (running >= MAX_CONCURRENT_SCRYPT) await new Promise<void>((resolve) => waiting.push(resolve));
  else running++;
  try {
    return await new Promise<Buffer>((resolve, reject) =>
      scrypt(secret, salt, KEY_LENGTH, { N, r: R, p: P, maxmem: 64 * 1024 * 1024 }, (err, key) => (err ? reject(err) : resolve(key))),
    );
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

/** `scrypt$<N>$<r>$<p>$<salt b64>$<hash b64>` */
export async function fingerprint(secret: unknown, salt: Buffer = randomBytes(16)): Promise<string> {
  const key = await derive(canonicalJson(secret), salt);
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function matchesFingerprint(secret: unknown, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || Number(n) !== N || Number(r) !== R || Number(p) !== P || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await derive(canonicalJson(secret), Buffer.from(salt, 'base64'));
  return key.length === expected.length && timingSafeEqual(key, expected);
}

const PRIVATE_KEY = 'secret_fingerprint';

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
 * Only the comparison costs a scrypt here; the new fingerprint is made once, at apply, after the
 * vendor took the secret (`recordSecretApplied`). Terraform plans every resource twice in an apply
 * (the plan, then again while applying), so a fingerprint made at plan would be made twice and
 * thrown away once — for a create that was all of its scrypt cost.
 */
export async function planSecretRotation(req: PlanRequest<unknown>, attrs: SecretAttributes): Promise<boolean> {
  const secret = configuredSecret(req.config, attrs);
  const stored = req.priorPrivate[PRIVATE_KEY];
  const prior = req.priorState;
  const rotate = (): boolean => {
    delete req.plannedPrivate[PRIVATE_KEY]; // made at apply, from the secret actually sent
    if (prior) req.plan[attrs.revision] = new Unknown();
    return !!prior;
  };
  if (!prior) return rotate();
  // An unknown version may turn out changed, so it counts as a bump.
  if (!valuesEqual(req.plan[attrs.version] ?? null, prior[attrs.version] ?? null)) return rotate();
  if (secret === undefined) return false;
  if (secret instanceof Unknown) return rotate();
  if (typeof stored === 'string' && (await matchesFingerprint(secret, stored))) return false;
  return rotate();
}

/** True when the plan says the secret changes (so apply must send it). */
export function secretRotates(req: UpdateRequest<unknown>, attrs: SecretAttributes): boolean {
  return req.plan[attrs.revision] instanceof Unknown || (req.plan[attrs.version] ?? null) !== (req.priorState[attrs.version] ?? null);
}

/** At apply, after the vendor accepted the secret: the new revision and fingerprint. */
export async function recordSecretApplied(
  req: CreateRequest<unknown> | UpdateRequest<unknown>,
  state: Record<string, TfValue>,
  attrs: SecretAttributes,
  rotated: boolean,
): Promise<void> {
  const prior = 'priorState' in req ? (req.priorState[attrs.revision] as number | null) : null;
  state[attrs.revision] = rotated ? (typeof prior === 'number' ? prior + 1 : 1) : (prior ?? 1);
  const priv: PrivateState = req.private;
  const secret = configuredSecret(req.config, attrs);
  if (rotated && secret !== undefined && !(secret instanceof Unknown) && typeof priv[PRIVATE_KEY] !== 'string') {
    priv[PRIVATE_KEY] = await fingerprint(secret);
  }
  if (!rotated && 'priorPrivate' in req && typeof req.priorPrivate[PRIVATE_KEY] === 'string') {
    priv[PRIVATE_KEY] = req.priorPrivate[PRIVATE_KEY];
  }
}

export const SECRET_FINGERPRINT_PRIVATE_KEY = PRIVATE_KEY;
