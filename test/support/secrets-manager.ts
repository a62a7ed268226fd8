/**
 * A local AWS Secrets Manager endpoint for end-to-end tests with the real hashicorp/aws provider
 * (its `endpoints { secretsmanager = … }`): an HTTP server on 127.0.0.1 speaking the AWS JSON 1.1
 * protocol (POST /, `X-Amz-Target: secretsmanager.<Operation>`, `application/x-amz-json-1.1`).
 *
 * It answers what the provider's `ephemeral "aws_secretsmanager_secret_version"` calls and nothing
 * else: `GetSecretValue` by name or ARN, `VersionStage` or `VersionId` (AWSCURRENT by default).
 * Signatures are not checked (no AWS account here); every request is logged by operation so a test
 * can say which calls a plan made. `putSecretValue` is the test's rotation, as AWS's own
 * PutSecretValue does it: the new version becomes AWSCURRENT, the old one AWSPREVIOUS.
 *
 * Errors have AWS's JSON 1.1 shape: status 400, `x-amzn-ErrorType` and `{"__type", "message"}`.
 * The server never logs a secret value.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

const REGION = 'us-east-1';
const ACCOUNT = '123456789012';
const TARGET_PREFIX = 'secretsmanager.';

interface Version {
  readonly id: string;
  readonly value: string;
  stages: string[];
  readonly created: Date;
}

interface StoredSecret {
  readonly name: string;
  readonly arn: string;
  readonly versions: Version[];
}

/** One request as the endpoint saw it (no body: it may name a secret, never holds one, but keep logs lean). */
export interface SecretsManagerRequest {
  /** The operation from `X-Amz-Target`, e.g. `GetSecretValue`; `?` when the header is missing. */
  readonly operation: string;
  /** The `SecretId` asked for, when there was one. */
  readonly secretId?: string;
  /** The HTTP status answered. */
  readonly status: number;
  /** An AWS Signature V4 `Authorization` header came with it (the provider signs every call). */
  readonly signed: boolean;
}

export interface LocalSecretsManager {
  /** `http://127.0.0.1:<port>`, for the provider's `endpoints { secretsmanager = … }`. */
  readonly url: string;
  readonly region: string;
  /** Creates a secret (as CreateSecret with SecretString); returns its ARN. */
  createSecret(name: string, value: string): string;
  /** A new AWSCURRENT version (the old one becomes AWSPREVIOUS); returns its VersionId. */
  putSecretValue(nameOrArn: string, value: string): string;
  /** Every request so far, in order. */
  readonly requests: readonly SecretsManagerRequest[];
  /** Forgets the request log. */
  clearRequests(): void;
  stop(): Promise<void>;
}

class AwsError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

function arnOf(name: string): string {
  // Secrets Manager appends a dash and six random characters to the name in the ARN.
  return `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:${name}-${randomBytes(3).toString('hex')}`;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/x-amz-json-1.1',
    'Content-Length': Buffer.byteLength(text),
    'x-amzn-RequestId': randomUUID(),
    ...headers,
  });
  res.end(text);
}

export async function startLocalSecretsManager(): Promise<LocalSecretsManager> {
  const secrets: StoredSecret[] = [];
  const requests: SecretsManagerRequest[] = [];

  const find = (id: unknown): StoredSecret => {
    const secret = typeof id === 'string' ? secrets.find((s) => s.name === id || s.arn === id) : undefined;
    if (!secret) throw new AwsError('ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
    return secret;
  };

  const getSecretValue = (input: Record<string, unknown>) => {
    if (typeof input.SecretId !== 'string' || input.SecretId === '') {
      throw new AwsError('InvalidParameterException', 'SecretId is required.');
    }
    const secret = find(input.SecretId);
    const byId = typeof input.VersionId === 'string' ? input.VersionId : undefined;
    const stage = typeof input.VersionStage === 'string' ? input.VersionStage : byId === undefined ? 'AWSCURRENT' : undefined;
    const version = secret.versions.find((v) => (byId === undefined || v.id === byId) && (stage === undefined || v.stages.includes(stage)));
    if (!version) {
      throw new AwsError(
        'ResourceNotFoundException',
        byId !== undefined ? `Secrets Manager can't find the specified secret value for VersionId: ${byId}` : `Secrets Manager can't find the specified secret value for staging label: ${stage}`,
      );
    }
    return {
      ARN: secret.arn,
      Name: secret.name,
      VersionId: version.id,
      SecretString: version.value,
      VersionStages: [...version.stages],
      // The JSON protocols carry timestamps as epoch seconds.
      CreatedDate: version.created.getTime() / 1000,
    };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const target = String(req.headers['x-amz-target'] ?? '');
    const operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : target || '?';
    const signed = /^AWS4-HMAC-SHA256 /.test(String(req.headers.authorization ?? ''));
    let input: Record<string, unknown> = {};
    let status = 200;
    try {
      const body = await readBody(req);
      if (req.method !== 'POST') throw new AwsError('UnknownOperationException', `${req.method} is not an operation`);
      try {
        input = body ? (JSON.parse(body) as Record<string, unknown>) : {};
      } catch {
        throw new AwsError('SerializationException', 'The request body is not JSON.');
      }
      if (operation !== 'GetSecretValue') throw new AwsError('UnknownOperationException', `This endpoint does not implement ${operation}.`);
      send(res, 200, getSecretValue(input));
    } catch (e) {
      const error = e instanceof AwsError ? e : new AwsError('InternalServiceError', 'An error occurred on the server side.');
      status = e instanceof AwsError ? 400 : 500;
      send(res, status, { __type: error.type, message: error.message }, { 'x-amzn-ErrorType': error.type });
    }
    requests.push({ operation, ...(typeof input.SecretId === 'string' ? { secretId: input.SecretId } : {}), status, signed });
  };

  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    region: REGION,
    createSecret(name, value) {
      if (secrets.some((s) => s.name === name)) throw new Error(`secret ${name} exists`);
      const secret: StoredSecret = { name, arn: arnOf(name), versions: [{ id: randomUUID(), value, stages: ['AWSCURRENT'], created: new Date() }] };
      secrets.push(secret);
      return secret.arn;
    },
    putSecretValue(nameOrArn, value) {
      const secret = find(nameOrArn);
      for (const v of secret.versions) {
        v.stages = v.stages.filter((s) => s !== 'AWSPREVIOUS').map((s) => (s === 'AWSCURRENT' ? 'AWSPREVIOUS' : s));
      }
      const version: Version = { id: randomUUID(), value, stages: ['AWSCURRENT'], created: new Date() };
      secret.versions.push(version);
      return version.id;
    },
    get requests() {
      return requests;
    },
    clearRequests() {
      requests.length = 0;
    },
    stop() {
      return new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}
