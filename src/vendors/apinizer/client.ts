/**
 * The Apinizer API Ops calls credform needs, one method per documented endpoint, each answer
 * checked with zod. Vendor errors are thrown as the HTTP layer's `VendorHttpError` (status, code,
 * `error_description`, `validation_errors` kept) for `errors.ts` to put in the user's terms.
 */
import { z } from 'zod';
import { HttpClient, VendorHttpError, encodePath, type RequestOptions } from '../http';
import type { Connections, VendorSettings } from '../connections';
import { ExchangedToken, staticToken, type TokenSource } from './auth';
import { now as clockNow } from '../../clock';

/** The record as Apinizer lists it (`password` is always null there). */
export const remoteCredential = z.object({
  username: z.string(),
  email: z.string().nullish(),
  fullName: z.string().nullish(),
  description: z.string().nullish(),
  roleNameList: z.array(z.string()).nullish(),
  enabled: z.boolean().nullish(),
  ipList: z.array(z.string()).nullish(),
  expireDate: z.string().nullish(),
});
export type RemoteCredential = z.infer<typeof remoteCredential>;

const listAnswer = z.object({ success: z.boolean().optional(), resultList: z.array(remoteCredential) });

export const deploymentResult = z.object({
  success: z.boolean(),
  message: z.string().nullish(),
  environmentResults: z
    .array(z.object({ environmentName: z.string(), success: z.boolean(), message: z.string().nullish() }))
    .nullish(),
});
export type DeploymentResult = z.infer<typeof deploymentResult>;

/**
 * A write happened only when Apinizer says so: an HTTP 200 whose body lacks `success: true` (`false`,
 * missing, another shape) is an error naming what came back, and nothing is recorded in state.
 */
const writeAnswer = z.object({
  success: z.literal(true, { error: (issue) => `Apinizer did not report success (got ${JSON.stringify(issue.input) ?? 'no success field'})` }),
  deploymentResult: deploymentResult.nullish(),
});

/** The body of POST (create) and PUT (full replace): every field, as the create page shows it. */
export interface CredentialBody {
  readonly email: string;
  readonly fullName: string;
  readonly description: string | null;
  readonly username: string;
  readonly password: string;
  readonly roleNameList: readonly string[];
  readonly enabled: boolean;
  readonly ipList: readonly string[];
  readonly expireDate: string | null;
}

export class ApinizerClient {
  /**
   * List GETs on their way, per project. Apinizer has no get-one endpoint, so every read lists the
   * whole project; Terraform reads 10 resources at a time, and a call that starts while a list of the
   * same project is on its way shares that answer instead of asking again. Only while nothing was
   * written since that list was sent (`writes`), so a shared answer is never older than the caller's
   * own earlier writes: the same as sending a fresh GET, minus the repeated work (a refresh of N
   * credentials of one project costs ~N/10 lists rather than N).
   */
  private readonly listing = new Map<string, { readonly writes: number; readonly signal?: AbortSignal; readonly answer: Promise<RemoteCredential[]> }>();
  /** Writes (POST, PUT, PATCH, DELETE) finished so far, successful or not. */
  private writes = 0;

  constructor(
    private readonly http: HttpClient,
    private readonly auth: TokenSource,
  ) {}

  /**
   * The provider's shared client, or undefined (with an error diagnostic) when Apinizer is not
   * configured or has no credentials.
   */
  static fromSettings(
    settings: VendorSettings,
    connections: Pick<Connections, 'httpClient'>,
    problems: string[],
    now: () => number = clockNow,
  ): ApinizerClient | undefined {
    const { token, username, password } = settings.credentials;
    let auth: TokenSource;
    let exchanged: ExchangedToken | undefined;
    if (token) auth = staticToken(token);
    else if (username && password) auth = exchanged = new ExchangedToken(username, password, now);
    else {
      problems.push(
        username
          ? 'A `username` is set but no `password`: set APINIZER_PASSWORD (or `password` in the provider\'s `apinizer` block).'
          : 'Set a personal API access token (APINIZER_TOKEN, or `token` in the provider\'s `apinizer` block), or a manager user with APINIZER_USERNAME and APINIZER_PASSWORD.',
      );
      return undefined;
    }
    const http = connections.httpClient(settings, () => auth.headers());
    exchanged?.attach(http);
    return new ApinizerClient(http, auth);
  }

