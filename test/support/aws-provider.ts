/**
 * The real hashicorp/aws provider for end-to-end tests, from a local plugin directory (these machines
 * have 5.100.0 under /opt/tf-plugins; `CREDFORM_TEST_TF_PLUGINS` names another): there is no registry
 * to download it from. Tests that need it skip, saying why, where it is absent.
 *
 * A CLI config with `provider_installation` turns Terraform's implied local mirrors off, so the one
 * written here lists both: the working directory's `terraform.d/plugins` (where credform is
 * installed) and the plugin directory, each for its own provider, and nothing direct.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { arch, platform } from 'node:os';
import { join } from 'node:path';
import type { TerraformDir } from './terraform';

export interface AwsProviderPlugin {
  /** The plugin directory: a filesystem mirror root (`<dir>/registry.terraform.io/hashicorp/aws/<version>/<os>_<arch>/`). */
  readonly mirror: string;
  readonly version: string;
}

const PLUGINS_DIR = process.env.CREDFORM_TEST_TF_PLUGINS ?? '/opt/tf-plugins';
const PLATFORM = `${platform()}_${({ x64: 'amd64', arm64: 'arm64' } as Record<string, string>)[arch()] ?? arch()}`;

function semverDescending(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pb[i] ?? 0) - (pa[i] ?? 0);
  return 0;
}

/** The newest hashicorp/aws in the plugin directory with an executable for this platform, or undefined. */
export function findAwsProvider(dir = PLUGINS_DIR): AwsProviderPlugin | undefined {
  const base = join(dir, 'registry.terraform.io', 'hashicorp', 'aws');
  if (!existsSync(base)) return undefined;
  for (const version of readdirSync(base).filter((v) => /^\d+\.\d+\.\d+$/.test(v)).sort(semverDescending)) {
    const platformDir = join(base, version, PLATFORM);
    const binary = existsSync(platformDir) ? readdirSync(platformDir).find((f) => f.startsWith('terraform-provider-aws')) : undefined;
    if (binary && statSync(join(platformDir, binary)).mode & 0o111) return { mirror: dir, version };
  }
  return undefined;
}

/** Why the AWS tests do not run here, or undefined when they do. */
export function awsProviderMissing(plugin = findAwsProvider()): string | undefined {
  return plugin ? undefined : `hashicorp/aws is not installed under ${PLUGINS_DIR}/registry.terraform.io/hashicorp/aws/<version>/${PLATFORM} (set CREDFORM_TEST_TF_PLUGINS to another plugin directory)`;
}

/**
 * Points `tf`'s CLI config at both mirrors: credform from the directory's `terraform.d/plugins`,
 * hashicorp/aws from the plugin directory. Run `terraform init` after it.
 */
export function useAwsProvider(tf: TerraformDir, plugin: AwsProviderPlugin): void {
  const credform = join(tf.dir, 'terraform.d', 'plugins');
  tf.write(
    '.terraformrc',
    `provider_installation {
  filesystem_mirror {
    path    = ${JSON.stringify(credform)}
    include = ["registry.terraform.io/credform/credform"]
  }
  filesystem_mirror {
    path    = ${JSON.stringify(plugin.mirror)}
    include = ["registry.terraform.io/hashicorp/aws"]
  }
  direct {
    exclude = ["registry.terraform.io/credform/credform", "registry.terraform.io/hashicorp/aws"]
  }
}
`,
  );
}

/**
 * The environment for the AWS provider in a test: static dummy keys (the local endpoint checks no
 * signature), and nothing from this machine's AWS configuration or an instance metadata service.
 */
export function awsTestEnv(): Record<string, string> {
  return {
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'local-endpoint-checks-no-signature',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}

/** The `provider "aws"` arguments for a local endpoint: no STS, IAM or metadata calls, Secrets Manager at `url`. */
export function localAwsProviderConfig(url: string, region: string): Record<string, unknown> {
  return {
    region,
    skip_credentials_validation: true,
    skip_requesting_account_id: true,
    skip_metadata_api_check: true,
    skip_region_validation: true,
    endpoints: [{ secretsmanager: url }],
  };
}

