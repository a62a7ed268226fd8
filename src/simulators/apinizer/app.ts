/**
 * Apinizer API Ops management API, under `/apiops/`: the client-credentials token endpoint and a
 * project's API credentials. Errors are `{ error, error_description, validation_errors? }`; every
 * write answers with a deployment result per environment, and a failed environment is reported
 * there, with HTTP 200.
 */
import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import {
  Router,
  bearerToken,
  isPlainObject,
  json,
  mediaType,
  parseFormBody,
  parseJsonBody,
  type SimRequest,
  type SimResponse,
} from '../http-kit';
import type { VendorApp } from '../simulator';
import {
  ASSUMED_MESSAGES as A,
  EMAIL_PATTERN,
  EXPIRED_TOKEN_MEMORY_SECONDS,
  EXPIRE_DATE_PATTERN,
  MESSAGES as M,
  OPTIONAL_TRAILING_SLASH,
  PATCH_CHECKS_PASSWORD_FIRST,
  REQUIRED_ORDER,
  RETRY_AFTER_SECONDS,
  USERNAME_UNIQUE_ACROSS_PROJECTS,
} from './assumptions';
import type { ApinizerStoredCredential, ApinizerStoredProject, ApinizerState } from './state';

export interface ApinizerAppOptions {
  readonly token: string;
  readonly now: () => number;
  readonly tokenTtlSeconds: number;
  readonly onChange: () => void;
}

interface FieldError {
  readonly field: string;
  readonly message: string;
}

const bad = (description: string): SimResponse => json(400, { error: 'bad_request', error_description: description });

const invalid = (errors: readonly FieldError[]): SimResponse =>
  json(400, { error: 'validation_failed', error_description: A.validationFailed, validation_errors: errors });

const EMPTY_MESSAGE: Record<(typeof REQUIRED_ORDER)[number], string> = {
  username: M.usernameEmpty,
  password: M.passwordEmpty,
  fullName: M.fullNameEmpty,
  email: M.emailEmpty,
};

