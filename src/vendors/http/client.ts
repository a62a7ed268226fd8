/**
 * `HttpClient`: the one way vendor clients talk HTTP. One instance per configured vendor instance; one
 * keep-alive dispatcher per instance; retries, rate-limit waits, timeouts and redaction in one place,
 * so that every vendor client gets the same behaviour and the same errors.
 */
import { setMaxListeners } from 'node:events';

import type { Dispatcher } from 'undici';

import { VERSION } from '../../version';
import { createDispatcher } from './dispatcher';
import {
  AmbiguousRequestError,
  RequestAbortedError,
  RetryBudgetExceededError,
  TransportError,
  type RequestDescription,
  type RetryBudgetExceededErrorData,
  type VendorHttpError,
} from './errors';
import { exchange, type ExchangeRequest, type ExchangeResult } from './exchange';
import {
  resolveSettings,
  type HttpClientOptions,
  type HttpErrorResponse,
  type HttpEvent,
  type HttpResponse,
  type RequestOptions,
  type ResolvedSettings,
} from './options';
import { proxyFor } from './proxy';
import { redactSecrets, redactValue, secretsInHeaders } from './redact';
import { errorResponse, successResponse, type ResponseContext } from './response';
import {
  rateLimitWindowEnd,
  scheduleRetry,
  serverWaitHint,
  verdictForFailure,
  verdictForStatus,
  type ServerWaitHint,
} from './retry';
import { parseBaseUrl, parseCaBundle, parseProxyUrl } from './transport-policy';
import { buildUrl } from './url';
import type { HttpVendor } from './vendor';
import { linkSignals, sleep } from './wait';
import { now } from '../../clock';

interface PreparedRequest extends ExchangeRequest {
  readonly options: RequestOptions<unknown>;
}

export class HttpClient {
  readonly vendor: HttpVendor;
  /** The validated base URL (origin and optional path prefix, without a trailing slash). */
  readonly baseUrl: URL;
  private readonly options: HttpClientOptions;
  private readonly settings: ResolvedSettings;
  private readonly dispatcher: Dispatcher;
  /** The proxy in use, credentials removed, for messages. */
  private readonly proxyLabel: string | undefined;
  private readonly proxySecrets: readonly string[];
  private readonly userAgent: string;
  /** Set when a response said `RateLimit-Remaining: 0`: no request starts before this time. */
  private rateLimitedUntil = 0;
  private isClosed = false;
  /**
   * Follows `options.signal` through a single listener, so that many concurrent requests listen here
   * rather than on the caller's signal (which would warn about a listener leak past 10).
   */
  private readonly lifetime = new AbortController();
  private unfollowSignal: (() => void) | undefined;

  /** Throws `HttpConfigError` for an unusable option, before any connection is made. */
  constructor(options: HttpClientOptions) {
    this.options = options;
    setMaxListeners(0, this.lifetime.signal);
    this.vendor = options.vendor;
    this.settings = resolveSettings(options);
    this.baseUrl = parseBaseUrl(options.baseUrl, options);
    const extraCa = options.caBundlePem !== undefined ? parseCaBundle(options.caBundlePem, options.vendor) : undefined;
    const proxyText = proxyFor(this.baseUrl, options.proxyUrl);
    const proxy = proxyText !== undefined ? parseProxyUrl(proxyText, options.vendor) : undefined;
    this.proxySecrets = proxy
      ? [decodeURIComponent(proxy.password), proxy.password].filter((s) => s !== '')
      : [];
    this.proxyLabel = proxy ? `${proxy.protocol}//${proxy.host}` : undefined;
    this.userAgent = options.userAgent ?? `credform/${VERSION} node/${process.versions.node}`;
    this.dispatcher = createDispatcher({
      origin: this.baseUrl,
      connectMs: this.settings.timeouts.connectMs,
      requestMs: this.settings.timeouts.requestMs,
      connections: this.settings.connections,
      ...(extraCa ? { extraCaCertificates: extraCa } : {}),
      ...(proxy ? { proxy } : {}),
    });
    const outer = options.signal;
    if (outer?.aborted) {
      this.lifetime.abort(outer.reason);
    } else if (outer) {
      const follow = () => this.lifetime.abort(outer.reason);
      outer.addEventListener('abort', follow, { once: true });
      this.unfollowSignal = () => outer.removeEventListener('abort', follow);
    }
  }

  get closed(): boolean {
    return this.isClosed;
  }

  /** Lets in-flight requests finish, then closes the connections. Later requests fail. */
  async close(): Promise<void> {
    if (this.isClosed) return;
    this.isClosed = true;
    this.unfollowSignal?.();
    await this.dispatcher.close();
  }

