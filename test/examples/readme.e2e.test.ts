/**
 * The README's "Using it in your own repository", followed literally, once with cdktn and once with
 * cdktf. The section's code blocks carry a name after their language (```` ```json cdktf.json ````,
 * ```` ```sh install ````), which GitHub and npm do not show; this test takes the blocks by those
 * names, writes the files as they are and runs the commands as they are, in a new directory, with
 * one substitution: `credform` in the npm install command becomes the packed package's tarball.
 * The variables the README exports are the only vendor settings and secrets the commands get: the
 * URLs and tokens of `npx credform simulate` run from the installed package (as the README offers),
 * and canary secrets. Then: install, type-check (the newest
 * TypeScript, which the README's `npm install typescript` gives), synth, deploy all four
 * credentials, a diff with no change, a rotated secret (the diff shows the revision changing, the
 * vendor gets the new value), destroy (the vendors hold none). No canary may appear in any output,
 * in cdktf.out or in the state.
 *
 * The cdktf flavor is the README's cdktf differences applied to the same section: its install
 * block, its imports in place of main.ts's, and `npx cdktf` where the section says `npx cdktn`.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ApinizerState, DxState, OxState, TinesState } from '../../src/simulators';
import { canary, recordDir, scanForCanaries } from '../support/canary';
import { CDKTF_CLI_STARTS } from '../support/cdktf';
import { nodeForCdktn } from '../support/cdktn';
import { packCredform } from '../support/packed-package';
import { REPO_ROOT } from '../support/provider-build';
import { collect, type RunResult } from '../support/terraform';

const SECTION_HEADING = '## Using it in your own repository';

interface Block {
  readonly lang: string;
  readonly name: string;
  readonly code: string;
  /** The prose between the previous block (or the heading) and this one: what a reader sees of it. */
  readonly intro: string;
}

