/**
 * Every choice the OX simulator makes that OX does not document. Change them here, nowhere else.
 */
import type { RateLimitWindow } from '../rate-window';
import type { CredentialsInputField, CredentialsType } from './credentials-types';

/** ASSUMED: the API key the simulator accepts unless told otherwise. */
export const DEFAULT_TOKEN = 'ox-sim-api-key';

/**
 * DOCUMENTED: 1,000 requests an hour and 15,000 a day per key. ASSUMED: fixed windows aligned to
 * the UTC hour and day; every request counts (rejected ones too); the `RateLimit-*` headers report
 * the window with the fewest requests left.
 */
export const RATE_LIMITS: readonly RateLimitWindow[] = [
  { limit: 1000, windowSeconds: 3600 },
  { limit: 15000, windowSeconds: 86400 },
];

/** ASSUMED: `Retry-After` seconds on an injected 429 (a real one says when the window resets). */
export const RETRY_AFTER_SECONDS = 60;

/** ASSUMED: union member for a credentials type: `UserPassword` -> `UserPasswordCredentials`. */
export function memberName(type: CredentialsType): string {
  return `${type}Credentials`;
}

/** ASSUMED: how a secret value reads back. */
export const MASK = '********';

/**
 * ASSUMED: which `credentialsInput` fields hold secrets (masked on the way out; checked by the
 * `invalid…` verification convention). Paths use dots for nested inputs.
 */
export const SECRET_PATHS: readonly string[] = [
  'password',
  'token',
  'secretKey',
  'awsAccessSecret',
  'clientSecret',
  'apiSecretKey',
  'apiKey',
  'gitPassword',
  'brokerPassword',
  'idpToken.access_token',
  'idpToken.refresh_token',
  'installationToken.token',
  'optionalFields.SSHKey',
  'extraOptionalCreds.atlassian.apiKey',
];

/** Fields of every union member (besides `credentialsId`, `credentialsName`, `credentialsType`, the common ones). */
const ALWAYS: readonly CredentialsInputField[] = ['optionalFields', 'extraOptionalCreds'];
const AWS: readonly CredentialsInputField[] = ['awsRoleArn', 'awsExternalId', 'awsAccessKey', 'awsAccessSecret'];
const AZURE: readonly CredentialsInputField[] = ['tenantId', 'clientId', 'clientSecret', 'subscriptionId'];

/**
 * ASSUMED: the member-specific fields of each union member (DOCUMENTED only for
 * `UserPasswordOnlyCredentials`: `name`, `password`). A type not listed has only the common fields
 * and `ALWAYS`.
 */
export const MEMBER_FIELDS: Partial<Record<CredentialsType, readonly CredentialsInputField[]>> = {
  UserPassword: ['name', 'password', 'gitUsername', 'gitPassword'],
  UserPasswordBothOptional: ['name', 'password'],
  UserPasswordOnly: ['name', 'password'],
  UserPasswordAndTenant: ['name', 'password', 'tenant'],
  Token: ['token'],
  TokenOnly: ['token'],
  TokenAndUser: ['name', 'token'],
  IdentityProvider: ['idpToken'],
  BotIdentityProvider: ['idpToken'],
  ClientIdSecretKey: ['clientId', 'secretKey'],
  AWSAssumeRole: AWS,
  AWSAssumeRoleCloudFormation: AWS,
  AWSOrganizationConnection: AWS,
  AWSAssumeRoleOnprem: AWS,
  AWSAssumeRoleCloudFormationOnprem: AWS,
  AWSOrganizationConnectionOnprem: AWS,
  AWSAssumeRoleCodeCommit: AWS,
  AWSEKS: AWS,
  AWSEKSDirect: AWS,
  AWSEKSPrivateLink: AWS,
  AWSAssumeRoleCodeCommitOrganization: AWS,
  AWSAssumeRoleCodeCommitOnprem: AWS,
  AWSAssumeRoleCodeCommitOrganizationOnprem: AWS,
  ApiKey: ['apiKey'],
  TokenAndProjectId: ['token', 'projectId'],
  APISecretAndAccessKey: ['apiAccessKey', 'apiSecretKey'],
  TenantClientsubscriptionIdSecret: AZURE,
  TenantIdClientIdClientSecret: ['tenantId', 'clientId', 'clientSecret'],
  GitHubApp: ['appId', 'installationId', 'installationToken'],
  BitbucketApp: ['clientId', 'clientSecret'],
  OrganizationIdAndApiKey: ['organizationId', 'apiKey'],
  ClientIdSecretApiUrl: ['clientId', 'clientSecret', 'apiUrl'],
  OrganizationIdAndClientIdSecretApiUrl: ['organizationId', 'clientId', 'clientSecret', 'apiUrl'],
  AzureCloud: AZURE,
  ServicePrincipal: ['tenantId', 'clientId', 'clientSecret'],
  ClientIdClientSecret: ['clientId', 'clientSecret'],
  ClientIdClientSecretNoHost: ['clientId', 'clientSecret'],
  AppIdAndToken: ['appId', 'token'],
  Webhook: ['webhookUrl', 'token'],
  AksDirect: AZURE,
  AksRunCommand: AZURE,
  GKEDirect: ['projectId', 'secretKey'],
  Broker: ['brokerSSHPublicKey'],
  K8sInspector: ['token'],
  RuntimeSensor: ['apiKey'],
  AzureOpenAIApi: ['apiKey', 'apiUrl', 'deploymentName'],
};

