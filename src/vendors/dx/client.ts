/**
 * The DX Data Cloud API client: one method per documented endpoint, responses checked with zod, and
 * every vendor error kept as a `VendorHttpError` with its status, DX's `error` code and its body
 * (`display_message`, `raw_message`), so that `errors.ts` can speak DX's words.
 *
 * DX answers errors as `{ ok: false, error }` with HTTP 422, and asks callers to "always check the ok
 * field": a 2xx carrying `ok: false` is treated as the same error.
 */
import { z } from 'zod';
import { VendorHttpError, encodePath, type HttpClient, type HttpMethod } from '../http';
import { dxVendor } from './vendor';

export const dxConnection = z.object({
  id: z.number().int(),
  type: z.string(),
  name: z.string(),
  state: z.string(),
  disabled_at: z.string().nullable().optional(),
  last_synced_at: z.string().nullable().optional(),
  created_at: z.string().nullable().optional(),
  supports_multiple_credentials: z.boolean(),
});
export type DxConnection = z.infer<typeof dxConnection>;

/** What create and update answer. */
export const dxCredentialSummary = z.object({
  id: z.number().int(),
  type: z.string(),
  label: z.string(),
  created_at: z.string(),
});
export type DxCredentialSummary = z.infer<typeof dxCredentialSummary>;

/** What credentials.list holds (secrets are never returned). */
export const dxCredentialListItem = dxCredentialSummary.extend({
  settings: z.record(z.string(), z.unknown()),
  disabled_at: z.string().nullable().optional(),
  expiration_date: z.string().nullable().optional(),
});
export type DxCredentialListItem = z.infer<typeof dxCredentialListItem>;

/** credentials.info: the list fields plus `deleted_at` (a soft-deleted credential still answers). */
export const dxCredentialInfo = dxCredentialListItem.extend({ deleted_at: z.string().nullable().optional() });
export type DxCredentialInfo = z.infer<typeof dxCredentialInfo>;

const failure = z.object({
  ok: z.literal(false),
  error: z.string(),
  display_message: z.string().optional(),
  raw_message: z.string().optional(),
});

/** A documented success body, or DX's `{ ok: false, ... }`. */
function envelope<S extends z.ZodRawShape>(shape: S) {
  return z.discriminatedUnion('ok', [z.object({ ok: z.literal(true), ...shape }), failure]);
}

const connectionsList = envelope({ connections: z.array(dxConnection) });
const credentialsList = envelope({ credentials: z.array(dxCredentialListItem) });
const credentialInfo = envelope({ credential: dxCredentialInfo });
const credentialWrite = envelope({ credential: dxCredentialSummary });
const deleted = envelope({});

export interface DxCreateBody {
  readonly label?: string;
  readonly settings: Record<string, unknown>;
  readonly secrets: Record<string, string>;
  readonly expiration_date?: string;
}

/** Only what changes: DX keeps omitted `settings`, omitted or `{}` `secrets`. */
export interface DxUpdateBody {
  readonly id: number;
  readonly label?: string;
  readonly settings?: Record<string, unknown>;
  readonly secrets?: Record<string, string>;
  readonly expiration_date?: string | null;
}

export class DxClient {
  /** connections.list is asked once per provider process: every resource's plan check shares it. */
  private connections: Promise<DxConnection[]> | undefined;
  /**
   * credentials.list calls on their way, per connection: a call that starts while one is on its way
   * shares its answer, as long as no write (create, update, delete) finished since it was sent. So a
   * shared answer is never older than the caller's own earlier writes (create-recovery lists after
   * the lost create, and gets a fresh answer): the same as a fresh GET, minus the repeated work when
   * Terraform plans or creates 10 credentials of one connection at a time.
   */
  private readonly listing = new Map<number, { readonly writes: number; readonly answer: Promise<DxCredentialListItem[]> }>();
  /** Writes finished so far, successful or not. */
  private writes = 0;

  constructor(private readonly http: HttpClient) {}

  listConnections(): Promise<DxConnection[]> {
    this.connections ??= this.call('GET', '/api/connections.list', connectionsList, { idempotent: true }).then((b) => b.connections);
    this.connections.catch(() => (this.connections = undefined)); // a failure is not remembered
    return this.connections;
  }

  async listCredentials(connectionId: number): Promise<DxCredentialListItem[]> {
    const pending = this.listing.get(connectionId);
    if (pending && pending.writes === this.writes) return [...(await pending.answer)];
    const entry = {
      writes: this.writes,
      answer: this.call('GET', encodePath`/api/connections/${connectionId}/credentials.list`, credentialsList, { idempotent: true }).then((b) => b.credentials),
    };
    this.listing.set(connectionId, entry);
    const done = () => {
      if (this.listing.get(connectionId) === entry) this.listing.delete(connectionId);
    };
    entry.answer.then(done, done);
    return [...(await entry.answer)];
  }

  async credentialInfo(connectionId: number, id: number): Promise<DxCredentialInfo> {
    const body = await this.call('GET', encodePath`/api/connections/${connectionId}/credentials.info/${id}`, credentialInfo, { idempotent: true });
    return body.credential;
  }

  /** Not idempotent: a lost answer is an `AmbiguousRequestError` (the caller looks the credential up). */
  async createCredential(connectionId: number, body: DxCreateBody): Promise<DxCredentialSummary> {
    const path = encodePath`/api/connections/${connectionId}/credentials.create`;
    const res = await this.call('POST', path, credentialWrite, { idempotent: false, json: body, secrets: Object.values(body.secrets) });
    return res.credential;
  }

  /** Safe to repeat: every field it sends is an absolute value, so a retry after a lost answer changes nothing more. */
  async updateCredential(connectionId: number, body: DxUpdateBody): Promise<DxCredentialSummary> {
    const path = encodePath`/api/connections/${connectionId}/credentials.update`;
    const res = await this.call('POST', path, credentialWrite, { idempotent: true, json: body, secrets: Object.values(body.secrets ?? {}) });
    return res.credential;
  }

  /** Safe to repeat: a second delete answers `credential_not_found`, which callers read as "gone". */
  async deleteCredential(connectionId: number, id: number): Promise<void> {
    await this.call('POST', encodePath`/api/connections/${connectionId}/credentials.delete`, deleted, { idempotent: true, json: { id } });
  }

  private async call<T extends { ok: true }>(
    method: HttpMethod,
    path: string,
    schema: z.ZodType<T | z.infer<typeof failure>>,
    options: { idempotent: boolean; json?: unknown; secrets?: readonly string[] },
  ): Promise<T> {
    const write = method !== 'GET';
    let res;
    try {
      res = await this.http.request({ method, path, schema, ...options, acceptErrorStatus: true });
    } finally {
      if (write) this.writes += 1;
    }
    if (!res.ok) throw res.error;
    if (res.body.ok) return res.body as T;
    // DX documents errors as 422, but "callers should always check the ok field". Such a body did not
    // go through the HTTP layer's error redaction: it may quote what was sent.
    const body = this.http.redact(res.body, options.secrets);
    throw new VendorHttpError({
      vendor: dxVendor.id,
      vendorName: dxVendor.displayName,
      method,
      path,
      attempts: 1,
      status: res.status,
      code: body.error,
      ...(body.display_message ? { vendorMessage: body.display_message } : {}),
      body,
    });
  }
}
