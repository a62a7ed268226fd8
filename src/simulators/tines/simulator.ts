/** Starts the Tines simulator. */
import type { RateLimitWindow } from '../rate-window';
import { startStoredSimulator, type SimulatorHandle, type SimulatorOptions } from '../simulator';
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

export function startTinesSimulator(options: TinesSimulatorOptions = {}): Promise<TinesSimulator> {
  return startStoredSimulator(options, {
    vendor: 'tines',
    defaultToken: DEFAULT_TOKEN,
    parse: (raw) => tinesStateSchema.parse(raw),
    defaultSeed: DEFAULT_TINES_SEED,
    build: (state, { token, now, save }) => ({
      app: createTinesApp(state, { token, now, rateLimits: options.rateLimits ?? RATE_LIMITS, onChange: save }),
      extra: {},
    }),
  });
}