export function memberFields(type: CredentialsType): readonly CredentialsInputField[] {
  return [...(MEMBER_FIELDS[type] ?? []), ...ALWAYS];
}

/**
 * ASSUMED (OX does not say which fields each type requires): `credentialsInput` fields that must be
 * non-empty for a type. Types not listed require nothing.
 */
export const REQUIRED_INPUT_FIELDS: Partial<Record<CredentialsType, readonly CredentialsInputField[]>> = {
  UserPassword: ['name', 'password'],
  UserPasswordOnly: ['name', 'password'],
  UserPasswordAndTenant: ['name', 'password', 'tenant'],
  Token: ['token'],
  TokenOnly: ['token'],
  TokenAndUser: ['name', 'token'],
  ApiKey: ['apiKey'],
  ClientIdSecretKey: ['clientId', 'secretKey'],
  ClientIdClientSecret: ['clientId', 'clientSecret'],
  ClientIdClientSecretNoHost: ['clientId', 'clientSecret'],
  APISecretAndAccessKey: ['apiAccessKey', 'apiSecretKey'],
  OrganizationIdAndApiKey: ['organizationId', 'apiKey'],
};

/** ASSUMED: `extensions.code` values (Apollo's conventions). */
export const ERROR_CODES = {
  unauthenticated: 'UNAUTHENTICATED',
  badUserInput: 'BAD_USER_INPUT',
  notFound: 'NOT_FOUND',
  badRequest: 'BAD_REQUEST',
  parseFailed: 'GRAPHQL_PARSE_FAILED',
  validationFailed: 'GRAPHQL_VALIDATION_FAILED',
  rateLimited: 'RATE_LIMITED',
  internal: 'INTERNAL_SERVER_ERROR',
} as const;

/**
 * ASSUMED: HTTP statuses. Auth failure 401; a body that is not a GraphQL request, a query that
 * does not parse or validate, or variables that do not fit the schema 400; resolver errors
 * (unknown connector, unsupported type, ...) 200 with `errors[]` next to `data`, like Apollo.
 */
export const STATUS = { unauthenticated: 401, badRequest: 400, rateLimited: 429 } as const;

/** ASSUMED messages. */
export const MESSAGES = {
  unauthenticated: 'Unauthorized: a valid API key is required in the Authorization header',
  connectorNotFound: (id: string): string => `Connector ${id} was not found`,
  credentialsNotFound: (what: string): string => `Credentials ${what} were not found on this connector`,
  unsupportedType: (type: string, connector: string, supported: readonly string[]): string =>
    `Credentials type ${type} is not supported by connector ${connector} (supported: ${supported.join(', ')})`,
  multipleNotAllowed: (connector: string): string =>
    `Connector ${connector} does not support multiple credentials; remove the existing credentials first`,
  missingField: (field: string, type: string): string =>
    `credentialsInput.${field} is required for credentials type ${type}`,
  removeNeedsTarget: 'Either credentialsId or credentialsIndex is required',
  invalidCredentials: (connector: string): string =>
    `Failed to authenticate to ${connector} with the provided credentials (401 Unauthorized)`,
  noCredentials: 'No credentials are configured for this connector',
  rateLimited: 'Too many requests, please try again later',
  internal: 'Internal server error',
  notPost: 'Only POST is supported on /api/apollo-gateway',
  notJson: 'Content-Type must be application/json',
  badBody: 'The request body must be a JSON object with a non-empty "query" string',
} as const;

/** ASSUMED: the prefix that makes `verifySingleConnectorCredentials` answer `credentialsAreValid: false`. */
export const INVALID_PREFIX = 'invalid';

/**
 * ASSUMED: addCredentials stores without verifying (verification is its own mutation);
 * `credentialsIndex` counts from 0 in the connector's `credentials` list; when both
 * `credentialsId` and `credentialsIndex` are given, the id wins; verify without `credentialsID`
 * checks every credential of the connector.
 */
export const ADD_VERIFIES = false;

/** ASSUMED: defaults of fields OX computes on stored credentials. */
export const CREDENTIAL_DEFAULTS = {
  monitoredResources: [] as string[],
  monitorAllResources: true,
  monitorAllNewlyCreatedResources: true,
  brokerHost: null,
  brokerPort: null,
};
