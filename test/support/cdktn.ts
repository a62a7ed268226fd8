/**
 * Where the cdktn CLI (cdktn-cli 0.24) can run. Its engines field asks for Node ≥ 22.19, and it
 * means it: on Node 20, `cdktn synth` dies with `util.markAsUncloneable is not a function` (its
 * bundled undici). `cdktn --version` starts anywhere, so it proves nothing.
 */
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { nodeBin } from './node-versions';

/** `major.minor.patch` of a Node that runs cdktn-cli 0.24. */
export function runsCdktnCli(version: string): boolean {
  const [major = 0, minor = 0] = version.replace(/^v/, '').split('.').map(Number);
  return major > 22 || (major === 22 && minor >= 19);
}

/** The Node running this test process runs cdktn-cli. */
export const CDKTN_CLI_STARTS = runsCdktnCli(process.versions.node);

/** `test`, or `test.skip` (named as such in jest's output) where this process's Node cannot run cdktn-cli. */
export const testWithCdktnCli: jest.It = CDKTN_CLI_STARTS ? test : test.skip;

export interface NodeForCdktn {
  /** Its bin directory, to put first on PATH. */
  readonly bin: string;
  /** `process.version` style, e.g. `v24.11.0`. */
  readonly version: string;
}

/**
 * A Node for cdktn-cli: the one running this process when it can, else Node 24 (the current LTS,
 * fetched once by scripts/node-binary.js); undefined when neither is to be had.
 */
export function nodeForCdktn(): NodeForCdktn | undefined {
  if (CDKTN_CLI_STARTS) return { bin: dirname(process.execPath), version: process.version };
  try {
    const bin = nodeBin(24);
    return { bin, version: execFileSync(join(bin, 'node'), ['--version'], { encoding: 'utf8' }).trim() };
  } catch {
    return undefined;
  }
}
