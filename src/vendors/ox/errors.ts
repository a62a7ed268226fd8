/**
 * OX failures as diagnostics a user can act on: OX's own words (GraphQL message, code and path, or
 * `validationMessage`), then what to do.
 */
import type { AttributePath, Diagnostics } from '../../tfplugin/diagnostics';
import { AmbiguousRequestError, RetryBudgetExceededError, isHttpLayerError } from '../http';
import { OxGraphQLError, OxResponseError, describeIssue } from './client';

const HINTS: Readonly<Record<string, string>> = {
  UNAUTHENTICATED: 'Check the OX API key (`OX_API_KEY`, or `api_key` in the provider\'s `ox` block): OX did not accept it.',
  FORBIDDEN: 'The OX API key lacks the permission for this operation.',
  GRAPHQL_VALIDATION_FAILED:
    'OX refused the request document itself. The provider assumes each credentials type `X` is the union member `XCredentials` (see docs/vendors/ox.md); please report this error.',
  RATE_LIMITED: 'OX allows 1,000 requests an hour and 15,000 a day per API key; run again later.',
};

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

export function addOxError(diags: Diagnostics, summary: string, error: unknown, path?: AttributePath): void {
  const detail = describeOxError(error);
  if (path) diags.addAttributeError(path, summary, detail);
  else diags.addError(summary, detail);
}

/** NOT_FOUND: the connector or the credentials are not there (any more). */
export function isNotFound(error: unknown): boolean {
  return error instanceof OxGraphQLError && error.code === 'NOT_FOUND';
}

export function isAmbiguous(error: unknown): error is AmbiguousRequestError {
  return error instanceof AmbiguousRequestError;
}
