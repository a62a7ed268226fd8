/**
 * The client's one dispatcher (dispatcher.ts): kept-alive connections reused, a custom CA bundle
 * trusted besides the default CAs, and https tunnelled through a proxy.
 */
import * as tls from 'node:tls';

import { HttpConfigError } from '../../../src/vendors/http';
import { trustedCertificates } from '../../../src/vendors/http/dispatcher';
import { get, json, useScriptedServers, useTlsSite } from '../../support/http-server';

const { serve, client } = useScriptedServers();
const site = useTlsSite();

describe('connections', () => {
  it('reuses connections: 50 sequential requests, 1 socket; 20 parallel, at most 10', async () => {
    const server = await serve((_n, _req, res) => json(res, 200, { ok: true }));
    const c = client(server.url);
    for (let i = 0; i < 50; i++) await c.request({ method: 'GET', path: '/x', idempotent: true });
    expect(server.connections).toBe(1);
    await Promise.all(Array.from({ length: 20 }, () => c.request({ method: 'GET', path: '/x', idempotent: true })));
    expect(server.connections).toBeLessThanOrEqual(10);
  });
});

describe('custom CA bundle', () => {
  it('works with caBundlePem, for an IP and a host name', async () => {
    expect((await get(site.client(`https://127.0.0.1:${site.targetPort}`, { caBundlePem: site.certPem }))).body.ok).toBe(true);
    expect((await get(site.client(`https://localhost:${site.targetPort}`, { caBundlePem: site.certPem }))).body.ok).toBe(true);
  });

  it('trusts the bundle in addition to the default CAs, and rejects a bundle with no certificate', () => {
    const trusted = trustedCertificates([site.certPem]);
    expect(trusted).toEqual(expect.arrayContaining([...tls.rootCertificates, site.certPem]));
    expect(() => site.client(`https://127.0.0.1:${site.targetPort}`, { caBundlePem: 'not a pem' })).toThrow(HttpConfigError);
    const broken = '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----';
    expect(() => site.client(`https://127.0.0.1:${site.targetPort}`, { caBundlePem: broken })).toThrow(/caBundlePem certificate #1 does not parse/);
  });
});

describe('proxy', () => {
  it('with proxyUrl, https requests are tunnelled through the proxy, and the tunnel is reused', async () => {
    const c = site.client(`https://localhost:${site.targetPort}`, { caBundlePem: site.certPem, proxyUrl: site.proxyUrl });
    for (let i = 0; i < 5; i++) expect((await get(c)).body.ok).toBe(true);
    expect(site.connects).toEqual([`localhost:${site.targetPort}`]);
    expect(site.targetRequests).toBe(5);
  });
});
