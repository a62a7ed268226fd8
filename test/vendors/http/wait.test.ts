/** Abortable waits (wait.ts): a wait between attempts ends as soon as the client's or the request's signal aborts. */
import { RequestAbortedError } from '../../../src/vendors/http';
import { json, rejection, useScriptedServers } from '../../support/http-server';

const { serve, client } = useScriptedServers();

describe('retries', () => {
  it('stops a wait as soon as the signal aborts', async () => {
    const server = await serve((_n, _req, res) => json(res, 429, {}, { 'retry-after': '30' }));
    const controller = new AbortController();
    const c = client(server.url, { signal: controller.signal });
    const started = Date.now();
    setTimeout(() => controller.abort(), 100);
    const error = await rejection(c.request({ method: 'GET', path: '/x', idempotent: true }));
    expect(error).toBeInstanceOf(RequestAbortedError);
    expect(Date.now() - started).toBeLessThan(1000);
    const perRequest = new AbortController();
    perRequest.abort();
    const again = await rejection(client(server.url).request({ method: 'GET', path: '/x', idempotent: true, signal: perRequest.signal }));
    expect(again).toBeInstanceOf(RequestAbortedError);
  });
});
