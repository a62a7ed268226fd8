/** Starts the OX Security simulator. */
import type { RateLimitWindow } from '../rate-window';
import { openPersistedState, startSimulator, type SimulatorHandle, type SimulatorOptions } from '../simulator';
import { DEFAULT_TOKEN, RATE_LIMITS } from './assumptions';
import { createOxApp } from './app';
import { DEFAULT_OX_SEED, oxStateSchema, type OxSeed, type OxState } from './state';

export interface OxSimulatorOptions extends SimulatorOptions {
  /** Families and connectors to start with (ignored when the state file holds OX state). @default DEFAULT_OX_SEED */
  readonly seed?: OxSeed;
  /** Real request counting per key; `[]` turns it off (and the `RateLimit-*` headers). @default 1,000/hour and 15,000/day */
  readonly rateLimits?: readonly RateLimitWindow[];
}

export type OxSimulator = SimulatorHandle<OxState>;

export async function startOxSimulator(options: OxSimulatorOptions = {}): Promise<OxSimulator> {
  const token = options.token ?? DEFAULT_TOKEN;
  const persisted = openPersistedState(options, 'ox');
  try {
    const state = oxStateSchema.parse(persisted.initial ?? options.seed ?? DEFAULT_OX_SEED);
    const app = createOxApp(state, {
      token,
      now: options.now ?? Date.now,
      rateLimits: options.rateLimits ?? RATE_LIMITS,
      onChange: () => persisted.save(state),
    });
    persisted.save(state);
    return await startSimulator(app, options, token, {}, () => persisted.close());
  } catch (err) {
    persisted.close();
    throw err;
  }
}
