/**
 * The HTTP layer every vendor client uses.
 *
 * ```ts
 * const http = new HttpClient({
 *   vendor: 'tines',
 *   baseUrl: config.baseUrl,                       // https://tenant.tines.com (origin; a path prefix is kept)
 *   auth: () => ({ Authorization: `Bearer ${config.token}` }),
 *   secrets: () => [config.token],
 * });
 * const created = await http.request({
 *   method: 'POST', path: '/api/v1/user_credentials', json: body, idempotent: false,
 *   secrets: [body.value], schema: tinesCredential,
 * });                                                // AmbiguousRequestError → look it up by name and adopt
 * const read = await http.request({
 *   method: 'GET', path: encodePath`/api/v1/user_credentials/${id}`, idempotent: true, acceptErrorStatus: true,
 * });
 * if (!read.ok && read.status === 404) { ... }      // gone: remove from state
 * ```
 */
export { HttpClient } from './client';
export type {
  HttpClientOptions,
  HttpErrorResponse,
  HttpEvent,
  HttpMethod,
  HttpResponse,
  RequestOptions,
  TimeoutSettings,
} from './options';
export { DEFAULT_TIMEOUTS } from './options';
export {
  AmbiguousRequestError,
  HttpConfigError,
  HttpLayerError,
  RequestAbortedError,
  ResponseBodyError,
  RetryBudgetExceededError,
  TransportError,
  VendorHttpError,
  httpStatusOf,
  isHttpLayerError,
} from './errors';
export type {
  AmbiguousReason,
  HttpConfigSetting,
  HttpErrorKind,
  RequestDescription,
  ResponseBodyProblem,
  RetryBudgetReason,
  VendorIssue,
} from './errors';
export { DEFAULT_RETRY_POLICY, scheduleRetry, type RetryPolicy, type RetrySchedule } from './retry';
export { DEFAULT_MAX_RESPONSE_BYTES } from './body';
export { DEFAULT_CONNECTIONS } from './dispatcher';
export { REDACTED, redactSecrets, redactValue } from './redact';
export { isLoopbackHost, parseBaseUrl, safeParseBaseUrl } from './transport-policy';
export { vendorErrorDetails, type ErrorBodyReader, type VendorErrorDetails } from './error-body';
export { encodePath, type Query, type QueryValue } from './url';
export type { HttpVendor } from './vendor';
