/**
 * Command-line arguments of the `credform` subcommands, parsed by Node's `util.parseArgs` with one
 * error style for all of them:
 *
 *     credform <command>: <what is wrong>
 *     usage: <usage>
 *
 * Shared by the provider-side commands (src/cli) and the simulators (src/simulators), so it imports
 * nothing but `node:util`.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** The `options` of `util.parseArgs`: long name → `{ type, short?, multiple?, default? }`. */
export type CommandOptions = NonNullable<ParseArgsConfig['options']>;
type CommandOption = CommandOptions[string];

type OptionValue<C extends CommandOption> = C['multiple'] extends true
  ? (C['type'] extends 'string' ? string : boolean)[]
  : C['type'] extends 'string'
    ? string
    : boolean;

/** The parsed options, by long name; absent when not given (and without a default). */
export type CommandValues<O extends CommandOptions> = { [K in keyof O]?: OptionValue<O[K]> };

export interface CommandArgs<O extends CommandOptions> {
  readonly values: CommandValues<O>;
  readonly positionals: string[];
}

export interface ParseCommandArgsOptions {
  /** Whether the command takes positional arguments. @default false */
  readonly allowPositionals?: boolean;
}

/** A bad command line. `message` is the whole text to show: `credform <command>: <problem>\nusage: <usage>`. */
export class CommandArgsError extends Error {
  override readonly name = 'CommandArgsError';
  constructor(
    /** The subcommand, e.g. `install`. */
    readonly command: string,
    /** The one-line usage, e.g. `credform install [--dir DIR]`. */
    readonly usage: string,
    /** What is wrong, e.g. `unknown option "--dirr"`. */
    readonly problem: string
  ) {
    super(`credform ${command}: ${problem}\nusage: ${usage}`);
  }
}

type Token = { kind: 'option'; name: string; rawName: string; value?: string; inlineValue?: boolean } | { kind: 'positional'; value: string } | { kind: 'option-terminator' };

const q = (s: string): string => JSON.stringify(s);

/** Whether the option token is one the options name, as written (`--name` or `-s` for its short). */
function known(options: CommandOptions, token: { name: string; rawName: string }): CommandOption | undefined {
  if (!Object.prototype.hasOwnProperty.call(options, token.name)) return undefined;
  const option = options[token.name]!;
  return token.rawName === `--${token.name}` || (option.short !== undefined && token.rawName === `-${option.short}`) ? option : undefined;
}

/**
 * What is wrong, told from the tokens of a lenient parse: the first token strict parsing refuses,
 * as strict parsing reports the first too. Undefined when none is found.
 */
function problemOf(code: string, argv: readonly string[], options: CommandOptions, allowPositionals: boolean): string | undefined {
  const { tokens } = parseArgs({ args: [...argv], options, strict: false, allowPositionals: true, tokens: true }) as { tokens: Token[] };
  for (const t of tokens) {
    if (t.kind === 'positional') {
      if (!allowPositionals && code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return `unexpected argument ${q(t.value)}`;
      continue;
    }
    if (t.kind !== 'option') continue;
    const option = known(options, t);
    if (!option) {
      if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option ${q(t.rawName)}`;
      continue;
    }
    if (code !== 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') continue;
    if (option.type === 'boolean' && t.value !== undefined) return `option ${q(t.rawName)} takes no value, got ${q(t.value)}`;
    if (option.type === 'string' && t.value === undefined) return `option ${q(t.rawName)} needs a value`;
    // `--seed --host x`: strict parsing takes no option-like word (but `-` alone) as a value unless written `--seed=--host`.
    if (option.type === 'string' && !t.inlineValue && t.value !== undefined && t.value.length > 1 && t.value.startsWith('-'))
      return `option ${q(t.rawName)} needs a value, got option ${q(t.value)} (write ${t.rawName}=${t.value} if that is the value)`;
  }
  return undefined;
}

/**
 * Parses a subcommand's arguments strictly: unknown options, options without their value, boolean
 * options given a value, positional arguments the command does not take, and empty values of string
 * options (`--dir=` or `--dir ''`) throw a {@link CommandArgsError} naming the option or argument.
 * `--opt value` and `--opt=value` are both accepted; an option given twice keeps its last value.
 */
export function parseCommandArgs<O extends CommandOptions>(
  command: string,
  usage: string,
  argv: readonly string[],
  options: O,
  { allowPositionals = false }: ParseCommandArgsOptions = {}
): CommandArgs<O> {
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...argv], options, strict: true, allowPositionals }) as typeof parsed;
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (typeof code !== 'string' || !code.startsWith('ERR_PARSE_ARGS_')) throw e;
    const problem = problemOf(code, argv, options, allowPositionals);
    // Not expected: the lenient parse always finds what the strict one refused. Keep Node's words then.
    throw new CommandArgsError(command, usage, problem ?? (e as Error).message.split('\n')[0]!);
  }
  for (const [name, value] of Object.entries(parsed.values)) {
    if (options[name]?.type !== 'string') continue;
    if (value === '' || (Array.isArray(value) && value.includes(''))) throw new CommandArgsError(command, usage, `option ${q(`--${name}`)} needs a value, got ""`);
  }
  return { values: { ...parsed.values } as CommandValues<O>, positionals: parsed.positionals };
}
