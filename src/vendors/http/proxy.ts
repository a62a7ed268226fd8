/**
 * Which proxy, if any, this client's one origin goes through.
 * - An explicit `proxyUrl` always applies: it was configured for this vendor.
 * - Otherwise `HTTPS_PROXY`/`https_proxy` (for https origins) or `HTTP_PROXY`/`http_proxy` (http),
 *   unless `NO_PROXY`/`no_proxy` matches the host, or the host is loopback (as Go's ProxyFromEnvironment
 *   does: a local simulator is never behind the corporate proxy).
 * NO_PROXY entries: `*`, host names (a leading `.` or `*.` matches subdomains; a bare name also
 * matches its subdomains, like curl), `host:port`, IP addresses and CIDR ranges.
 */
import { BlockList, isIP } from 'node:net';

import { isLoopbackHost } from './transport-policy';

export type Env = Readonly<Record<string, string | undefined>>;

/** The proxy URL (unparsed) for `target`, or `undefined` to connect directly. */
export function proxyFor(target: URL, explicit: string | undefined, env: Env = process.env): string | undefined {
  if (explicit !== undefined && explicit.trim() !== '') return explicit;
  const fromEnv =
    target.protocol === 'https:'
      ? (env['HTTPS_PROXY'] ?? env['https_proxy'])
      : (env['HTTP_PROXY'] ?? env['http_proxy']);
  if (fromEnv === undefined || fromEnv.trim() === '') return undefined;
  if (isLoopbackHost(target.hostname)) return undefined;
  const port = Number(target.port) || (target.protocol === 'https:' ? 443 : 80);
  if (matchesNoProxy(target.hostname, port, env['NO_PROXY'] ?? env['no_proxy'] ?? '')) return undefined;
  return fromEnv.trim();
}

export function matchesNoProxy(hostname: string, port: number, noProxy: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
  for (const raw of noProxy.split(/[\s,]+/)) {
    const entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    if (entry === '*') return true;
    if (entry.includes('/')) {
      if (inCidr(host, entry)) return true;
      continue;
    }
    const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
    const hostPort = bracketed ? null : /^(.*?)(?::(\d+))?$/.exec(entry);
    const name = (bracketed?.[1] ?? (isIP(entry) === 6 ? entry : hostPort?.[1]) ?? entry).replace(/^\*?\./, '');
    const entryPort = bracketed?.[2] ?? (isIP(entry) === 6 ? undefined : hostPort?.[2]);
    if (entryPort !== undefined && Number(entryPort) !== port) continue;
    if (host === name || host.endsWith(`.${name}`)) return true;
  }
  return false;
}

function inCidr(host: string, cidr: string): boolean {
  const [network, bitsText] = cidr.split('/');
  const bits = Number(bitsText);
  const family = isIP(network ?? '');
  if (family === 0 || isIP(host) !== family || !Number.isInteger(bits)) return false;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  const list = new BlockList();
  try {
    list.addSubnet(network!, bits, type);
  } catch {
    return false;
  }
  return list.check(host, type);
}
