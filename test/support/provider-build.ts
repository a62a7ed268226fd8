/** Builds a provider bundle from a TypeScript entry, exactly as `npm run build` builds credform's. */
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { bundleProvider } = require(join(root, 'scripts', 'bundle-provider.js')) as {
  bundleProvider(o: { entry: string; outdir: string }): Promise<string>;
};

/** Returns the directory holding the launcher and the bundle, ready for `installProvider`. */
export function bundleTestProvider(entry: string, outdir: string): Promise<string> {
  return bundleProvider({ entry: join(root, entry), outdir });
}

export const CREDFORM_BUNDLE_DIR = join(root, 'lib', 'provider-bundle');
export const CREDFORM_BIN = join(root, 'bin', 'credform.js');
export const REPO_ROOT = root;
