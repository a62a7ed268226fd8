/**
 * The command-line arguments of `credform install`, `plan-summary` and `simulate`: parsed by
 * `util.parseArgs`, refused in one style, `credform <command>: <what is wrong>\nusage: <usage>`.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommandArgsError, parseCommandArgs } from '../src/command-args';
import { INSTALL_USAGE, runInstallCommand } from '../src/cli/install';
import { main } from '../src/cli/main';
import { EXIT_ERRORS, EXIT_NO_CHANGES, PLAN_SUMMARY_USAGE, runPlanSummary } from '../src/cli/plan-summary/run';
import { parseSimulateArgs, runSimulateCommand, SIMULATE_USAGE, SIMULATE_USAGE_LINE } from '../src/simulators/cli';
import { VERSION } from '../src/version';

const USAGE = 'credform demo [--dir DIR] [--force] [-v]';
const OPTIONS = { dir: { type: 'string' }, force: { type: 'boolean' }, verbose: { type: 'boolean', short: 'v' } } as const;

/** The message a bad command line throws; fails when it parses. */
function refusal(argv: string[], allowPositionals = false): string {
  try {
    parseCommandArgs('demo', USAGE, argv, OPTIONS, { allowPositionals });
  } catch (e) {
    expect(e).toBeInstanceOf(CommandArgsError);
    return (e as Error).message;
  }
  throw new Error(`${JSON.stringify(argv)} parsed`);
}

const demoError = (problem: string): string => `credform demo: ${problem}\nusage: ${USAGE}`;

