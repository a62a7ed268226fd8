/**
 * What the client agrees to talk to, checked when it is constructed (before any connection):
 * - the base URL: `https://` always; `http://` only to a loopback host (a simulator, a local tunnel)
 *   unless `allowInsecureHttp`, because the API token would otherwise cross the network in clear;
 * - the proxy URL; the custom CA bundle (PEM certificates only).
 */
import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';

import { HttpConfigError } from './errors';
import type { HttpVendor } from './vendor';

export interface BaseUrlPolicy {
  readonly vendor: HttpVendor;
  /** Permit `http://` to hosts that are not loopback. @default false */
  readonly allowInsecureHttp?: boolean;
}

export type SafeParse<T> = { readonly success: true; readonly data: T } | { readonly success: false; readonly error: HttpConfigError };

/**
 * The instance's origin, with any path prefix kept and its trailing slash dropped (callers append the
 * documented paths, which start with `/`).
 */
export function parseBaseUrl(raw: string, policy: BaseUrlPolicy): URL {
  const result = safeParseBaseUrl(raw, policy);
  if (!result.success) throw result.error;
  return result.data;
}

export function safeParseBaseUrl(raw: string, policy: BaseUrlPolicy): SafeParse<URL> {
  const vendor = policy.vendor.displayName;
  const fail = (setting: 'baseUrl' | 'allowInsecureHttp', why: string): SafeParse<URL> => ({
    success: false,
    error: new HttpConfigError(policy.vendor, setting, `${vendor} base URL ${JSON.stringify(raw)} ${why}`),
  });
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return fail('baseUrl', 'is not a URL: expected https://<host>[:port][/path-prefix]');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return fail('baseUrl', `has the scheme ${url.protocol.replace(/:$/, '')}; expected https://`);
  }
  if (url.username !== '' || url.password !== '') {
    return fail('baseUrl', 'carries credentials; give the API token in the token setting instead');
  }
  if (url.search !== '' || url.hash !== '') {
    return fail('baseUrl', 'has a query string or fragment; give only the origin and an optional path prefix');
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname) && policy.allowInsecureHttp !== true) {
    return fail(
      'allowInsecureHttp',
      'uses plain http:// to a host that is not loopback, so the API token would cross the network unencrypted. ' +
        'Use https://, or set allowInsecureHttp to true if this is really intended',
    );
  }
  url.pathname = url.pathname.replace(/\/+$/, '');
  return { success: true, data: url };
}

/** `localhost`, 127.0.0.0/8, `::1`, and IPv4-mapped 127.0.0.0/8; `hostname` as `URL.hostname` gives it. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost') return true;
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  if (isIP(bare) === 4) return bare.startsWith('127.');
  if (isIP(bare) === 6) {
    return bare === '::1' || /^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(bare) || /^::ffff:127\./.test(bare);
  }
  return false;
}

/** A proxy for `http(s)://` or `socks5://`; credentials in it are allowed (and redacted from messages). */
export function parseProxyUrl(raw: string, vendor: HttpVendor): URL {
  const fail = (why: string) =>
    new HttpConfigError(vendor, 'proxyUrl', `${vendor.displayName} proxy URL ${why}`);
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw fail('is not a URL: expected http://<host>:<port>');
  }
  if (!['http:', 'https:', 'socks5:', 'socks:'].includes(url.protocol)) {
    throw fail(`has the scheme ${url.protocol.replace(/:$/, '')}; expected http://, https:// or socks5://`);
  }
  return url;
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** The certificates of a PEM bundle, each checked to parse; anything else in the text is ignored. */
export function parseCaBundle(pem: string, vendor: HttpVendor): string[] {
  const blocks = pem.match(PEM_CERTIFICATE) ?? [];
  const name = vendor.displayName;
  if (blocks.length === 0) {
    throw new HttpConfigError(
      vendor,
      'caBundlePem',
      `${name} caBundlePem holds no PEM certificate (expected "-----BEGIN CERTIFICATE-----" blocks)`,
    );
  }
  blocks.forEach((block, index) => {
    try {
      new X509Certificate(block);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      throw new HttpConfigError(vendor, 'caBundlePem', `${name} caBundlePem certificate #${index + 1} does not parse: ${why}`);
    }
  });
  return blocks;
}
