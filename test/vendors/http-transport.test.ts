/**
 * TLS and proxies: a self-signed vendor certificate trusted through caBundlePem, and an HTTP CONNECT
 * proxy, explicit or from HTTPS_PROXY (honouring NO_PROXY).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tls from 'node:tls';

import { HttpClient, HttpConfigError, TransportError, type HttpClientOptions } from '../../src/vendors/http';
import { trustedCertificates } from '../../src/vendors/http/dispatcher';
import { matchesNoProxy, proxyFor } from '../../src/vendors/http/proxy';
import { tinesVendor } from '../../src/vendors/tines/vendor';

/** A name under the reserved .test TLD: it never resolves, so only a proxy can reach it. */
const PROXIED_HOST = 'vendor.credform.test';

let dir: string;
let certPem: string;
let target: https.Server;
let targetPort: number;
let targetRequests = 0;
let proxy: http.Server;
let proxyUrl: string;
const connects: string[] = [];
let refuseConnect = false;
const clients: HttpClient[] = [];

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

  // A CONNECT proxy that sends every tunnel to the target, whatever host was asked for.
  proxy = http.createServer((_req, res) => res.writeHead(405).end());
  proxy.on('connect', (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
    connects.push(req.url ?? '');
    if (refuseConnect) {
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
  proxyUrl = `http://127.0.0.1:${(proxy.address() as net.AddressInfo).port}`;
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
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

function client(baseUrl: string, overrides: Partial<HttpClientOptions> = {}): HttpClient {
  const c = new HttpClient({ baseUrl, vendor: tinesVendor, auth: () => ({ authorization: 'Bearer t0ken' }), ...overrides });
  clients.push(c);
  return c;
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
    throw new Error(`rejected with a non-Error: ${String(error)}`);
  }
  throw new Error('expected a rejection, got a result');
}

const get = (c: HttpClient) => c.request<{ ok: boolean; host: string }>({ method: 'GET', path: '/api/v1/info', idempotent: true });

describe('custom CA bundle', () => {
  it('a self-signed server is refused without caBundlePem, with a message that says what to set', async () => {
    const error = await rejection(get(client(`https://127.0.0.1:${targetPort}`)));
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT', phase: 'connect', attempts: 1 });
    expect(error.message).toBe(
      `Tines GET /api/v1/info: the TLS certificate of https://127.0.0.1:${targetPort} is not trusted ` +
        '(DEPTH_ZERO_SELF_SIGNED_CERT). If the server uses a private or self-signed CA, give that CA certificate (PEM) as caBundlePem',
    );
  });

  it('works with caBundlePem, for an IP and a host name', async () => {
    expect((await get(client(`https://127.0.0.1:${targetPort}`, { caBundlePem: certPem }))).body.ok).toBe(true);
    expect((await get(client(`https://localhost:${targetPort}`, { caBundlePem: certPem }))).body.ok).toBe(true);
  });

  it('trusts the bundle in addition to the default CAs, and rejects a bundle with no certificate', () => {
    const trusted = trustedCertificates([certPem]);
    expect(trusted).toEqual(expect.arrayContaining([...tls.rootCertificates, certPem]));
    expect(() => client(`https://127.0.0.1:${targetPort}`, { caBundlePem: 'not a pem' })).toThrow(HttpConfigError);
    const broken = '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----';
    expect(() => client(`https://127.0.0.1:${targetPort}`, { caBundlePem: broken })).toThrow(/caBundlePem certificate #1 does not parse/);
  });
});

describe('proxy', () => {
  it('with proxyUrl, https requests are tunnelled through the proxy, and the tunnel is reused', async () => {
    const c = client(`https://localhost:${targetPort}`, { caBundlePem: certPem, proxyUrl });
    for (let i = 0; i < 5; i++) expect((await get(c)).body.ok).toBe(true);
    expect(connects).toEqual([`localhost:${targetPort}`]);
    expect(targetRequests).toBe(5);
  });

  it('a proxy refusing the tunnel is a TransportError naming the proxy and the status', async () => {
    refuseConnect = true;
    const error = await rejection(get(client(`https://localhost:${targetPort}`, { caBundlePem: certPem, proxyUrl })));
    expect(error).toMatchObject({ name: 'TransportError', code: 'PROXY_403', phase: 'connect', attempts: 1 });
    expect(error.message).toContain(`the proxy ${proxyUrl} refused to open a tunnel to https://localhost:${targetPort} (HTTP 403)`);
  });

  describe('from the environment', () => {
    const saved = { ...process.env };
    afterEach(() => {
      for (const name of ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy']) {
        if (saved[name] === undefined) delete process.env[name];
        else process.env[name] = saved[name];
      }
    });

    it('uses HTTPS_PROXY for a remote host, and not for a host in NO_PROXY', async () => {
      process.env['HTTPS_PROXY'] = proxyUrl;
      process.env['NO_PROXY'] = 'example.org';
      const viaProxy = await get(client(`https://${PROXIED_HOST}:${targetPort}`, { caBundlePem: certPem }));
      expect(viaProxy.body).toEqual({ ok: true, host: `${PROXIED_HOST}:${targetPort}` });
      expect(connects).toEqual([`${PROXIED_HOST}:${targetPort}`]);

      process.env['NO_PROXY'] = '.credform.test';
      const direct = await rejection(
        get(client(`https://${PROXIED_HOST}:${targetPort}`, { caBundlePem: certPem, retry: { maxAttempts: 1 } })),
      );
      expect(direct).toMatchObject({ name: 'TransportError', code: 'ENOTFOUND' });
      expect(direct.message).toContain('the host name does not resolve: check the base URL');
      expect(connects).toHaveLength(1);
    });

    it('never sends loopback hosts through an environment proxy', async () => {
      process.env['HTTPS_PROXY'] = proxyUrl;
      process.env['NO_PROXY'] = '';
      expect((await get(client(`https://127.0.0.1:${targetPort}`, { caBundlePem: certPem }))).body.ok).toBe(true);
      expect(connects).toEqual([]);
    });
  });

  it('proxyFor and NO_PROXY matching', () => {
    const env = { HTTPS_PROXY: 'http://proxy:3128', HTTP_PROXY: 'http://plain:3128', NO_PROXY: '.internal, api.example.com:8443, 10.0.0.0/8' };
    const at = (url: string, explicit?: string) => proxyFor(new URL(url), explicit, env);
    expect(at('https://acme.getdx.net')).toBe('http://proxy:3128');
    expect(at('http://intranet.example')).toBe('http://plain:3128');
    expect(at('https://x.internal')).toBeUndefined();
    expect(at('https://internal')).toBeUndefined();
    expect(at('https://api.example.com:8443')).toBeUndefined();
    expect(at('https://api.example.com')).toBe('http://proxy:3128');
    expect(at('https://10.2.3.4')).toBeUndefined();
    expect(at('https://localhost:1')).toBeUndefined();
    expect(at('https://localhost:1', 'http://explicit:1')).toBe('http://explicit:1');
    expect(proxyFor(new URL('https://a.b'), undefined, {})).toBeUndefined();
    expect(matchesNoProxy('anything', 443, '*')).toBe(true);
    expect(matchesNoProxy('::1', 443, '[::1]:443')).toBe(true);
    expect(matchesNoProxy('fd00::5', 443, 'fd00::/8')).toBe(true);
  });
});