  /**
   * Sends a request, retrying as its idempotency allows. Resolves with a success (`ok: true`), or
   * with a final error status (`ok: false`) only when `acceptErrorStatus` is set. Rejects only with
   * the errors of `errors.ts`, besides programming errors (a bad path) and whatever `auth` throws.
   */
  request<T = unknown>(options: RequestOptions<T> & { readonly acceptErrorStatus: true }): Promise<HttpResponse<T> | HttpErrorResponse>;
  request<T = unknown>(options: RequestOptions<T> & { readonly acceptErrorStatus?: false }): Promise<HttpResponse<T>>;
  request<T = unknown>(options: RequestOptions<T>): Promise<HttpResponse<T> | HttpErrorResponse>;
  async request<T>(options: RequestOptions<T>): Promise<HttpResponse<T> | HttpErrorResponse> {
    const prepared = this.prepare(options as RequestOptions<unknown>);
    const linked = linkSignals(this.lifetime.signal, options.signal);
    try {
      return (await this.run(prepared, linked.signal)) as HttpResponse<T> | HttpErrorResponse;
    } finally {
      linked.dispose();
    }
  }

  private prepare(options: RequestOptions<unknown>): PreparedRequest {
    if (options.json !== undefined && options.form !== undefined) {
      throw new TypeError('a request has either a json or a form body, not both');
    }
    const headers: Record<string, string> = {
      'user-agent': this.userAgent,
      accept: (options.parse ?? 'json') === 'json' ? 'application/json' : '*/*',
    };
    let body: string | undefined;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers['content-type'] = 'application/json';
    } else if (options.form !== undefined) {
      body = new URLSearchParams(options.form).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }
    for (const [name, value] of Object.entries(options.headers ?? {})) headers[name.toLowerCase()] = value;
    return { method: options.method, url: buildUrl(this.baseUrl, options.path, options.query), headers, body, options };
  }

  private async run(req: PreparedRequest, signal: AbortSignal): Promise<HttpResponse<unknown> | HttpErrorResponse> {
    const { retry } = this.settings;
    const started = performance.now();
    let waitedMs = 0;
    let attempt = 0;
    let authSecrets: string[] = [];
    let lastCause: VendorHttpError | TransportError | undefined;
    const secrets = () => this.secretsFor(req, authSecrets);
    const describe = (attempts: number): RequestDescription => ({
      vendor: this.vendor.id,
      vendorName: this.vendor.displayName,
      method: req.method,
      path: redactSecrets(req.url.pathname, secrets()),
      attempts,
    });
    const budget = (data: Partial<RetryBudgetExceededErrorData> & Pick<RetryBudgetExceededErrorData, 'reason'>) =>
      new RetryBudgetExceededError({
        ...describe(attempt),
        elapsedMs: Math.round(performance.now() - started),
        waitedMs,
        maxAttempts: retry.maxAttempts,
        maxTotalWaitMs: retry.maxTotalWaitMs,
        ...(lastCause ? { lastCause } : {}),
        ...data,
      });
    const wait = async (ms: number) => {
      try {
        await sleep(ms, signal);
      } catch (reason) {
        throw new RequestAbortedError(describe(attempt), reason);
      }
      waitedMs += ms;
    };

    for (;;) {
      if (this.isClosed) throw this.closedError(describe(attempt));
      if (signal.aborted) throw new RequestAbortedError(describe(attempt), signal.reason);

      const windowMs = this.rateLimitedUntil - now();
      if (windowMs > 0) {
        if (waitedMs + windowMs > retry.maxTotalWaitMs) {
          throw budget({
            reason: 'wait_exceeds_budget',
            requestedWaitMs: windowMs,
            waitSource: 'RateLimit-Remaining: 0 until RateLimit-Reset',
          });
        }
        this.emit({ ...this.eventBase(req, attempt + 1), ms: 0, retryInMs: windowMs, waitReason: 'rate_limit_window' });
        await wait(windowMs);
      }

      attempt += 1;
      const authHeaders = req.options.skipAuth ? {} : lowerCaseKeys(await this.options.auth());
      authSecrets = secretsInHeaders(authHeaders, true);
      const result = await exchange(
        { ...req, headers: { ...req.headers, ...authHeaders } },
        {
          dispatcher: this.dispatcher,
          signal,
          requestMs: this.settings.timeouts.requestMs,
          connectMs: this.settings.timeouts.connectMs,
          maxResponseBytes: this.settings.maxResponseBytes,
          origin: this.baseUrl.origin,
          ...(this.proxyLabel ? { proxyLabel: this.proxyLabel } : {}),
        },
      );
      const event = this.eventBase(req, attempt);

      if (result.type === 'aborted') {
        this.emit({ ...event, ms: result.ms, errorCode: 'aborted' });
        if (result.sent && !req.options.idempotent) {
          throw new AmbiguousRequestError(
            { ...describe(attempt), reason: 'aborted', detail: 'the request was cancelled after it was sent' },
            result.reason,
          );
        }
        throw new RequestAbortedError(describe(attempt), result.reason);
      }

      let hint: ServerWaitHint | undefined;
      if (result.type === 'failure') {
        const { failure } = result;
        const verdict = verdictForFailure(failure, req.options.idempotent);
        const transport = new TransportError(
          {
            ...describe(attempt),
            code: failure.code,
            phase: failure.sent ? 'exchange' : 'connect',
            origin: this.baseUrl.origin,
            detail: redactSecrets(failure.detail, secrets()),
          },
          failure.cause,
        );
        if (verdict !== 'retry') {
          this.emit({ ...event, ms: result.ms, errorCode: failure.code });
          if (verdict === 'final') throw transport;
          throw new AmbiguousRequestError(
            {
              ...describe(attempt),
              reason: failure.timeout ? 'timeout' : 'connection_lost',
              transportCode: failure.code,
              detail: transport.detail,
            },
            transport,
          );
        }
        lastCause = transport;
      } else {
        const windowEnd = rateLimitWindowEnd(result.headers, now());
        if (windowEnd !== undefined) this.rateLimitedUntil = Math.max(this.rateLimitedUntil, windowEnd);
        const success = req.options.expect
          ? req.options.expect.includes(result.status)
          : result.status >= 200 && result.status < 300;
        if (success) {
          this.emit({ ...event, ms: result.ms, status: result.status });
          return successResponse(req.options, result, this.responseContext(describe(attempt), secrets()));
        }
        const failed = errorResponse(result, this.responseContext(describe(attempt), secrets()));
        const verdict = verdictForStatus(result.status, req.options.idempotent);
        if (verdict !== 'retry') {
          this.emit({ ...event, ms: result.ms, status: result.status });
          if (verdict === 'ambiguous') {
            throw new AmbiguousRequestError(
              {
                ...describe(attempt),
                reason: 'gateway_status',
                status: result.status,
                detail: `a gateway answered HTTP ${result.status}, so the server may have received it`,
              },
              failed.error,
            );
          }
          if (req.options.acceptErrorStatus) return failed;
          throw failed.error;
        }
        lastCause = failed.error;
        hint = serverWaitHint(result.status, result.headers, failed.body, now());
      }

      const schedule = scheduleRetry(attempt, waitedMs, hint, retry);
      this.emit({ ...event, ms: result.ms, ...outcomeOf(result), ...(schedule.retry ? { retryInMs: schedule.delayMs } : {}) });
      if (!schedule.retry) {
        const { retry: _, ...why } = schedule;
        throw budget(why);
      }
      await wait(schedule.delayMs);
    }
  }

  /**
   * A copy of `value` (a success body that carries an error or a message after all, e.g. DX's
   * `ok: false` on a 2xx) with the client's secrets and `extra` redacted, as error bodies are.
   */
  redact<T>(value: T, extra: readonly string[] = []): T {
    let configured: readonly string[] = [];
    try {
      configured = this.options.secrets?.() ?? [];
    } catch {
      // as in secretsFor
    }
    return redactValue(value, [...configured, ...extra, ...this.proxySecrets]) as T;
  }

  private responseContext(request: RequestDescription, secrets: readonly string[]): ResponseContext {
    return { request, secrets, maxResponseBytes: this.settings.maxResponseBytes, errorBody: this.vendor.errorBody };
  }

  private secretsFor(req: PreparedRequest, authSecrets: readonly string[]): string[] {
    let configured: readonly string[] = [];
    try {
      configured = this.options.secrets?.() ?? [];
    } catch {
      // A failing secrets callback must not turn an informative error into a different one.
    }
    return [
      ...configured,
      ...(req.options.secrets ?? []),
      ...authSecrets,
      ...secretsInHeaders(req.headers, false),
      ...this.proxySecrets,
    ];
  }

  private closedError(request: RequestDescription): TransportError {
    return new TransportError({
      ...request,
      code: 'CLIENT_CLOSED',
      phase: 'connect',
      origin: this.baseUrl.origin,
      detail: 'the HTTP client was closed',
    });
  }

  private eventBase(req: PreparedRequest, attempt: number): Pick<HttpEvent, 'vendor' | 'method' | 'path' | 'attempt'> {
    return { vendor: this.vendor.id, method: req.method, path: redactSecrets(req.url.pathname, this.secretsFor(req, [])), attempt };
  }

  private emit(event: HttpEvent): void {
    try {
      this.options.onEvent?.(event);
    } catch {
      // Logging must never change the outcome of a request.
    }
  }
}

function outcomeOf(result: Exclude<ExchangeResult, { type: 'aborted' }>): Pick<HttpEvent, 'status' | 'errorCode'> {
  return result.type === 'response' ? { status: result.status } : { errorCode: result.failure.code };
}

function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
}
