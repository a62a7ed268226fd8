/**
 * The one undici dispatcher of a client: keep-alive connections to the vendor's origin (directly, or
 * through a proxy), reused by every request. Terraform calls the provider with parallelism 10, so
 * up to 10 connections are kept; sequential calls share one.
 */
import { readFileSync } from 'node:fs';
import * as tls from 'node:tls';

import { Pool, ProxyAgent, type Dispatcher } from 'undici';

export const DEFAULT_CONNECTIONS = 10;
/** Idle connections stay open this long unless the server's `Keep-Alive: timeout` says less. */
export const KEEP_ALIVE_TIMEOUT_MS = 30_000;

export interface DispatcherSettings {
  readonly origin: URL;
  readonly connectMs: number;
  /** Also undici's headers and body timeouts (the client's own per-attempt timer is the real bound). */
  readonly requestMs: number;
  readonly connections: number;
  /** Extra trusted CA certificates (PEM), added to the default ones. */
  readonly extraCaCertificates?: readonly string[];
  readonly proxy?: URL;
}

export function createDispatcher(settings: DispatcherSettings): Dispatcher {
  const ca = settings.extraCaCertificates?.length ? trustedCertificates(settings.extraCaCertificates) : undefined;
  const tlsOptions = { timeout: settings.connectMs, ...(ca ? { ca } : {}) };
  const common = {
    connections: settings.connections,
    keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
    keepAliveMaxTimeout: 10 * KEEP_ALIVE_TIMEOUT_MS,
    headersTimeout: settings.requestMs,
    bodyTimeout: settings.requestMs,
  };
  if (settings.proxy) {
    return new ProxyAgent({
      ...common,
      uri: settings.proxy.href,
      requestTls: tlsOptions,
      proxyTls: { timeout: settings.connectMs },
    });
  }
  return new Pool(settings.origin.origin, { ...common, connect: { ...tlsOptions, keepAlive: true } });
}

/**
 * Node's default CAs plus `extra`. Passing `ca` to TLS replaces the defaults, so they are listed
 * explicitly: the bundled roots and NODE_EXTRA_CA_CERTS (or, on Node ≥ 22.15, exactly what Node
 * would use, system store included).
 */
export function trustedCertificates(extra: readonly string[]): string[] {
  const getCACertificates = (tls as { getCACertificates?: (type: 'default') => string[] }).getCACertificates;
  const defaults =
    typeof getCACertificates === 'function'
      ? getCACertificates('default')
      : [...tls.rootCertificates, ...extraCaFromEnv()];
  return [...defaults, ...extra];
}

function extraCaFromEnv(): string[] {
  const file = process.env['NODE_EXTRA_CA_CERTS'];
  if (!file) return [];
  try {
    return readFileSync(file, 'utf8').match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  } catch {
    return [];
  }
}
