/**
 * `credform install`: puts the self-contained provider bundle where Terraform finds local providers.
 * The bundle is written only when its bytes differ, so a second run at one version changes nothing
 * and the `h1:` hashes in `.terraform.lock.hcl` stay valid.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CREDFORM_ADDRESS, formatAddress, mirrorExecutablePath, type ProviderAddress } from './provider-address';
import { VERSION } from '../version';
import { CommandArgsError, parseCommandArgs } from '../command-args';

export interface InstallOptions {
  /** The mirror root; Terraform's implied local mirror is `terraform.d/plugins` in the working directory. */
  readonly dir: string;
  /** A directory made by scripts/bundle-provider.js: the launcher `terraform-provider` and `provider-main.js`. */
  readonly bundleDir?: string;
  readonly address?: ProviderAddress;
  readonly version?: string;
}

export interface InstallResult {
  readonly path: string;
  readonly address: string;
  readonly version: string;
  readonly changed: boolean;
}

/** The bundle built by `npm run build` (lib/provider-bundle/), found relative to this compiled file. */
export function defaultBundleDir(): string {
  // Tests that bundle the provider from sources point here to their own build.
  if (process.env.CREDFORM_PROVIDER_BUNDLE_DIR) return resolve(process.env.CREDFORM_PROVIDER_BUNDLE_DIR);
  const compiled = resolve(__dirname, '..', 'provider-bundle');
  // Run from the TypeScript sources (this repository's examples through tsx): the build's bundle.
  const fromSources = resolve(__dirname, '..', '..', 'lib', 'provider-bundle');
  return existsSync(compiled) || !existsSync(fromSources) ? compiled : fromSources;
}

/** Files of the provider directory: the launcher under Terraform's executable name, the bundle as is. */
const FILES = [
  { from: 'terraform-provider', executable: true },
  { from: 'provider-main.js', executable: false },
];

function writeIfDifferent(target: string, bytes: Buffer, mode: number): boolean {
  const same = existsSync(target) && readFileSync(target).equals(bytes);
  if (!same) {
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, bytes, { mode });
  }
  chmodSync(target, mode);
  return !same;
}

export function installProvider(opts: InstallOptions): InstallResult {
  const address = opts.address ?? CREDFORM_ADDRESS;
  const version = opts.version ?? VERSION;
  const bundleDir = opts.bundleDir ?? defaultBundleDir();
  const executable = mirrorExecutablePath(resolve(opts.dir), address, version);
  let changed = false;
  for (const f of FILES) {
    const source = join(bundleDir, f.from);
    if (!existsSync(source)) throw new Error(`provider bundle not found at ${source}: run \`npm run build\``);
    const target = f.executable ? executable : join(dirname(executable), f.from);
    changed = writeIfDifferent(target, readFileSync(source), f.executable ? 0o755 : 0o644) || changed;
  }
  return { path: executable, address: formatAddress(address), version, changed };
}

export const INSTALL_USAGE = 'credform install [--dir DIR]';

export function runInstallCommand(argv: readonly string[]): number {
  let dir: string;
  try {
    const { values } = parseCommandArgs('install', INSTALL_USAGE, argv, { dir: { type: 'string' } });
    dir = values.dir ?? join(process.cwd(), 'terraform.d', 'plugins');
  } catch (e) {
    if (!(e instanceof CommandArgsError)) throw e;
    process.stderr.write(`${e.message}\n`);
    return 2;
  }
  const r = installProvider({ dir });
  process.stdout.write(`${r.address} ${r.version}\n`);
  process.stderr.write(`${r.changed ? 'installed' : 'already installed'}: ${r.path}\n`);
  return 0;
}
