/**
 * The package as npm publishes it: `npm pack` of the repository's current build (lib/ made by
 * `npm run build`). `--ignore-scripts` keeps `prepack` (a clean rebuild) from running inside a test,
 * where it would delete lib/ under every other test.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './provider-build';

/** What `npm run build` makes for the three entry points; a test of the package needs them all. */
const BUILT = ['lib/index.js', 'lib/credform.d.ts', 'lib/cdktn/index.js', 'lib/cdktn/index.d.ts', 'lib/simulators/index.js', 'lib/testing.d.ts', 'lib/provider-bundle/provider-main.js'];

export function assertBuilt(): void {
  const missing = BUILT.filter((f) => !existsSync(join(REPO_ROOT, f)));
  if (missing.length) throw new Error(`not built: ${missing.join(', ')}; run \`npm run build\` first`);
}

/** Packs the repository into `dir`; returns the tarball's path and the files it holds. */
export function packCredform(dir: string): { tarball: string; files: string[] } {
  assertBuilt();
  mkdirSync(dir, { recursive: true });
  const out = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false' },
  });
  const [info] = JSON.parse(out) as { filename: string; files: { path: string }[] }[];
  return { tarball: join(dir, info!.filename), files: info!.files.map((f) => f.path) };
}
