/**
 * From an answer to what the caller gets (response.ts): bodies parsed as asked and checked against a
 * schema, error statuses thrown or returned (acceptErrorStatus), and nothing but our errors whatever
 * comes back.
 */
import * as fc from 'fast-check';
import { z } from 'zod';

import { AmbiguousRequestError, HttpLayerError, ResponseBodyError, VendorHttpError, httpStatusOf } from '../../../src/vendors/http';
import { create, json, rejection, useAnsweringServer, useScriptedServers } from '../../support/http-server';

const { serve, client } = useScriptedServers();
const api = useAnsweringServer();

describe('requests', () => {
  it('parses text, none, empty bodies, and statuses listed in expect', async () => {
    const server = await serve((n, _req, res) => {
      if (n === 3) {
        res.writeHead(204).end();
      } else {
        res.writeHead(n === 4 ? 404 : 200, { 'content-type': 'text/plain' }).end('hello');
      }
    });
    const c = client(server.url);
    expect((await c.request({ method: 'GET', path: '/a', idempotent: true, parse: 'text' })).body).toBe('hello');
    expect((await c.request({ method: 'GET', path: '/b', idempotent: true, parse: 'none' })).body).toBeUndefined();
    expect((await c.request({ method: 'DELETE', path: '/c', idempotent: true })).body).toBeUndefined();
    const notFound = await c.request({ method: 'GET', path: '/d', idempotent: true, parse: 'text', expect: [200, 404] });
    expect(notFound).toMatchObject({ ok: true, status: 404, body: 'hello' });
  });

  it('returns a final error status when acceptErrorStatus is set, and throws it otherwise', async () => {
    const server = await serve((_n, _req, res) => json(res, 404, { errors: [{ message: 'Not found' }] }));
    const c = client(server.url);
    const res = await c.request({ method: 'GET', path: '/api/v1/user_credentials/7', idempotent: true, acceptErrorStatus: true });
    expect(res.ok).toBe(false);
    expect(res.status).toBe(404);
    if (!res.ok) expect(res.error).toBeInstanceOf(VendorHttpError);
    const error = await rejection(c.request({ method: 'GET', path: '/api/v1/user_credentials/7', idempotent: true }));
    expect(error).toBeInstanceOf(VendorHttpError);
    expect(httpStatusOf(error)).toBe(404);
    expect(error.message).toBe('Tines GET /api/v1/user_credentials/7 failed with HTTP 404: Not found');
  });
});

describe('error bodies', () => {
  it('malformed JSON: on a success it is a ResponseBodyError with the status, on an error the text is the message', async () => {
    api.next = () => ({ status: 200, headers: { 'content-type': 'application/json' }, body: '{"ok": tru' });
    const ok = await rejection(create(api.client()));
    expect(ok).toBeInstanceOf(ResponseBodyError);
    expect(ok).toMatchObject({ status: 200, problem: 'invalid_json' });
    expect(ok.message).toMatch(/^DX POST \/api\/connections\/c1\/credentials.create answered HTTP 200\. The body is not JSON \(.+\): "\{"ok": tru"$/);

    api.next = () => ({ status: 422, headers: { 'content-type': 'application/json' }, body: '{"ok": false, "error": ' });
    const failed = await rejection(create(api.client()));
    expect(failed).toBeInstanceOf(VendorHttpError);
    expect(failed).toMatchObject({ status: 422, body: '{"ok": false, "error": ' });
    expect(failed.message).toBe('DX POST /api/connections/c1/credentials.create failed with HTTP 422: {"ok": false, "error":');
  });

  it('an empty error body says so; an empty success body is undefined', async () => {
    api.next = () => ({ status: 401, body: '' });
    const error = await rejection(create(api.client()));
    expect(error).toMatchObject({ status: 401 });
    expect(error.message).toBe(
      'DX POST /api/connections/c1/credentials.create failed with HTTP 401. The response body is empty. Check the DX API token: it was not accepted',
    );
    api.next = () => ({ status: 200, body: '' });
    expect((await create(api.client())).body).toBeUndefined();
  });

  it('validates a success body against a schema, naming the field', async () => {
    api.next = () => ({ status: 200, body: JSON.stringify({ ok: true, connections: [{ id: 'x' }] }) });
    const schema = z.object({ ok: z.literal(true), connections: z.array(z.object({ id: z.string(), name: z.string() })) });
    const error = await rejection(api.client().request({ method: 'GET', path: '/api/connections.list', idempotent: true, schema }));
    expect(error).toMatchObject({ status: 200, problem: 'unexpected_shape', issues: [{ field: 'connections.0.name' }] });
    api.next = () => ({ status: 200, body: JSON.stringify({ ok: true, connections: [{ id: 'x', name: 'n', extra: 1 }] }) });
    const res = await api.client().request({ method: 'GET', path: '/api/connections.list', idempotent: true, schema });
    expect(res.body.connections[0]!.name).toBe('n');
  });

  it('never throws anything but our errors, whatever bytes and status come back (fast-check)', async () => {
    const c = api.client();
    const ours = (e: unknown) => e instanceof HttpLayerError;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 200, max: 599 }),
        fc.uint8Array({ maxLength: 2048 }),
        fc.constantFrom('application/json', 'text/html', 'text/plain; charset=latin1', 'application/json; charset=bogus', undefined),
        fc.constantFrom('json' as const, 'text' as const, 'none' as const),
        fc.boolean(),
        async (status, bytes, contentType, parse, idempotent) => {
          api.next = () => ({ status, headers: contentType ? { 'content-type': contentType } : {}, body: Buffer.from(bytes) });
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
