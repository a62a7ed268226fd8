/**
 * From an HTTP answer to what the caller gets: a parsed (and optionally schema-checked) success, or a
 * redacted `VendorHttpError` carrying the vendor's code, words and issues. Pure functions.
 */
import { looksLikeHtml, parseJson, textSnippet, tooLargeNote } from './body';
import { vendorErrorDetails, type ErrorBodyReader } from './error-body';
import { ResponseBodyError, VendorHttpError, type RequestDescription } from './errors';
import type { ExchangeResponse } from './exchange';
import type { HttpErrorResponse, HttpResponse, RequestOptions } from './options';
import { redactSecrets, redactValue } from './redact';

/** Text bodies kept on an error are cut to this; JSON bodies are kept whole (they are at most maxResponseBytes). */
const MAX_ERROR_TEXT_CHARS = 4096;

const REQUEST_ID_HEADERS = ['x-request-id', 'request-id', 'x-correlation-id', 'x-amzn-requestid', 'cf-ray'];

export interface ResponseContext {
  readonly request: RequestDescription;
  /** Everything to redact from what goes into an error. */
  readonly secrets: readonly string[];
  readonly maxResponseBytes: number;
  /** The vendor's reader of its error bodies. */
  readonly errorBody?: ErrorBodyReader;
}

/** A success status: parse as asked, check against the schema; a body that cannot be used is a `ResponseBodyError`. */
export function successResponse(
  options: Pick<RequestOptions<unknown>, 'parse' | 'schema'>,
  res: ExchangeResponse,
  ctx: ResponseContext,
): HttpResponse<unknown> {
  const { status, headers, read } = res;
  const base = { ...ctx.request, status };
  if (!read.complete) {
    throw new ResponseBodyError({ ...base, problem: 'too_large', note: tooLargeNote(read, ctx.maxResponseBytes) });
  }
  const contentType = headers['content-type'];
  let body: unknown;
  switch (options.parse ?? 'json') {
    case 'none':
      body = undefined;
      break;
    case 'text':
      body = read.text;
      break;
    case 'json': {
      const parsed = parseJson(read.text);
      if (!parsed.ok) {
        const text = redactSecrets(read.text, ctx.secrets);
        const snippet = textSnippet(text, contentType, 200);
        throw new ResponseBodyError({
          ...base,
          problem: 'invalid_json',
          body: text.slice(0, MAX_ERROR_TEXT_CHARS),
          note: looksLikeHtml(text, contentType)
            ? `The body is an HTML page ("${snippet}"), not JSON: is the base URL right, or is a proxy or login page answering?`
            : `The body is not JSON (${parsed.message}): "${snippet}"`,
        });
      }
      body = parsed.value;
      break;
    }
  }
  if (options.schema) {
    const checked = options.schema.safeParse(body);
    if (!checked.success) {
      const issues = checked.error.issues.slice(0, 20).map((issue) => ({
        ...(issue.path.length > 0 ? { field: issue.path.map(String).join('.') } : {}),
        message: redactSecrets(issue.message, ctx.secrets),
      }));
      throw new ResponseBodyError({
        ...base,
        problem: 'unexpected_shape',
        issues,
        body: redactValue(body, ctx.secrets),
        note: 'The body does not have the documented shape',
      });
    }
    body = checked.data;
  }
  return { ok: true, status, headers, body, text: read.text };
}

/** An error status: the redacted error, and the response as `acceptErrorStatus` returns it. */
export function errorResponse(res: ExchangeResponse, ctx: ResponseContext): HttpErrorResponse {
  const { status, headers, read } = res;
  const requestId = REQUEST_ID_HEADERS.map((name) => headers[name]).find((v) => v !== undefined);
  const common = { ...ctx.request, status, ...(requestId ? { requestId: redactSecrets(requestId, ctx.secrets) } : {}) };
  if (!read.complete) {
    const error = new VendorHttpError({ ...common, note: tooLargeNote(read, ctx.maxResponseBytes) });
    return { ok: false, status, headers, body: undefined, text: '', error };
  }
  const text = redactSecrets(read.text, ctx.secrets);
  const parsed = parseJson(text);
  const body = parsed.ok && parsed.value !== undefined ? redactValue(parsed.value, ctx.secrets) : text === '' ? undefined : text;
  const details = vendorErrorDetails(body, text, headers['content-type'], ctx.errorBody);
  const error = new VendorHttpError({
    ...common,
    ...(details.code !== undefined ? { code: details.code } : {}),
    ...(details.message !== undefined ? { vendorMessage: details.message } : {}),
    ...(details.issues !== undefined ? { issues: details.issues } : {}),
    ...(body !== undefined ? { body: typeof body === 'string' ? body.slice(0, MAX_ERROR_TEXT_CHARS) : body } : {}),
    ...(text.trim() === '' ? { note: 'The response body is empty' } : {}),
  });
  return { ok: false, status, headers, body, text, error };
}
