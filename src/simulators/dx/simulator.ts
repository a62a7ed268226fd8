/** Starts the DX simulator. */
import type { RateLimitWindow } from '../rate-window';
import { startStoredSimulator, type SimulatorHandle, type SimulatorOptions } from '../simulator';
import { DEFAULT_TOKEN, RATE_LIMITS } from './assumptions';
import { createDxApp } from './app';
import { DEFAULT_DX_SEED, dxStateSchema, type DxSeed, type DxState } from './state';

export interface DxSimulatorOptions extends SimulatorOptions {
  /** Connections and credentials to start with (ignored when the state file holds DX state). @default DEFAULT_DX_SEED */
  readonly seed?: DxSeed;
  /** Real request counting per token; `[]` turns it off. @default 1000 requests a minute (assumed) */
  readonly rateLimits?: readonly RateLimitWindow[];
}

export type DxSimulator = SimulatorHandle<DxState>;

export function startDxSimulator(options: DxSimulatorOptions = {}): Promise<DxSimulator> {
  return startStoredSimulator(options, {
    vendor: 'dx',
    defaultToken: DEFAULT_TOKEN,
    parse: (raw) => dxStateSchema.parse(raw),
    defaultSeed: DEFAULT_DX_SEED,
    build: (state, { token, now, save }) => ({
      app: createDxApp(state, { token, now, rateLimits: options.rateLimits ?? RATE_LIMITS, onChange: save }),
      extra: {},
    }),
  });
}
