/**
 * A terraform working directory with the built credform provider installed in its implied local
 * mirror, for end-to-end tests of vendor resources written in HCL.
 */
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { installProvider } from '../../src/cli/install';
import { CREDFORM_BUNDLE_DIR } from './provider-build';
import { TerraformDir } from './terraform';

export const CREDFORM_VERSION: string = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')).version;

export const CREDFORM_REQUIRED = `terraform {
  required_providers {
    credform = { source = "credform/credform", version = "${CREDFORM_VERSION}" }
  }
}
`;

/** `env` usually comes from `startTestSimulators()`; init is run for you. */
export async function credformTerraform(prefix: string, env: Record<string, string>): Promise<TerraformDir> {
  const tf = new TerraformDir(prefix, env);
  installProvider({ dir: join(tf.dir, 'terraform.d', 'plugins'), bundleDir: CREDFORM_BUNDLE_DIR });
  tf.write('versions.tf', CREDFORM_REQUIRED);
  await tf.ok(['init', '-input=false']);
  return tf;
}
