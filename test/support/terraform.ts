/**
 * Drives the real terraform binary in a scratch working directory, offline: its own empty CLI
 * config, no checkpoint calls, providers only from the directory's implied local mirror.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recordDir, recordOutput } from './canary';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  /** Set when `timeoutMs` ran out and the command was interrupted. */
  timedOut?: boolean;
}

export interface RunOptions {
  /**
   * Interrupt the command (SIGINT, as Ctrl-C: Terraform stops its providers and prints what was
   * still running; SIGKILL 15 s later) after this long, so a hang fails with Terraform's own
   * account of it instead of a bare test time-out.
   */
  readonly timeoutMs?: number;
}

export class TerraformDir {
  readonly dir: string;
  readonly env: NodeJS.ProcessEnv;

  constructor(prefix = 'credform-tf-', extraEnv: NodeJS.ProcessEnv = {}, dir?: string) {
    this.dir = dir ?? mkdtempSync(join(tmpdir(), prefix));
    recordDir(this.dir);
    const cliConfig = join(this.dir, '.terraformrc');
    writeFileSync(cliConfig, '');
    this.env = {
      ...process.env,
      TF_CLI_CONFIG_FILE: cliConfig,
      CHECKPOINT_DISABLE: '1',
      TF_IN_AUTOMATION: '1',
      TF_INPUT: '0',
      NO_COLOR: '1',
      ...extraEnv,
    };
    delete this.env.TF_LOG;
    delete this.env.TF_LOG_PATH;
    Object.assign(this.env, extraEnv);
    this.extraEnv = extraEnv;
  }

  private readonly extraEnv: NodeJS.ProcessEnv;

  /** The same environment in another directory (e.g. one stack of several). */
  in(dir: string): TerraformDir {
    return new TerraformDir('', this.extraEnv, dir);
  }

  write(name: string, content: string | object): void {
    writeFileSync(join(this.dir, name), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }

  read(name: string): string {
    return readFileSync(join(this.dir, name), 'utf8');
  }

  exists(name: string): boolean {
    return existsSync(join(this.dir, name));
  }

  /** Starts terraform; `run` waits for it. */
  start(args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
    // Terraform ignores NO_COLOR; every subcommand the tests use takes -no-color after its name.
    const withFlags = args.length && !['providers', 'state', 'workspace'].includes(args[0]) && !args.includes('-no-color') ? [args[0], '-no-color', ...args.slice(1)] : args;
    return spawn('terraform', withFlags, { cwd: this.dir, env: { ...this.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  }

  async run(args: string[], env: NodeJS.ProcessEnv = {}, { timeoutMs }: RunOptions = {}): Promise<RunResult> {
    const child = this.start(args, env);
    let timedOut = false;
    const timers: NodeJS.Timeout[] = [];
    if (timeoutMs !== undefined) {
      timers.push(
        setTimeout(() => {
          timedOut = true;
          child.kill('SIGINT');
          timers.push(setTimeout(() => child.kill('SIGKILL'), 15_000));
        }, timeoutMs),
      );
    }
    try {
      const r = await collect(child, `terraform ${args.join(' ')} in ${this.dir}`);
      return timedOut ? { ...r, timedOut } : r;
    } finally {
      timers.forEach(clearTimeout);
    }
  }

  /** Runs and fails the test with terraform's own words when it does not exit 0. */
  async ok(args: string[], env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
    const r = await this.run(args, env);
    if (r.code !== 0) throw new Error(`terraform ${args.join(' ')} exited ${r.code}\n${r.stdout}\n${r.stderr}`);
    return r;
  }

  /** `terraform show -json` of the state, as an object. */
  async state(): Promise<{ values?: { root_module?: { resources?: Array<{ address: string; values: Record<string, unknown> }> } } }> {
    const r = await this.ok(['show', '-json']);
    return JSON.parse(r.stdout);
  }

  async resources(): Promise<Array<{ address: string; values: Record<string, unknown> }>> {
    return (await this.state()).values?.root_module?.resources ?? [];
  }

  /** The state object of one resource, from `terraform show -json`. */
  async values(address: string): Promise<Record<string, any> | undefined> {
    return (await this.resources()).find((r) => r.address === address)?.values;
  }
}

export function collect(child: ChildProcess, label = 'a child process'): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d) => (stdout += d));
  child.stderr?.on('data', (d) => (stderr += d));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      recordOutput(`${label} (stdout)`, stdout);
      recordOutput(`${label} (stderr)`, stderr);
      resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr });
    });
  });
}
