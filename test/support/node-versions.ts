/**
 * The Node.js releases the provider is tested on, as official binaries from the npm registry
 * (scripts/node-binary.js; fetched once into .cache/node by the jest global setup).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { nodeBinDir } = require('../../scripts/node-binary.js') as { nodeBinDir(major: number): string };

/** Majors users have today besides the machine's own (20): 22, 24 (the current LTS), 26. */
export const OTHER_NODE_MAJORS = [22, 24, 26] as const;
/** A Node the provider refuses (older than 20.18.1). */
export const TOO_OLD_NODE_MAJOR = 18;
export const NODE_MAJORS_FETCHED = [...OTHER_NODE_MAJORS, TOO_OLD_NODE_MAJOR];

/** The bin directory holding `node` of that major. */
export function nodeBin(major: number): string {
  return nodeBinDir(major);
}

/** PATH with that Node first, for terraform (and so the provider) or any child process. */
export function pathWithNode(major: number, path = process.env.PATH ?? ''): string {
  return `${nodeBin(major)}:${path}`;
}
