/**
 * Error bodies and redaction: whatever a vendor (or a proxy in front of it) answers, the caller gets
 * one of our errors with the status kept, a readable message, and no secret in it.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import * as fc from 'fast-check';
import { z } from 'zod';

import {
  AmbiguousRequestError,
  HttpClient,
  HttpLayerError,
  REDACTED,
  ResponseBodyError,
  RetryBudgetExceededError,
  VendorHttpError,
  httpStatusOf,
  redactSecrets,
  redactValue,
  vendorErrorDetails,
  type HttpClientOptions,
} from '../../src/vendors/http';
import { secretForms } from '../../src/vendors/http/redact';
import { dxVendor } from '../../src/vendors/dx/vendor';
import { apinizerVendor } from '../../src/vendors/apinizer/vendor';
import { oxVendor } from '../../src/vendors/ox/vendor';
import { tinesVendor } from '../../src/vendors/tines/vendor';
import type { Vendor } from '../../src/vendors/vendor';

type Reply = { status: number; headers?: http.OutgoingHttpHeaders; body: Buffer | string };

/** A server whose next answer is set by the test; it also echoes request parts on demand. */
async function startServer(answer: (req: http.IncomingMessage, body: string) => Reply | 'huge') {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const reply = answer(req, Buffer.concat(chunks).toString('utf8'));
      if (reply === 'huge') {
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
      res.writeHead(reply.status, reply.headers ?? {});
      res.end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

let next: (req: http.IncomingMessage, body: string) => Reply | 'huge' = () => ({ status: 200, body: '{}' });
let server: Awaited<ReturnType<typeof startServer>>;
const clients: HttpClient[] = [];

beforeAll(async () => {
  server = await startServer((req, body) => next(req, body));
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await server.close();
});

function client(overrides: Partial<HttpClientOptions> = {}): HttpClient {
  const c = new HttpClient({
    baseUrl: server.url,
    vendor: dxVendor,
    auth: () => ({ Authorization: 'Bearer dx-api-key-0001' }),
    retry: { maxAttempts: 1 },
    ...overrides,
  });
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

const create = (c: HttpClient, extra: { secrets?: string[]; json?: unknown } = {}) =>
  c.request({ method: 'POST', path: '/api/connections/c1/credentials.create', json: extra.json ?? {}, idempotent: false, ...extra });

describe('error bodies', () => {
  it('malformed JSON: on a success it is a ResponseBodyError with the status, on an error the text is the message', async () => {
    next = () => ({ status: 200, headers: { 'content-type': 'application/json' }, body: '{"ok": tru' });
    const ok = await rejection(create(client()));
    expect(ok).toBeInstanceOf(ResponseBodyError);
    expect(ok).toMatchObject({ status: 200, problem: 'invalid_json' });
    expect(ok.message).toMatch(/^DX POST \/api\/connections\/c1\/credentials.create answered HTTP 200\. The body is not JSON \(.+\): "\{"ok": tru"$/);

    next = () => ({ status: 422, headers: { 'content-type': 'application/json' }, body: '{"ok": false, "error": ' });
    const failed = await rejection(create(client()));
    expect(failed).toBeInstanceOf(VendorHttpError);
    expect(failed).toMatchObject({ status: 422, body: '{"ok": false, "error": ' });
    expect(failed.message).toBe('DX POST /api/connections/c1/credentials.create failed with HTTP 422: {"ok": false, "error":');
  });

  it('an HTML error page: its title is the message; as a success body it is called out as HTML', async () => {
    const page = '<!DOCTYPE html><html><head><title>502 Bad Gateway</title><style>p{}</style></head><body><h1>Bad</h1></body></html>';
    next = () => ({ status: 403, headers: { 'content-type': 'text/html' }, body: page });
    const forbidden = await rejection(create(client()));
    expect(forbidden).toMatchObject({ status: 403, vendorMessage: '502 Bad Gateway' });
    expect(forbidden.message).toBe(
      'DX POST /api/connections/c1/credentials.create failed with HTTP 403: 502 Bad Gateway. The DX API token lacks the permission for this call',
    );
    next = () => ({ status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: page });
    const html = await rejection(client().request({ method: 'GET', path: '/api/connections.list', idempotent: true }));
    expect(html).toMatchObject({ status: 200, problem: 'invalid_json' });
    expect(html.message).toContain('The body is an HTML page ("502 Bad Gateway"), not JSON: is the base URL right');
  });

  it('an empty error body says so; an empty success body is undefined', async () => {
    next = () => ({ status: 401, body: '' });
    const error = await rejection(create(client()));
    expect(error).toMatchObject({ status: 401 });
    expect(error.message).toBe(
      'DX POST /api/connections/c1/credentials.create failed with HTTP 401. The response body is empty. Check the DX API token: it was not accepted',
    );
    next = () => ({ status: 200, body: '' });
    expect((await create(client())).body).toBeUndefined();
  });

  it('a 10 MiB body is not read: an error with the status kept, for an error and for a success', async () => {
    next = () => 'huge';
    const huge = await rejection(create(client()));
    expect(huge).toBeInstanceOf(VendorHttpError);
    expect(huge).toMatchObject({ status: 500 });
    expect(huge.message).toContain('HTTP 500. The response body exceeds the 5.0 MiB limit and was not read');

    const tenMiB = Buffer.alloc(10 * 1024 * 1024, ' ');
    next = () => ({ status: 200, headers: { 'content-type': 'application/json', 'content-length': tenMiB.length }, body: tenMiB });
    const big = await rejection(client().request({ method: 'GET', path: '/x', idempotent: true }));
    expect(big).toMatchObject({ status: 200, problem: 'too_large' });
    expect(big.message).toContain('The response body (10.0 MiB) exceeds the 5.0 MiB limit');
    // The client is still usable afterwards.
    next = () => ({ status: 200, body: '{"ok":true}' });
    expect((await client().request({ method: 'GET', path: '/x', idempotent: true })).body).toEqual({ ok: true });
  });

  it('reads each vendor error shape into code, message and issues', async () => {
    // Each vendor's client reads its own documented shape (its folder's error-body.ts).
    const cases: [Vendor, unknown, object][] = [
      [
        dxVendor,
        { ok: false, error: 'Invalid credentials', display_message: 'The API token is invalid', raw_message: '401 from Jira' },
        { code: 'Invalid credentials', vendorMessage: 'The API token is invalid (401 from Jira)' },
      ],
      [
        apinizerVendor,
        { error: 'validation_failed', error_description: 'Validation failed', validation_errors: [{ field: 'username', message: 'is taken' }] },
        { code: 'validation_failed', vendorMessage: 'Validation failed', issues: [{ field: 'username', message: 'is taken' }] },
      ],
      [
        oxVendor,
        { data: null, errors: [{ message: 'Connector not found', path: ['addCredentials'], extensions: { code: 'NOT_FOUND' } }] },
        { code: 'NOT_FOUND', vendorMessage: 'addCredentials: Connector not found', issues: [{ field: 'addCredentials', message: 'Connector not found' }] },
      ],
      [tinesVendor, { errors: [{ message: 'Name is invalid', details: 'too long' }] }, { vendorMessage: 'Name is invalid: too long', issues: [{ message: 'Name is invalid: too long' }] }],
      [tinesVendor, ['Team must exist', 'Name is blank'], { vendorMessage: 'Team must exist; Name is blank' }],
      [tinesVendor, { errors: { name: ['has already been taken'] } }, { vendorMessage: 'Name has already been taken' }],
    ];
    for (const [vendor, body, expected] of cases) {
      next = () => ({ status: 400, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const error = await rejection(create(client({ vendor })));
      expect(error).toMatchObject({ status: 400, body, ...expected });
    }
    expect(vendorErrorDetails(undefined, 'Service Unavailable\n', 'text/plain')).toEqual({ message: 'Service Unavailable' });
    next = () => ({
      status: 400,
      body: JSON.stringify({ error: 'validation_failed', validation_errors: [{ field: 'roleNameList', message: 'unknown role' }] }),
    });
    expect((await rejection(create(client({ vendor: apinizerVendor })))).message).toBe(
      'Apinizer POST /api/connections/c1/credentials.create failed with HTTP 400 validation_failed: roleNameList: unknown role',
    );
  });

  it('validates a success body against a schema, naming the field', async () => {
    next = () => ({ status: 200, body: JSON.stringify({ ok: true, connections: [{ id: 'x' }] }) });
    const schema = z.object({ ok: z.literal(true), connections: z.array(z.object({ id: z.string(), name: z.string() })) });
    const error = await rejection(client().request({ method: 'GET', path: '/api/connections.list', idempotent: true, schema }));
    expect(error).toMatchObject({ status: 200, problem: 'unexpected_shape', issues: [{ field: 'connections.0.name' }] });
    next = () => ({ status: 200, body: JSON.stringify({ ok: true, connections: [{ id: 'x', name: 'n', extra: 1 }] }) });
    const res = await client().request({ method: 'GET', path: '/api/connections.list', idempotent: true, schema });
    expect(res.body.connections[0]!.name).toBe('n');
  });

  it('never throws anything but our errors, whatever bytes and status come back (fast-check)', async () => {
    const c = client();
    const ours = (e: unknown) => e instanceof HttpLayerError;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 200, max: 599 }),
        fc.uint8Array({ maxLength: 2048 }),
        fc.constantFrom('application/json', 'text/html', 'text/plain; charset=latin1', 'application/json; charset=bogus', undefined),
        fc.constantFrom('json' as const, 'text' as const, 'none' as const),
        fc.boolean(),
        async (status, bytes, contentType, parse, idempotent) => {
          next = () => ({ status, headers: contentType ? { 'content-type': contentType } : {}, body: Buffer.from(bytes) });
          try {
            const res = await c.request({ method: idempotent ? 'GET' : 'POST', path: '/fuzz', idempotent, parse });
            expect(res.status).toBe(status);
            expect(status).toBeLessThan(300);
          } catch (error) {
            if (!ours(error)) throw error;
            const kept = httpStatusOf(error);
            if (!(error instanceof AmbiguousRequestError && kept === undefined)) expect(kept).toBe(status);
            expect(typeof (error as Error).message).toBe('string');
            expect(() => JSON.stringify(error)).not.toThrow();
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('redaction', () => {
  const secret = 'p@ss"w/o\\rd-é-42';

  it('removes the secret, its JSON-escaped, slash-escaped and URL-encoded forms, and the token, from errors', async () => {
    next = (req) => {
      const auth = String(req.headers['authorization']);
      const jsonEscaped = JSON.stringify(secret).slice(1, -1);
      return {
        status: 422,
        headers: { 'content-type': 'application/json' },
        body:
          `{"ok":false,"error":"Invalid credentials","display_message":"secret ${jsonEscaped} rejected",` +
          `"raw_message":"${jsonEscaped.replace(/\//g, '\\/')} / ${encodeURIComponent(secret)} / ${auth}",` +
          `"echo":{"${jsonEscaped}":["${jsonEscaped}"]}}`,
      };
    };
    const error = await rejection(create(client(), { secrets: [secret], json: { secrets: { api_token: secret } } }));
    expect(error).toBeInstanceOf(VendorHttpError);
    const everything = `${error.message}\n${JSON.stringify(error)}\n${JSON.stringify((error as VendorHttpError).body)}`;
    for (const form of [secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret), 'dx-api-key-0001']) {
      expect(everything).not.toContain(form);
    }
    // The whole header value is one secret ("Bearer …"), the token alone another.
    expect(error.message).toContain(`secret ${REDACTED} rejected (${REDACTED} / ${REDACTED} / ${REDACTED})`);
    expect((error as VendorHttpError).body).toMatchObject({ echo: { [REDACTED]: [REDACTED] } });
  });

  it('redacts the client-level secrets in errors returned with acceptErrorStatus, and after retries', async () => {
    next = () => ({ status: 503, body: `token hunter2-secret is down` });
    const c = client({ secrets: () => ['hunter2-secret'], retry: { maxAttempts: 2, baseDelayMs: 1 } });
    const error = await rejection(c.request({ method: 'GET', path: '/x', idempotent: true }));
    expect(error).toBeInstanceOf(RetryBudgetExceededError);
    expect(error.message).toContain(`token ${REDACTED} is down`);
    next = () => ({ status: 404, body: `no hunter2-secret here` });
    const res = await c.request({ method: 'GET', path: '/x', idempotent: true, acceptErrorStatus: true });
    expect(res.ok).toBe(false);
    expect(res.text).toBe(`no ${REDACTED} here`);
  });

  it('redactSecrets: every form, hex in either case, short values left alone, longest first', () => {
    expect(redactSecrets('a%2fb a%2Fb a/b', ['a/b'])).toBe('a%2fb a%2Fb a/b');
    expect(redactSecrets('x%2fyz x%2Fyz x/yz', ['x/yz'])).toBe(`${REDACTED} ${REDACTED} ${REDACTED}`);
    expect(redactSecrets('caf\\u00E9 caf\\u00e9 café caf&eacute;', ['café'])).toBe(`${REDACTED} ${REDACTED} ${REDACTED} caf&eacute;`);
    expect(redactSecrets('a+b+c&x=a%20b%20c', ['a b c'])).toBe(`${REDACTED}&x=${REDACTED}`);
    expect(redactSecrets('&lt;tok&gt;', ['<tok>'])).toBe(REDACTED);
    expect(redactSecrets('token-long token', ['token', 'token-long'])).toBe(`${REDACTED} ${REDACTED}`);
    expect(redactSecrets('abc', ['abc'])).toBe('abc');
    // The pattern reads `%aa` in a secret as an escape, so `%AAaa` is a form of `%aaaa` too.
    expect(redactSecrets('x %AAaa y', ['%aaaa'])).toBe(`x ${REDACTED} y`);
    expect(redactValue({ a: ['s3cret!'], b: 1, s3cret: null }, ['s3cret'])).toEqual({ a: [`${REDACTED}!`], b: 1, [REDACTED]: null });
  });

  it('redactSecrets finds every form, hex escapes in either case, among other secrets (fast-check)', () => {
    // ASCII letters and digits mixed with what the forms escape (JSON, URL, form, HTML) and non-ASCII.
    const chars = fc.constantFrom(...'aZ09xQ/ +%&<>"\'\\é€\n-_.~'.split(''));
    const secretArb = fc.array(chars, { minLength: 4, maxLength: 16 }).map((a) => a.join(''));
    const flipHexCase = (t: string) => t.replace(/%[0-9A-Fa-f]{2}|\\u[0-9A-Fa-f]{4}/g, (m) => (m === m.toLowerCase() ? m.toUpperCase().replace('\\U', '\\u') : m.toLowerCase()));
    fc.assert(
      fc.property(secretArb, fc.array(secretArb, { maxLength: 2 }), fc.boolean(), fc.string({ maxLength: 12 }), (s, others, flip, around) => {
        const pad = around.replace(/[A-Za-z0-9]/g, '');
        for (const form of secretForms(s)) {
          const inserted = flip ? flipHexCase(form) : form;
          const out = redactSecrets(`${pad}${inserted}${pad}`, [...others, s]);
          expect(out).toContain(REDACTED);
          expect(out.includes(inserted)).toBe(false);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('redactSecrets never leaves a secret in any of its forms (fast-check)', () => {
    const secretArb = fc.string({ minLength: 4, maxLength: 24, unit: 'grapheme' }).filter((s) => !/[[\]]/.test(s) && s.trim() === s);
    fc.assert(
      fc.property(secretArb, fc.string({ maxLength: 30 }), fc.string({ maxLength: 30 }), (s, before, after) => {
        const safe = (t: string) => t.replace(/[[\]]/g, '');
        for (const form of [s, JSON.stringify(s).slice(1, -1), encodeURIComponent(s)]) {
          const out = redactSecrets(`${safe(before)}${form}${safe(after)}`, [s]);
          expect(out).toContain(REDACTED);
          expect(out.includes(s)).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });
});