export function createApinizerApp(state: ApinizerState, options: ApinizerAppOptions): VendorApp<ApinizerState> {
  const nowMs = options.now;

  const authenticate = (req: SimRequest): SimResponse | undefined => {
    const token = bearerToken(req);
    if (token !== undefined && token === options.token) return undefined;
    const issued = token === undefined ? undefined : state.issuedTokens.find((t) => t.token === token);
    if (!issued) return json(401, { error: 'unauthorized_client', error_description: M.invalidToken });
    if (issued.expiresAt <= nowMs()) return json(401, { error: 'token_expired', error_description: A.tokenExpired });
    return undefined;
  };

  const projectOf = (req: SimRequest): ApinizerStoredProject | undefined =>
    state.projects.find((p) => p.name === req.params.project);

  const findCredential = (project: ApinizerStoredProject, username: string): ApinizerStoredCredential | undefined =>
    project.credentials.find((c) => c.username === username);

  const usernameTaken = (project: ApinizerStoredProject, username: string): boolean =>
    USERNAME_UNIQUE_ACROSS_PROJECTS
      ? state.projects.some((p) => findCredential(p, username) !== undefined)
      : findCredential(project, username) !== undefined;

  /** Deploys (or undeploys) to every environment of the project and reports each one. */
  const deployment = (project: ApinizerStoredProject, kind: 'deploy' | 'undeploy') => {
    const environmentResults = project.environments.map((env) => {
      const failed = env.failure !== null;
      const message =
        kind === 'deploy'
          ? failed
            ? A.environmentDeployFailed(env.failure!)
            : M.environmentDeployedOk
          : failed
          ? A.environmentUndeployFailed(env.failure!)
          : A.environmentUndeployed;
      return { environmentName: env.name, success: !failed, message };
    });
    const success = environmentResults.every((r) => r.success);
    const message =
      kind === 'deploy'
        ? success
          ? M.deploymentOk
          : A.deploymentWithErrors
        : success
        ? M.undeploymentOk
        : A.undeploymentWithErrors;
    return {
      body: { success: true, deploymentResult: { success, message, environmentResults } },
      deployedTo: environmentResults.filter((r) => r.success).map((r) => r.environmentName),
    };
  };

  const issueToken = (req: SimRequest): SimResponse => {
    const form = parseFormBody(req);
    const grant = form.grant_type ?? '';
    if (grant !== 'client_credentials') {
      return json(400, { error: 'invalid_parameter', error_description: A.unsupportedGrant(grant) });
    }
    const user = state.users.find((u) => u.clientId === form.client_id && u.clientSecret === form.client_secret);
    if (!user) return json(401, { error: 'unauthorized_client', error_description: A.invalidClient });
    const now = nowMs();
    const token = `apz_${randomBytes(24).toString('hex')}`;
    state.issuedTokens = state.issuedTokens.filter((t) => t.expiresAt + EXPIRED_TOKEN_MEMORY_SECONDS * 1000 > now);
    state.issuedTokens.push({ token, expiresAt: now + options.tokenTtlSeconds * 1000 });
    options.onChange();
    return json(200, { access_token: token, token_type: 'Bearer', expires_in: options.tokenTtlSeconds });
  };

  const list = (req: SimRequest): SimResponse => {
    const project = projectOf(req);
    if (!project) return json(404, { error: 'not_found', error_description: M.projectNotFound(req.params.project!) });
    const resultList = project.credentials.map((c) => ({
      email: c.email,
      fullName: c.fullName,
      description: c.description,
      username: c.username,
      password: null,
      roleNameList: c.roleNameList,
      enabled: c.enabled,
      ipList: c.ipList,
      expireDate: c.expireDate,
    }));
    return json(200, { success: true, resultList });
  };

  /** POST (create) and PUT (full replace): the same body, checked the same way. */
  const write =
    (replace: boolean) =>
    (req: SimRequest): SimResponse => {
      const project = projectOf(req);
      if (!project) return json(404, { error: 'not_found', error_description: M.projectNotFound(req.params.project!) });
      const body = readJson(req);
      if ('failure' in body) return body.failure;
      const input = body.value;
      for (const field of REQUIRED_ORDER) {
        const v = input[field];
        if (v === undefined || v === null || (typeof v === 'string' && v.trim() === ''))
          return bad(EMPTY_MESSAGE[field]);
      }
      if (typeof input.username !== 'string') return invalid([{ field: 'username', message: A.mustBeString }]);
      const existing = findCredential(project, input.username);
      if (replace && !existing) return bad(M.credentialNotFound(input.username));
      if (!replace && usernameTaken(project, input.username)) return bad(M.duplicateUsername);
      const errors = checkFields(input, state.roles, replace);
      if (errors.length > 0) return invalid(errors);

      const { body: answer, deployedTo } = deployment(project, 'deploy');
      const record: ApinizerStoredCredential = {
        username: input.username,
        email: input.email as string,
        fullName: input.fullName as string,
        description: (input.description as string | null | undefined) ?? null,
        password: input.password as string,
        roleNameList: (input.roleNameList as string[] | undefined) ?? [],
        enabled: (input.enabled as boolean | undefined) ?? true,
        ipList: (input.ipList as string[] | undefined) ?? [],
        expireDate: (input.expireDate as string | null | undefined) ?? null,
        deployedTo,
      };
      if (existing) Object.assign(existing, record);
      else project.credentials.push(record);
      options.onChange();
      return json(200, answer);
    };

  const changePassword = (req: SimRequest): SimResponse => {
    const project = projectOf(req);
    if (!project) return json(404, { error: 'not_found', error_description: M.projectNotFound(req.params.project!) });
    const username = req.params.username!;
    const body = readJson(req);
    if ('failure' in body) return body.failure;
    const password = body.value.password;
    const emptyPassword = typeof password !== 'string' || password.trim() === '';
    const credential = findCredential(project, username);
    if (PATCH_CHECKS_PASSWORD_FIRST && emptyPassword) return bad(M.passwordEmpty);
    if (!credential) return bad(M.credentialNotFound(username));
    if (emptyPassword) return bad(M.passwordEmpty);
    const { body: answer, deployedTo } = deployment(project, 'deploy');
    credential.password = password as string;
    credential.deployedTo = deployedTo;
    options.onChange();
    return json(200, answer);
  };

  const remove = (req: SimRequest): SimResponse => {
    const project = projectOf(req);
    if (!project) return json(404, { error: 'not_found', error_description: M.projectNotFound(req.params.project!) });
    const username = req.params.username!;
    const index = project.credentials.findIndex((c) => c.username === username);
    if (index < 0) return bad(M.credentialNotFound(username));
    const { body: answer } = deployment(project, 'undeploy');
    project.credentials.splice(index, 1);
    options.onChange();
    return json(200, answer);
  };

  const routeOptions = { optionalTrailingSlash: OPTIONAL_TRAILING_SLASH };
  const credentials = '/apiops/projects/:project/credentials/';
  const one = '/apiops/projects/:project/credentials/:username/';
  const router = new Router()
    .add('POST', '/apiops/auth/token', issueToken, routeOptions)
    .add('GET', credentials, list, routeOptions)
    .add('POST', credentials, write(false), routeOptions)
    .add('PUT', credentials, write(true), routeOptions)
    .add('PATCH', one, changePassword, routeOptions)
    .add('DELETE', one, remove, routeOptions);

  return {
    vendor: 'apinizer',
    state: () => state,
    isWrite: (req) => req.method !== 'GET' && req.method !== 'HEAD',
    faultResponse(kind, decision) {
      if (kind === 'rate-limit') {
        const retryAfter = decision.retryAfterSeconds ?? RETRY_AFTER_SECONDS;
        return json(
          429,
          { error: 'rate_limit_exceeded', error_description: A.rateLimited, retry_after: retryAfter },
          { 'retry-after': String(retryAfter) }
        );
      }
      return json(decision.serverErrorStatus, { error: 'internal_error', error_description: A.internalError });
    },
    handle(req) {
      const match = router.match(req.method, req.path);
      if (match.kind === 'none') {
        return json(404, { error: 'not_found', error_description: A.noRoute(req.method, req.path) });
      }
      if (match.kind === 'wrong-method') {
        return json(
          405,
          { error: 'method_not_allowed', error_description: A.methodNotAllowed(req.method) },
          { allow: match.allow.join(', ') }
        );
      }
      const routed = { ...req, params: match.params };
      if (match.handler !== issueToken) {
        const denied = authenticate(routed);
        if (denied) return denied;
      }
      return match.handler(routed);
    },
  };
}

