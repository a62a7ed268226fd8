/**
 * The CDK these constructs extend, and a clear error when it is missing. One source is built twice:
 * `credform` extends cdktf, `credform/cdktn` extends cdktn, cdktf's continuation with the same API
 * (scripts/build-cdktn.js rewrites every `cdktf` module specifier to `cdktn`, and `CDK` below).
 * The constructs' index loads this module first, before anything requires the CDK, so a missing
 * peer dependency fails here with what to install instead of `Cannot find module 'cdktf'`.
 */
export const CDK: 'cdktf' | 'cdktn' = 'cdktf';

const ENTRY_POINT = { cdktf: 'credform', cdktn: 'credform/cdktn' } as const;

function resolvable(name: string): boolean {
  try {
    require.resolve(name);
    return true;
  } catch {
    return false;
  }
}

/** The error for missing peers, or undefined when the CDK and `constructs` both resolve from here. */
export function missingPeerError(): Error | undefined {
  const missing = [CDK, 'constructs'].filter((name) => !resolvable(name));
  if (missing.length === 0) return undefined;
  const other = CDK === 'cdktf' ? 'cdktn' : 'cdktf';
  const install = `npm install ${CDK} constructs`;
  const instead = `import from '${ENTRY_POINT[other]}' instead`;
  const advice = missing.includes(CDK) && resolvable(other)
    ? `${other} is installed: to use credform with ${other}, ${instead}; to use it with ${CDK}, run \`${install}\`.`
    : `Run \`${install}\`. (With ${other}${other === 'cdktn' ? ', the continuation of cdktf' : ''}, ${instead}.)`;
  const error: Error & { code?: string } = new Error(
    `${ENTRY_POINT[CDK]}: cannot find ${missing.join(' and ')}, the peer ${missing.length > 1 ? 'dependencies' : 'dependency'} its constructs are built on. ${advice}`,
  );
  error.code = 'MODULE_NOT_FOUND';
  return error;
}

const error = missingPeerError();
if (error) throw error;
