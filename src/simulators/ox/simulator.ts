/** Starts the OX Security simulator. */
import type { RateLimitWindow } from '../rate-window';
import { startStoredSimulator, type SimulatorHandle, type SimulatorOptions } from '../simulator';
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

export function startOxSimulator(options: OxSimulatorOptions = {}): Promise<OxSimulator> {
  return startStoredSimulator(options, {
    vendor: 'ox',
    defaultToken: DEFAULT_TOKEN,
    parse: (raw) => oxStateSchema.parse(raw),
    defaultSeed: DEFAULT_OX_SEED,
    build: (state, { token, now, save }) => ({
      app: createOxApp(state, { token, now, rateLimits: options.rateLimits ?? RATE_LIMITS, onChange: save }),
      extra: {},
    }),
  });
}