function readJson(req: SimRequest): { value: Record<string, unknown> } | { failure: SimResponse } {
  if (mediaType(req) !== 'application/json') return { failure: bad(A.notJson) };
  const parsed = parseJsonBody(req);
  if (!parsed.ok || !isPlainObject(parsed.value)) return { failure: bad(A.malformedJson) };
  return { value: parsed.value };
}

/** The format checks, all reported at once. */
function checkFields(input: Record<string, unknown>, roles: readonly string[], replace: boolean): FieldError[] {
  const errors: FieldError[] = [];
  for (const field of ['password', 'fullName', 'email'] as const) {
    if (typeof input[field] !== 'string') errors.push({ field, message: A.mustBeString });
  }
  if (typeof input.email === 'string' && !EMAIL_PATTERN.test(input.email)) {
    errors.push({ field: 'email', message: A.invalidEmail });
  }
  if (replace) {
    for (const field of ['description', 'roleNameList', 'enabled', 'ipList', 'expireDate'] as const) {
      if (input[field] === undefined) errors.push({ field, message: A.requiredOnReplace });
    }
  }
  const { description, roleNameList, enabled, ipList, expireDate } = input;
  if (description !== undefined && description !== null && typeof description !== 'string') {
    errors.push({ field: 'description', message: A.mustBeString });
  }
  if (enabled !== undefined && typeof enabled !== 'boolean')
    errors.push({ field: 'enabled', message: A.mustBeBoolean });
  if (roleNameList !== undefined) {
    if (!isStringArray(roleNameList)) errors.push({ field: 'roleNameList', message: A.mustBeStringArray });
    else {
      for (const role of roleNameList) {
        if (!roles.includes(role)) errors.push({ field: 'roleNameList', message: A.unknownRole(role) });
      }
    }
  }
  if (ipList !== undefined) {
    if (!isStringArray(ipList)) errors.push({ field: 'ipList', message: A.mustBeStringArray });
    else {
      for (const ip of ipList) if (!isIpOrCidr(ip)) errors.push({ field: 'ipList', message: A.invalidIp(ip) });
    }
  }
  if (
    expireDate !== undefined &&
    expireDate !== null &&
    (typeof expireDate !== 'string' || !EXPIRE_DATE_PATTERN.test(expireDate) || Number.isNaN(Date.parse(expireDate)))
  ) {
    errors.push({ field: 'expireDate', message: A.invalidExpireDate });
  }
  return errors;
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

function isIpOrCidr(value: string): boolean {
  const [address = '', prefix, ...rest] = value.split('/');
  if (rest.length > 0) return false;
  const family = isIP(address);
  if (family === 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}
