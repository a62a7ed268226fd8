/**
 * The provider executable is both a shell script and a Node.js script (scripts/bundle-provider.js):
 * sh execs node on the same file with the options that keep a provider process small. Checked on
 * the running process itself (/proc), through the built bundle as Terraform starts it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CREDFORM_BUNDLE_DIR } from '../support/provider-build';

const EXE = join(CREDFORM_BUNDLE_DIR, 'terraform-provider');
const HANDSHAKE_ENV = {
  TF_PLUGIN_MAGIC_COOKIE: 'd602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2',
  PLUGIN_PROTOCOL_VERSIONS: '5,6',
};

interface Started {
  readonly handshake: string;
  readonly argv: string[];
  readonly env: Record<string, string>;
}

/** Starts the executable as Terraform would (minus mTLS), reads what the running process is, stops it. */
async function start(env: Record<string, string>, command: string[] = [EXE]): Promise<Started> {
  const child = spawn(command[0], command.slice(1), { env: { PATH: process.env.PATH ?? '', ...HANDSHAKE_ENV, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const handshake = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
        if (out.includes('\n')) resolve(out.split('\n')[0]);
      });
      child.on('exit', (code) => reject(new Error(`provider exited ${code} before its handshake`)));
    });
    // exec, not a child: the pid Terraform holds is node's, so its signals and Shutdown reach node.
    const argv = readFileSync(`/proc/${child.pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    const environ = readFileSync(`/proc/${child.pid}/environ`, 'utf8').split('\0').filter(Boolean);
    return { handshake, argv, env: Object.fromEntries(environ.map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)])) };
  } finally {
    child.kill('SIGKILL');
  }
}

describe('provider executable', () => {
  test('sh execs node on the same file with the small-process options, and the handshake follows', async () => {
    const s = await start({});
    expect(s.handshake).toMatch(/^1\|6\|unix\|.+\|grpc\|$/);
    expect(s.argv).toEqual(['node', '--liftoff-only', '--max-semi-space-size=1', '--interrupt-budget=1048576', '--heap-growing-percent=50', EXE]);
    expect(s.env.MALLOC_ARENA_MAX).toBe('1');
  });

  test('CREDFORM_NODE_OPTIONS replaces the options (empty: none); a MALLOC_ARENA_MAX of the user wins', async () => {
    const none = await start({ CREDFORM_NODE_OPTIONS: '', MALLOC_ARENA_MAX: '4' });
    expect(none.argv).toEqual(['node', EXE]);
    expect(none.env.MALLOC_ARENA_MAX).toBe('4');
    const other = await start({ CREDFORM_NODE_OPTIONS: '--max-old-space-size=200 --stack-size=900' });
    expect(other.argv).toEqual(['node', '--max-old-space-size=200', '--stack-size=900', EXE]);
  });

  test('node runs the same file directly (line 2 is a string and a comment to it)', async () => {
    const s = await start({}, [process.execPath, EXE]);
    expect(s.handshake).toMatch(/^1\|6\|unix\|/);
    expect(s.argv).toEqual([process.execPath, EXE]);
  });

  test('started by hand, it explains itself through both paths', () => {
    for (const command of [[EXE], [process.execPath, EXE]]) {
      const r = spawnSync(command[0], command.slice(1), { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
      expect({ status: r.status, stdout: r.stdout }).toEqual({ status: 1, stdout: '' });
      expect(r.stderr).toContain('This is a Terraform provider plugin');
    }
  });
});
