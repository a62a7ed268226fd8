/**
 * The small HTTP layer every simulator stands on: a parsed request, a response as data, a router of
 * path templates, and body parsers. Handlers are synchronous on purpose: a handler reads and writes
 * its store without an `await` in between, so concurrent requests cannot interleave inside one.
 */
import type { IncomingHttpHeaders } from 'node:http';

export interface SimRequest {
  readonly method: string;
  /**
   * The path as sent (percent-encoded; dot segments resolved as any URL parser does), without the
   * query string. Route parameters are decoded from it exactly once, by the router: `a%2Fb` is one
   * segment holding `a/b`, never two.
   */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly rawBody: Buffer;
  /** Path parameters captured by the route template (`:name`), URI-decoded. */
  readonly params: Readonly<Record<string, string>>;
  readonly remoteAddress: string;
}

export interface SimResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** An object or array is sent as JSON, a string as text/plain, `undefined` as an empty body. */
  readonly body?: unknown;
}

export type Handler = (req: SimRequest) => SimResponse;

export function json(status: number, body: unknown, headers?: Record<string, string>): SimResponse {
  return { status, body, headers };
}

export function text(status: number, body: string, headers?: Record<string, string>): SimResponse {
  return { status, body, headers };
}

export function empty(status: number, headers?: Record<string, string>): SimResponse {
  return { status, headers };
}

/** Serialises a response body and picks its content type. */
export function encodeBody(res: SimResponse): { contentType?: string; bytes: Buffer } {
  if (res.body === undefined) return { bytes: Buffer.alloc(0) };
  if (typeof res.body === 'string') {
    return { contentType: 'text/plain; charset=utf-8', bytes: Buffer.from(res.body, 'utf8') };
  }
  return {
    contentType: 'application/json; charset=utf-8',
    bytes: Buffer.from(JSON.stringify(res.body), 'utf8'),
  };
}

// ---------------------------------------------------------------------------------------------
// Router

interface Route {
  readonly method: string;
  readonly pattern: RegExp;
  readonly names: readonly string[];
  readonly handler: Handler;
}

export type RouteMatch =
  | { readonly kind: 'found'; readonly handler: Handler; readonly params: Record<string, string> }
  | { readonly kind: 'wrong-method'; readonly allow: readonly string[] }
  | { readonly kind: 'none' };

export interface RouteOptions {
  /** Also match the path with (or without) a trailing slash. */
  readonly optionalTrailingSlash?: boolean;
}

/**
 * Routes by method and path template: `/api/connections/:connection_id/credentials.create`.
 * A `:name` segment captures up to the next `/`; everything else matches literally.
 */
export class Router {
  private readonly routes: Route[] = [];

  add(method: string, template: string, handler: Handler, options: RouteOptions = {}): this {
    const names: string[] = [];
    let source = template
      .split('/')
      .map((segment) => {
        if (segment.startsWith(':')) {
          names.push(segment.slice(1));
          return '([^/]+)';
        }
        return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      })
      .join('/');
    if (options.optionalTrailingSlash) source = `${source.replace(/\/$/, '')}/?`;
    this.routes.push({ method, pattern: new RegExp(`^${source}$`), names, handler });
    return this;
  }

  match(method: string, path: string): RouteMatch {
    const allow: string[] = [];
    for (const route of this.routes) {
      const m = route.pattern.exec(path);
      if (!m) continue;
      if (route.method !== method) {
        allow.push(route.method);
        continue;
      }
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => {
        params[name] = safeDecode(m[i + 1] ?? '');
      });
      return { kind: 'found', handler: route.handler, params };
    }
    return allow.length > 0 ? { kind: 'wrong-method', allow } : { kind: 'none' };
  }
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

// ---------------------------------------------------------------------------------------------
// Bodies

export type BodyParse =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly reason: 'empty' | 'malformed' };

/** The media type of a request without parameters, lower-cased: `application/json`. */
export function mediaType(req: SimRequest): string {
  const raw = req.headers['content-type'];
  return (raw ?? '').split(';')[0]!.trim().toLowerCase();
}

export function parseJsonBody(req: SimRequest): BodyParse {
  const source = req.rawBody.toString('utf8');
  if (source.trim() === '') return { ok: false, reason: 'empty' };
  try {
    return { ok: true, value: JSON.parse(source) as unknown };
  } catch {
    return { ok: false, reason: 'malformed' };
  }
}

/** `a=1&b=2` as a plain object; a repeated key keeps its last value. */
export function parseFormBody(req: SimRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(req.rawBody.toString('utf8'))) out[key] = value;
  return out;
}

/** The token of an `Authorization: Bearer <token>` header, or undefined. */
export function bearerToken(req: SimRequest): string | undefined {
  const raw = req.headers.authorization;
  if (!raw) return undefined;
  const m = /^Bearer +(\S+)\s*$/.exec(raw);
  return m ? m[1] : undefined;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
