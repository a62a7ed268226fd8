/**
 * When a seeded object was made, if the seed does not say: a month before the simulator reads the
 * seed, on credform's clock (src/clock.ts). A fixed calendar date here would count as "just made" on
 * the days around it (the provider adopts only credentials made within a day, see
 * src/vendors/adoption.ts), so what a seeded credential means would depend on the day the
 * simulators run.
 */
import { now } from '../clock';

export const SEED_AGE_MS = 30 * 24 * 60 * 60 * 1000;

export function seededAt(): string {
  return new Date(now() - SEED_AGE_MS).toISOString();
}
