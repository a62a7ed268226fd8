/**
 * Every choice the Tines simulator makes that Tines does not document. Change them here, nowhere
 * else. Tines warns that error bodies differ between endpoints; which shape goes where is decided
 * here (see ERROR_SHAPES).
 */
import type { RateLimitWindow } from '../rate-window';

/** ASSUMED: the API key the simulator accepts unless told otherwise. */
export const DEFAULT_TOKEN = 'tines-sim-api-key';

/** DOCUMENTED: 5,000 requests a minute per IP and token. ASSUMED: fixed one-minute windows. */
export const RATE_LIMITS: readonly RateLimitWindow[] = [{ limit: 5000, windowSeconds: 60 }];

/** ASSUMED: `Retry-After` seconds on an injected 429. */
export const RETRY_AFTER_SECONDS = 60;

/** ASSUMED: status of a successful create (Tines says only "returns a JSON object"). */
export const CREATE_STATUS = 201;

/** DOCUMENTED: default 20, maximum 500. ASSUMED: a larger `per_page` is clamped to 500, not refused. */
export const PER_PAGE_DEFAULT = 20;
export const PER_PAGE_MAX = 500;

/** ASSUMED: an empty list still has one (empty) page. */
export const MIN_PAGES = 1;

/**
 * ASSUMED: `previous_page` / `next_page` are full URLs of the same query with `page` changed
 * (null at the ends); `next_page_number` is the number alone.
 */
export const PAGE_LINKS_ARE_URLS = true;

/** ASSUMED: `filter` on the list keeps credentials whose name contains it, ignoring case. */
export function matchesFilter(name: string, filter: string): boolean {
  return name.toLowerCase().includes(filter.toLowerCase());
}

/** DOCUMENTED: "an underscored representation of the credential name". ASSUMED: the exact rule. */
export function slugOf(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** ASSUMED: a credential name is unique within its team (exact, case-sensitive match). */
export const NAME_UNIQUE_PER_TEAM = true;

/** DOCUMENTED modes. ASSUMED: the simulator implements TEXT only; others are refused as unsupported. */
export const MODES = ['TEXT', 'JWT', 'OAUTH', 'AWS', 'MTLS', 'HTTP_REQUEST_AGENT', 'MULTI_REQUEST'] as const;
export const SUPPORTED_MODES: readonly string[] = ['TEXT'];

/** DOCUMENTED: read access values and default. ASSUMED: the tenant has the premium SPECIFIC_TEAMS feature. */
export const READ_ACCESS = ['TEAM', 'GLOBAL', 'SPECIFIC_TEAMS'] as const;
export const DEFAULT_READ_ACCESS = 'TEAM';

/** ASSUMED: moving a credential to another team through PUT is refused (Tines' provider replaces it). */
export const TEAM_CHANGE_ALLOWED = false;

/**
 * ASSUMED: `live_credential_id` attaches a test credential to the live one (its
 * `test_credential_enabled` becomes true and `test_credential` shows the test value's timestamps);
 * the create answers with the live credential. Sending it again replaces the test value. With
 * `false`, `live_credential_id` is ignored and a separate credential is created.
 */
export const TEST_CREDENTIAL_ATTACHES_TO_LIVE = true;

/**
 * ASSUMED: which error body shape each case gets.
 * - validation (POST/PUT field problems):     422 `{ errors: [{ message, details }] }`
 * - name already taken in the team:           422 bare array `["Name has already been taken"]`
 * - bad list query parameters:                400 bare array `["per_page must be a positive integer"]`
 * - malformed JSON body:                      400 `{ errors: [{ message, details }] }`
 * - unknown credential or team, unknown path: 404 text/plain `Not Found`
 * - missing or wrong API key:                 401 `{ errors: [{ message, details }] }`
 * - rate limited:                             429 `{ errors: [{ message, details }] }` + Retry-After
 * - injected server error:                    text/plain `Internal Server Error`
 */
export const ERROR_SHAPES = {
  validationStatus: 422,
  validationMessage: 'Validation failed',
  nameTaken: ['Name has already been taken'],
  badQueryStatus: 400,
  notFoundText: 'Not Found',
  malformedJson: { message: 'Malformed JSON', details: 'The request body could not be parsed as a JSON object' },
  unauthorized: { message: 'Unauthorized', details: 'A valid API key is required: Authorization: Bearer <key>' },
  rateLimited: { message: 'Rate limit exceeded', details: 'Too many requests; retry after the time in Retry-After' },
  serverErrorText: 'Internal Server Error',
} as const;

/** ASSUMED wording of the validation details. */
export const DETAILS = {
  blank: (field: string): string => `${field} can't be blank`,
  notString: (field: string): string => `${field} must be a string`,
  notInteger: (field: string): string => `${field} must be an integer`,
  unsupportedMode: (mode: string): string =>
    `Mode ${mode} is not supported by this endpoint; use TEXT (valid modes: ${MODES.join(', ')})`,
  teamNotFound: (id: unknown): string => `Team ${String(id)} does not exist`,
  folderNotFound: (id: unknown): string => `Folder ${String(id)} does not exist in this team`,
  readAccess: `Read access must be one of ${READ_ACCESS.join(', ')}`,
  sharedSlugsRequired: 'Shared team slugs are required when read_access is SPECIFIC_TEAMS',
  unknownSlug: (slug: string): string => `Shared team slug ${slug} does not match a team`,
  stringArray: (field: string): string => `${field} must be an array of strings`,
  metadata: 'Metadata must be an object of key/value pairs',
  teamChange: 'Team cannot be changed; create the credential in the other team instead',
  liveNotFound: (id: unknown): string => `Live credential ${String(id)} does not exist`,
  badQuery: (param: string): string => `${param} must be a positive integer`,
} as const;
