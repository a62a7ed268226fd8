/** What synth reports about a stack's constructs, read from the error cdktf itself throws. */
import { Testing, type TerraformStack } from 'cdktf';

const HEADER = 'Validation failed with the following errors:\n  ';
const FOOTER = /\n\nIf you wish to ignore these validations[\s\S]*$/;

/** The lines of a cdktf "Validation failed" error: `[construct path] problem`, one per problem. */
export function validationLines(message: string): string[] | undefined {
  if (!message.startsWith(HEADER)) return undefined;
  return message.slice(HEADER.length).replace(FOOTER, '').split('\n  ');
}

/**
 * Synthesizes `stack` with cdktf's validations (the run `app.synth()` and `cdktf synth` make) and
 * returns the problems it reports, `[construct path] prop: problem (got value)` each; [] when the
 * stack synthesizes. Any other error is thrown.
 */
export function synthErrors(stack: TerraformStack): string[] {
  try {
    Testing.synth(stack, true);
  } catch (e) {
    const lines = e instanceof Error ? validationLines(e.message) : undefined;
    if (!lines) throw e;
    return lines;
  }
  return [];
}

/** The problems synth reports for the construct at `path`, without the `[path] ` prefix. */
export function synthErrorsAt(stack: TerraformStack, path: string): string[] {
  const prefix = `[${path}] `;
  return synthErrors(stack).filter((l) => l.startsWith(prefix)).map((l) => l.slice(prefix.length));
}
