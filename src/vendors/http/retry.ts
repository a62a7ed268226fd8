/**
 * When to retry and how long to wait: pure functions over statuses, headers and bodies.
 *
 * - Idempotent requests (GET, PUT full replace, DELETE, GraphQL queries) are retried on 408, 429, 500,
 *   502, 503, 504 and on any connection failure.
 * - Non-idempotent requests (creates) are retried only when the server cannot have acted: on 429, and
 *   on a connection failure before the request was handed to a socket. A 502/504 (a gateway gave up
 *   waiting) or a connection lost after sending is "ambiguous": the object may exist.
 * - The wait is the server's when it gives one (Retry-After, RateLimit-Reset, Apinizer's body
 *   `retry_after`), else exponential backoff with full jitter.
 */
export interface RetryPolicy {
  /** Attempts in total, the first included. @default 5 */
  readonly maxAttempts: number;
  /** Backoff before the 2nd attempt is drawn from [0, base]; it doubles each time. @default 250 */
  readonly baseDelayMs: number;
  /** Cap of one computed backoff (not of a wait the server asked for). @default 10_000 */
  readonly maxDelayMs: number;
  /** Cap of the time spent waiting between attempts (and for a rate-limit window) for one request. @default 60_000 */
  readonly maxTotalWaitMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 250,
  maxDelayMs: 10_000,
  maxTotalWaitMs: 60_000,
};

export const IDEMPOTENT_RETRY_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);
export const NON_IDEMPOTENT_RETRY_STATUSES: ReadonlySet<number> = new Set([429]);
/** A gateway's answer to a request it forwarded: the origin may have acted on it. */
export const AMBIGUOUS_STATUSES: ReadonlySet<number> = new Set([502, 504]);

export type Verdict = 'retry' | 'final' | 'ambiguous';

export function verdictForStatus(status: number, idempotent: boolean): Verdict {
  if (idempotent) return IDEMPOTENT_RETRY_STATUSES.has(status) ? 'retry' : 'final';
  if (NON_IDEMPOTENT_RETRY_STATUSES.has(status)) return 'retry';
  return AMBIGUOUS_STATUSES.has(status) ? 'ambiguous' : 'final';
}

/**
 * `sent`: the request was handed to a connection (bytes may have left). `transient`: worth another
 * try (refused, reset, timed out), as opposed to DNS names that do not exist or untrusted certificates.
 */
export function verdictForFailure(failure: { sent: boolean; transient: boolean }, idempotent: boolean): Verdict {
  if (!failure.sent) return failure.transient ? 'retry' : 'final';
  return idempotent ? 'retry' : 'ambiguous';
}

/** Full jitter: uniform in [0, min(maxDelay, base · 2^(retry-1))], where `retry` counts from 1. */
export function backoffDelayMs(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * ceiling);
}

export interface ServerWaitHint {
  readonly ms: number;
  readonly source: 'Retry-After' | 'RateLimit-Reset' | 'retry_after';
}

/**
 * The wait a server asked for in a response, if any. Headers are lower-case.
 *
 * `RateLimit-Reset` says when the quota window resets, on every answer (OX: the top of the UTC
 * hour). It is a reason to wait only when the quota is what refused the request: a 429, or
 * `RateLimit-Remaining: 0`. Read on a 503 it made a failed call wait up to an hour for a quota that
 * was not spent; a 503 without `Retry-After` gets the normal backoff.
 */
export function serverWaitHint(
  status: number,
  headers: Readonly<Record<string, string>>,
  body: unknown,
  nowMs: number,
): ServerWaitHint | undefined {
  const retryAfter = parseRetryAfter(headers['retry-after'], nowMs);
  if (retryAfter !== undefined) return { ms: retryAfter, source: 'Retry-After' };
  const quotaSpent = status === 429 || headers['ratelimit-remaining']?.trim() === '0';
  const reset = quotaSpent ? parseRateLimitReset(headers['ratelimit-reset'], nowMs) : undefined;
  if (reset !== undefined) return { ms: reset, source: 'RateLimit-Reset' };
  const inBody = bodyRetryAfterMs(body);
  if (inBody !== undefined) return { ms: inBody, source: 'retry_after' };
  return undefined;
}

/** `Retry-After`: delay-seconds or an HTTP-date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/**
 * `RateLimit-Reset`: seconds until the window resets (OX, IETF draft). A value that can only be a Unix
 * time (after 2001) is read as one, since some servers send that instead.
 */
export function parseRateLimitReset(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined || !/^\s*\d+(\.\d+)?\s*$/.test(value)) return undefined;
  const n = Number(value);
  if (n > 1_000_000_000) return Math.max(0, n * 1000 - nowMs);
  return Math.round(n * 1000);
}

/** Apinizer's `{ error: "rate_limit_exceeded", retry_after: 60 }` (seconds). */
export function bodyRetryAfterMs(body: unknown): number | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const value = (body as Record<string, unknown>)['retry_after'];
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? Math.round(n * 1000) : undefined;
}

/**
 * When a response says the quota is spent (`RateLimit-Remaining: 0`), the time the next request must
 * wait for; `undefined` when it is not spent or the reset is unknown.
 */
export function rateLimitWindowEnd(headers: Readonly<Record<string, string>>, nowMs: number): number | undefined {
  const remaining = headers['ratelimit-remaining'];
  if (remaining === undefined || Number(remaining.trim()) !== 0 || remaining.trim() === '') return undefined;
  const reset = parseRateLimitReset(headers['ratelimit-reset'], nowMs);
  return reset === undefined ? undefined : nowMs + reset;
}

export type RetrySchedule =
  | { readonly retry: true; readonly delayMs: number }
  | {
      readonly retry: false;
      readonly reason: 'max_attempts' | 'max_total_wait' | 'wait_exceeds_budget';
      readonly requestedWaitMs?: number;
      readonly waitSource?: string;
    };

/**
 * After a retryable outcome of attempt number `attempt`, with `waitedMs` already spent waiting: the
 * delay before the next attempt, or why there is none. A wait the server asked for is honoured in
 * full or not at all (retrying earlier would only be refused again); a computed backoff is cut to
 * what is left of the budget.
 */
export function scheduleRetry(
  attempt: number,
  waitedMs: number,
  hint: ServerWaitHint | undefined,
  policy: RetryPolicy,
  random: () => number = Math.random,
): RetrySchedule {
  if (attempt >= policy.maxAttempts) return { retry: false, reason: 'max_attempts' };
  const remaining = policy.maxTotalWaitMs - waitedMs;
  if (hint !== undefined) {
    return hint.ms > remaining
      ? { retry: false, reason: 'wait_exceeds_budget', requestedWaitMs: hint.ms, waitSource: hint.source }
      : { retry: true, delayMs: hint.ms };
  }
  if (remaining <= 0) return { retry: false, reason: 'max_total_wait' };
  return { retry: true, delayMs: Math.min(backoffDelayMs(attempt, policy, random), remaining) };
}
