/**
 * Real request counting for vendors that publish limits. Windows are fixed and aligned to the clock
 * (a 3600 s window resets on the hour, UTC); each simulator's assumptions say so where the vendor
 * does not.
 */
export interface RateLimitWindow {
  /** Requests allowed per window. */
  readonly limit: number;
  readonly windowSeconds: number;
}

export interface RateVerdict {
  readonly allowed: boolean;
  /** The window that binds now: the one with the fewest requests left. */
  readonly limit: number;
  readonly remaining: number;
  /** Seconds until the binding window starts over. */
  readonly resetSeconds: number;
}

export class RateCounter {
  private readonly counts = new Map<string, { windowStart: number; count: number }>();

  constructor(private readonly windows: readonly RateLimitWindow[], private readonly now: () => number) {}

  /** Counts one request for `key` and says whether it is within every window. */
  hit(key: string): RateVerdict {
    const nowMs = this.now();
    const states = this.windows.map((w, i) => {
      const size = w.windowSeconds * 1000;
      const windowStart = Math.floor(nowMs / size) * size;
      const slot = `${i}\u0000${key}`;
      let entry = this.counts.get(slot);
      if (!entry || entry.windowStart !== windowStart) {
        entry = { windowStart, count: 0 };
        this.counts.set(slot, entry);
      }
      entry.count += 1;
      return {
        allowed: entry.count <= w.limit,
        limit: w.limit,
        remaining: Math.max(0, w.limit - entry.count),
        resetSeconds: Math.ceil((windowStart + size - nowMs) / 1000),
      };
    });
    if (states.length === 0) return { allowed: true, limit: 0, remaining: 0, resetSeconds: 0 };
    const exceeded = states.filter((s) => !s.allowed);
    // Over a limit: the client must wait for the last exceeded window to start over.
    if (exceeded.length > 0) return exceeded.reduce((a, b) => (b.resetSeconds > a.resetSeconds ? b : a));
    return states.reduce((a, b) => (b.remaining < a.remaining ? b : a));
  }
}
