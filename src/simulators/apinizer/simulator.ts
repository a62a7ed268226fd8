/** Starts the Apinizer simulator. */
import { startStoredSimulator, type SimulatorHandle, type SimulatorOptions } from '../simulator';
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

export function startApinizerSimulator(options: ApinizerSimulatorOptions = {}): Promise<ApinizerSimulator> {
  return startStoredSimulator<ApinizerState, ApinizerControls>(options, {
    vendor: 'apinizer',
    defaultToken: DEFAULT_TOKEN,
    parse: (raw) => apinizerStateSchema.parse(raw),
    defaultSeed: DEFAULT_APINIZER_SEED,
    build: (state, { token, now, save }) => {
      const firstUser = state.users[0];
      return {
        app: createApinizerApp(state, { token, now, tokenTtlSeconds: options.tokenTtlSeconds ?? TOKEN_TTL_SECONDS, onChange: save }),
        extra: {
          clientId: firstUser?.clientId,
          clientSecret: firstUser?.clientSecret,
          setEnvironmentFailure(project: string, environment: string, failure: boolean | string): void {
            const env = state.projects.find((p) => p.name === project)?.environments.find((e) => e.name === environment);
            if (!env) throw new Error(`Apinizer simulator: no environment ${environment} in project ${project}`);
            env.failure = failure === false ? null : failure === true ? ASSUMED_MESSAGES.defaultEnvironmentFailure : failure;
            save();
          },
        },
      };
    },
  });
}