/** Everything written to process.stdout and process.stderr while `run` runs. */
async function captured<T>(run: () => T | Promise<T>): Promise<{ result: T; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
  try {
    const result = await run();
    return { result, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

describe('parseCommandArgs', () => {
  test('accepts --opt value and --opt=value, last one wins, and short booleans', () => {
    expect(parseCommandArgs('demo', USAGE, ['--dir', 'a'], OPTIONS).values).toEqual({ dir: 'a' });
    expect(parseCommandArgs('demo', USAGE, ['--dir=b'], OPTIONS).values).toEqual({ dir: 'b' });
    expect(parseCommandArgs('demo', USAGE, ['--dir=a=b'], OPTIONS).values).toEqual({ dir: 'a=b' });
    expect(parseCommandArgs('demo', USAGE, ['--dir=-x'], OPTIONS).values).toEqual({ dir: '-x' });
    expect(parseCommandArgs('demo', USAGE, ['--dir', '-'], OPTIONS).values).toEqual({ dir: '-' });
    expect(parseCommandArgs('demo', USAGE, ['--dir', 'a', '--dir=b', '-v', '--force'], OPTIONS).values).toEqual({ dir: 'b', verbose: true, force: true });
    expect(parseCommandArgs('demo', USAGE, [], OPTIONS)).toEqual({ values: {}, positionals: [] });
  });

  test('an unknown option is named', () => {
    expect(refusal(['--dirr', 'x'])).toBe(demoError('unknown option "--dirr"'));
    expect(refusal(['--dirr=x'])).toBe(demoError('unknown option "--dirr"'));
    expect(refusal(['-x'])).toBe(demoError('unknown option "-x"'));
    expect(refusal(['-vx'])).toBe(demoError('unknown option "-x"'));
    // A long option's name is not a short option.
    expect(refusal(['--v'])).toBe(demoError('unknown option "--v"'));
  });

  test('a missing value is named', () => {
    expect(refusal(['--dir'])).toBe(demoError('option "--dir" needs a value'));
    expect(refusal(['--force', '--dir'])).toBe(demoError('option "--dir" needs a value'));
    expect(refusal(['--dir', '--force'])).toBe(demoError('option "--dir" needs a value, got option "--force" (write --dir=--force if that is the value)'));
    expect(refusal(['--dir='])).toBe(demoError('option "--dir" needs a value, got ""'));
    expect(refusal(['--dir', ''])).toBe(demoError('option "--dir" needs a value, got ""'));
  });

  test('a value given to a boolean option is named', () => {
    expect(refusal(['--force=yes'])).toBe(demoError('option "--force" takes no value, got "yes"'));
  });

  test('an unexpected positional argument is named, unless the command takes them', () => {
    expect(refusal(['extra'])).toBe(demoError('unexpected argument "extra"'));
    expect(refusal(['--dir', 'a', 'b'])).toBe(demoError('unexpected argument "b"'));
    expect(refusal(['--', '--dir'])).toBe(demoError('unexpected argument "--dir"'));
    expect(parseCommandArgs('demo', USAGE, ['a', '--dir=d', 'b', '--', '--force'], OPTIONS, { allowPositionals: true })).toEqual({
      values: { dir: 'd' },
      positionals: ['a', 'b', '--force'],
    });
  });

  test('the first bad argument is the one reported', () => {
    expect(refusal(['extra', '--dirr'])).toBe(demoError('unexpected argument "extra"'));
    expect(refusal(['--dirr', 'extra'])).toBe(demoError('unknown option "--dirr"'));
    expect(refusal(['--nope', '--dir'], true)).toBe(demoError('unknown option "--nope"'));
    expect(refusal(['--dir', '-', '--dir', '--force'])).toBe(demoError('option "--dir" needs a value, got option "--force" (write --dir=--force if that is the value)'));
  });

  test('the error carries its parts', () => {
    const e = new CommandArgsError('demo', USAGE, 'unknown option "--x"');
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('CommandArgsError');
    expect([e.command, e.usage, e.problem]).toEqual(['demo', USAGE, 'unknown option "--x"']);
    expect(e.message).toBe(demoError('unknown option "--x"'));
  });

  test('a mistake in the options themselves is not reported as a bad command line', () => {
    let thrown: unknown;
    try {
      parseCommandArgs('demo', USAGE, [], { n: { type: 'number' as 'string' } });
    } catch (e) {
      thrown = e;
    }
    // Node's own TypeError (of another realm than the test's, so told by its name and code).
    expect(thrown).not.toBeInstanceOf(CommandArgsError);
    expect(thrown).toMatchObject({ name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' });
  });
});

describe('credform install', () => {
  let dir: string;
  const bundleEnv = process.env.CREDFORM_PROVIDER_BUNDLE_DIR;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'credform-args-'));
    // A stand-in bundle: install copies the two files, whatever they hold.
    mkdirSync(join(dir, 'bundle'));
    writeFileSync(join(dir, 'bundle', 'terraform-provider'), '#!/bin/sh\n');
    writeFileSync(join(dir, 'bundle', 'provider-main.js'), '// bundle\n');
    process.env.CREDFORM_PROVIDER_BUNDLE_DIR = join(dir, 'bundle');
  });
  afterAll(() => {
    if (bundleEnv === undefined) delete process.env.CREDFORM_PROVIDER_BUNDLE_DIR;
    else process.env.CREDFORM_PROVIDER_BUNDLE_DIR = bundleEnv;
    rmSync(dir, { recursive: true, force: true });
  });

  test('bad arguments: exit 2, one line saying what is wrong, then the usage', async () => {
    expect(INSTALL_USAGE).toBe('credform install [--dir DIR]');
    for (const [argv, problem] of [
      [['--dirr'], 'unknown option "--dirr"'],
      [['--dir'], 'option "--dir" needs a value'],
      [['--dir='], 'option "--dir" needs a value, got ""'],
      [['somewhere'], 'unexpected argument "somewhere"'],
    ] as const) {
      const r = await captured(() => runInstallCommand(argv));
      expect(r).toEqual({ result: 2, stdout: '', stderr: `credform install: ${problem}\nusage: credform install [--dir DIR]\n` });
    }
  });

  test('--dir DIR and --dir=DIR install there', async () => {
    const first = await captured(() => runInstallCommand([`--dir=${join(dir, 'mirror')}`]));
    expect(first.result).toBe(0);
    expect(first.stdout).toBe(`registry.terraform.io/credform/credform ${VERSION}\n`);
    expect(first.stderr).toMatch(/^installed: .*terraform-provider-credform_v/);
    const path = first.stderr.trim().slice('installed: '.length);
    expect(path.startsWith(join(dir, 'mirror'))).toBe(true);
    expect(existsSync(path)).toBe(true);
    const again = await captured(() => runInstallCommand(['--dir', join(dir, 'mirror')]));
    expect(again).toEqual({ result: 0, stdout: first.stdout, stderr: `already installed: ${path}\n` });
  });

  test('through `credform` itself', async () => {
    const r = await captured(() => main(['install', '--nope']));
    expect(r).toEqual({ result: 2, stdout: '', stderr: 'credform install: unknown option "--nope"\nusage: credform install [--dir DIR]\n' });
  });
});

describe('credform plan-summary', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'credform-args-'));
    writeFileSync(join(dir, 'plan.json'), JSON.stringify({ format_version: '1.2', resource_changes: [] }));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const usageError = (problem: string): string => `credform plan-summary: ${problem}\nusage: ${PLAN_SUMMARY_USAGE}\n`;

  test('bad arguments: exit 1, one line saying what is wrong, then the usage', async () => {
    expect(PLAN_SUMMARY_USAGE).toBe('credform plan-summary <PLAN.json | DIR> [--diagnostics FILE] [--stack NAME]');
    const plan = join(dir, 'plan.json');
    const missing = join(dir, 'missing.json');
    for (const [argv, problem] of [
      [[plan, '--stack'], 'option "--stack" needs a value'],
      [['--diagnostics', plan], 'give a plan JSON file or a directory'],
      [[plan, '--diagnostic', 'x'], 'unknown option "--diagnostic"'],
      [[plan, plan], `unexpected argument ${JSON.stringify(plan)}`],
      [[], 'give a plan JSON file or a directory'],
      [[missing], `${JSON.stringify(missing)} does not exist`],
    ] as const) {
      const written: string[] = [];
      const r = await captured(() => runPlanSummary(argv, (s) => written.push(s)));
      expect(r).toEqual({ result: EXIT_ERRORS, stdout: '', stderr: usageError(problem) });
      expect(written).toEqual([]);
    }
  });

  test('--stack NAME and --stack=NAME name the stack of a plan file', async () => {
    for (const argv of [[join(dir, 'plan.json'), '--stack', 'prod'], [`--stack=prod`, join(dir, 'plan.json')]]) {
      const written: string[] = [];
      const r = await captured(() => runPlanSummary(argv, (s) => written.push(s)));
      expect(r).toEqual({ result: EXIT_NO_CHANGES, stdout: '', stderr: '' });
      expect(written.join('')).toContain('### Stack `prod`');
    }
  });

  test('through `credform` itself', async () => {
    const r = await captured(() => main(['plan-summary', '--stack']));
    expect(r).toEqual({ result: EXIT_ERRORS, stdout: '', stderr: usageError('option "--stack" needs a value') });
  });
});

