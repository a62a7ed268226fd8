/**
 * Whichever CDK is missing, loading credform says what to do: `credform` without cdktf (or without
 * constructs) tells to `npm install cdktf constructs` or, with cdktn, to import 'credform/cdktn';
 * `credform/cdktn` without cdktn says the converse; `credform/testing` needs neither.
 *
 * Each case is a real node process in a directory outside the repository whose node_modules holds
 * the packed package (a copy: npm installs real directories), credform's own dependencies, and only
 * the peers of that case (links to this repository's copies).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packCredform } from '../support/packed-package';
import { REPO_ROOT } from '../support/provider-build';

interface Outcome {
  readonly ok: boolean;
  readonly message?: string;
  readonly code?: string;
  /** Which CDK's module files were loaded. */
  readonly loaded: string[];
}

// Requires each entry point in a fresh process and reports what happened.
const PROBE = `
const entry = process.argv[1];
const out = {};
try {
  const m = require(entry);
  out.ok = true;
  out.exports = Object.keys(m).sort();
} catch (e) {
  out.ok = false;
  out.message = e.message;
  out.code = e.code;
}
out.loaded = ['cdktf', 'cdktn'].filter((cdk) => Object.keys(require.cache).some((f) => f.includes('/node_modules/' + cdk + '/')));
process.stdout.write(JSON.stringify(out));
`;

let work: string;
let packageDir: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'credform-missing-peer-'));
  const { tarball } = packCredform(work);
  packageDir = join(work, 'package');
  execFileSync('tar', ['-xzf', tarball, '-C', work]);
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** An app directory whose node_modules has credform, its dependencies and `peers`. */
function app(name: string, peers: string[]): string {
  const dir = join(work, name);
  const modules = join(dir, 'node_modules');
  mkdirSync(modules, { recursive: true });
  cpSync(packageDir, join(modules, 'credform'), { recursive: true });
  const { dependencies } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  for (const dep of [...Object.keys(dependencies), ...peers]) {
    mkdirSync(join(modules, dep, '..'), { recursive: true });
    symlinkSync(join(REPO_ROOT, 'node_modules', dep), join(modules, dep), 'dir');
  }
  return dir;
}

function load(dir: string, entry: string): Outcome {
  const env = { ...process.env };
  delete env.NODE_PATH;
  delete env.NODE_OPTIONS;
  const r = spawnSync(process.execPath, ['-e', PROBE, entry], { cwd: dir, env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`node exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout) as Outcome;
}

/** That `name` cannot be loaded from `dir` at all: the case is what it claims to be. */
function unresolvable(dir: string, name: string): boolean {
  const r = spawnSync(process.execPath, ['-e', `require.resolve(${JSON.stringify(name)})`], { cwd: dir, env: { ...process.env, NODE_PATH: '' } });
  return r.status !== 0;
}

test('with cdktf only: credform loads on cdktf; credform/cdktn says to install cdktn, or to import from credform', () => {
  const dir = app('cdktf-only', ['cdktf', 'constructs']);
  expect(unresolvable(dir, 'cdktn')).toBe(true);

  const cdktf = load(dir, 'credform');
  expect(cdktf).toMatchObject({ ok: true, loaded: ['cdktf'] });
  expect((cdktf as unknown as { exports: string[] }).exports).toEqual(expect.arrayContaining(['CredformProvider', 'DxCredential', 'Secret']));

  const cdktn = load(dir, 'credform/cdktn');
  expect(cdktn.ok).toBe(false);
  expect(cdktn.code).toBe('MODULE_NOT_FOUND');
  expect(cdktn.message).toContain('credform/cdktn: cannot find cdktn');
  expect(cdktn.message).toContain('npm install cdktn constructs');
  expect(cdktn.message).toContain("import from 'credform' instead");
  expect(cdktn.loaded).toEqual([]);
});

test('with cdktn only: credform/cdktn loads on cdktn; credform says to import from credform/cdktn, or to install cdktf', () => {
  const dir = app('cdktn-only', ['cdktn', 'constructs']);
  expect(unresolvable(dir, 'cdktf')).toBe(true);

  const cdktn = load(dir, 'credform/cdktn');
  expect(cdktn).toMatchObject({ ok: true, loaded: ['cdktn'] });
  expect((cdktn as unknown as { exports: string[] }).exports).toEqual(expect.arrayContaining(['CredformProvider', 'DxCredential', 'Secret']));

  const cdktf = load(dir, 'credform');
  expect(cdktf.ok).toBe(false);
  expect(cdktf.code).toBe('MODULE_NOT_FOUND');
  expect(cdktf.message).toContain('credform: cannot find cdktf');
  expect(cdktf.message).toContain("import from 'credform/cdktn' instead");
  expect(cdktf.message).toContain('npm install cdktf constructs');
  expect(cdktf.loaded).toEqual([]);
});

test('with no CDK: each entry point names what to install; credform/testing needs none', () => {
  const dir = app('no-cdk', []);
  expect(unresolvable(dir, 'constructs')).toBe(true);

  const cdktf = load(dir, 'credform');
  expect(cdktf.ok).toBe(false);
  expect(cdktf.message).toContain('cannot find cdktf and constructs');
  expect(cdktf.message).toContain('npm install cdktf constructs');
  expect(cdktf.message).toContain("'credform/cdktn'");

  const cdktn = load(dir, 'credform/cdktn');
  expect(cdktn.ok).toBe(false);
  expect(cdktn.message).toContain('cannot find cdktn and constructs');
  expect(cdktn.message).toContain('npm install cdktn constructs');

  const testing = load(dir, 'credform/testing');
  expect(testing).toMatchObject({ ok: true, loaded: [] });
  expect((testing as unknown as { exports: string[] }).exports).toContain('startSimulators');
});

test('with cdktf but not constructs: credform names constructs', () => {
  const dir = app('no-constructs', ['cdktf']);
  const cdktf = load(dir, 'credform');
  expect(cdktf.ok).toBe(false);
  expect(cdktf.message).toContain('credform: cannot find constructs');
  expect(cdktf.message).toContain('npm install cdktf constructs');
});
