/** Starts the DX simulator. */
import type { RateLimitWindow } from '../rate-window';
import { openPersistedState, startSimulator, type SimulatorHandle, type SimulatorOptions } from '../simulator';
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

export async function startDxSimulator(options: DxSimulatorOptions = {}): Promise<DxSimulator> {
  const token = options.token ?? DEFAULT_TOKEN;
  const persisted = openPersistedState(options, 'dx');
  try {
    const state = dxStateSchema.parse(persisted.initial ?? options.seed ?? DEFAULT_DX_SEED);
    const app = createDxApp(state, {
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
