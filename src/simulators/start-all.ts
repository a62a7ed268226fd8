/** Starts all four simulators at once: what `credform simulate` runs. */
import { startApinizerSimulator, type ApinizerSimulator } from './apinizer/simulator';
import { startDxSimulator, type DxSimulator } from './dx/simulator';
import type { FaultOptions } from './faults';
import { startOxSimulator, type OxSimulator } from './ox/simulator';
import { loadSeedFile, parseSeed, type SeedData } from './seed';
import type { VendorName } from './store-file';
import { startTinesSimulator, type TinesSimulator } from './tines/simulator';

export const VENDORS: readonly VendorName[] = ['dx', 'apinizer', 'ox', 'tines'];

/** Faults for every simulator at once, or per vendor. */
export type SimulatorsFaults = FaultOptions | { readonly [V in VendorName]?: FaultOptions };

export interface StartSimulatorsOptions {
  /** Interface all four listen on (each on its own free port). @default '127.0.0.1' */
  readonly host?: string;
  /** Seed data, or the path of a seed file. @default each vendor's default seed */
  readonly seed?: SeedData | string;
  /** One JSON file persisting all four stores across restarts. @default in memory only */
  readonly stateFile?: string;
  /** Faults active from the start. @default none */
  readonly faults?: SimulatorsFaults;
  /** Fixed ports instead of free ones. @default 0 for each (a free port) */
  readonly ports?: { readonly [V in VendorName]?: number };
  /** Tokens to accept instead of the default ones. */
  readonly tokens?: { readonly [V in VendorName]?: string };
  /** Clock in epoch milliseconds. @default the credform clock (src/clock.ts) */
  readonly now?: () => number;
  /**
   * Count requests against the vendors' documented rate limits (DX, OX, Tines) and answer 429 past
   * them; false turns counting off, for runs that should not measure a vendor's quota. @default true
   */
  readonly rateLimits?: boolean;
}

export interface Simulators {
  readonly dx: DxSimulator;
  readonly apinizer: ApinizerSimulator;
  readonly ox: OxSimulator;
  readonly tines: TinesSimulator;
  /** Where each simulator listens and the token it accepts (what `credform simulate` prints). */
  connectionInfo(): SimulatorsConnectionInfo;
  /**
   * The environment variables the credform provider reads (DX_BASE_URL, DX_API_TOKEN, ...), pointing
   * at these simulators: merge them into the environment of `cdktf deploy` / `terraform` in a test.
   */
  providerEnv(): Record<string, string>;
  stop(): Promise<void>;
}

export interface SimulatorsConnectionInfo {
  readonly dx: { readonly url: string; readonly token: string };
  readonly apinizer: {
    readonly url: string;
    readonly token: string;
    readonly clientId?: string;
    readonly clientSecret?: string;
  };
  readonly ox: { readonly url: string; readonly token: string };
  readonly tines: { readonly url: string; readonly token: string };
}

/** Starts the four simulators; if one cannot start, the others are stopped and the error thrown. */
export async function startSimulators(options: StartSimulatorsOptions = {}): Promise<Simulators> {
  const seed = typeof options.seed === 'string' ? loadSeedFile(options.seed) : parseSeed(options.seed ?? {});
  const faultsFor = splitFaults(options.faults);
  const common = (vendor: VendorName) => ({
    host: options.host,
    stateFile: options.stateFile,
    now: options.now,
    port: options.ports?.[vendor],
    token: options.tokens?.[vendor],
    faults: faultsFor(vendor),
  });
  const limits = options.rateLimits === false ? { rateLimits: [] } : {};
  const started = await Promise.allSettled([
    startDxSimulator({ ...common('dx'), ...limits, seed: seed.dx }),
    startApinizerSimulator({ ...common('apinizer'), seed: seed.apinizer }),
    startOxSimulator({ ...common('ox'), ...limits, seed: seed.ox }),
    startTinesSimulator({ ...common('tines'), ...limits, seed: seed.tines }),
  ]);
  const failure = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failure) {
    await Promise.all(started.map((s) => (s.status === 'fulfilled' ? s.value.stop() : undefined)));
    throw failure.reason;
  }
  const [dx, apinizer, ox, tines] = started.map((s) => (s as PromiseFulfilledResult<unknown>).value) as [
    DxSimulator,
    ApinizerSimulator,
    OxSimulator,
    TinesSimulator
  ];
  return {
    dx,
    apinizer,
    ox,
    tines,
    connectionInfo: () => ({
      dx: { url: dx.url, token: dx.token },
      apinizer: {
        url: apinizer.url,
        token: apinizer.token,
        clientId: apinizer.clientId,
        clientSecret: apinizer.clientSecret,
      },
      ox: { url: ox.url, token: ox.token },
      tines: { url: tines.url, token: tines.token },
    }),
    providerEnv: () => ({
      DX_BASE_URL: dx.url,
      DX_API_TOKEN: dx.token,
      APINIZER_BASE_URL: apinizer.url,
      APINIZER_TOKEN: apinizer.token,
      OX_BASE_URL: ox.url,
      OX_API_KEY: ox.token,
      TINES_BASE_URL: tines.url,
      TINES_API_KEY: tines.token,
    }),
    stop: async () => {
      await Promise.all([dx.stop(), apinizer.stop(), ox.stop(), tines.stop()]);
    },
  };
}

function splitFaults(faults: SimulatorsFaults | undefined): (vendor: VendorName) => FaultOptions | undefined {
  if (faults === undefined) return () => undefined;
  const perVendor = Object.keys(faults).some((k) => (VENDORS as readonly string[]).includes(k));
  if (!perVendor) return () => faults as FaultOptions;
  return (vendor) => (faults as { [V in VendorName]?: FaultOptions })[vendor];
}
