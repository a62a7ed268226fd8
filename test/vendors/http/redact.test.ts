/** Redaction (redact.ts): no secret, in any of its encoded forms, in what an error or a response keeps. */
import * as fc from 'fast-check';

import { REDACTED, RetryBudgetExceededError, VendorHttpError, redactSecrets, redactValue } from '../../../src/vendors/http';
import { secretForms } from '../../../src/vendors/http/redact';
import { create, rejection, useAnsweringServer } from '../../support/http-server';

const api = useAnsweringServer();

describe('redaction', () => {
  const secret = 'p@ss"w/o\\rd-é-42';

  it('removes the secret, its JSON-escaped, slash-escaped and URL-encoded forms, and the token, from errors', async () => {
    api.next = (req) => {
      const auth = String(req.headers['authorization']);
      const jsonEscaped = JSON.stringify(secret).slice(1, -1);
      return {
        status: 422,
        headers: { 'content-type': 'application/json' },
        body:
          `{"ok":false,"error":"Invalid credentials","display_message":"secret ${jsonEscaped} rejected",` +
          `"raw_message":"${jsonEscaped.replace(/\//g, '\\/')} / ${encodeURIComponent(secret)} / ${auth}",` +
          `"echo":{"${jsonEscaped}":["${jsonEscaped}"]}}`,
      };
    };
    const error = await rejection(create(api.client(), { secrets: [secret], json: { secrets: { api_token: secret } } }));
    expect(error).toBeInstanceOf(VendorHttpError);
    const everything = `${error.message}\n${JSON.stringify(error)}\n${JSON.stringify((error as VendorHttpError).body)}`;
    for (const form of [secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret), 'dx-api-key-0001']) {
      expect(everything).not.toContain(form);
    }
    // The whole header value is one secret ("Bearer …"), the token alone another.
    expect(error.message).toContain(`secret ${REDACTED} rejected (${REDACTED} / ${REDACTED} / ${REDACTED})`);
    expect((error as VendorHttpError).body).toMatchObject({ echo: { [REDACTED]: [REDACTED] } });
  });

  it('redacts the client-level secrets in errors returned with acceptErrorStatus, and after retries', async () => {
    api.next = () => ({ status: 503, body: `token hunter2-secret is down` });
    const c = api.client({ secrets: () => ['hunter2-secret'], retry: { maxAttempts: 2, baseDelayMs: 1 } });
    const error = await rejection(c.request({ method: 'GET', path: '/x', idempotent: true }));
    expect(error).toBeInstanceOf(RetryBudgetExceededError);
    expect(error.message).toContain(`token ${REDACTED} is down`);
    api.next = () => ({ status: 404, body: `no hunter2-secret here` });
    const res = await c.request({ method: 'GET', path: '/x', idempotent: true, acceptErrorStatus: true });
    expect(res.ok).toBe(false);
    expect(res.text).toBe(`no ${REDACTED} here`);
  });

  it('redactSecrets: every form, hex in either case, short values left alone, longest first', () => {
    expect(redactSecrets('a%2fb a%2Fb a/b', ['a/b'])).toBe('a%2fb a%2Fb a/b');
    expect(redactSecrets('x%2fyz x%2Fyz x/yz', ['x/yz'])).toBe(`${REDACTED} ${REDACTED} ${REDACTED}`);
    expect(redactSecrets('caf\\u00E9 caf\\u00e9 café caf&eacute;', ['café'])).toBe(`${REDACTED} ${REDACTED} ${REDACTED} caf&eacute;`);
    expect(redactSecrets('a+b+c&x=a%20b%20c', ['a b c'])).toBe(`${REDACTED}&x=${REDACTED}`);
    expect(redactSecrets('&lt;tok&gt;', ['<tok>'])).toBe(REDACTED);
    expect(redactSecrets('token-long token', ['token', 'token-long'])).toBe(`${REDACTED} ${REDACTED}`);
    expect(redactSecrets('abc', ['abc'])).toBe('abc');
    // The pattern reads `%aa` in a secret as an escape, so `%AAaa` is a form of `%aaaa` too.
    expect(redactSecrets('x %AAaa y', ['%aaaa'])).toBe(`x ${REDACTED} y`);
    expect(redactValue({ a: ['s3cret!'], b: 1, s3cret: null }, ['s3cret'])).toEqual({ a: [`${REDACTED}!`], b: 1, [REDACTED]: null });
  });

  it('redactSecrets finds every form, hex escapes in either case, among other secrets (fast-check)', () => {
    // ASCII letters and digits mixed with what the forms escape (JSON, URL, form, HTML) and non-ASCII.
    const chars = fc.constantFrom(...'aZ09xQ/ +%&<>"\'\\é€\n-_.~'.split(''));
    const secretArb = fc.array(chars, { minLength: 4, maxLength: 16 }).map((a) => a.join(''));
    const flipHexCase = (t: string) => t.replace(/%[0-9A-Fa-f]{2}|\\u[0-9A-Fa-f]{4}/g, (m) => (m === m.toLowerCase() ? m.toUpperCase().replace('\\U', '\\u') : m.toLowerCase()));
    fc.assert(
      fc.property(secretArb, fc.array(secretArb, { maxLength: 2 }), fc.boolean(), fc.string({ maxLength: 12 }), (s, others, flip, around) => {
        const pad = around.replace(/[A-Za-z0-9]/g, '');
        for (const form of secretForms(s)) {
          const inserted = flip ? flipHexCase(form) : form;
          const out = redactSecrets(`${pad}${inserted}${pad}`, [...others, s]);
          expect(out).toContain(REDACTED);
          expect(out.includes(inserted)).toBe(false);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('redactSecrets never leaves a secret in any of its forms (fast-check)', () => {
    const secretArb = fc.string({ minLength: 4, maxLength: 24, unit: 'grapheme' }).filter((s) => !/[[\]]/.test(s) && s.trim() === s);
    fc.assert(
      fc.property(secretArb, fc.string({ maxLength: 30 }), fc.string({ maxLength: 30 }), (s, before, after) => {
        const safe = (t: string) => t.replace(/[[\]]/g, '');
        for (const form of [s, JSON.stringify(s).slice(1, -1), encodeURIComponent(s)]) {
          const out = redactSecrets(`${safe(before)}${form}${safe(after)}`, [s]);
          expect(out).toContain(REDACTED);
          expect(out.includes(s)).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });
});
