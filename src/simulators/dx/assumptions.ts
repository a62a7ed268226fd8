/**
 * Every choice the DX simulator makes that DX does not document. Change them here, nowhere else.
 * Items marked DOCUMENTED are facts from DX's pages, kept here because they sit next to the
 * assumed ones they pair with.
 */
import type { RateLimitWindow } from '../rate-window';

/** ASSUMED: the API key the simulator accepts unless told otherwise. */
export const DEFAULT_TOKEN = 'dx-sim-token';

/**
 * HTTP status per error code. DOCUMENTED: "422 for errors". ASSUMED: that every error code,
 * verification failures included, uses it; and the codes below that DX does not document.
 */
export const ERROR_STATUS: Readonly<Record<string, number>> = {
  not_authed: 422,
  connection_not_found: 422,
  credential_not_found: 422,
  invalid_json: 422,
  /** ASSUMED code: a required argument is missing or has the wrong type. */
  invalid_arguments: 422,
  /** ASSUMED code: a second live credential on a connection with supports_multiple_credentials false. */
  multiple_credentials_not_supported: 422,
  'Invalid credentials': 422,
  'Invalid permissions': 422,
  'Duplicate secrets': 422,
  'Duplicate settings': 422,
  /** ASSUMED code and status: an unknown `/api/<family>.<method>`. */
  unknown_method: 404,
  /** ASSUMED code and status: a known method called with the wrong HTTP verb. */
  method_not_allowed: 405,
  /** ASSUMED code (DX publishes no limit for this API, its other API answers 429). */
  rate_limited: 429,
  /** ASSUMED code for an injected server error. */
  internal_error: 500,
};

/** ASSUMED messages that go with the assumed codes (DX bodies carry only `ok` and `error`). */
export const MULTIPLE_CREDENTIALS_MESSAGE = 'This connection supports only one credential.';

/**
 * Verification failures. DOCUMENTED: the error labels, `display_message` always present,
 * `raw_message` when the connector gives one, and the "Invalid credentials" example body.
 * ASSUMED: the other messages, and the test convention that triggers them (a secret value starting
 * with `invalid` or `noperm`).
 */
export const VERIFICATION = {
  invalidPrefix: 'invalid',
  noPermissionPrefix: 'noperm',
  invalidCredentials: {
    error: 'Invalid credentials',
    display_message: 'The API token provided is invalid.',
    raw_message: '401 Unauthorized',
  },
  invalidPermissions: {
    error: 'Invalid permissions',
    display_message: 'The API token lacks the scopes or permissions this connector requires.',
    raw_message: '403 Forbidden',
  },
  duplicateSecrets: {
    error: 'Duplicate secrets',
    display_message: 'These secrets are already used by another credential on this connection.',
  },
  duplicateSettings: {
    error: 'Duplicate settings',
    display_message: 'These settings are already used by another credential on this connection.',
  },
} as const;

/**
 * ASSUMED: two credentials duplicate each other when their secrets (or settings) objects are deeply
 * equal, compared among the connection's live credentials only, and only when the object is not
 * empty. Secrets are checked before settings.
 */
export const DUPLICATES_IGNORE_EMPTY = true;

/** ASSUMED: the label DX chooses when `label` is omitted on create. */
export function defaultLabel(connectionName: string, credentialId: number): string {
  return `${connectionName} credential ${credentialId}`;
}

/**
 * Keys DX publishes per connector type. DOCUMENTED: Jira Cloud's `settings.jira_user` and
 * `secrets.api_token`. ASSUMED: that they are required strings (missing -> `invalid_arguments`);
 * every other connector accepts any JSON object.
 */
export const KNOWN_CONNECTOR_FIELDS: Readonly<Record<string, { settings: string[]; secrets: string[] }>> = {
  jira_cloud: { settings: ['jira_user'], secrets: ['api_token'] },
};

/**
 * ASSUMED: an update that sends a non-empty `secrets` replaces the stored secrets as a whole (DX
 * says "merge behaviour is connector-aware"; omitted or `{}` keeps them, DOCUMENTED).
 */
export const UPDATE_SECRETS_REPLACE = true;

/**
 * ASSUMED: a form-encoded body carries `settings` and `secrets` as JSON text
 * (`settings={"jira_user":"x"}`) or in bracket form (`settings[jira_user]=x`); JSON text that does
 * not parse is `invalid_json`. Numbers (`id`) may be sent as digit strings.
 */
export const FORM_OBJECT_FIELDS = ['settings', 'secrets'] as const;

/** ASSUMED: DX's other API limit (1000 requests a minute per key, fixed windows) applies here too. */
export const RATE_LIMITS: readonly RateLimitWindow[] = [{ limit: 1000, windowSeconds: 60 }];

/** ASSUMED: `Retry-After` seconds on a 429. */
export const RETRY_AFTER_SECONDS = 60;

/** ASSUMED: first credential id handed out (the seed pages' examples use 456). */
export const FIRST_CREDENTIAL_ID = 456;

/** ASSUMED: `state` of a seeded connection when the seed does not say. */
export const DEFAULT_CONNECTION_STATE = 'active';
