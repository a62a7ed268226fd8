/** Starts the Tines simulator. */
import type { RateLimitWindow } from '../rate-window';
import { openPersistedState, startSimulator, type SimulatorHandle, type SimulatorOptions } from '../simulator';
import { DEFAULT_TOKEN, RATE_LIMITS } from './assumptions';
import { createTinesApp } from './app';
import { DEFAULT_TINES_SEED, tinesStateSchema, type TinesSeed, type TinesState } from './state';

export interface TinesSimulatorOptions extends SimulatorOptions {
  /** Teams, folders and credentials to start with (ignored when the state file holds Tines state). @default DEFAULT_TINES_SEED */
  readonly seed?: TinesSeed;
  /** Real request counting per IP and token; `[]` turns it off. @default 5,000 a minute */
  readonly rateLimits?: readonly RateLimitWindow[];
}

export type TinesSimulator = SimulatorHandle<TinesState>;

export async function startTinesSimulator(options: TinesSimulatorOptions = {}): Promise<TinesSimulator> {
  const token = options.token ?? DEFAULT_TOKEN;
  const persisted = openPersistedState(options, 'tines');
  try {
    const state = tinesStateSchema.parse(persisted.initial ?? options.seed ?? DEFAULT_TINES_SEED);
    const app = createTinesApp(state, {
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
