/**
 * OX Security's GraphQL gateway: `POST /api/apollo-gateway`, `Authorization: <API key>` (raw, no
 * `Bearer`), `RateLimit-*` headers on every answer.
 */
import {
  GraphQLError,
  executeSync,
  getOperationAST,
  parse,
  validate,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLFormattedError,
} from 'graphql';
import { isPlainObject, json, mediaType, parseJsonBody, type SimRequest, type SimResponse } from '../http-kit';
import { RateCounter, type RateLimitWindow } from '../rate-window';
import type { VendorApp } from '../simulator';
import { ERROR_CODES, MESSAGES, RETRY_AFTER_SECONDS, STATUS } from './assumptions';
import { createOxRootValue } from './resolvers';
import { oxSchema } from './schema';
import type { OxState } from './state';

export const OX_PATH = '/api/apollo-gateway';

export interface OxAppOptions {
  readonly token: string;
  readonly now: () => number;
  readonly rateLimits: readonly RateLimitWindow[];
  readonly onChange: () => void;
}

interface GraphQLRequest {
  readonly document: DocumentNode;
  readonly variables: Record<string, unknown> | undefined;
  readonly operationName: string | undefined;
  readonly isMutation: boolean;
}

type ParsedRequest = { readonly request: GraphQLRequest } | { readonly failure: SimResponse };

const errorBody = (message: string, code: string): { errors: GraphQLFormattedError[] } => ({
  errors: [{ message, extensions: { code } }],
});

export function createOxApp(state: OxState, options: OxAppOptions): VendorApp<OxState> {
  const schema = oxSchema();
  const rootValue = createOxRootValue(state, options);
  const rate = new RateCounter(options.rateLimits, options.now);
  // isWrite and handle see the same request: parse its body once.
  const parsed = new WeakMap<SimRequest, ParsedRequest>();
  const parseOnce = (req: SimRequest): ParsedRequest => {
    let result = parsed.get(req);
    if (!result) {
      result = parseRequest(req);
      parsed.set(req, result);
    }
    return result;
  };

  return {
    vendor: 'ox',
    state: () => state,
    isWrite(req) {
      const p = parseOnce(req);
      return 'request' in p && p.request.isMutation;
    },
    prepare(req) {
      if (options.rateLimits.length === 0) return {};
      const verdict = rate.hit(req.headers.authorization ?? '');
      const headers = {
        'ratelimit-limit': String(verdict.limit),
        'ratelimit-remaining': String(verdict.remaining),
        'ratelimit-reset': String(verdict.resetSeconds),
      };
      if (verdict.allowed) return { headers };
      return {
        headers,
        reject: json(STATUS.rateLimited, errorBody(MESSAGES.rateLimited, ERROR_CODES.rateLimited), {
          'retry-after': String(verdict.resetSeconds),
        }),
      };
    },
    faultResponse(kind, decision) {
      if (kind === 'rate-limit') {
        const retryAfter = String(decision.retryAfterSeconds ?? RETRY_AFTER_SECONDS);
        return json(STATUS.rateLimited, errorBody(MESSAGES.rateLimited, ERROR_CODES.rateLimited), {
          'retry-after': retryAfter,
          'ratelimit-remaining': '0',
          'ratelimit-reset': retryAfter,
        });
      }
      return json(decision.serverErrorStatus, errorBody(MESSAGES.internal, ERROR_CODES.internal));
    },
    handle(req) {
      if (req.path !== OX_PATH) return json(404, errorBody(`Cannot ${req.method} ${req.path}`, ERROR_CODES.notFound));
      if (req.method !== 'POST') {
        return json(405, errorBody(MESSAGES.notPost, ERROR_CODES.badRequest), { allow: 'POST' });
      }
      const key = (req.headers.authorization ?? '').trim();
      if (key === '' || key !== options.token) {
        return json(STATUS.unauthenticated, errorBody(MESSAGES.unauthenticated, ERROR_CODES.unauthenticated));
      }
      const p = parseOnce(req);
      if ('failure' in p) return p.failure;
      const { document, variables, operationName } = p.request;
      const result: ExecutionResult = executeSync({
        schema,
        document,
        rootValue,
        variableValues: variables,
        operationName,
      });
      // No `data` at all: the variables did not fit the schema, or no operation could be chosen.
      if (!('data' in result) || result.data === undefined) {
        return json(STATUS.badRequest, {
          errors: (result.errors ?? []).map((e) => withCode(e, ERROR_CODES.badUserInput)),
        });
      }
      return json(200, {
        ...(result.errors ? { errors: result.errors.map((e) => withCode(e, ERROR_CODES.internal)) } : {}),
        data: result.data,
      });
    },
  };
}

function parseRequest(req: SimRequest): ParsedRequest {
  if (mediaType(req) !== 'application/json') {
    return { failure: json(STATUS.badRequest, errorBody(MESSAGES.notJson, ERROR_CODES.badRequest)) };
  }
  const body = parseJsonBody(req);
  if (
    !body.ok ||
    !isPlainObject(body.value) ||
    typeof body.value.query !== 'string' ||
    body.value.query.trim() === ''
  ) {
    return { failure: json(STATUS.badRequest, errorBody(MESSAGES.badBody, ERROR_CODES.badRequest)) };
  }
  const { query, variables, operationName } = body.value;
  if (variables !== undefined && variables !== null && !isPlainObject(variables)) {
    return { failure: json(STATUS.badRequest, errorBody(MESSAGES.badBody, ERROR_CODES.badRequest)) };
  }
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') {
    return { failure: json(STATUS.badRequest, errorBody(MESSAGES.badBody, ERROR_CODES.badRequest)) };
  }
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch (err) {
    const e = err instanceof GraphQLError ? err : new GraphQLError(String(err));
    return { failure: json(STATUS.badRequest, { errors: [withCode(e, ERROR_CODES.parseFailed)] }) };
  }
  const errors = validate(oxSchema(), document);
  if (errors.length > 0) {
    return {
      failure: json(STATUS.badRequest, { errors: errors.map((e) => withCode(e, ERROR_CODES.validationFailed)) }),
    };
  }
  const operation = getOperationAST(document, operationName ?? undefined);
  return {
    request: {
      document,
      variables: (variables ?? undefined) as Record<string, unknown> | undefined,
      operationName: operationName ?? undefined,
      isMutation: operation?.operation === 'mutation',
    },
  };
}

/** The error as sent, with `extensions.code` (the error's own code wins). */
function withCode(error: GraphQLError, fallback: string): GraphQLFormattedError {
  const formatted = error.toJSON();
  const code = typeof formatted.extensions?.code === 'string' ? formatted.extensions.code : fallback;
  return { ...formatted, extensions: { ...formatted.extensions, code } };
}
