/** Starts the four vendor simulators in-process and gives the environment the provider reads. */
import { startSimulators, type Simulators } from '../../src/simulators';

export async function startTestSimulators(options: Parameters<typeof startSimulators>[0] = {}): Promise<{ sims: Simulators; env: Record<string, string> }> {
  const sims = await startSimulators({ host: '127.0.0.1', ...options });
  return { sims, env: providerEnv(sims) };
}

export function providerEnv(sims: Simulators): Record<string, string> {
  return {
    DX_BASE_URL: sims.dx.url,
    DX_API_TOKEN: sims.dx.token,
    APINIZER_BASE_URL: sims.apinizer.url,
    APINIZER_TOKEN: sims.apinizer.token,
    OX_BASE_URL: sims.ox.url,
    OX_API_KEY: sims.ox.token,
    TINES_BASE_URL: sims.tines.url,
    TINES_API_KEY: sims.tines.token,
  };
}
