/**
 * Secret redaction for everything the HTTP layer puts into an error or a log line.
 *
 * A vendor may echo a secret back in an error body (a validation message quoting the field, an HTML
 * error page), and it may do so escaped: JSON (`\"`, `\/`, `\u00e9`), URL or form encoded, or HTML
 * escaped. Each secret is matched in all of those forms.
 */
export const REDACTED = '[redacted]';

/** Shorter values are not redacted: replacing every "abc" in a message would make it unreadable. */
export const MIN_SECRET_LENGTH = 4;

/** Replaces every occurrence of any secret (≥ 4 characters, in any of its encoded forms) with `[redacted]`. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  return redactor(secrets)(text);
}

/** Nesting kept by `redactValue`; anything deeper is replaced by this text (a body may nest arbitrarily deep). */
export const MAX_REDACTED_DEPTH = 64;
export const TOO_DEEP = '[nested too deep]';

/**
 * Deep copy of a parsed JSON value with every string (keys included) redacted. What is nested deeper
 * than MAX_REDACTED_DEPTH is replaced by TOO_DEEP: it is neither walked nor kept, so the copy is
 * always safe to log or serialize.
 */
export function redactValue(value: unknown, secrets: readonly string[]): unknown {
  const redact = redactor(secrets);
  const walk = (v: unknown, depth: number): unknown => {
    if (typeof v === 'string') return redact(v);
    if (v === null || typeof v !== 'object') return v;
    if (depth > MAX_REDACTED_DEPTH) return TOO_DEEP;
    if (Array.isArray(v)) return v.map((item) => walk(item, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(v)) out[redact(key)] = walk(item, depth + 1);
    return out;
  };
  return walk(value, 0);
}

/**
 * Redacts texts for one set of secrets, building the pattern (~0.3 ms a secret) only for a text that
 * may hold one. Every form of a secret (secretForms) keeps the secret's runs of ASCII letters and
 * digits, and the pattern matches them as they are except for the case of hex digits it reads as part
 * of an escape (`%aa` in a secret `%aaaa`). So a text that, lower-cased, lacks the secret's longest
 * run lower-cased holds no form of it: most texts redacted (request paths, short messages, bodies that
 * do not echo the secret a create just sent) are cleared by a substring search. A secret without
 * letters or digits is always looked for.
 */
function redactor(secrets: readonly string[]): (text: string) => string {
  const runs: string[] = [];
  for (const secret of secrets) {
    if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) continue;
    let longest = '';
    for (const run of secret.match(/[A-Za-z0-9]+/g) ?? []) if (run.length > longest.length) longest = run;
    runs.push(longest.toLowerCase());
  }
  let pattern: RegExp | undefined; // built on first need (never undefined then: `runs` holds a secret)
  return (text) => {
    if (runs.length === 0) return text;
    if (!runs.includes('')) {
      const lower = text.toLowerCase();
      if (!runs.some((run) => lower.includes(run))) return text;
    }
    pattern ??= secretPattern(secrets);
    return pattern ? text.replace(pattern, REDACTED) : text;
  };
}

/**
 * The secrets inside request headers: every value of `auth` headers (they exist to carry credentials),
 * and of other headers only those named like credentials. For `Authorization: <scheme> <token>` the
 * token alone counts too, since a vendor echoing the token would not echo "Bearer".
 */
export function secretsInHeaders(headers: Readonly<Record<string, string>>, allAreCredentials: boolean): string[] {
  const out: string[] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value !== 'string' || !(allAreCredentials || CREDENTIAL_HEADER.test(name))) continue;
    out.push(value);
    const token = /^\s*[A-Za-z][\w-]*\s+(\S.*)$/.exec(value)?.[1];
    if (token) out.push(token.trim());
  }
  return out;
}

const CREDENTIAL_HEADER = /^(authorization|proxy-authorization|x-api-key|api-key|x-auth-token|cookie)$/i;

/** The forms a secret can take in a response body or a URL. */
export function secretForms(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  const jsonSlash = json.replace(/\//g, '\\/');
  const asciiJson = (s: string) => s.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const uri = encodeURIComponent(secret);
  const forms = [
    secret,
    json,
    jsonSlash,
    asciiJson(json),
    asciiJson(jsonSlash),
    uri,
    uri.replace(/%20/g, '+'),
    new URLSearchParams({ s: secret }).toString().slice(2),
    secret.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c),
  ];
  return [...new Set(forms)];
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Patterns already built, by their secrets: every request and every log event of a client redacts
 * with the same few (its credentials), and building one costs ~20 µs per secret. Bounded, since
 * each create or rotation brings a new secret.
 */
const patterns = new Map<string, RegExp | undefined>();
const MAX_PATTERNS = 128;

function secretPattern(secrets: readonly string[]): RegExp | undefined {
  const key = JSON.stringify(secrets);
  if (patterns.has(key)) return patterns.get(key);
  if (patterns.size >= MAX_PATTERNS) patterns.clear();
  const pattern = buildSecretPattern(secrets);
  patterns.set(key, pattern);
  return pattern;
}

function buildSecretPattern(secrets: readonly string[]): RegExp | undefined {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) continue;
    for (const form of secretForms(secret)) forms.add(form);
  }
  if (forms.size === 0) return undefined;
  // Longest first, so a secret that contains another one is replaced whole.
  const sources = [...forms].sort((a, b) => b.length - a.length).map(literalPattern);
  return new RegExp(sources.join('|'), 'g');
}

/** A regex source matching `form` literally, except that `%xx` and `\uxxxx` escapes match in either hex case. */
function literalPattern(form: string): string {
  let out = '';
  for (let i = 0; i < form.length; i++) {
    const percent = /^%[0-9A-Fa-f]{2}/.exec(form.slice(i, i + 3));
    const unicode = /^\\u[0-9A-Fa-f]{4}/.exec(form.slice(i, i + 6));
    if (percent) {
      out += '%' + hexClass(form.slice(i + 1, i + 3));
      i += 2;
    } else if (unicode) {
      out += '\\\\u' + hexClass(form.slice(i + 2, i + 6));
      i += 5;
    } else {
      out += form[i]!.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
    }
  }
  return out;
}

function hexClass(hex: string): string {
  return [...hex].map((c) => (/[0-9]/.test(c) ? c : `[${c.toLowerCase()}${c.toUpperCase()}]`)).join('');
}