/** The named code blocks of the section (a block's name: the words after its language). */
function sectionBlocks(readme: string): Map<string, Block> {
  const start = readme.indexOf(`\n${SECTION_HEADING}\n`);
  if (start < 0) throw new Error(`README.md has no "${SECTION_HEADING}" section`);
  const rest = readme.slice(start + SECTION_HEADING.length + 2);
  const section = rest.slice(0, rest.search(/^## /m) >>> 0);
  const blocks = new Map<string, Block>();
  let previousEnd = 0;
  for (const m of section.matchAll(/^```(\S+)[ \t]+([^\n`]+?)[ \t]*\n([\s\S]*?)^```[ \t]*$/gm)) {
    const name = m[2]!;
    if (blocks.has(name)) throw new Error(`README section has two blocks named "${name}"`);
    blocks.set(name, { lang: m[1]!, name, code: m[3]!, intro: section.slice(previousEnd, m.index) });
    previousEnd = m.index! + m[0].length;
  }
  return blocks;
}

const README_BLOCKS = sectionBlocks(readFileSync(join(REPO_ROOT, 'README.md'), 'utf8'));

function block(name: string): Block {
  const b = README_BLOCKS.get(name);
  if (!b) throw new Error(`the README section has no block named "${name}" (blocks: ${[...README_BLOCKS.keys()].join(', ')})`);
  return b;
}

/** A file block, checked to be introduced by its file name, so a reader knows what to call it. */
function fileBlock(name: string): string {
  const b = block(name);
  expect(b.intro).toContain(`\`${name}\``);
  return b.code;
}

/** A block's shell lines as written: blank lines and whole-line comments left out. */
const commandLines = (name: string): string[] =>
  block(name)
    .code.split('\n')
    .filter((l) => l.trim() !== '' && !l.trim().startsWith('#'));

/** The names a block's `export NAME=value …` lines set (a `#` ends the line). */
function exportedNames(name: string): string[] {
  return commandLines(name)
    .filter((l) => l.startsWith('export '))
    .flatMap((l) => l.replace(/#.*$/, '').trim().split(/\s+/).slice(1))
    .map((word) => {
      const m = /^([A-Z_][A-Z0-9_]*)=/.exec(word);
      if (!m) throw new Error(`README export of something that is not NAME=value: ${word}`);
      return m[1]!;
    });
}

const stripAnsi = (s: string) => s.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');

interface Flavor {
  readonly cdk: 'cdktn' | 'cdktf';
  /** The bin directory of the Node the commands run with, first on PATH. */
  readonly nodeBin: string;
  readonly installBlock: string;
  readonly mainTs: () => string;
  /** A command line of the section as this flavor runs it. */
  readonly command: (line: string) => string;
}

const CDKTN: Omit<Flavor, 'nodeBin'> = {
  cdk: 'cdktn',
  installBlock: 'install',
  mainTs: () => fileBlock('main.ts'),
  command: (line) => line,
};

const CDKTF: Omit<Flavor, 'nodeBin'> = {
  cdk: 'cdktf',
  installBlock: 'install cdktf',
  // The section's main.ts with its imports replaced by the cdktf imports block.
  mainTs: () => {
    const imports = block('imports cdktf').code.trimEnd().split('\n');
    const lines = fileBlock('main.ts').split('\n');
    const firstOther = lines.findIndex((l) => !l.startsWith('import '));
    expect(firstOther).toBeGreaterThan(0);
    return [...imports, ...lines.slice(firstOther)].join('\n');
  },
  command: (line) => line.replace(/^npx cdktn /, 'npx cdktf '),
};

let tarball: string | undefined;
function packedTarball(): string {
  tarball ??= packCredform(mkdtempSync(join(tmpdir(), 'credform-readme-pack-'))).tarball;
  return tarball;
}

afterAll(() => {
  if (tarball) rmSync(dirname(tarball), { recursive: true, force: true });
});

/** What the commands inherit: this process's environment less any vendor setting, secret or log level. */
/** What `credform simulate --state-file` keeps: each vendor's store, as `snapshot()` gives it. */
interface SimulatorStores {
  readonly dx: DxState;
  readonly apinizer: ApinizerState;
  readonly ox: OxState;
  readonly tines: TinesState;
}

/**
 * Starts `npx credform simulate` in the app (the installed package's own command), reads the URLs
 * and tokens from its first line, and gives the provider's variables for them and a reader of the
 * state file it writes after every change.
 */
async function startInstalledSimulators(project: string, env: NodeJS.ProcessEnv, stateFile: string): Promise<{ env: Record<string, string>; store: () => SimulatorStores; stop: () => Promise<void> }> {
  // Its own process group: npx runs the command in a child of its own, and both must go at the end.
  const child = spawn('npx', ['credform', 'simulate', '--host', '127.0.0.1', '--state-file', stateFile], { cwd: project, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const first = await new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d;
      if (out.includes('\n')) resolve(out.slice(0, out.indexOf('\n')));
    });
    child.stderr.on('data', (d: Buffer) => (err += d));
    child.once('exit', (code) => reject(new Error(`credform simulate exited ${code} before printing its endpoints\n${out}\n${err}`)));
  });
  const at = JSON.parse(first) as Record<'dx' | 'apinizer' | 'ox' | 'tines', { url: string; token: string }>;
  return {
    env: {
      DX_BASE_URL: at.dx.url,
      DX_API_TOKEN: at.dx.token,
      APINIZER_BASE_URL: at.apinizer.url,
      APINIZER_TOKEN: at.apinizer.token,
      OX_BASE_URL: at.ox.url,
      OX_API_KEY: at.ox.token,
      TINES_BASE_URL: at.tines.url,
      TINES_API_KEY: at.tines.token,
    },
    store: () => JSON.parse(readFileSync(stateFile, 'utf8')) as SimulatorStores,
    stop: async () => {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        /* already gone */
      }
      await exited;
    },
  };
}

