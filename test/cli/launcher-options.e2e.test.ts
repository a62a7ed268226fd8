/**
 * The provider executable is both a shell script and a Node.js script (scripts/bundle-provider.js):
 * sh execs node on the same file with the options that keep a provider process small. Checked on
 * the running process itself (/proc), through the built bundle as Terraform starts it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, readFileSync, readlinkSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OTHER_NODE_MAJORS, TOO_OLD_NODE_MAJOR, nodeBin, pathWithNode } from '../support/node-versions';
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
  /** The program the process runs (which node). */
  readonly exe: string;
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
    return { handshake, argv, exe: readlinkSync(`/proc/${child.pid}/exe`), env: Object.fromEntries(environ.map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)])) };
  } finally {
    child.kill('SIGKILL');
  }
}

const SMALL = ['--liftoff-only', '--max-semi-space-size=1', '--heap-growing-percent=50'];
/** V8 counts calls before TurboFan on Node 22+ (and has Maglev), bytecode on Node 20 (whose option Node 22+ reject). */
const TURBOFAN_LATER: Record<string, string[]> = { '20': ['--interrupt-budget=1048576'], other: ['--invocation-count-for-turbofan=48000', '--no-maglev'] };

/** Runs the executable as Terraform would, expecting it to fail before its handshake. */
function failedStart(env: Record<string, string>, command: string[] = [EXE]): { status: number | null; stdout: string } {
  const r = spawnSync(command[0], command.slice(1), { encoding: 'utf8', env: { ...HANDSHAKE_ENV, ...env }, timeout: 10_000 });
  return { status: r.status, stdout: r.stdout };
}

/** The one line a failed start prints: Terraform shows it inside its own error. */
const oneLine = (reason: RegExp) => expect.stringMatching(new RegExp(`^credform: the provider cannot start: ${reason.source}\n$`));

describe('provider executable', () => {
  const machineMajor = process.versions.node.split('.')[0];
  test.each([Number(machineMajor), ...OTHER_NODE_MAJORS])(
    'on Node %i, sh execs node on the same file with the small-process options it accepts, and the handshake follows',
    async (major) => {
      const s = await start({ PATH: pathWithNode(major) });
      expect(s.handshake).toMatch(/^1\|6\|unix\|.+\|grpc\|$/);
      expect(s.argv).toEqual(['node', ...SMALL, ...(TURBOFAN_LATER[String(major)] ?? TURBOFAN_LATER.other), EXE]);
      expect(s.env.MALLOC_ARENA_MAX).toBe('1');
      if (major !== Number(machineMajor)) expect(s.exe).toBe(join(nodeBin(major), 'node'));
    },
  );

  test('a CREDFORM_NODE_OPTIONS that node rejects: one line on stdout naming the option and what to do', () => {
    for (const [options, reason] of [
      ['--interrupt-budget=5', /node rejected CREDFORM_NODE_OPTIONS \(bad option: --interrupt-budget=5\)\. Correct it, or unset it for credform's defaults\./],
      ['--max-semi-space-size=lots', /node rejected CREDFORM_NODE_OPTIONS \(illegal value for flag --max-semi-space-size=lots of type size_t\)\. .*/],
    ] as const) {
      expect(failedStart({ PATH: pathWithNode(26), CREDFORM_NODE_OPTIONS: options })).toEqual({ status: 1, stdout: oneLine(reason) });
    }
  });

  test('no node on the PATH, a Node older than 20.18.1, a broken node: one line each', () => {
    const bare = mkdtempSync(join(tmpdir(), 'credform-nonode-'));
    symlinkSync('/bin/sh', join(bare, 'sh'));
    expect(failedStart({ PATH: bare }, ['/bin/sh', EXE])).toEqual({ status: 1, stdout: oneLine(/there is no node on the PATH Terraform runs it with\. Install Node\.js 20\.18\.1 or later \(22, 24 and 26 are tested\) there\./) });
    expect(failedStart({ PATH: pathWithNode(TOO_OLD_NODE_MAJOR) })).toEqual({ status: 1, stdout: oneLine(/Node\.js v18\.\d+\.\d+ is too old: it needs 20\.18\.1 or later .*/) });
    const broken = mkdtempSync(join(tmpdir(), 'credform-brokennode-'));
    symlinkSync('/bin/false', join(broken, 'node')); // a node that runs and fails, as a damaged one does
    expect(failedStart({ PATH: `${broken}:${process.env.PATH}` })).toEqual({ status: 1, stdout: oneLine(/`node --version` failed \(node at .*\/node is broken\)\. Reinstall Node\.js 20\.18\.1 or later\./) });
  });

  test('an incomplete installation (the bundle beside the launcher is missing): one line naming it', () => {
    const copy = mkdtempSync(join(tmpdir(), 'credform-incomplete-'));
    copyFileSync(EXE, join(copy, 'terraform-provider'));
    chmodSync(join(copy, 'terraform-provider'), 0o755);
    expect(failedStart({ PATH: process.env.PATH ?? '' }, [join(copy, 'terraform-provider')])).toEqual({
      status: 1,
      stdout: oneLine(/its bundle .*provider-main\.js cannot be read \(ENOENT\): the installation is incomplete\. .*/),
    });
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
