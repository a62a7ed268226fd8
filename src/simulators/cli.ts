/**
 * `credform simulate [--host 127.0.0.1] [--seed FILE] [--state-file FILE] [--faults FILE]`: starts
 * the four simulators, prints one JSON line saying where they listen and which tokens they take,
 * and runs until SIGINT or SIGTERM.
 */
import { CommandArgsError, parseCommandArgs } from '../command-args';
import { faultOptionsSchema } from './faults';
import { startSimulators, VENDORS, type SimulatorsFaults } from './start-all';
import { loadSeedFile, readJsonFile } from './seed';

export interface SimulateIo {
  /** Where the JSON line goes. @default process.stdout */
  readonly stdout?: (text: string) => void;
  /** Where usage and errors go. @default process.stderr */
  readonly stderr?: (text: string) => void;
  /**
   * Stops the simulators like SIGINT/SIGTERM would (for running the command in-process): an
   * `AbortSignal`, typed by what is used of it so that the public types need neither Node's nor the DOM's.
   */
  readonly signal?: {
    readonly aborted: boolean;
    addEventListener(type: 'abort', listener: () => void): void;
    removeEventListener(type: 'abort', listener: () => void): void;
  };
}

export const SIMULATE_USAGE: string = `Usage: credform simulate [options]

Starts offline simulators of the DX, Apinizer, OX Security and Tines APIs, prints one JSON line
{"dx":{"url":…,"token":…},"apinizer":{…},"ox":{…},"tines":{…}} and runs until SIGINT or SIGTERM.

Options:
  --host HOST         interface to listen on (default 127.0.0.1); each simulator gets a free port
  --seed FILE         seed data (JSON; see docs/simulators.md)
  --state-file FILE   keep the stores in FILE across restarts
  --faults FILE       faults at start (JSON: fault options for all, or {"dx":{…},"ox":{…}})
  -h, --help          show this help
`;

/** The one-line usage shown with an argument error (`--help` shows {@link SIMULATE_USAGE}). */
export const SIMULATE_USAGE_LINE = 'credform simulate [--host HOST] [--seed FILE] [--state-file FILE] [--faults FILE] [-h | --help]';

const SIMULATE_OPTIONS = {
  host: { type: 'string' },
  seed: { type: 'string' },
  'state-file': { type: 'string' },
  faults: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

interface SimulateArgs {
  host?: string;
  seed?: string;
  stateFile?: string;
  faults?: string;
  help?: boolean;
}

/**
 * Parses the arguments after `simulate` (a leading `simulate` is skipped too). A bad argument throws
 * a {@link CommandArgsError}: `credform simulate: <what is wrong>\nusage: <usage line>`.
 */
export function parseSimulateArgs(argv: readonly string[]): SimulateArgs {
  const rest = argv[0] === 'simulate' ? argv.slice(1) : argv;
  const { values } = parseCommandArgs('simulate', SIMULATE_USAGE_LINE, rest, SIMULATE_OPTIONS);
  const args: SimulateArgs = {};
  if (values.host !== undefined) args.host = values.host;
  if (values.seed !== undefined) args.seed = values.seed;
  if (values['state-file'] !== undefined) args.stateFile = values['state-file'];
  if (values.faults !== undefined) args.faults = values.faults;
  if (values.help) args.help = true;
  return args;
}

function loadFaults(filePath: string): SimulatorsFaults {
  const value = readJsonFile(filePath, 'faults file');
  const check = (v: unknown, where: string): void => {
    const r = faultOptionsSchema.safeParse(v);
    if (!r.success)
      throw new Error(
        `faults file ${filePath}: invalid ${where}: ${r.error.issues
          .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
          .join('; ')}`
      );
  };
  const record = (value ?? {}) as Record<string, unknown>;
  if (Object.keys(record).some((k) => (VENDORS as readonly string[]).includes(k))) {
    for (const [vendor, f] of Object.entries(record)) {
      if (!(VENDORS as readonly string[]).includes(vendor))
        throw new Error(`faults file ${filePath}: unknown vendor "${vendor}"`);
      check(f, `"${vendor}" faults`);
    }
  } else {
    check(value, 'faults');
  }
  return value as SimulatorsFaults;
}

export async function runSimulateCommand(argv: string[], io: SimulateIo = {}): Promise<number> {
  const out = io.stdout ?? ((t: string) => void process.stdout.write(t));
  const err = io.stderr ?? ((t: string) => void process.stderr.write(t));
  let args: SimulateArgs;
  try {
    args = parseSimulateArgs(argv);
  } catch (e) {
    if (!(e instanceof CommandArgsError)) throw e;
    err(`${e.message}\n`);
    return 2;
  }
  if (args.help) {
    out(SIMULATE_USAGE);
    return 0;
  }

  let simulators: Awaited<ReturnType<typeof startSimulators>>;
  try {
    simulators = await startSimulators({
      host: args.host,
      seed: args.seed === undefined ? undefined : loadSeedFile(args.seed),
      stateFile: args.stateFile,
      faults: args.faults === undefined ? undefined : loadFaults(args.faults),
    });
  } catch (e) {
    err(`credform simulate: ${(e as Error).message}\n`);
    return 1;
  }
  out(`${JSON.stringify(simulators.connectionInfo())}\n`);

  await new Promise<void>((resolve) => {
    const done = (): void => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      io.signal?.removeEventListener('abort', done);
      resolve();
    };
    process.on('SIGINT', done);
    process.on('SIGTERM', done);
    if (io.signal?.aborted) done();
    else io.signal?.addEventListener('abort', done);
  });
  await simulators.stop();
  return 0;
}
