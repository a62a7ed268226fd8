/**
 * Failures without an HTTP answer (transport-failure.ts): a refused connection, an untrusted
 * certificate, a proxy refusing the tunnel, each a TransportError with a code and a sentence to act on.
 */
import { RetryBudgetExceededError, TransportError } from '../../../src/vendors/http';
import { get, rejection, startServer, useScriptedServers, useTlsSite } from '../../support/http-server';

const { client } = useScriptedServers();
const site = useTlsSite();

describe('retries', () => {
  it('reports a refused connection as a TransportError an operator can act on', async () => {
    const probe = await startServer(() => undefined);
    await probe.close();
    const c = client(probe.url, { retry: { maxAttempts: 2, baseDelayMs: 1 } });
    const error = await rejection(c.request({ method: 'GET', path: '/x', idempotent: true }));
    expect(error).toBeInstanceOf(RetryBudgetExceededError);
    const cause = (error as RetryBudgetExceededError).lastCause;
    expect(cause).toBeInstanceOf(TransportError);
    expect(cause).toMatchObject({ code: 'ECONNREFUSED', phase: 'connect' });
    expect(error.message).toContain(`could not connect to ${probe.url}: ECONNREFUSED`);
  });
});

describe('custom CA bundle', () => {
  it('a self-signed server is refused without caBundlePem, with a message that says what to set', async () => {
    const error = await rejection(get(site.client(`https://127.0.0.1:${site.targetPort}`)));
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT', phase: 'connect', attempts: 1 });
    expect(error.message).toBe(
      `Tines GET /api/v1/info: the TLS certificate of https://127.0.0.1:${site.targetPort} is not trusted ` +
        '(DEPTH_ZERO_SELF_SIGNED_CERT). If the server uses a private or self-signed CA, give that CA certificate (PEM) as caBundlePem',
    );
  });
});

describe('proxy', () => {
  it('a proxy refusing the tunnel is a TransportError naming the proxy and the status', async () => {
    site.refuseConnect = true;
    const error = await rejection(get(site.client(`https://localhost:${site.targetPort}`, { caBundlePem: site.certPem, proxyUrl: site.proxyUrl })));
    expect(error).toMatchObject({ name: 'TransportError', code: 'PROXY_403', phase: 'connect', attempts: 1 });
    expect(error.message).toContain(`the proxy ${site.proxyUrl} refused to open a tunnel to https://localhost:${site.targetPort} (HTTP 403)`);
  });
});
