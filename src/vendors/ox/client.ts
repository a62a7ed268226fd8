/**
 * The OX Security GraphQL client: one method per documented operation, on the shared HttpClient
 * (`POST /api/apollo-gateway`, the raw API key as `Authorization`, no `Bearer`). Answers are parsed
 * with zod; GraphQL `errors[]` — with HTTP 200 or 4xx — become an `OxGraphQLError` that keeps the
 * HTTP status, each error's `extensions.code`, message and path.
 */
import type { z } from 'zod';
import type { Logger } from '../../tfplugin/logging';
import { redactSecrets, type HttpClient } from '../http';
import {
  addCredentialsData,
  connectorsData,
  documents,
  graphQlResponse,
  removeCredentialsData,
  verifyData,
  type OxConnector,
  type OxVerification,
} from './documents';

export const OX_GRAPHQL_PATH = '/api/apollo-gateway';

export interface OxIssue {
  readonly message: string;
  readonly code?: string;
  /** GraphQL `path`, joined with dots (e.g. `addCredentials`). */
  readonly path?: string;
}

/** OX answered with GraphQL `errors[]`. Messages are redacted of the secrets the request carried. */
export class OxGraphQLError extends Error {
  override readonly name = 'OxGraphQLError';
  /** The first error's `extensions.code` (`BAD_USER_INPUT`, `NOT_FOUND`, `UNAUTHENTICATED`, ...). */
  readonly code?: string;

  constructor(
    readonly operation: string,
    readonly status: number,
    readonly issues: readonly OxIssue[],
  ) {
    super(`OX ${operation} failed (HTTP ${status}): ${issues.map(describeIssue).join('; ')}`);
    this.code = issues.find((i) => i.code)?.code;
  }
}

/** OX answered 2xx with data this client cannot read. */
export class OxResponseError extends Error {
  override readonly name = 'OxResponseError';
  constructor(
    readonly operation: string,
    readonly problems: string,
  ) {
    super(`OX ${operation} answered with an unexpected shape: ${problems}`);
  }
}

export function describeIssue(issue: OxIssue): string {
  const where = [issue.code, issue.path ? `path ${issue.path}` : undefined].filter(Boolean).join(', ');
  return where ? `${issue.message} (${where})` : issue.message;
}

export interface AddCredentialsInput {
  readonly connectorID: string;
  readonly hostURL?: string;
  readonly credentialsType: string;
  readonly credentialsInput: Record<string, unknown>;
  readonly credentialsName: string;
  readonly isCertChecksDisabled?: boolean;
}

interface Call<T> {
  readonly operation: string;
  readonly query: string;
  readonly variables?: Record<string, unknown>;
  readonly schema: z.ZodType<T>;
  /** Safe to repeat (queries, verification, removal by id); an add is not. */
  readonly idempotent: boolean;
  readonly secrets?: readonly string[];
}

export class OxClient {
  constructor(
    private readonly http: HttpClient,
    private readonly log: Logger,
  ) {}

  /** Every connector of every family, with the credentials of the given types readable. */
  async connectors(types: readonly string[]): Promise<OxConnector[]> {
    const data = await this.call({ operation: 'GetConnectorsByFamily', query: documents.connectors(types), schema: connectorsData, idempotent: true });
    return (data.getConnectorsByFamily ?? []).flatMap((f) => (f?.connectors ?? []).flatMap((c) => (c?.connector ? [c.connector] : [])));
  }

  /** Not idempotent: a lost answer is an `AmbiguousRequestError` (the credentials may exist). */
  async addCredentials(input: AddCredentialsInput, types: readonly string[], secrets: readonly string[]): Promise<OxConnector> {
    const data = await this.call({
      operation: 'AddCredentials',
      query: documents.addCredentials(types),
      variables: { addCredentialsInput: input },
      schema: addCredentialsData,
      idempotent: false,
      secrets,
    });
    return this.connectorOf('AddCredentials', data.addCredentials);
  }

  /** `secrets`: the credentials' secrets, redacted from OX's `validationMessage` (which may quote them). */
  async verifyCredentials(connectorID: string, credentialsID: string, secrets: readonly string[] = []): Promise<OxVerification> {
    const data = await this.call({
      operation: 'VerifySingleConnectorCredentials',
      query: documents.verifyCredentials,
      variables: { verifyCredentialsInput: { connectorID, credentialsID } },
      schema: verifyData,
      idempotent: true, // it only checks; repeating it changes nothing
    });
    return this.http.redact(data.verifySingleConnectorCredentials, secrets);
  }

  /** Removal by id is safe to repeat: a second one finds nothing (`NOT_FOUND`). */
  async removeCredentials(connectorID: string, credentialsId: string, types: readonly string[]): Promise<OxConnector> {
    const data = await this.call({
      operation: 'RemoveCredentials',
      query: documents.removeCredentials(types),
      variables: { removeCredentialsInput: { connectorID, credentialsId } },
      schema: removeCredentialsData,
      idempotent: true,
    });
    return this.connectorOf('RemoveCredentials', data.removeCredentials);
  }

  private connectorOf(operation: string, response: { connector?: OxConnector | null } | null | undefined): OxConnector {
    if (!response?.connector) throw new OxResponseError(operation, 'no connector in the answer');
    return response.connector;
  }

  private async call<T>(c: Call<T>): Promise<T> {
    const started = performance.now();
    const res = await this.http.request({
      method: 'POST',
      path: OX_GRAPHQL_PATH,
      json: { operationName: c.operation, query: c.query, ...(c.variables ? { variables: c.variables } : {}) },
      idempotent: c.idempotent,
      secrets: c.secrets ?? [],
      acceptErrorStatus: true,
    });
    const envelope = graphQlResponse.safeParse(res.body);
    const errors = envelope.success ? (envelope.data.errors ?? []) : [];
    this.log.debug(`OX ${c.operation}`, { status: res.status, ms: Math.round(performance.now() - started), errors: errors.length });
    if (errors.length > 0) {
      const issues = errors.map((e) => ({
        message: redactSecrets(e.message, c.secrets ?? []),
        ...(e.extensions?.code ? { code: e.extensions.code } : {}),
        ...(e.path?.length ? { path: e.path.join('.') } : {}),
      }));
      throw new OxGraphQLError(c.operation, res.status, issues);
    }
    if (!res.ok) throw res.error;
    const data = c.schema.safeParse(envelope.success ? envelope.data.data : undefined);
    if (!data.success) {
      throw new OxResponseError(c.operation, data.error.issues.map((i) => `${i.path.join('.') || '(data)'}: ${i.message}`).join('; '));
    }
    return data.data;
  }
}
