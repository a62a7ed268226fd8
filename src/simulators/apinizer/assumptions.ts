/**
 * Every choice the Apinizer simulator makes that Apinizer does not document, next to the documented
 * messages they pair with. Change them here, nowhere else.
 */

/** ASSUMED: the personal API access token the simulator accepts unless told otherwise. */
export const DEFAULT_TOKEN = 'apinizer-sim-token';

/** DOCUMENTED: `expires_in: 3600` for tokens from `/apiops/auth/token`. Configurable for tests. */
export const TOKEN_TTL_SECONDS = 3600;

/** ASSUMED: how long an expired issued token is still recognised (answered `token_expired`, not `Invalid token`). */
export const EXPIRED_TOKEN_MEMORY_SECONDS = 24 * 3600;

/** DOCUMENTED messages, word for word (the create page and vendor-apis.md). */
export const MESSAGES = {
  usernameEmpty: 'Credential username can not be empty!',
  passwordEmpty: 'Credential password can not be empty!',
  fullNameEmpty: 'Credential full name can not be empty!',
  emailEmpty: 'Credential email can not be empty!',
  duplicateUsername: 'There is already a credential has this name!',
  credentialNotFound: (username: string): string => `Credential (username: ${username}) was not found!`,
  projectNotFound: (project: string): string =>
    `Project(${project}) was not found or user does not have privilege to access it!`,
  invalidToken: 'Invalid token',
  deploymentOk: 'Deployment completed successfully',
  environmentDeployedOk: 'Deployed successfully',
  undeploymentOk: 'Undeployment completed successfully',
} as const;

/** ASSUMED messages for cases the pages name but do not word. */
export const ASSUMED_MESSAGES = {
  tokenExpired: 'Token has expired',
  invalidClient: 'Invalid client credentials',
  unsupportedGrant: (grant: string): string => `Unsupported grant_type: ${grant || '(missing)'}`,
  validationFailed: 'Validation failed',
  invalidEmail: 'must be a valid email address',
  unknownRole: (role: string): string => `Role (${role}) does not exist`,
  invalidIp: (ip: string): string => `(${ip}) is not a valid IP address or CIDR range`,
  invalidExpireDate: 'must be an ISO 8601 date-time in UTC (e.g. 2024-12-31T23:59:59.000Z) or null',
  mustBeString: 'must be a string',
  mustBeBoolean: 'must be a boolean',
  mustBeStringArray: 'must be an array of strings',
  requiredOnReplace: 'is required (PUT replaces the whole credential)',
  usernameMismatch: 'does not match the credential in the path',
  notJson: 'Content-Type must be application/json',
  malformedJson: 'Malformed JSON request',
  noRoute: (method: string, path: string): string => `No endpoint ${method} ${path}`,
  methodNotAllowed: (method: string): string => `Request method '${method}' is not supported`,
  rateLimited: 'Rate limit exceeded. Try again later.',
  internalError: 'Internal server error',
  environmentDeployFailed: (reason: string): string => `Deployment failed: ${reason}`,
  environmentUndeployed: 'Undeployed successfully',
  environmentUndeployFailed: (reason: string): string => `Undeployment failed: ${reason}`,
  deploymentWithErrors: 'Deployment completed with errors',
  undeploymentWithErrors: 'Undeployment completed with errors',
  /** Reason reported for an environment switched to failing without a reason of its own. */
  defaultEnvironmentFailure: 'environment is not reachable',
} as const;

/**
 * ASSUMED: the check order on create/update, first failure wins: username, password, full name,
 * email (the order the page lists the messages), then the username's uniqueness, then the format
 * checks, reported together as `validation_failed`.
 */
export const REQUIRED_ORDER = ['username', 'password', 'fullName', 'email'] as const;

/** DOCUMENTED: "username must be unique across all credentials" — read as: across every project. */
export const USERNAME_UNIQUE_ACROSS_PROJECTS = true;

/** ASSUMED: a path works with or without its trailing slash. */
export const OPTIONAL_TRAILING_SLASH = true;

/** ASSUMED: PATCH checks the password before looking the credential up. */
export const PATCH_CHECKS_PASSWORD_FIRST = true;

/** ASSUMED: `Retry-After` seconds, matching the documented `retry_after: 60`. */
export const RETRY_AFTER_SECONDS = 60;

/** ASSUMED: accepted `expireDate` shape: ISO 8601 date-time in UTC (`Z`) with optional milliseconds. */
export const EXPIRE_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/** ASSUMED: what an "email address format" is. */
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
