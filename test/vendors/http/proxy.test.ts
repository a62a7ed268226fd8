/**
 * Which proxy (proxy.ts): HTTPS_PROXY from the environment except for NO_PROXY hosts and loopback,
 * and the NO_PROXY rules.
 */
import { matchesNoProxy, proxyFor } from '../../../src/vendors/http/proxy';
import { PROXIED_HOST, get, rejection, useTlsSite } from '../../support/http-server';

const site = useTlsSite();

describe('proxy', () => {
  describe('from the environment', () => {
    const saved = { ...process.env };
    afterEach(() => {
      for (const name of ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy']) {
        if (saved[name] === undefined) delete process.env[name];
        else process.env[name] = saved[name];
      }
    });

    it('uses HTTPS_PROXY for a remote host, and not for a host in NO_PROXY', async () => {
      process.env['HTTPS_PROXY'] = site.proxyUrl;
      process.env['NO_PROXY'] = 'example.org';
      const viaProxy = await get(site.client(`https://${PROXIED_HOST}:${site.targetPort}`, { caBundlePem: site.certPem }));
      expect(viaProxy.body).toEqual({ ok: true, host: `${PROXIED_HOST}:${site.targetPort}` });
      expect(site.connects).toEqual([`${PROXIED_HOST}:${site.targetPort}`]);

      process.env['NO_PROXY'] = '.credform.test';
      const direct = await rejection(
        get(site.client(`https://${PROXIED_HOST}:${site.targetPort}`, { caBundlePem: site.certPem, retry: { maxAttempts: 1 } })),
      );
      expect(direct).toMatchObject({ name: 'TransportError', code: 'ENOTFOUND' });
      expect(direct.message).toContain('the host name does not resolve: check the base URL');
      expect(site.connects).toHaveLength(1);
    });

    it('never sends loopback hosts through an environment proxy', async () => {
      process.env['HTTPS_PROXY'] = site.proxyUrl;
      process.env['NO_PROXY'] = '';
      expect((await get(site.client(`https://127.0.0.1:${site.targetPort}`, { caBundlePem: site.certPem }))).body.ok).toBe(true);
      expect(site.connects).toEqual([]);
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
