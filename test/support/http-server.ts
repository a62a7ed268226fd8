/**
 * Local servers and clients for the tests of the HTTP layer (test/vendors/http/), one place for all:
 * - `startServer`: a node:http server on 127.0.0.1 that records every request and answers through a
 *   handler given the request number;
 * - `useScriptedServers`: such servers started per test, with Tines clients that retry fast, all
 *   closed after each test;
 * - `useAnsweringServer`: one server for a whole file whose next answer the test sets (`next`), with
 *   DX clients that do not retry;
 * - `useTlsSite`: an https server with a self-signed certificate and an HTTP CONNECT proxy in front
 *   of it, with Tines clients;
 * - `rejection`, `json`, and the requests the tests send again and again (`create`, `get`).
 * Each `use…` registers its own jest hooks: call it at the top level of a test file.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { HttpClient, type HttpClientOptions } from '../../src/vendors/http';
import { dxVendor } from '../../src/vendors/dx/vendor';
import { tinesVendor } from '../../src/vendors/tines/vendor';

export interface Seen {
  readonly method: string;
  readonly url: string;
  readonly at: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

export interface TestServer {
  readonly url: string;
  readonly port: number;
  readonly seen: Seen[];
  connections: number;
  close(): Promise<void>;
}

export type Handler = (n: number, req: http.IncomingMessage, res: http.ServerResponse, body: string) => void;

/** `handler` gets the request number (1-based) and the request, its body already read. */
export async function startServer(handler: Handler, port = 0): Promise<TestServer> {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      seen.push({ method: req.method ?? '', url: req.url ?? '', at: Date.now(), headers: req.headers, body });
      handler(seen.length, req, res, body);
    });
  });
  const state = { connections: 0 };
  server.on('connection', () => (state.connections += 1));
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const actualPort = (server.address() as net.AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actualPort}`,
    port: actualPort,
    seen,
    get connections() {
      return state.connections;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function json(res: http.ServerResponse, status: number, body: unknown, headers: http.OutgoingHttpHeaders = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** The error `promise` rejects with; a result, or a rejection with a non-Error, fails the test. */
export async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
    throw new Error(`rejected with a non-Error: ${String(error)}`);
  }
  throw new Error('expected a rejection, got a result');
}

/** Makes clients with `defaults` (a test's overrides win) and closes every one it made. */
function clientFactory(defaults: Omit<HttpClientOptions, 'baseUrl'>) {
  const made: HttpClient[] = [];
  return {
    client(baseUrl: string, overrides: Partial<HttpClientOptions> = {}): HttpClient {
      const c = new HttpClient({ baseUrl, ...defaults, ...overrides });
      made.push(c);
      return c;
    },
    closeAll: () => Promise.all(made.splice(0).map((c) => c.close())),
  };
}

/**
 * `serve(handler)` starts a server for the running test; `client(baseUrl)` a Tines client with the
 * token `test-token-123` and retries 5–50 ms apart. Clients, then servers, are closed after each test.
 */
export function useScriptedServers() {
  const servers: TestServer[] = [];
  const clients = clientFactory({
    vendor: tinesVendor,
    auth: () => ({ Authorization: 'Bearer test-token-123' }),
    retry: { baseDelayMs: 5, maxDelayMs: 50 },
  });
  afterEach(async () => {
    await clients.closeAll();
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });
  return {
    async serve(handler: Handler, port = 0): Promise<TestServer> {
      const server = await startServer(handler, port);
      servers.push(server);
      return server;
    },
    client: clients.client,
  };
}

export type Reply = { status: number; headers?: http.OutgoingHttpHeaders; body: Buffer | string };
/** The answer to a request; `'huge'` is 10 MiB of JSON-ish text with HTTP 500, chunked (no content-length). */
export type Answer = (req: http.IncomingMessage, body: string) => Reply | 'huge';

function reply(res: http.ServerResponse, answer: Reply | 'huge'): void {
  if (answer === 'huge') {
    // 10 MiB of JSON-ish text, chunked (no content-length), so only the running count can stop it.
    res.writeHead(500, { 'content-type': 'application/json' });
    const chunk = Buffer.alloc(64 * 1024, 'a');
    let sent = 0;
    const pump = () => {
      while (sent < 160) {
        sent += 1;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      res.end();
    };
    res.on('error', () => undefined);
    pump();
    return;
  }
  res.writeHead(answer.status, answer.headers ?? {});
  res.end(answer.body);
}

/**
 * One server for the file, started before its tests, whose answer to the next requests is whatever
 * the test last set as `next` (`{}` with 200 at first); `client()` is a DX client of it with the token
 * `dx-api-key-0001` and no retry.
 */
export function useAnsweringServer() {
  let next: Answer = () => ({ status: 200, body: '{}' });
  let server: TestServer;
  const clients = clientFactory({
    vendor: dxVendor,
    auth: () => ({ Authorization: 'Bearer dx-api-key-0001' }),
    retry: { maxAttempts: 1 },
  });
  beforeAll(async () => {
    server = await startServer((_n, req, res, body) => reply(res, next(req, body)));
  });
  afterAll(async () => {
    await clients.closeAll();
    await server.close();
  });
  return {
    set next(answer: Answer) {
      next = answer;
    },
    client: (overrides: Partial<HttpClientOptions> = {}): HttpClient => clients.client(server.url, overrides),
  };
}

/** The DX credential create the error-body tests send (not idempotent). */
export const create = (c: HttpClient, extra: { secrets?: string[]; json?: unknown } = {}) =>
  c.request({ method: 'POST', path: '/api/connections/c1/credentials.create', json: extra.json ?? {}, idempotent: false, ...extra });

/** A name under the reserved .test TLD: it never resolves, so only a proxy can reach it. */
export const PROXIED_HOST = 'vendor.credform.test';

/**
 * An https server (`targetPort`) on 127.0.0.1 with a self-signed certificate (`certPem`) for
 * localhost, 127.0.0.1 and PROXIED_HOST, answering `{ ok, host }`; and an HTTP CONNECT proxy
 * (`proxyUrl`) that sends every tunnel to it, whatever host was asked for, recording each CONNECT
 * (`connects`) or, with `refuseConnect`, answering 403. `client(baseUrl)` is a Tines client with
 * the default retries. Counts and `refuseConnect` are reset before each test.
 */
export function useTlsSite() {
  let dir: string;
  let certPem: string;
  let target: https.Server;
  let targetPort: number;
  let targetRequests = 0;
  let proxy: http.Server;
  let proxyUrl: string;
  const connects: string[] = [];
  let refuseConnect = false;
  const clients = clientFactory({ vendor: tinesVendor, auth: () => ({ authorization: 'Bearer t0ken' }) });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'credform-http-'));
    execFileSync(
      'openssl',
      [
        'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '2',
        '-subj', '/CN=localhost',
        '-addext', `subjectAltName=DNS:localhost,IP:127.0.0.1,DNS:${PROXIED_HOST}`,
        '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    certPem = readFileSync(join(dir, 'cert.pem'), 'utf8');
    target = https.createServer({ key: readFileSync(join(dir, 'key.pem')), cert: certPem }, (req, res) => {
      targetRequests += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: true, host: req.headers.host }));
    });
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    targetPort = (target.address() as net.AddressInfo).port;

    proxy = await startConnectProxy(targetPort, connects, () => refuseConnect);
    proxyUrl = `http://127.0.0.1:${(proxy.address() as net.AddressInfo).port}`;
  });

  afterAll(async () => {
    await clients.closeAll();
    for (const server of [target, proxy]) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
    rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(() => {
    connects.length = 0;
    targetRequests = 0;
    refuseConnect = false;
  });

  return {
    get certPem() {
      return certPem;
    },
    get targetPort() {
      return targetPort;
    },
    get targetRequests() {
      return targetRequests;
    },
    get proxyUrl() {
      return proxyUrl;
    },
    connects,
    get refuseConnect() {
      return refuseConnect;
    },
    set refuseConnect(refuse: boolean) {
      refuseConnect = refuse;
    },
    client: clients.client,
  };
}

/** The GET the TLS and proxy tests send. */
export const get = (c: HttpClient) => c.request<{ ok: boolean; host: string }>({ method: 'GET', path: '/api/v1/info', idempotent: true });

/**
 * A CONNECT proxy on 127.0.0.1 that tunnels every CONNECT to `targetPort` on 127.0.0.1, whatever
 * host was asked for, and records the asked-for `host:port` in `connects`; `refuse()` true answers
 * 403 instead.
 */
export async function startConnectProxy(targetPort: number, connects: string[], refuse: () => boolean = () => false): Promise<http.Server> {
  const proxy = http.createServer((_req, res) => res.writeHead(405).end());
  proxy.on('connect', (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
    connects.push(req.url ?? '');
    if (refuse()) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const upstream = net.connect(targetPort, '127.0.0.1', () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return proxy;
}
