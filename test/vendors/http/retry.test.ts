// @date-sensitive: Retry-After HTTP-dates and RateLimit windows against the client's clock. Also run with the clock moved (scripts/test-clock-shift.mjs).
/**
 * When to retry and how long to wait (retry.ts): statuses and connection failures by idempotency,
 * Retry-After, RateLimit-Reset and body retry_after, the retry budget; against real servers and as
 * pure functions.
 */
import { now } from '../../../src/clock';
import {
  AmbiguousRequestError,
  RetryBudgetExceededError,
  VendorHttpError,
  httpStatusOf,
  type HttpEvent,
} from '../../../src/vendors/http';
import {
  backoffDelayMs,
  parseRateLimitReset,
  parseRetryAfter,
  rateLimitWindowEnd,
  scheduleRetry,
  serverWaitHint,
  verdictForFailure,
  verdictForStatus,
} from '../../../src/vendors/http/retry';
import { apinizerVendor } from '../../../src/vendors/apinizer/vendor';
import { dxVendor } from '../../../src/vendors/dx/vendor';
import { oxVendor } from '../../../src/vendors/ox/vendor';
import { json, rejection, startServer, useScriptedServers } from '../../support/http-server';

const { serve, client } = useScriptedServers();

describe('retries', () => {
  it('waits as long as Retry-After says on a 429', async () => {
    const server = await serve((n, _req, res) =>
      n === 1 ? json(res, 429, { error: 'rate_limited' }, { 'retry-after': '1' }) : json(res, 200, { ok: true }),
    );
    const events: HttpEvent[] = [];
    const c = client(server.url, { onEvent: (e) => events.push(e) });
    await c.request({ method: 'GET', path: '/x', idempotent: true });
    const gap = server.seen[1]!.at - server.seen[0]!.at;
    expect(gap).toBeGreaterThanOrEqual(950);
    expect(gap).toBeLessThan(1600);
    expect(events).toEqual([
      expect.objectContaining({ attempt: 1, status: 429, retryInMs: 1000 }),
      expect.objectContaining({ attempt: 2, status: 200 }),
    ]);
    const allowed = ['vendor', 'method', 'path', 'attempt', 'ms', 'status', 'errorCode', 'retryInMs', 'waitReason'];
    for (const event of events) for (const key of Object.keys(event)) expect(allowed).toContain(key);
  });

  it('retries 503 and 500 for idempotent requests', async () => {
    const server = await serve((n, _req, res) => json(res, n === 1 ? 503 : n === 2 ? 500 : 200, {}));
    await client(server.url).request({ method: 'PUT', path: '/x', json: {}, idempotent: true });
    expect(server.seen).toHaveLength(3);
  });

  it('a 503 carrying the quota window (RateLimit-Reset, quota not spent) is retried with backoff, not held until the reset', async () => {
    // OX sends RateLimit-Reset (seconds to the top of the hour) on every answer; with its 15-minute
    // wait budget, reading it as a retry hint held a failed call up to 15 minutes.
    const quota = { 'ratelimit-limit': '1000', 'ratelimit-remaining': '940', 'ratelimit-reset': '600' };
    const server = await serve((n, _req, res) => json(res, n === 1 ? 503 : 200, { n }, quota));
    const events: HttpEvent[] = [];
    const c = client(server.url, { vendor: oxVendor, retry: { maxTotalWaitMs: 15 * 60_000 }, onEvent: (e) => events.push(e) });
    await c.request({ method: 'POST', path: '/api/apollo-gateway', json: { query: '{a}' }, idempotent: true });
    expect(server.seen).toHaveLength(2);
    expect(events[0]).toMatchObject({ attempt: 1, status: 503 });
    expect(events[0]!.retryInMs).toBeLessThanOrEqual(250); // the first backoff's ceiling, not 600 000
  });

  it('retries an idempotent request after the server resets the connection', async () => {
    const server = await serve((n, req, res) => (n === 1 ? req.socket.resetAndDestroy() : json(res, 200, { ok: true })));
    const res = await client(server.url).request({ method: 'GET', path: '/x', idempotent: true });
    expect(res.body).toEqual({ ok: true });
    expect(server.seen).toHaveLength(2);
  });

  it('retries an idempotent request after the per-attempt timeout', async () => {
    const server = await serve((n, _req, res) => {
      if (n > 1) json(res, 200, { ok: true });
    });
    const c = client(server.url, { timeouts: { requestMs: 200 } });
    const res = await c.request({ method: 'GET', path: '/x', idempotent: true });
    expect(res.body).toEqual({ ok: true });
    expect(server.seen).toHaveLength(2);
  });

  it('does not retry a create after a connection reset: AmbiguousRequestError, one request seen', async () => {
    const server = await serve((_n, req) => req.socket.destroy());
    const error = await rejection(
      client(server.url).request({ method: 'POST', path: '/api/v1/user_credentials', json: { name: 'n' }, idempotent: false }),
    );
    expect(error).toBeInstanceOf(AmbiguousRequestError);
    expect(error).toMatchObject({ reason: 'connection_lost', attempts: 1 });
    expect(error.message).toMatch(/^Tines POST \/api\/v1\/user_credentials may or may not have taken effect: /);
    expect(server.seen).toHaveLength(1);
  });

  it('does not retry a create that timed out after sending', async () => {
    const server = await serve(() => undefined);
    const c = client(server.url, { timeouts: { requestMs: 200 } });
    const error = await rejection(c.request({ method: 'POST', path: '/x', json: {}, idempotent: false }));
    expect(error).toMatchObject({ name: 'AmbiguousRequestError', reason: 'timeout', transportCode: 'timeout' });
    expect(server.seen).toHaveLength(1);
  });

  it('retries a create on 429, but not on 503; a 504 makes it ambiguous with the status kept', async () => {
    const server = await serve((n, _req, res) =>
      n === 1 ? json(res, 429, {}, { 'retry-after': '0' }) : n === 2 ? json(res, 201, { id: 1 }) : json(res, n === 3 ? 503 : 504, {}),
    );
    const c = client(server.url);
    expect((await c.request({ method: 'POST', path: '/x', json: {}, idempotent: false })).status).toBe(201);
    expect(server.seen).toHaveLength(2);
    const unavailable = await rejection(c.request({ method: 'POST', path: '/x', json: {}, idempotent: false }));
    expect(unavailable).toBeInstanceOf(VendorHttpError);
    expect(httpStatusOf(unavailable)).toBe(503);
    const gateway = await rejection(c.request({ method: 'POST', path: '/x', json: {}, idempotent: false }));
    expect(gateway).toBeInstanceOf(AmbiguousRequestError);
    expect(httpStatusOf(gateway)).toBe(504);
    expect(server.seen).toHaveLength(4);
  });

  it('retries a create when the connection was refused (nothing was sent)', async () => {
    const probe = await startServer(() => undefined);
    const port = probe.port;
    await probe.close();
    const started = client(`http://127.0.0.1:${port}`, { retry: { maxAttempts: 20, baseDelayMs: 40, maxDelayMs: 80 } }).request({
      method: 'POST',
      path: '/x',
      json: {},
      idempotent: false,
    });
    await new Promise((r) => setTimeout(r, 150));
    const server = await serve((_n, _req, res) => json(res, 201, { id: 1 }), port);
    expect((await started).status).toBe(201);
    expect(server.seen).toHaveLength(1);
  });

  it('waits for RateLimit-Reset before the next call when RateLimit-Remaining is 0', async () => {
    const server = await serve((n, _req, res) =>
      json(res, 200, { n }, n === 1 ? { 'ratelimit-limit': '1000', 'ratelimit-remaining': '0', 'ratelimit-reset': '1' } : {}),
    );
    const events: HttpEvent[] = [];
    const c = client(server.url, { vendor: oxVendor, onEvent: (e) => events.push(e) });
    await c.request({ method: 'POST', path: '/api/apollo-gateway', json: { query: '{a}' }, idempotent: true });
    const before = Date.now();
    await c.request({ method: 'POST', path: '/api/apollo-gateway', json: { query: '{a}' }, idempotent: true });
    expect(Date.now() - before).toBeGreaterThanOrEqual(900);
    expect(server.seen[1]!.at - server.seen[0]!.at).toBeGreaterThanOrEqual(900);
    expect(events.some((e) => e.waitReason === 'rate_limit_window')).toBe(true);
  });

  it('gives up after maxAttempts with the attempts, the time and the last status', async () => {
    const server = await serve((_n, _req, res) => json(res, 503, { error: 'unavailable', message: 'down for maintenance' }));
    const c = client(server.url, { vendor: dxVendor, retry: { maxAttempts: 3, baseDelayMs: 5 } });
    const error = await rejection(c.request({ method: 'GET', path: '/api/connections.list', idempotent: true }));
    expect(error).toBeInstanceOf(RetryBudgetExceededError);
    expect(error).toMatchObject({ attempts: 3, reason: 'max_attempts', status: 503, code: 'unavailable' });
    expect(error.message).toMatch(
      /^DX GET \/api\/connections\.list gave up after 3 attempts over \d+\.\d s \(retry\.maxAttempts = 3\); last cause: failed with HTTP 503 unavailable: down for maintenance/,
    );
    expect((error as RetryBudgetExceededError).lastCause).toBeInstanceOf(VendorHttpError);
    expect(server.seen).toHaveLength(3);
  });

  it('fails at once when the server asks for a wait beyond the budget (Retry-After date, body retry_after)', async () => {
    // Two minutes ahead of the clock the client reads (src/clock.ts), not of the system's.
    const future = new Date(now() + 120_000).toUTCString();
    const server = await serve((n, _req, res) =>
      n === 1
        ? json(res, 503, {}, { 'retry-after': future })
        : json(res, 429, { error: 'rate_limit_exceeded', error_description: 'Too many requests', retry_after: 60 }),
    );
    const c = client(server.url, { vendor: apinizerVendor, retry: { maxTotalWaitMs: 1000 } });
    const started = Date.now();
    const dated = await rejection(c.request({ method: 'GET', path: '/a', idempotent: true }));
    expect(dated).toMatchObject({ reason: 'wait_exceeds_budget', waitSource: 'Retry-After', attempts: 1, status: 503 });
    expect((dated as RetryBudgetExceededError).requestedWaitMs).toBeGreaterThan(100_000);
    const body = await rejection(c.request({ method: 'POST', path: '/b', json: {}, idempotent: false }));
    expect(body).toMatchObject({ reason: 'wait_exceeds_budget', waitSource: 'retry_after', requestedWaitMs: 60_000, status: 429 });
    expect(body.message).toContain('the server asked to wait 60 s (retry_after)');
    expect(body.message).toContain('rate_limit_exceeded: Too many requests');
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('retry policy (pure functions)', () => {
  const policy = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1000, maxTotalWaitMs: 2000 };

  it('full jitter grows exponentially up to maxDelayMs, and is cut to the budget left', () => {
    expect(backoffDelayMs(1, policy, () => 0.999)).toBe(99);
    expect(backoffDelayMs(3, policy, () => 0.999)).toBe(399);
    expect(backoffDelayMs(10, policy, () => 0.999)).toBe(999);
    expect(backoffDelayMs(3, policy, () => 0)).toBe(0);
    expect(scheduleRetry(4, 1950, undefined, policy, () => 0.999)).toEqual({ retry: true, delayMs: 50 });
    expect(scheduleRetry(4, 2000, undefined, policy)).toEqual({ retry: false, reason: 'max_total_wait' });
    expect(scheduleRetry(5, 0, undefined, policy)).toEqual({ retry: false, reason: 'max_attempts' });
    expect(scheduleRetry(1, 0, { ms: 1500, source: 'Retry-After' }, policy)).toEqual({ retry: true, delayMs: 1500 });
    expect(scheduleRetry(1, 1000, { ms: 1500, source: 'Retry-After' }, policy)).toMatchObject({ retry: false, reason: 'wait_exceeds_budget' });
  });

  it('reads Retry-After (seconds, date), RateLimit-Reset (seconds, or a Unix time) and body retry_after', () => {
    const at = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('3', at)).toBe(3000);
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:10 GMT', at)).toBe(10_000);
    expect(parseRetryAfter('soon', at)).toBeUndefined();
    expect(parseRateLimitReset('30', at)).toBe(30_000);
    expect(parseRateLimitReset(String(at / 1000 + 5), at)).toBe(5000);
    expect(rateLimitWindowEnd({ 'ratelimit-remaining': '0', 'ratelimit-reset': '2' }, at)).toBe(at + 2000);
    expect(rateLimitWindowEnd({ 'ratelimit-remaining': '3', 'ratelimit-reset': '2' }, at)).toBeUndefined();
    expect(serverWaitHint(429, {}, { error: 'rate_limit_exceeded', retry_after: 60 }, at)).toEqual({ ms: 60_000, source: 'retry_after' });
    // RateLimit-Reset is a reason to wait only when the quota refused the request.
    expect(serverWaitHint(429, { 'ratelimit-reset': '262', 'ratelimit-remaining': '0' }, null, at)).toEqual({ ms: 262_000, source: 'RateLimit-Reset' });
    expect(serverWaitHint(503, { 'ratelimit-reset': '262', 'ratelimit-remaining': '0' }, null, at)).toEqual({ ms: 262_000, source: 'RateLimit-Reset' });
    expect(serverWaitHint(503, { 'ratelimit-reset': '262', 'ratelimit-remaining': '940' }, null, at)).toBeUndefined();
    expect(serverWaitHint(503, { 'ratelimit-reset': '262', 'ratelimit-remaining': '940', 'retry-after': '2' }, null, at)).toEqual({ ms: 2000, source: 'Retry-After' });
    expect(verdictForStatus(500, true)).toBe('retry');
    expect(verdictForStatus(500, false)).toBe('final');
    expect(verdictForFailure({ sent: false, transient: true }, false)).toBe('retry');
    expect(verdictForFailure({ sent: true, transient: true }, false)).toBe('ambiguous');
  });
});