describe('credform simulate', () => {
  const usageError = (problem: string): string => `credform simulate: ${problem}\nusage: ${SIMULATE_USAGE_LINE}\n`;

  test('parses --opt value, --opt=value, -h and a leading `simulate`', () => {
    expect(parseSimulateArgs(['--host', '0.0.0.0', '--seed=s.json', '--state-file', 'st.json', '--faults=f.json'])).toEqual({
      host: '0.0.0.0',
      seed: 's.json',
      stateFile: 'st.json',
      faults: 'f.json',
    });
    expect(parseSimulateArgs(['simulate', '-h'])).toEqual({ help: true });
    expect(parseSimulateArgs([])).toEqual({});
  });

  test('bad arguments: exit 2, one line saying what is wrong, then the usage; nothing on stdout', async () => {
    expect(SIMULATE_USAGE_LINE).toBe('credform simulate [--host HOST] [--seed FILE] [--state-file FILE] [--faults FILE] [-h | --help]');
    for (const [argv, problem] of [
      [['--port', '1'], 'unknown option "--port"'],
      [['--seed'], 'option "--seed" needs a value'],
      [['--seed='], 'option "--seed" needs a value, got ""'],
      [['--state-file', '--help'], 'option "--state-file" needs a value, got option "--help" (write --state-file=--help if that is the value)'],
      [['--help=yes'], 'option "--help" takes no value, got "yes"'],
      [['now'], 'unexpected argument "now"'],
    ] as const) {
      const out: string[] = [];
      const err: string[] = [];
      expect(await runSimulateCommand([...argv], { stdout: (t) => out.push(t), stderr: (t) => err.push(t) })).toBe(2);
      expect(err.join('')).toBe(usageError(problem));
      expect(out).toEqual([]);
    }
  });

  test('--help still prints the full help on stdout', async () => {
    const out: string[] = [];
    expect(await runSimulateCommand(['-h'], { stdout: (t) => out.push(t), stderr: () => undefined })).toBe(0);
    expect(out.join('')).toBe(SIMULATE_USAGE);
  });

  test('through `credform` itself', async () => {
    const r = await captured(() => main(['simulate', '--port=1']));
    expect(r).toEqual({ result: 2, stdout: '', stderr: usageError('unknown option "--port"') });
  });
});
