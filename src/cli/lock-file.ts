/**
 * Terraform's dependency lock file, for the one provider we install ourselves. cdktf runs
 * `terraform providers lock` (which ignores local mirrors, and so fails offline) whenever a stack has
 * no lock file; writing our entry at synth, with the same `h1:` hash `terraform init` would record,
 * makes the first `cdktf deploy` work as it is.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export const LOCK_FILE = '.terraform.lock.hcl';

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...listFiles(full));
    else out.push(full);
  }
  return out;
}

/**
 * The `h1:` hash of an unpacked provider directory (Go's dirhash Hash1): SHA-256 over the sorted
 * lines `<sha256 hex>  <relative path>\n`, base64.
 */
export function packageHashV1(dir: string): string {
  const files = listFiles(dir)
    .map((f) => relative(dir, f).split(sep).join('/'))
    .sort();
  const summary = createHash('sha256');
  for (const f of files) {
    const sum = createHash('sha256').update(readFileSync(join(dir, f))).digest('hex');
    summary.update(`${sum}  ${f}\n`);
  }
  return `h1:${summary.digest('base64')}`;
}

function providerBlock(address: string, version: string, constraints: string, hashes: string[]): string {
  return [
    `provider "${address}" {`,
    `  version     = "${version}"`,
    `  constraints = "${constraints}"`,
    '  hashes = [',
    ...hashes.map((h) => `    "${h}",`),
    '  ]',
    '}',
  ].join('\n');
}

const HEADER = '# This file is maintained automatically by "terraform init".\n# Manual edits may be lost in future updates.\n';

/**
 * Makes sure the lock file in `workdir` holds `address` at `version` with `hash`, leaving every other
 * provider as it is. Returns true when the file changed.
 */
export function ensureLockEntry(workdir: string, address: string, version: string, hash: string): boolean {
  const path = join(workdir, LOCK_FILE);
  const current = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const blockRe = new RegExp(`provider "${address.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}" \\{[\\s\\S]*?\\n\\}`, 'm');
  const existing = current.match(blockRe)?.[0];
  if (existing && existing.includes(`version     = "${version}"`) && existing.includes(`"${hash}"`)) return false;
  const block = providerBlock(address, version, version, [hash]);
  const next = existing ? current.replace(blockRe, block) : `${current || HEADER}\n${block}\n`;
  writeFileSync(path, next);
  return true;
}