function baseEnv(nodeBinDir: string, work: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env)) if (/^(DX|APINIZER|OX|TINES|TF_VAR)_|^TF_LOG/.test(name)) delete env[name];
  for (const name of exportedNames('deploy')) delete env[name];
  delete env.NODE_OPTIONS;
  writeFileSync(join(work, '.terraformrc'), '');
  return {
    ...env,
    PATH: `${nodeBinDir}:${process.env.PATH ?? ''}`,
    TF_CLI_CONFIG_FILE: join(work, '.terraformrc'),
    CHECKPOINT_DISABLE: '1',
    CI: '1',
    NO_COLOR: '1',
    FORCE_COLOR: '0',
    // npm's cache first: a second run needs no network.
    npm_config_prefer_offline: 'true',
    // npx runs only what the README installed: without this it would fetch a missing tsx from the
    // registry, and the test would not notice. (A missing typescript is caught by the version
    // check: the CLIs' own dependencies bring an older TypeScript into node_modules.)
    npm_config_yes: 'false',
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
  };
}

async function followReadme(flavor: Flavor): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), `credform-readme-${flavor.cdk}-`));
  const project = join(work, 'credentials'); // npm init names the package after it
  mkdirSync(project);
  recordDir(project);
  const env = baseEnv(flavor.nodeBin, work);
  const sh = async (line: string, extraEnv: Record<string, string> = {}): Promise<string> => {
    const child = spawn('sh', ['-c', line], { cwd: project, env: { ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
    const r: RunResult = await collect(child, `${line} (README, ${flavor.cdk})`);
    const out = stripAnsi(r.stdout + r.stderr);
    if (r.code !== 0) throw new Error(`\`${line}\` (README, ${flavor.cdk}) exited ${r.code}\n${out}`);
    return out;
  };
  let simulate: { env: Record<string, string>; store: () => SimulatorStores; stop: () => Promise<void> } | undefined;
  try {
    // Install, with the one substitution: credform is the packed package.
    const install = commandLines(flavor.installBlock);
    const withCredform = install.filter((l) => /^npm install (?!.*--save-dev)/.test(l) && / credform( |$)/.test(l));
    expect(withCredform).toHaveLength(1);
    for (const line of install) await sh(line === withCredform[0] ? line.replace(/ credform( |$)/, ` ${packedTarball()}$1`) : line);
    const installed = (pkg: string) => JSON.parse(readFileSync(join(project, 'node_modules', pkg, 'package.json'), 'utf8')).version as string;
    expect(installed('credform')).toBe(JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).version);
    // The vendors: `npx credform simulate` of the installed package, as the README offers for trying
    // it offline; its state file is how the test sees what each vendor holds.
    simulate = await startInstalledSimulators(project, env, join(work, 'simulators-state.json'));
    const simEnv = simulate.env;

    // The files, as written.
    writeFileSync(join(project, 'cdktf.json'), fileBlock('cdktf.json'));
    writeFileSync(join(project, 'tsconfig.json'), fileBlock('tsconfig.json'));
    writeFileSync(join(project, 'main.ts'), flavor.mainTs());

    // The type check runs the newest TypeScript; then synth. No vendor setting is in the environment yet.
    expect(Number(/^Version (\d+)\./.exec(await sh('npx tsc --version'))?.[1])).toBeGreaterThanOrEqual(7);
    const check = commandLines('check').map(flavor.command);
    expect(check).toContain('npx tsc --noEmit');
    for (const line of check) await sh(line);
    const stackJson = JSON.parse(readFileSync(join(project, 'cdktf.out', 'stacks', 'credentials', 'cdk.tf.json'), 'utf8'));
    expect(stackJson['//'].metadata.version).toBe(installed(flavor.cdk)); // that CDK's App synthesized it
    expect(Object.keys(stackJson.resource).sort()).toEqual(['credform_apinizer_credential', 'credform_dx_credential', 'credform_ox_connector_credentials', 'credform_tines_text_credential']);

    // The exported variables: the simulators' settings, and a canary for every secret.
    const secrets: Record<string, string> = {};
    const exported: Record<string, string> = {};
    for (const name of exportedNames('deploy')) {
      if (name in simEnv) exported[name] = simEnv[name]!;
      else exported[name] = secrets[name] = canary(name.toLowerCase());
    }
    const deployLines = commandLines('deploy').filter((l) => !l.startsWith('export '));
    const cdkCommand = (sub: string) => {
      const lines = deployLines.map(flavor.command).filter((l) => l.startsWith(`npx ${flavor.cdk} ${sub}`));
      expect({ sub, lines: lines.length }).toEqual({ sub, lines: 1 });
      return (extra: Record<string, string> = {}) => sh(lines[0]!, { ...exported, ...extra });
    };
    const [diff, deploy, destroy] = [cdkCommand('diff'), cdkCommand('deploy'), cdkCommand('destroy')];

    await deploy();
    expect(existsSync(join(project, 'terraform.credentials.tfstate'))).toBe(true); // what the canary scan reads
    const store = simulate.store;
    const dxCredentials = () => store().dx.credentials.filter((c) => c.deleted_at === null);
    const apinizerCredentials = () => store().apinizer.projects.find((p) => p.name === 'MyProject')!.credentials;
    const oxCredentials = () => store().ox.connectors.find((c) => c.id === '2')!.credentials;
    const tinesCredentials = () => store().tines.credentials;
    expect(dxCredentials().map((c) => [c.connection_id, c.type, c.secrets.api_token])).toEqual([[123, 'jira_cloud', secrets.JIRA_API_TOKEN]]);
    expect(apinizerCredentials().map((c) => [c.username, c.password])).toEqual([['api-user', secrets.APINIZER_API_USER_PASSWORD]]);
    expect(oxCredentials().map((c) => [c.credentialsName, c.input.password])).toEqual([['ox-bot', secrets.OX_CONNECTOR_PASSWORD]]);
    expect(tinesCredentials().map((c) => [c.team_id, c.value])).toEqual([[2, secrets.WEBHOOK_SECRET]]);

    expect(await diff()).toMatch(/No changes\. Your infrastructure matches the configuration\./);

    // A rotated secret: the plan shows the revision, never the value; the deploy sends it.
    const rotated = canary('jira-rotated');
    const rotation = await diff({ JIRA_API_TOKEN: rotated });
    expect(rotation).toMatch(/credform_dx_credential\.jira\b.* will be updated in-place/);
    expect(rotation).toMatch(/~ secrets_revision\s+= \d+ -> \(known after apply\)/);
    expect(rotation).toMatch(/Plan: 0 to add, 1 to change, 0 to destroy\./);
    expect(rotation).not.toContain(rotated);
    await deploy({ JIRA_API_TOKEN: rotated });
    expect(dxCredentials().map((c) => c.secrets.api_token)).toEqual([rotated]);

    await destroy({ JIRA_API_TOKEN: rotated });
    expect(dxCredentials()).toEqual([]);
    expect(apinizerCredentials()).toEqual([]);
    expect(oxCredentials()).toEqual([]);
    expect(tinesCredentials()).toEqual([]);

    // Every output so far, cdktf.out and the state: no canary (the file-wide scan runs again at the end).
    expect(scanForCanaries()).toEqual([]);
  } finally {
    await simulate?.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

const cdktnNode = nodeForCdktn();
(cdktnNode ? test : test.skip)(
  cdktnNode
    ? `with cdktn 0.24 and cdktn-cli on Node ${cdktnNode.version}: install, type-check, synth, deploy, no diff, rotate, destroy`
    : `with cdktn: skipped, cdktn-cli needs Node ≥ 22.19, this is ${process.version} and Node 24 could not be had`,
  () => followReadme({ ...CDKTN, nodeBin: cdktnNode!.bin }),
  300_000,
);

(CDKTF_CLI_STARTS ? test : test.skip)(
  CDKTF_CLI_STARTS
    ? `with cdktf 0.21 and cdktf-cli on Node ${process.version}: install, type-check, synth, deploy, no diff, rotate, destroy`
    : `with cdktf: skipped, cdktf-cli 0.21 does not start on Node ${process.version} (≥ 24)`,
  () => followReadme({ ...CDKTF, nodeBin: dirname(process.execPath) }),
  300_000,
);
