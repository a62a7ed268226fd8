/** Starts the Apinizer simulator. */
import { openPersistedState, startSimulator, type SimulatorHandle, type SimulatorOptions } from '../simulator';
import { ASSUMED_MESSAGES, DEFAULT_TOKEN, TOKEN_TTL_SECONDS } from './assumptions';
import { createApinizerApp } from './app';
import { DEFAULT_APINIZER_SEED, apinizerStateSchema, type ApinizerSeed, type ApinizerState } from './state';

export interface ApinizerSimulatorOptions extends SimulatorOptions {
  /** Projects, roles and token users to start with (ignored when the state file holds Apinizer state). @default DEFAULT_APINIZER_SEED */
  readonly seed?: ApinizerSeed;
  /** Lifetime of tokens from `/apiops/auth/token`, reported as `expires_in`. @default 3600 */
  readonly tokenTtlSeconds?: number;
}

/** What the Apinizer handle adds to the common one. */
export interface ApinizerControls {
  /** `client_id` of the first seeded user, for `POST /apiops/auth/token` (undefined when none is seeded). */
  readonly clientId: string | undefined;
  /** `client_secret` of that user. */
  readonly clientSecret: string | undefined;
  /**
   * Makes every following deployment to one environment fail (`true`, or a reason), or succeed again
   * (`false`). Throws when the project or environment does not exist.
   */
  setEnvironmentFailure(project: string, environment: string, failure: boolean | string): void;
}

export type ApinizerSimulator = SimulatorHandle<ApinizerState> & ApinizerControls;

export async function startApinizerSimulator(options: ApinizerSimulatorOptions = {}): Promise<ApinizerSimulator> {
  const token = options.token ?? DEFAULT_TOKEN;
  const persisted = openPersistedState(options, 'apinizer');
  try {
    const state = apinizerStateSchema.parse(persisted.initial ?? options.seed ?? DEFAULT_APINIZER_SEED);
    const save = (): void => persisted.save(state);
    const app = createApinizerApp(state, {
      token,
      now: options.now ?? Date.now,
      tokenTtlSeconds: options.tokenTtlSeconds ?? TOKEN_TTL_SECONDS,
      onChange: save,
    });
    save();
    const firstUser = state.users[0];
    return await startSimulator<ApinizerState, ApinizerControls>(
      app,
      options,
      token,
      {
        clientId: firstUser?.clientId,
        clientSecret: firstUser?.clientSecret,
        setEnvironmentFailure(project: string, environment: string, failure: boolean | string): void {
          const env = state.projects.find((p) => p.name === project)?.environments.find((e) => e.name === environment);
          if (!env) throw new Error(`Apinizer simulator: no environment ${environment} in project ${project}`);
          env.failure =
            failure === false ? null : failure === true ? ASSUMED_MESSAGES.defaultEnvironmentFailure : failure;
          save();
        },
      },
      () => persisted.close()
    );
  } catch (err) {
    persisted.close();
    throw err;
  }
}
