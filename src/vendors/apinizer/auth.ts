/**
 * How credform authenticates to Apinizer: a personal API access token as it is, or a manager user
 * exchanged at `/apiops/auth/token` (client credentials grant) for an access token that lasts
 * `expires_in` seconds. The exchanged token is shared by every request of the provider process,
 * fetched once even when many resources ask at the same time, and renewed shortly before it expires
 * (or at once when Apinizer answers `token_expired`).
 */
import { z } from 'zod';
import type { HttpClient } from '../http';
import { now as clockNow } from '../../clock';

const tokenAnswer = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.coerce.number().positive().optional(),
});

/** Renew this long before the announced expiry (or a tenth of the lifetime, if that is shorter). */
const RENEW_MARGIN_MS = 60_000;
/** Assumed lifetime when the answer omits `expires_in` (the documented value). */
const DEFAULT_LIFETIME_S = 3600;

export interface TokenSource {
  /** Headers for the next request. */
  headers(): Promise<Record<string, string>>;
  /** True when a fresh token could be obtained (only for exchanged tokens): then a retry may succeed. */
  readonly renewable: boolean;
  /** Forgets the current token, so that the next `headers()` obtains a new one. */
  invalidate(): void;
}

export function staticToken(token: string): TokenSource {
  return { headers: async () => ({ Authorization: `Bearer ${token}` }), renewable: false, invalidate: () => undefined };
}

export class ExchangedToken implements TokenSource {
  readonly renewable = true;
  private current: { token: string; renewAt: number } | undefined;
  private pending: Promise<string> | undefined;
  private http: HttpClient | undefined;

  constructor(
    private readonly clientId: string,
    private readonly clientSecret: string,
    private readonly now: () => number = clockNow,
  ) {}

  /** The HTTP client is made with this source as its `auth`, so it is attached afterwards. */
  attach(http: HttpClient): void {
    this.http = http;
  }

  async headers(): Promise<Record<string, string>> {
    return { Authorization: `Bearer ${await this.token()}` };
  }

  invalidate(): void {
    // A renewal already under way gives the fresh token: do not start a second one.
    if (!this.pending) this.current = undefined;
  }

  private token(): Promise<string> {
    if (this.current && this.now() < this.current.renewAt) return Promise.resolve(this.current.token);
    this.pending ??= this.exchange().finally(() => (this.pending = undefined));
    return this.pending;
  }

  private async exchange(): Promise<string> {
    if (!this.http) throw new Error('Apinizer token source used before its HTTP client was attached');
    const started = this.now();
    const answer = await this.http.request({
      method: 'POST',
      path: '/apiops/auth/token',
      form: { grant_type: 'client_credentials', client_id: this.clientId, client_secret: this.clientSecret },
      // Asking for a token changes nothing at Apinizer: repeating it is harmless.
      idempotent: true,
      skipAuth: true,
      secrets: [this.clientSecret],
      schema: tokenAnswer,
    });
    const lifetimeMs = (answer.body.expires_in ?? DEFAULT_LIFETIME_S) * 1000;
    const margin = Math.min(RENEW_MARGIN_MS, lifetimeMs / 10);
    this.current = { token: answer.body.access_token, renewAt: started + lifetimeMs - margin };
    return this.current.token;
  }
}
