/**
 * Turning the low-level errors of Node and undici (no HTTP answer at all) into a code, a verdict input
 * (was it sent? is it worth retrying?) and a sentence a user can act on.
 */
export interface TransportFailure {
  /** `ECONNREFUSED`, `ENOTFOUND`, `UND_ERR_SOCKET`, `DEPTH_ZERO_SELF_SIGNED_CERT`, `timeout`, `PROXY_502`, … */
  readonly code: string;
  /** The request was handed to a connection: the server may have received it. */
  readonly sent: boolean;
  /** Worth another attempt (refused, reset, timed out) rather than a fixed fault (bad host name, untrusted certificate). */
  readonly transient: boolean;
  readonly timeout: boolean;
  /** What happened and what to do. */
  readonly detail: string;
  readonly cause: unknown;
}

export interface FailureContext {
  readonly sent: boolean;
  /** Our own per-attempt timer fired. */
  readonly timedOut: boolean;
  readonly origin: string;
  readonly proxy?: string;
  readonly connectMs: number;
  readonly requestMs: number;
}

const TRANSIENT_CONNECT = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EAI_AGAIN',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
  'timeout',
]);

const UNTRUSTED_CERT = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
]);

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT']);

export function classifyTransportFailure(error: unknown, ctx: FailureContext): TransportFailure {
  const proxyStatus = proxyConnectStatus(error);
  const code = ctx.timedOut ? 'timeout' : proxyStatus !== undefined ? `PROXY_${proxyStatus}` : errorCode(error);
  const timeout = ctx.timedOut || TIMEOUT_CODES.has(code);
  const transient =
    TRANSIENT_CONNECT.has(code) || timeout || (proxyStatus !== undefined && proxyStatus >= 500 && proxyStatus !== 501);
  return { code, sent: ctx.sent, transient, timeout, detail: describe(code, error, ctx, proxyStatus), cause: error };
}

function describe(code: string, error: unknown, ctx: FailureContext, proxyStatus: number | undefined): string {
  const { origin } = ctx;
  const via = ctx.proxy ? ` through the proxy ${ctx.proxy}` : '';
  if (proxyStatus !== undefined) {
    return proxyStatus === 407
      ? `the proxy ${ctx.proxy ?? ''} requires authentication (407): put the credentials in the proxy URL`
      : `the proxy ${ctx.proxy ?? ''} refused to open a tunnel to ${origin} (HTTP ${proxyStatus})`;
  }
  if (ctx.timedOut) {
    return ctx.sent
      ? `no complete answer from ${origin}${via} within ${ctx.requestMs} ms (timeouts.requestMs)`
      : `could not get a connection to ${origin}${via} within ${ctx.requestMs} ms (timeouts.requestMs)`;
  }
  if (UNTRUSTED_CERT.has(code)) {
    return (
      `the TLS certificate of ${origin} is not trusted (${code}). If the server uses a private or ` +
      'self-signed CA, give that CA certificate (PEM) as caBundlePem'
    );
  }
  switch (code) {
    case 'ECONNREFUSED':
      return `could not connect to ${origin}${via}: ECONNREFUSED (connection refused: is the service running and the base URL right?)`;
    case 'ENOTFOUND':
      return `could not connect to ${origin}${via}: ENOTFOUND (the host name does not resolve: check the base URL)`;
    case 'EAI_AGAIN':
      return `could not connect to ${origin}${via}: EAI_AGAIN (DNS lookup failed temporarily)`;
    case 'UND_ERR_CONNECT_TIMEOUT':
      return `could not connect to ${origin}${via} within ${ctx.connectMs} ms (timeouts.connectMs)`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ENETDOWN':
      return `could not connect to ${origin}${via}: ${code} (no route to the host: check the network, or set a proxy)`;
    case 'CERT_HAS_EXPIRED':
      return `the TLS certificate of ${origin} has expired (CERT_HAS_EXPIRED)`;
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return `the TLS certificate of ${origin} is not valid for that host name (ERR_TLS_CERT_ALTNAME_INVALID): check the base URL`;
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
      return `no complete answer from ${origin}${via} within ${ctx.requestMs} ms (${code})`;
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
      return ctx.sent
        ? `the connection to ${origin}${via} was closed before a complete answer (${code})`
        : `could not connect to ${origin}${via}: the connection was closed (${code})`;
    default:
      if (/^(EPROTO|ERR_SSL_|ERR_TLS_)/.test(code)) {
        return `the TLS handshake with ${origin} failed (${code}): is it really an https:// endpoint? ${messageOf(error)}`;
      }
      if (code.startsWith('HPE_')) return `${origin} sent a malformed HTTP answer (${code})`;
      return `the request to ${origin}${via} failed (${code}): ${messageOf(error)}`;
  }
}

/** The first meaningful `code` along the error, its `cause`s and an AggregateError's members. */
export function errorCode(error: unknown): string {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  let generic: string | undefined;
  while (queue.length > 0) {
    const e = queue.shift();
    if (typeof e !== 'object' || e === null || seen.has(e)) continue;
    seen.add(e);
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code !== '') {
      if (code !== 'UND_ERR' && code !== 'UND_ERR_SOCKET' && code !== 'UND_ERR_ABORTED') return code;
      generic ??= code;
    }
    queue.push((e as { cause?: unknown }).cause);
    const members = (e as { errors?: unknown }).errors;
    if (Array.isArray(members)) queue.push(...members);
  }
  return generic ?? (error instanceof Error ? error.name : 'UNKNOWN');
}

/** undici reports a refused CONNECT as "Proxy response (502) !== 200 when HTTP Tunneling". */
function proxyConnectStatus(error: unknown): number | undefined {
  const match = /Proxy response \((\d{3})\)/.exec(messageOf(error));
  return match ? Number(match[1]) : undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
