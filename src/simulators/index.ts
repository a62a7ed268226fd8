/**
 * `credform/testing`: offline simulators of the DX, Apinizer, OX Security and Tines APIs, written
 * from the vendors' documentation, for demos and tests. See docs/simulators.md.
 */
export {
  startSimulators,
  VENDORS,
  type Simulators,
  type SimulatorsConnectionInfo,
  type SimulatorsFaults,
  type StartSimulatorsOptions,
} from './start-all';
export { startDxSimulator, type DxSimulator, type DxSimulatorOptions } from './dx/simulator';
export {
  startApinizerSimulator,
  type ApinizerControls,
  type ApinizerSimulator,
  type ApinizerSimulatorOptions,
} from './apinizer/simulator';
export { startOxSimulator, type OxSimulator, type OxSimulatorOptions } from './ox/simulator';
export { startTinesSimulator, type TinesSimulator, type TinesSimulatorOptions } from './tines/simulator';
export type { SimulatorHandle, SimulatorOptions, RequestLogEntry } from './simulator';
export type { FaultOptions, FaultRule, FaultOutcome } from './faults';
export type { RateLimitWindow } from './rate-window';
export type { VendorName } from './store-file';
export { parseSeed, loadSeedFile, type SeedData } from './seed';
export {
  DEFAULT_DX_SEED,
  type DxSeed,
  type DxSeedConnection,
  type DxSeedCredential,
  type DxState,
  type DxStoredConnection,
  type DxStoredCredential,
} from './dx/state';
export {
  DEFAULT_APINIZER_SEED,
  type ApinizerIssuedToken,
  type ApinizerManagerUser,
  type ApinizerSeed,
  type ApinizerSeedCredential,
  type ApinizerSeedEnvironment,
  type ApinizerSeedProject,
  type ApinizerState,
  type ApinizerStoredCredential,
  type ApinizerStoredEnvironment,
  type ApinizerStoredProject,
} from './apinizer/state';
export {
  DEFAULT_OX_SEED,
  type OxConnectorFamily,
  type OxSeed,
  type OxSeedConnector,
  type OxSeedCredentials,
  type OxState,
  type OxStoredConnector,
  type OxStoredCredentials,
} from './ox/state';
export { CREDENTIALS_TYPES as OX_CREDENTIALS_TYPES, type CredentialsType as OxCredentialsType } from './ox/credentials-types';
export {
  DEFAULT_TINES_SEED,
  type TinesFolder,
  type TinesSeed,
  type TinesSeedCredential,
  type TinesState,
  type TinesStoredCredential,
  type TinesTeam,
  type TinesTestCredential,
} from './tines/state';
export { OX_SDL } from './ox/schema';
export { runSimulateCommand, SIMULATE_USAGE, type SimulateIo } from './cli';
