/**
 * A terraform working directory with the credform provider installed in its implied local mirror,
 * for end-to-end tests of vendor resources written in HCL. The provider is bundled from the current
 * sources once per test process (into a private directory, so parallel runs never share a build).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installProvider } from '../../src/cli/install';
import { bundleTestProvider } from './provider-build';
import { TerraformDir } from './terraform';

export const CREDFORM_VERSION: string = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')).version;

export const CREDFORM_REQUIRED = `terraform {
  required_providers {
    credform = { source = "credform/credform", version = "${CREDFORM_VERSION}" }
  }
}
`;

let bundle: Promise<string> | undefined;
/** The provider bundled from src/ for this test process. */
export function credformBundleDir(): Promise<string> {
  bundle ??= bundleTestProvider('src/cli/provider-bin.ts', mkdtempSync(join(tmpdir(), 'credform-bundle-')));
  return bundle;
}

/** `env` usually comes from `startTestSimulators()`; init is run for you. */
export async function credformTerraform(prefix: string, env: Record<string, string>): Promise<TerraformDir> {
  const tf = new TerraformDir(prefix, env);
  installProvider({ dir: join(tf.dir, 'terraform.d', 'plugins'), bundleDir: await credformBundleDir() });
  tf.write('versions.tf', CREDFORM_REQUIRED);
  await tf.ok(['init', '-input=false']);
  return tf;
}
