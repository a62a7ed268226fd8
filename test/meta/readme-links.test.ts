/**
 * The README is read in the package too (node_modules/credform/README.md, offline): every relative
 * link in it must name a file the package ships, as `npm pack` lists them.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { REPO_ROOT } from '../support/provider-build';

/** The files `npm pack` would put in the tarball (scripts skipped: the list is what `files` selects). */
function packedFiles(): Set<string> {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const [pack] = JSON.parse(out) as { files: { path: string }[] }[];
  return new Set(pack!.files.map((f) => f.path));
}

/** Relative link targets in Markdown (inline `[text](target)` and `[label]: target` definitions), fragment and query removed. */
export function relativeLinks(markdown: string): string[] {
  const targets = [
    ...[...markdown.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]!),
    ...[...markdown.matchAll(/^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)].map((m) => m[1]!),
  ];
  return targets
    .filter((t) => !/^[a-z][a-z0-9+.-]*:/i.test(t) && !t.startsWith('#'))
    .map((t) => posix.normalize(decodeURI(t.replace(/[?#].*$/, ''))))
    .filter((t, i, all) => all.indexOf(t) === i);
}

/** Links whose target is not among `files`. */
function unshipped(markdown: string, files: Set<string>): string[] {
  return relativeLinks(markdown).filter((t) => !files.has(t));
}

describe('README links', () => {
  const files = packedFiles();

  test('every relative link in README.md names a file in the packed package', () => {
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    const links = relativeLinks(readme);
    expect(links.length).toBeGreaterThan(10); // the parser found the README's links at all
    expect(links).toContain('docs/vendors/dx.md');
    expect(unshipped(readme, files)).toEqual([]);
  });

  test('a link to a file the package does not ship is found', () => {
    // Both exist in the repository; neither is in the tarball.
    const text = 'See [the entry](src/index.ts), [bench](./bench/run.mjs "bench") and [ok](docs/simulators.md#faults).\n\n[ref]: scripts/demo.ts\n';
    expect(unshipped(text, files)).toEqual(['src/index.ts', 'bench/run.mjs', 'scripts/demo.ts']);
  });

  test('anchors and absolute URLs are not file links', () => {
    expect(relativeLinks('[a](#clock) [b](https://example.com/x.md) [c](mailto:x@example.com) [d](docs/a.md#x)')).toEqual(['docs/a.md']);
  });
});
