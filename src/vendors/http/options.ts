/** The shapes of the client's options, requests and responses, and the defaults. */
import type { ZodType } from 'zod';

import { DEFAULT_MAX_RESPONSE_BYTES } from './body';
import { DEFAULT_CONNECTIONS } from './dispatcher';
import { HttpConfigError, type HttpConfigSetting, type VendorHttpError } from './errors';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry';
import type { Query } from './url';
import type { HttpVendor } from './vendor';

export interface TimeoutSettings {
  /** TCP + TLS (+ proxy) connection establishment. @default 10_000 */
  readonly connectMs: number;
  /** One attempt end to end: waiting for a connection, sending, the answer and its whole body. @default 30_000 */
  readonly requestMs: number;
}

export const DEFAULT_TIMEOUTS: TimeoutSettings = { connectMs: 10_000, requestMs: 30_000 };

export interface HttpClientOptions {
  /** The instance origin, e.g. `https://acme.getdx.net`; a path prefix is kept. `http://` only to loopback unless `allowInsecureHttp`. */
  readonly baseUrl: string;
  /** Headers that authenticate a request, asked for before every attempt (so a refreshed token is picked up). All their values are redacted. */
  readonly auth: () => Promise<Record<string, string>> | Record<string, string>;
  /** Which vendor: its name for messages, its reader of error bodies. */
  readonly vendor: HttpVendor;
  /** @default { connectMs: 10_000, requestMs: 30_000 } */
  readonly timeouts?: Partial<TimeoutSettings>;
  /** @default { maxAttempts: 5, baseDelayMs: 250, maxDelayMs: 10_000, maxTotalWaitMs: 60_000 } */
  readonly retry?: Partial<RetryPolicy>;
  /** Permit `http://` to a host that is not loopback (the token then crosses the network in clear). @default false */
  readonly allowInsecureHttp?: boolean;
  /** PEM certificates of CAs to trust in addition to the default ones (a private or self-signed CA). */
  readonly caBundlePem?: string;
  /**
   * `http://`, `https://` or `socks5://` proxy for this vendor. @default HTTPS_PROXY/https_proxy (HTTP_PROXY
   * for an http base URL), except for loopback hosts and hosts matched by NO_PROXY/no_proxy
   */
  readonly proxyUrl?: string;
  /** Values to redact from every error message and stored body, besides the `auth` headers. */
  readonly secrets?: () => readonly string[];
  /** Aborts every request and every wait of this client (e.g. Terraform's StopProvider). */
  readonly signal?: AbortSignal;
  /** @default `credform/<version> node/<version>` */
  readonly userAgent?: string;
  /** Called after every attempt and before every rate-limit wait; never given bodies or headers. */
  readonly onEvent?: (event: HttpEvent) => void;
  /** Bodies larger than this are not read: an error, the status kept. @default 5 MiB */
  readonly maxResponseBytes?: number;
  /** Connections kept to the origin. @default 10 */
  readonly connections?: number;
}

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions<T = unknown> {
  readonly method: HttpMethod;
  /** The documented path, starting with "/", appended to the base URL (see `encodePath`). */
  readonly path: string;
  readonly query?: Query;
  /** Sent as `application/json`. */
  readonly json?: unknown;
  /** Sent as `application/x-www-form-urlencoded`. */
  readonly form?: Readonly<Record<string, string>>;
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * Safe to repeat: GET, PUT full replace, DELETE, GraphQL queries. Only then is the request retried on
   * 5xx and on a connection lost after sending; a non-idempotent request is retried only on 429 and on
   * failures before it was sent, and throws `AmbiguousRequestError` when its outcome is unknown.
   */
  readonly idempotent: boolean;
  /** Statuses that count as success. @default any 2xx */
  readonly expect?: readonly number[];
  /** @default 'json' (an empty body gives `undefined`) */
  readonly parse?: 'json' | 'text' | 'none';
  /** Validates a success body; a mismatch is a `ResponseBodyError` naming the fields. */
  readonly schema?: ZodType<T>;
  /** Return a final error status as `{ ok: false, … }` instead of throwing it. Retries still happen first. @default false */
  readonly acceptErrorStatus?: boolean;
  /** Values sent in this request (a credential being created) to redact from errors. */
  readonly secrets?: readonly string[];
  /** Do not call `auth` (e.g. the request that obtains the token). @default false */
  readonly skipAuth?: boolean;
  /** Aborts this request (in addition to the client's signal). */
  readonly signal?: AbortSignal;
}

export interface HttpResponse<T> {
  readonly ok: true;
  readonly status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: T;
  readonly text: string;
}

/** Only with `acceptErrorStatus: true`: a final error status, redacted, with the error that would have been thrown. */
export interface HttpErrorResponse {
  readonly ok: false;
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
  readonly text: string;
  readonly error: VendorHttpError;
}

export interface HttpEvent {
  /** The vendor's id. */
  readonly vendor: string;
  readonly method: HttpMethod;
  /** Path without query, redacted. */
  readonly path: string;
  /** 1-based; for a rate-limit wait, the attempt that waits. */
  readonly attempt: number;
  /** Duration of the attempt (0 for a wait event). */
  readonly ms: number;
  readonly status?: number;
  /** For a failure without an HTTP answer: `ECONNREFUSED`, `timeout`, … */
  readonly errorCode?: string;
  /** Set when another attempt follows after this wait. */
  readonly retryInMs?: number;
  /** Set on the event emitted before waiting for a spent rate-limit window to reset. */
  readonly waitReason?: 'rate_limit_window';
}

/** Options with every default applied and every number checked. */
export interface ResolvedSettings {
  readonly timeouts: TimeoutSettings;
  readonly retry: RetryPolicy;
  readonly maxResponseBytes: number;
  readonly connections: number;
}

export function resolveSettings(options: HttpClientOptions): ResolvedSettings {
  const timeouts = { ...DEFAULT_TIMEOUTS, ...definedOnly(options.timeouts) };
  const retry = { ...DEFAULT_RETRY_POLICY, ...definedOnly(options.retry) };
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const connections = options.connections ?? DEFAULT_CONNECTIONS;
  const check = (setting: HttpConfigSetting, name: string, value: number, min: number) => {
    if (!Number.isFinite(value) || value < min) {
      throw new HttpConfigError(
        options.vendor,
        setting,
        `${options.vendor.displayName} ${name} must be a number ≥ ${min}, got ${JSON.stringify(value)}`,
      );
    }
  };
  check('timeouts', 'timeouts.connectMs', timeouts.connectMs, 1);
  check('timeouts', 'timeouts.requestMs', timeouts.requestMs, 1);
  check('retry', 'retry.maxAttempts', retry.maxAttempts, 1);
  check('retry', 'retry.baseDelayMs', retry.baseDelayMs, 0);
  check('retry', 'retry.maxDelayMs', retry.maxDelayMs, 0);
  check('retry', 'retry.maxTotalWaitMs', retry.maxTotalWaitMs, 0);
  check('maxResponseBytes', 'maxResponseBytes', maxResponseBytes, 1);
  check('connections', 'connections', connections, 1);
  return {
    timeouts,
    retry: { ...retry, maxAttempts: Math.floor(retry.maxAttempts) },
    maxResponseBytes,
    connections: Math.floor(connections),
  };
}

function definedOnly<T extends object>(value: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(value ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}
