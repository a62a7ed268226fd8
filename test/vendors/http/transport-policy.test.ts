/** What the client agrees to talk to (transport-policy.ts): loopback hosts, the base URL, checked before any connection. */
import { HttpClient, HttpConfigError, isLoopbackHost } from '../../../src/vendors/http';
import { dxVendor } from '../../../src/vendors/dx/vendor';
import { oxVendor } from '../../../src/vendors/ox/vendor';

describe('base URL policy', () => {
  const make = (baseUrl: string, allowInsecureHttp?: boolean) =>
    new HttpClient({ baseUrl, vendor: dxVendor, auth: () => ({}), ...(allowInsecureHttp !== undefined ? { allowInsecureHttp } : {}) });

  it('recognises loopback hosts', () => {
    for (const host of ['localhost', '127.0.0.1', '127.255.0.9', '[::1]', '[::ffff:7f00:1]']) expect(isLoopbackHost(host)).toBe(true);
    for (const host of ['example.com', '10.0.0.1', '[::2]', 'localhost.example.com', '128.0.0.1']) expect(isLoopbackHost(host)).toBe(false);
  });

  it('refuses http:// to a non-loopback host before connecting, naming the setting', () => {
    let error: unknown;
    try {
      make('http://example.com');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(HttpConfigError);
    expect(error).toMatchObject({ setting: 'allowInsecureHttp', vendor: 'dx' });
    expect((error as Error).message).toMatch(/^DX base URL "http:\/\/example.com" uses plain http:\/\/ .* allowInsecureHttp/);
  });

  it.each(['http://127.0.0.1:1', 'http://127.1.2.3', 'http://localhost:8080/x', 'http://[::1]:9', 'https://example.com/prefix/'])(
    'accepts %s',
    async (url) => {
      const c = make(url);
      expect(c.baseUrl.pathname.endsWith('/')).toBe(url.endsWith('/prefix/') ? false : c.baseUrl.pathname === '/');
      await c.close();
    },
  );

  it('accepts http:// anywhere with allowInsecureHttp, and refuses other schemes and credentials', async () => {
    await make('http://example.com', true).close();
    expect(() => make('ftp://example.com')).toThrow(/scheme ftp/);
    expect(() => make('https://user:pw@example.com')).toThrow(/carries credentials/);
    expect(() => make('not a url')).toThrow(/is not a URL/);
    expect(() => make('https://example.com/?a=1')).toThrow(/query string/);
    expect(() => new HttpClient({ baseUrl: 'https://x.test', vendor: oxVendor, auth: () => ({}), retry: { maxAttempts: 0 } })).toThrow(
      /retry.maxAttempts must be a number ≥ 1/,
    );
  });
});
