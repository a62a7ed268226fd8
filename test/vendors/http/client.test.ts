/**
 * The client's own orchestration (client.ts): request bodies and auth asked before every attempt, the
 * outcome of an abort mid-exchange, one listener on the caller's signal, and no request after close().
 */
import { getEventListeners } from 'node:events';

import { RequestAbortedError } from '../../../src/vendors/http';
import { json, rejection, useScriptedServers } from '../../support/http-server';

const { serve, client } = useScriptedServers();

describe('requests', () => {
  it('sends form bodies and asks auth before every attempt', async () => {
    const server = await serve((n, _req, res) => (n === 1 ? json(res, 503, {}) : json(res, 200, { access_token: 't' })));
    let authCalls = 0;
    const c = client(server.url, { auth: () => ({ authorization: `Bearer token-${++authCalls}` }) });
    await c.request({ method: 'POST', path: '/apiops/auth/token', form: { grant_type: 'client_credentials' }, idempotent: true });
    expect(server.seen.map((s) => s.headers['authorization'])).toEqual(['Bearer token-1', 'Bearer token-2']);
    expect(server.seen[1]!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(server.seen[1]!.body).toBe('grant_type=client_credentials');
  });
});

describe('retries', () => {
  it('an abort during an exchange: a create becomes ambiguous, a read is simply cancelled', async () => {
    const server = await serve(() => undefined);
    const c = client(server.url);
    const inFlight = (method: 'GET' | 'POST', idempotent: boolean) => {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      return rejection(c.request({ method, path: '/x', idempotent, signal: controller.signal, ...(method === 'POST' ? { json: {} } : {}) }));
    };
    expect(await inFlight('POST', false)).toMatchObject({ name: 'AmbiguousRequestError', reason: 'aborted' });
    expect(await inFlight('GET', true)).toBeInstanceOf(RequestAbortedError);
  });
});

describe('connections', () => {
  it('many concurrent requests put one listener on the caller signal', async () => {
    const server = await serve((_n, _req, res) => setTimeout(() => json(res, 200, {}), 50));
    const signal = new AbortController().signal;
    const c = client(server.url, { signal });
    const all = Promise.all(Array.from({ length: 30 }, () => c.request({ method: 'GET', path: '/x', idempotent: true })));
    await new Promise((r) => setTimeout(r, 20));
    expect(getEventListeners(signal, 'abort')).toHaveLength(1);
    await all;
  });

  it('refuses requests after close()', async () => {
    const server = await serve((_n, _req, res) => json(res, 200, {}));
    const c = client(server.url);
    await c.close();
    const error = await rejection(c.request({ method: 'GET', path: '/x', idempotent: true }));
    expect(error).toMatchObject({ name: 'TransportError', code: 'CLIENT_CLOSED' });
  });
});
