/**
 * The errors of the HTTP layer: data first (a `kind` discriminant and the facts), the message derived
 * from the data by the formatters in `messages.ts`. Every error that came from an HTTP answer keeps the
 * status — read it with `httpStatusOf` whatever the class.
 *
 * Everything stored here has been through redaction already (see `redact.ts`).
 */
import {
  formatAborted,
  formatAmbiguous,
  formatRetryBudget,
  formatTransport,
  formatVendorHttp,
} from './messages';
import type { HttpVendor } from './vendor';

export type HttpErrorKind =
  | 'vendor_http'
  | 'response_body'
  | 'ambiguous_request'
  | 'transport'
  | 'retry_budget_exceeded'
  | 'aborted';

/** Which call failed, and after how many attempts. */
export interface RequestDescription {
  /** The vendor's id (`dx`, `tines`, ...). */
  readonly vendor: string;
  /** The vendor's name, for messages. */
  readonly vendorName: string;
  readonly method: string;
  /** The request path without the query string, redacted. */
  readonly path: string;
  readonly attempts: number;
}

/** One problem the vendor listed (Apinizer `validation_errors`, GraphQL `errors[]`, Tines `errors[]`). */
export interface VendorIssue {
  readonly field?: string;
  readonly message: string;
}

/** Base of every error thrown by `HttpClient.request`. */
export abstract class HttpLayerError extends Error {
  abstract readonly kind: HttpErrorKind;
  readonly vendor: string;
  readonly vendorName: string;
  readonly method: string;
  readonly path: string;
  readonly attempts: number;

  protected constructor(message: string, request: RequestDescription, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.vendor = request.vendor;
    this.vendorName = request.vendorName;
    this.method = request.method;
    this.path = request.path;
    this.attempts = request.attempts;
  }

  /**
   * Sets the facts of `data` named by `keys` as read-only fields; an absent one stays absent (not
   * `undefined`) in logs and JSON. The fields are declared once, in each class's data interface,
   * merged into the class below it.
   */
  protected keep<D extends object>(data: D, keys: readonly (keyof D & string)[]): void {
    for (const key of keys) {
      const value = data[key];
      if (value !== undefined) Object.defineProperty(this, key, { value, enumerable: true });
    }
  }

  /** Plain data for logs and diagnostics: every own field but the cause and the stack. */
  toJSON(): Record<string, unknown> {
    const data: Record<string, unknown> = { name: this.name, message: this.message };
    for (const [key, value] of Object.entries(this)) {
      if (value !== undefined && key !== 'cause' && key !== 'stack' && !(value instanceof Error)) data[key] = value;
    }
    return data;
  }
}

export interface VendorHttpErrorData extends RequestDescription {
  readonly status: number;
  /** The vendor's own error code: DX `error`, Apinizer `error`, GraphQL `extensions.code`. */
  readonly code?: string;
  /** The vendor's words: DX `display_message` (+ `raw_message`), Apinizer `error_description`, … */
  readonly vendorMessage?: string;
  readonly issues?: readonly VendorIssue[];
  /** The parsed body (or its text when it was not JSON), redacted. */
  readonly body?: unknown;
  /** `x-request-id` or similar, for a support ticket. */
  readonly requestId?: string;
  /** What went wrong with the body itself, if anything (too large, not JSON). */
  readonly note?: string;
}

/** The vendor answered with an HTTP status the caller did not expect. Its fields: `VendorHttpErrorData`. */
export class VendorHttpError extends HttpLayerError {
  readonly kind: 'vendor_http' | 'response_body' = 'vendor_http';
  override readonly name: string = 'VendorHttpError';

  constructor(data: VendorHttpErrorData, message: string = formatVendorHttp(data)) {
    super(message, data);
    this.keep(data, ['status', 'code', 'vendorMessage', 'issues', 'body', 'requestId', 'note']);
  }
}

export interface VendorHttpError extends Omit<VendorHttpErrorData, keyof RequestDescription> {}

export type ResponseBodyProblem = 'invalid_json' | 'too_large' | 'unexpected_shape';

/** A success status, but a body the caller cannot use: not JSON, too large, or not the expected shape. */
export class ResponseBodyError extends VendorHttpError {
  override readonly kind = 'response_body' as const;
  override readonly name: string = 'ResponseBodyError';
  readonly problem: ResponseBodyProblem;

  constructor(data: VendorHttpErrorData & { readonly problem: ResponseBodyProblem }) {
    super(data, formatVendorHttp(data));
    this.problem = data.problem;
  }
}

export type AmbiguousReason = 'connection_lost' | 'timeout' | 'gateway_status' | 'aborted';

export interface AmbiguousRequestErrorData extends RequestDescription {
  readonly reason: AmbiguousReason;
  /** For `gateway_status`: the 502 or 504 a gateway answered. */
  readonly status?: number;
  /** The low-level code when the connection failed (`ECONNRESET`, `UND_ERR_SOCKET`, `timeout`). */
  readonly transportCode?: string;
  /** One human sentence about what happened. */
  readonly detail: string;
}

/**
 * A non-idempotent request (a create) may have reached the server, and its outcome is unknown. It was
 * not retried: the resource should look the object up by its natural key and adopt it if it exists.
 */
