/** Building request URLs from the base URL, a documented path and a query. */

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Readonly<Record<string, QueryValue | readonly QueryValue[]>>;

/** `base` keeps its path prefix; `path` must start with "/"; `null`/`undefined` query values are left out. */
export function buildUrl(base: URL, path: string, query?: Query): URL {
  if (!path.startsWith('/')) throw new TypeError(`request path must start with "/": ${JSON.stringify(path)}`);
  if (/[?#]/.test(path)) throw new TypeError(`give query parameters as "query", not in the path: ${JSON.stringify(path)}`);
  const url = new URL(base.href);
  url.pathname = base.pathname.replace(/\/+$/, '') + path;
  for (const [key, value] of Object.entries(query ?? {})) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item !== null && item !== undefined) url.searchParams.append(key, String(item));
    }
  }
  return url;
}

/**
 * A path with every interpolated value encoded as one segment:
 * `encodePath\`/apiops/projects/${project}/credentials/${username}/\``.
 */
export function encodePath(strings: TemplateStringsArray, ...values: readonly (string | number)[]): string {
  return strings.reduce((out, part, i) => (i < values.length ? out + part + segment(values[i]!) : out + part), '');
}

function segment(value: string | number): string {
  const text = String(value);
  // "." and ".." (even percent-encoded) would be resolved away by the URL parser: never a valid name here.
  if (text === '' || text === '.' || text === '..') throw new TypeError(`invalid path segment: ${JSON.stringify(text)}`);
  return encodeURIComponent(text);
}
