/**
 * One HTTP exchange through undici, bounded by the per-attempt timeout. It never throws: it reports a
 * response (body read, size-capped), a transport failure (classified), or the caller's abort — and
 * whether the request had been handed to a connection, which decides if a create may be retried.
 */
import { request as undiciRequest, type Dispatcher } from 'undici';

import { readBodyCapped, type BodyRead } from './body';
import type { HttpMethod } from './options';
import { classifyTransportFailure, type TransportFailure } from './transport-failure';
import { linkSignals } from './wait';

export interface ExchangeRequest {
  readonly method: HttpMethod;
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | undefined;
}

export interface ExchangeContext {
  readonly dispatcher: Dispatcher;
  /** The client's and the request's signals, linked. */
  readonly signal: AbortSignal;
  readonly requestMs: number;
  readonly connectMs: number;
  readonly maxResponseBytes: number;
  readonly origin: string;
  readonly proxyLabel?: string;
}

export type ExchangeResult =
  | {
      readonly type: 'response';
      readonly status: number;
      /** Lower-case names; repeated headers joined with ", ". */
      readonly headers: Record<string, string>;
      readonly read: BodyRead;
      readonly ms: number;
    }
  | { readonly type: 'failure'; readonly failure: TransportFailure; readonly ms: number }
  | { readonly type: 'aborted'; readonly sent: boolean; readonly reason: unknown; readonly ms: number };

export type ExchangeResponse = Extract<ExchangeResult, { type: 'response' }>;

export async function exchange(req: ExchangeRequest, ctx: ExchangeContext): Promise<ExchangeResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  let sent = false;
  let timedOut = false;
  const linked = linkSignals(ctx.signal);
  const timer = setTimeout(() => {
    timedOut = true;
    linked.abort(new Error(`attempt timed out after ${ctx.requestMs} ms`));
  }, ctx.requestMs);
  try {
    const response = await undiciRequest(req.url, {
      dispatcher: ctx.dispatcher.compose(onRequestStart(() => (sent = true))),
      method: req.method,
      headers: req.headers,
      body: req.body,
      signal: linked.signal,
    });
    sent = true;
    const headers = flattenHeaders(response.headers);
    const declared = headers['content-length'];
    const read = await readBodyCapped(
      response.body,
      ctx.maxResponseBytes,
      headers['content-type'],
      declared !== undefined && /^\d+$/.test(declared) ? Number(declared) : undefined,
    );
    // undici marks the connection free just after the body ends; yielding once lets the next request
    // of a sequential caller reuse it instead of opening (and TLS-handshaking) a second one.
    await new Promise<void>((resolve) => setImmediate(resolve));
    return { type: 'response', status: response.statusCode, headers, read, ms: elapsed() };
  } catch (error) {
    if (ctx.signal.aborted) return { type: 'aborted', sent, reason: ctx.signal.reason, ms: elapsed() };
    const failure = classifyTransportFailure(error, {
      sent,
      timedOut,
      origin: ctx.origin,
      ...(ctx.proxyLabel ? { proxy: ctx.proxyLabel } : {}),
      connectMs: ctx.connectMs,
      requestMs: ctx.requestMs,
    });
    return { type: 'failure', failure, ms: elapsed() };
  } finally {
    clearTimeout(timer);
    linked.dispose();
  }
}

/** Observes the moment undici hands the request to a connection: from then on the server may receive it. */
function onRequestStart(onStart: () => void): Dispatcher.DispatcherComposeInterceptor {
  return (dispatch) => (opts, handler) =>
    dispatch(opts, {
      onRequestStart: (controller, context) => {
        onStart();
        handler.onRequestStart?.(controller, context);
      },
      onRequestUpgrade: (controller, statusCode, headers, socket) =>
        handler.onRequestUpgrade?.(controller, statusCode, headers, socket),
      onResponseStart: (controller, statusCode, headers, statusMessage) =>
        handler.onResponseStart?.(controller, statusCode, headers, statusMessage),
      onResponseData: (controller, chunk) => handler.onResponseData?.(controller, chunk),
      onResponseEnd: (controller, trailers) => handler.onResponseEnd?.(controller, trailers),
      onResponseError: (controller, error) => handler.onResponseError?.(controller, error),
    });
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

