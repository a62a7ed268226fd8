/** Where Terraform looks for a provider in a local mirror, and under which name. */
import { join } from 'node:path';

export interface ProviderAddress {
  readonly hostname: string;
  readonly namespace: string;
  readonly type: string;
}

export const CREDFORM_ADDRESS: ProviderAddress = { hostname: 'registry.terraform.io', namespace: 'credform', type: 'credform' };

export function formatAddress(a: ProviderAddress): string {
  return `${a.hostname}/${a.namespace}/${a.type}`;
}

/** Terraform's platform names: linux_amd64, darwin_arm64, ... */
export function terraformPlatform(platform: string = process.platform, arch: string = process.arch): string {
  const archName: Record<string, string> = { x64: 'amd64', arm64: 'arm64', ia32: '386', arm: 'arm' };
  return `${platform === 'win32' ? 'windows' : platform}_${archName[arch] ?? arch}`;
}

/** `<dir>/<host>/<namespace>/<type>/<version>/<os>_<arch>/terraform-provider-<type>_v<version>` */
export function mirrorExecutablePath(dir: string, a: ProviderAddress, version: string, platform = terraformPlatform()): string {
  return join(dir, a.hostname, a.namespace, a.type, version, platform, `terraform-provider-${a.type}_v${version}`);
}
