/**
 * The one wall clock of credform's provider and simulators. Every comparison of a vendor time with
 * "now" reads it here — the adoption window against `created_at`, an exchanged Apinizer token's
 * expiry, `Retry-After` dates and rate-limit windows, the simulators' timestamps, token lifetimes
 * and quota windows — so that a test can move all of them at once, in every process, and show that
 * nothing depends on the day it runs.
 *
 * `CREDFORM_CLOCK_OFFSET_MS` (a whole number of milliseconds, may be negative) moves this clock for
 * the process that reads it and for every process it starts with the same environment (terraform,
 * then the provider). It is meant for tests; unset, the clock is the system's.
 *
 * Not read here, on purpose: the provider's TLS certificate, whose validity Terraform checks with its
 * own (system) clock, and elapsed times, which come from the monotonic `performance.now()`.
 */

/** The environment variable that moves the clock. */
export const CLOCK_OFFSET_ENV = 'CREDFORM_CLOCK_OFFSET_MS';

let offsetMs: number | undefined;

/** The offset in milliseconds, read once per process; a malformed value is an error naming the variable. */
export function clockOffsetMs(): number {
  if (offsetMs === undefined) offsetMs = parseOffset(process.env[CLOCK_OFFSET_ENV]);
  return offsetMs;
}

function parseOffset(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return 0;
  const text = raw.trim();
  const value = /^[+-]?\d{1,15}$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(value)) {
    throw new Error(`${CLOCK_OFFSET_ENV} must be a whole number of milliseconds (e.g. 31536000000 or -31536000000), got ${JSON.stringify(raw)}`);
  }
  return value;
}

/** Epoch milliseconds now, as credform reckons it. */
export function now(): number {
  return Date.now() + clockOffsetMs();
}
