/**
 * Runs the real cdktf CLI on an app file (TypeScript, run with tsx) in a scratch project directory,
 * offline, the way a user runs `cdktf deploy` / `cdktf diff` in a repository or CI.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collect, type RunResult } from './terraform';
import { recordDir } from './canary';
import { REPO_ROOT } from './provider-build';

const CDKTF = join(REPO_ROOT, 'node_modules', '.bin', 'cdktf');

/**
 * cdktf-cli 0.21 cannot start on Node 24 or later: its terminal library
 * (@cdktf/node-pty-prebuilt-multiarch) ships native builds up to Node 22's ABI only, and building
 * one needs Node's headers from the internet. Its tests run on Node 20 and 22; on later releases
 * users run cdktn-cli, which test/meta/consumer-types.e2e.test.ts and the demo cover.
 */
export const CDKTF_CLI_STARTS = Number(process.versions.node.split('.')[0]) < 24;
/** `test`, or `test.skip` (named as such in jest's output) where cdktf-cli cannot start. */
export const testWithCdktfCli: jest.It = CDKTF_CLI_STARTS ? test : test.skip;
const TSX = join(REPO_ROOT, 'node_modules', '.bin', 'tsx');

export class CdktfProject {
  readonly dir: string;
  readonly env: NodeJS.ProcessEnv;

  /** `appFile`: absolute path of the app's main.ts; it may read its parameters from `env`. */
  constructor(appFile: string, env: Record<string, string> = {}, prefix = 'credform-cdktf-') {
    this.dir = mkdtempSync(join(tmpdir(), prefix));
    recordDir(this.dir);
    writeFileSync(join(this.dir, 'cdktf.json'), JSON.stringify({ language: 'typescript', app: `${TSX} ${appFile}`, output: 'cdktf.out', sendCrashReports: 'false', terraformProviders: [] }));
    writeFileSync(join(this.dir, '.terraformrc'), '');
    this.env = {
      ...process.env,
      TF_CLI_CONFIG_FILE: join(this.dir, '.terraformrc'),
      CHECKPOINT_DISABLE: '1',
      CI: '1',
      FORCE_COLOR: '0',
      NO_COLOR: '1',
      ...env,
    };
    delete this.env.TF_LOG;
  }

  run(args: string[], env: Record<string, string> = {}): Promise<RunResult> {
    const child = spawn(CDKTF, args, { cwd: this.dir, env: { ...this.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    return collect(child, `cdktf ${args.join(' ')} in ${this.dir}`);
  }

  async ok(args: string[], env: Record<string, string> = {}): Promise<RunResult> {
    const r = await this.run(args, env);
    if (r.code !== 0) throw new Error(`cdktf ${args.join(' ')} exited ${r.code}\n${r.stdout}\n${r.stderr}`);
    return r;
  }

  stackDir(stack: string): string {
    return join(this.dir, 'cdktf.out', 'stacks', stack);
  }

  synthesized(stack: string): string {
    return readFileSync(join(this.stackDir(stack), 'cdk.tf.json'), 'utf8');
  }
}
