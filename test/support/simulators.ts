/** Starts the four vendor simulators in-process and gives the environment the provider reads. */
import { startSimulators, type Simulators } from '../../src/simulators';

export async function startTestSimulators(options: Parameters<typeof startSimulators>[0] = {}): Promise<{ sims: Simulators; env: Record<string, string> }> {
  const sims = await startSimulators({ host: '127.0.0.1', ...options });
  return { sims, env: providerEnv(sims) };
}

export function providerEnv(sims: Simulators): Record<string, string> {
  return sims.providerEnv();
}