export class AmbiguousRequestError extends HttpLayerError {
  readonly kind = 'ambiguous_request' as const;
  override readonly name: string = 'AmbiguousRequestError';

  constructor(data: AmbiguousRequestErrorData, cause?: unknown) {
    super(formatAmbiguous(data), data, cause);
    this.keep(data, ['reason', 'status', 'transportCode', 'detail']);
  }
}

export interface AmbiguousRequestError extends Omit<AmbiguousRequestErrorData, keyof RequestDescription> {}

export interface TransportErrorData extends RequestDescription {
  /** `ECONNREFUSED`, `ENOTFOUND`, `UND_ERR_CONNECT_TIMEOUT`, `DEPTH_ZERO_SELF_SIGNED_CERT`, `timeout`, … */
  readonly code: string;
  /** `connect`: nothing was sent (DNS, TCP, TLS, proxy). `exchange`: the request was (being) sent. */
  readonly phase: 'connect' | 'exchange';
  /** The origin the client was talking to. */
  readonly origin: string;
  /** What happened and what to do, e.g. "could not connect to https://x: ECONNREFUSED (…)". */
  readonly detail: string;
}

/** No HTTP answer: DNS, TCP, TLS, proxy or a connection lost mid-exchange. */
export class TransportError extends HttpLayerError {
  readonly kind = 'transport' as const;
  override readonly name: string = 'TransportError';

  constructor(data: TransportErrorData, cause?: unknown) {
    super(formatTransport(data), data, cause);
    this.keep(data, ['code', 'phase', 'origin', 'detail']);
  }
}

export interface TransportError extends Omit<TransportErrorData, keyof RequestDescription> {}

export type RetryBudgetReason = 'max_attempts' | 'max_total_wait' | 'wait_exceeds_budget';

export interface RetryBudgetExceededErrorData extends RequestDescription {
  readonly reason: RetryBudgetReason;
  /** Wall time from the first attempt to giving up. */
  readonly elapsedMs: number;
  /** Time spent waiting between attempts (what `maxTotalWaitMs` bounds). */
  readonly waitedMs: number;
  readonly maxAttempts: number;
  readonly maxTotalWaitMs: number;
  /** For `wait_exceeds_budget`: how long the server asked to wait, and where it said so. */
  readonly requestedWaitMs?: number;
  readonly waitSource?: string;
  /** What the last attempt ended with (absent if the budget ran out before any attempt). */
  readonly lastCause?: VendorHttpError | TransportError;
}

/** Retrying stopped: too many attempts, or more waiting than `maxTotalWaitMs` allows. */
export class RetryBudgetExceededError extends HttpLayerError {
  readonly kind = 'retry_budget_exceeded' as const;
  override readonly name: string = 'RetryBudgetExceededError';
  /** The HTTP status of the last answer, when the last attempt got one. */
  readonly status?: number;
  /** The vendor error code of the last answer, if any. */
  readonly code?: string;

  constructor(data: RetryBudgetExceededErrorData) {
    super(formatRetryBudget(data), data, data.lastCause);
    this.keep(data, ['reason', 'elapsedMs', 'waitedMs', 'maxAttempts', 'maxTotalWaitMs', 'requestedWaitMs', 'waitSource', 'lastCause']);
    if (data.lastCause instanceof VendorHttpError) {
      this.status = data.lastCause.status;
      if (data.lastCause.code !== undefined) this.code = data.lastCause.code;
    }
  }
}

export interface RetryBudgetExceededError extends Omit<RetryBudgetExceededErrorData, keyof RequestDescription> {}

/** The caller's abort signal fired (Terraform stopping the provider, a cancelled operation). */
export class RequestAbortedError extends HttpLayerError {
  readonly kind = 'aborted' as const;
  override readonly name: string = 'RequestAbortedError';

  constructor(request: RequestDescription, reason?: unknown) {
    super(formatAborted(request, reason), request, reason);
  }
}

export type HttpConfigSetting =
  | 'baseUrl'
  | 'allowInsecureHttp'
  | 'caBundlePem'
  | 'proxyUrl'
  | 'timeouts'
  | 'retry'
  | 'maxResponseBytes'
  | 'connections';

/** A client option is unusable; thrown by the constructor, before any connection. */
export class HttpConfigError extends Error {
  readonly kind = 'config' as const;
  override readonly name: string = 'HttpConfigError';
  /** The `HttpClientOptions` field at fault (the provider maps it to its own attribute path). */
  readonly setting: HttpConfigSetting;
  /** The vendor's id. */
  readonly vendor: string;

  constructor(vendor: HttpVendor, setting: HttpConfigSetting, message: string) {
    super(message);
    this.vendor = vendor.id;
    this.setting = setting;
  }
}

export function isHttpLayerError(error: unknown): error is HttpLayerError {
  return error instanceof HttpLayerError;
}

/** The HTTP status behind any error of this layer (also through a retry budget or an ambiguous gateway answer). */
export function httpStatusOf(error: unknown): number | undefined {
  if (error instanceof VendorHttpError) return error.status;
  if (error instanceof RetryBudgetExceededError || error instanceof AmbiguousRequestError) return error.status;
  return undefined;
}
