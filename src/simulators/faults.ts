/**
 * Fault injection: added latency, a share of 429s, a share of 5xx, a share of connection resets
 * (the socket is destroyed before anything happens) and a share of "commit then drop" (the write is
 * performed, then the socket is destroyed without an answer). Draws come from a seeded PRNG, so the
 * same seed and the same sequence of requests give the same faults.
 */
import { z } from 'zod';
import type { SameType } from './same-type';

const share = z.number().min(0).max(1);

const faultRuleShape = {
  /** Milliseconds to wait before answering (or before resetting). */
  latencyMs: z.number().int().min(0).optional(),
  /** Share (0..1) of requests answered 429 with `Retry-After`, nothing performed. */
  rateLimitShare: share.optional(),
  /** Share (0..1) of requests answered with a 5xx, nothing performed. */
  serverErrorShare: share.optional(),
  /** Share (0..1) of requests whose socket is destroyed before anything is performed. */
  resetShare: share.optional(),
  /** Share (0..1) of requests performed (the write commits) whose socket is then destroyed unanswered. */
  commitThenDropShare: share.optional(),
  /** Only requests that write (POST/PUT/PATCH/DELETE; for OX a GraphQL mutation) are subject to this rule. */
  writesOnly: z.boolean().optional(),
  /** Only requests whose path (no query string) matches this regular expression. */
  pathPattern: z.string().optional(),
  /** `Retry-After` seconds sent with an injected 429. @default 60 (OX: 1) */
  retryAfterSeconds: z.number().int().min(0).optional(),
  /** Status of an injected server error. @default 503 */
  serverErrorStatus: z.number().int().min(500).max(599).optional(),
};

const totalShare = (r: {
  rateLimitShare?: number;
  serverErrorShare?: number;
  resetShare?: number;
  commitThenDropShare?: number;
}): number => (r.rateLimitShare ?? 0) + (r.serverErrorShare ?? 0) + (r.resetShare ?? 0) + (r.commitThenDropShare ?? 0);

const sharesFit = { message: 'the shares of one rule must add up to at most 1' };

export const faultRuleSchema = z.strictObject(faultRuleShape).refine((r) => totalShare(r) <= 1, sharesFit);

export const faultOptionsSchema = z
  .strictObject({
    ...faultRuleShape,
    /** PRNG seed. @default 1 */
    seed: z.number().int().optional(),
    /** More rules, each with its own scope; the first rule that draws a fault wins, latencies add up. */
    rules: z.array(faultRuleSchema).optional(),
  })
  .refine((r) => totalShare(r) <= 1, sharesFit);

/** One fault rule: which requests it applies to, and what happens to them. */
export interface FaultRule {
  /** Milliseconds to wait before answering (or before resetting). @default 0 */
  latencyMs?: number;
  /** Share (0..1) of requests answered 429 with `Retry-After`, nothing performed. @default 0 */
  rateLimitShare?: number;
  /** Share (0..1) of requests answered with a 5xx, nothing performed. @default 0 */
  serverErrorShare?: number;
  /** Share (0..1) of requests whose socket is destroyed before anything is performed. @default 0 */
  resetShare?: number;
  /** Share (0..1) of requests performed (the write commits) whose socket is then destroyed unanswered. @default 0 */
  commitThenDropShare?: number;
  /** Only requests that write (POST/PUT/PATCH/DELETE; for OX a GraphQL mutation) are subject to this rule. @default false */
  writesOnly?: boolean;
  /** Only requests whose path (no query string) matches this regular expression. @default every path */
  pathPattern?: string;
  /** `Retry-After` seconds sent with an injected 429. @default 60 (OX: 1) */
  retryAfterSeconds?: number;
  /** Status of an injected server error. @default 503 */
  serverErrorStatus?: number;
}

/** A simulator's faults: a rule applying to every request, a PRNG seed, and more rules. */
export interface FaultOptions extends FaultRule {
  /** PRNG seed. @default 1 */
  seed?: number;
  /** More rules, each with its own scope; the first rule that draws a fault wins, latencies add up. */
  rules?: FaultRule[];
}

const faultTypesMatchSchema: [SameType<FaultRule, z.input<typeof faultRuleSchema>>, SameType<FaultOptions, z.input<typeof faultOptionsSchema>>] = [true, true];
void faultTypesMatchSchema;

export type FaultOutcome = 'none' | 'rate-limit' | 'server-error' | 'reset' | 'commit-then-drop';

export interface FaultDecision {
  readonly latencyMs: number;
  readonly outcome: FaultOutcome;
  readonly retryAfterSeconds?: number;
  readonly serverErrorStatus: number;
}

export interface FaultTarget {
  readonly path: string;
  readonly isWrite: boolean;
}

/** mulberry32: tiny, fast, and good enough to spread faults evenly. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface CompiledRule {
  readonly rule: FaultRule;
  readonly pattern?: RegExp;
}

/** Holds the current fault settings of one simulator and decides each request's fate. */
export class FaultInjector {
  private rules: CompiledRule[] = [];
  private random: () => number = prng(1);

  constructor(options?: FaultOptions) {
    this.set(options);
  }

  /** Replaces every setting (and restarts the PRNG from the seed). `undefined` turns faults off. */
  set(options: FaultOptions | undefined): void {
    const parsed = faultOptionsSchema.parse(options ?? {});
    const { seed, rules, ...top } = parsed;
    this.rules = [top, ...(rules ?? [])].map((rule) => ({
      rule,
      pattern: rule.pathPattern === undefined ? undefined : new RegExp(rule.pathPattern),
    }));
    this.random = prng(seed ?? 1);
  }

  decide(target: FaultTarget): FaultDecision {
    let latencyMs = 0;
    let outcome: FaultOutcome = 'none';
    let retryAfterSeconds: number | undefined;
    let serverErrorStatus = 503;
    for (const { rule, pattern } of this.rules) {
      if (rule.writesOnly && !target.isWrite) continue;
      if (pattern && !pattern.test(target.path)) continue;
      latencyMs += rule.latencyMs ?? 0;
      if (totalShare(rule) === 0) continue;
      // One draw per applicable rule, whatever happened before, keeps sequences reproducible.
      const r = this.random();
      if (outcome !== 'none') continue;
      const ladder: Array<[FaultOutcome, number]> = [
        ['reset', rule.resetShare ?? 0],
        ['rate-limit', rule.rateLimitShare ?? 0],
        ['server-error', rule.serverErrorShare ?? 0],
        ['commit-then-drop', rule.commitThenDropShare ?? 0],
      ];
      let edge = 0;
      for (const [kind, p] of ladder) {
        edge += p;
        if (r < edge) {
          outcome = kind;
          retryAfterSeconds = rule.retryAfterSeconds;
          serverErrorStatus = rule.serverErrorStatus ?? 503;
          break;
        }
      }
    }
    return { latencyMs, outcome, retryAfterSeconds, serverErrorStatus };
  }
}
