/**
 * OX failures as diagnostics a user can act on: OX's own words (GraphQL message, code and path, or
 * `validationMessage`), then what to do.
 */
import type { AttributePath, Diagnostics } from '../../tfplugin/diagnostics';
import { RetryBudgetExceededError, isHttpLayerError } from '../http';
import type { ErrorContext } from '../vendor';
import { OxGraphQLError, OxResponseError, describeIssue } from './client';

const HINTS: Readonly<Record<string, string>> = {
  UNAUTHENTICATED: 'Check the OX API key (`OX_API_KEY`, or `api_key` in the provider\'s `ox` block): OX did not accept it.',
  FORBIDDEN: 'The OX API key lacks the permission for this operation.',
  GRAPHQL_VALIDATION_FAILED:
    'OX refused the request document itself. The provider assumes each credentials type `X` is the union member `XCredentials` (see docs/vendors/ox.md); please report this error.',
  RATE_LIMITED: 'OX allows 1,000 requests an hour and 15,000 a day per API key; run again later.',
};

/** What a failed OX call was doing; each has its headline. */
export type OxAction = 'prepare' | 'create' | 'find-added' | 'look-up' | 'plan' | 'read' | 'delete';

const SUMMARIES: Readonly<Record<OxAction, string>> = {
  prepare: 'Cannot read the OX connector before adding credentials',
  create: 'OX did not add the credentials',
  'find-added': 'Cannot find the credentials OX added',
  'look-up': 'Cannot read the OX connector',
  plan: 'Cannot check the OX connector during plan',
  read: 'Cannot read the OX credentials',
  delete: 'OX did not remove the credentials',
};

export interface OxErrorContext extends ErrorContext {
  readonly action: OxAction;
  /** The attribute the error belongs to, when it is one (Terraform then points at its line). */
  readonly path?: AttributePath;
}

/** Words for any error an OX call threw. */
export function describeOxError(error: unknown): string {
  if (error instanceof OxGraphQLError) {
    const hint = error.code ? HINTS[error.code] : undefined;
    return `OX answered: ${error.issues.map(describeIssue).join('; ')}.${hint ? ` ${hint}` : ''}`;
  }
  if (error instanceof RetryBudgetExceededError && error.waitSource?.includes('RateLimit')) {
    return `${error.message}. ${HINTS.RATE_LIMITED}`;
  }
  if (error instanceof OxResponseError || isHttpLayerError(error)) return error.message;
  return error instanceof Error ? error.message : String(error);
}

/** Adds the diagnostic for a failed OX call: the action's headline; the subject, OX's words, then `extra`. */
export function reportError(diags: Diagnostics, error: unknown, ctx: OxErrorContext): void {
  const summary = SUMMARIES[ctx.action];
  const subject = ctx.subject.charAt(0).toUpperCase() + ctx.subject.slice(1);
  const detail = `${subject}: ${describeOxError(error)}${ctx.extra ? `\n\n${ctx.extra}` : ''}`;
  if (ctx.path) diags.addAttributeError(ctx.path, summary, detail);
  else diags.addError(summary, detail);
}

/** NOT_FOUND: the connector or the credentials are not there (any more). */
export function isNotFound(error: unknown): boolean {
  return error instanceof OxGraphQLError && error.code === 'NOT_FOUND';
}