  /** GET the project's credentials (no pagination, no get-one endpoint). A missing project is a 404. */
  async listCredentials(project: string, signal?: AbortSignal): Promise<RemoteCredential[]> {
    const pending = this.listing.get(project);
    if (pending && pending.writes === this.writes && pending.signal === signal) return [...(await pending.answer)];
    const entry = {
      writes: this.writes,
      signal,
      answer: this.send({ method: 'GET', path: encodePath`/apiops/projects/${project}/credentials/`, idempotent: true, schema: listAnswer, signal }).then((a) => a.resultList),
    };
    this.listing.set(project, entry);
    const done = () => {
      if (this.listing.get(project) === entry) this.listing.delete(project);
    };
    entry.answer.then(done, done);
    return [...(await entry.answer)];
  }

  /** One credential by username, or undefined when the project has none by that name. */
  async findCredential(project: string, username: string, signal?: AbortSignal): Promise<RemoteCredential | undefined> {
    return (await this.listCredentials(project, signal)).find((c) => c.username === username);
  }

  /** POST: not idempotent (a second one is refused as a duplicate), so never blindly retried. */
  createCredential(project: string, body: CredentialBody, signal?: AbortSignal): Promise<DeploymentResult | undefined> {
    return this.write({ method: 'POST', path: encodePath`/apiops/projects/${project}/credentials/`, json: body, idempotent: false, secrets: [body.password], signal });
  }

  /** PUT: a full replace, password included; repeating it gives the same record. */
  replaceCredential(project: string, body: CredentialBody, signal?: AbortSignal): Promise<DeploymentResult | undefined> {
    return this.write({ method: 'PUT', path: encodePath`/apiops/projects/${project}/credentials/`, json: body, idempotent: true, secrets: [body.password], signal });
  }

  /** PATCH the password alone; setting the same password twice is harmless, so it may be retried. */
  changePassword(project: string, username: string, password: string, signal?: AbortSignal): Promise<DeploymentResult | undefined> {
    return this.write({
      method: 'PATCH',
      path: encodePath`/apiops/projects/${project}/credentials/${username}/`,
      json: { password },
      idempotent: true,
      secrets: [password],
      signal,
    });
  }

  /** DELETE: permanent, undeploys from every environment. */
  deleteCredential(project: string, username: string, signal?: AbortSignal): Promise<DeploymentResult | undefined> {
    return this.write({ method: 'DELETE', path: encodePath`/apiops/projects/${project}/credentials/${username}/`, idempotent: true, signal });
  }

  private async write(options: Omit<RequestOptions<unknown>, 'schema'>): Promise<DeploymentResult | undefined> {
    try {
      const answer = await this.send({ ...options, schema: writeAnswer });
      // Deployment messages reach diagnostics; an answer quoting the password must not carry it there.
      return answer.deploymentResult ? this.http.redact(answer.deploymentResult, options.secrets) : undefined;
    } finally {
      this.writes += 1;
    }
  }

  /**
   * One call; an exchanged token Apinizer calls expired (a clock skew, a revoked session) is renewed
   * once and the call repeated: a 401 means the call was refused, so repeating even a create is safe.
   */
  private async send<T>(options: RequestOptions<T> & { schema: z.ZodType<T> }): Promise<T> {
    try {
      return (await this.http.request({ ...options, acceptErrorStatus: false })).body;
    } catch (error) {
      if (!(this.auth.renewable && error instanceof VendorHttpError && error.status === 401 && error.code === 'token_expired')) throw error;
      this.auth.invalidate();
      return (await this.http.request({ ...options, acceptErrorStatus: false })).body;
    }
  }
}

/** Failed environments of a deployment result (an overall failure without details counts as one). */
export function failedEnvironments(result: DeploymentResult | undefined): { name: string | undefined; message: string }[] {
  if (!result) return [];
  const failed = (result.environmentResults ?? []).filter((e) => !e.success).map((e) => ({ name: e.environmentName, message: e.message ?? '' }));
  if (failed.length === 0 && !result.success) return [{ name: undefined, message: result.message ?? 'Apinizer reported the deployment as failed.' }];
  return failed;
}
