/**
 * Clocks for tests, derived from the one the code under test reads (src/clock.ts), never from a
 * calendar date: a test passes on any day, and when CREDFORM_CLOCK_OFFSET_MS moves that clock
 * (scripts/test-clock-shift.mjs) its fixtures move with it.
 */
import { now } from '../../src/clock';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const YEAR_MS = 365 * 24 * HOUR_MS;

/** An ISO timestamp `ms` from credform's now (negative: in the past). */
export function isoFromNow(ms = 0): string {
  return new Date(now() + ms).toISOString();
}

/**
 * A clock running at credform's pace that reads `msIntoWindow` past the start of a `windowMs`
 * window (aligned to the epoch, as the simulators' rate windows are) when it is made. A test that
 * counts requests in a vendor's fixed window (OX's hour, DX's minute) uses it so that no window
 * turns over in the middle of the test, whatever the time it runs.
 */
export function clockInWindow(windowMs: number, msIntoWindow: number): () => number {
  const start = now();
  const offset = Math.floor(start / windowMs) * windowMs + msIntoWindow - start;
  return () => now() + offset;
}
