/**
 * Tines REST API v1: TEXT user credentials, and teams (so a client can check that a team exists).
 * Error bodies differ on purpose between cases, as Tines warns; assumptions.ts says which is where.
 */
import {
  Router,
  bearerToken,
  empty,
  isPlainObject,
  json,
  parseJsonBody,
  text,
  type SimRequest,
  type SimResponse,
} from '../http-kit';
import { RateCounter, type RateLimitWindow } from '../rate-window';
import type { VendorApp } from '../simulator';
import {
  CREATE_STATUS,
  DEFAULT_READ_ACCESS,
  DETAILS,
  ERROR_SHAPES as E,
  MIN_PAGES,
  NAME_UNIQUE_PER_TEAM,
  PAGE_LINKS_ARE_URLS,
  PER_PAGE_DEFAULT,
  PER_PAGE_MAX,
  READ_ACCESS,
  RETRY_AFTER_SECONDS,
  SUPPORTED_MODES,
  TEAM_CHANGE_ALLOWED,
  TEST_CREDENTIAL_ATTACHES_TO_LIVE,
  matchesFilter,
  slugOf,
} from './assumptions';
import type { TinesStoredCredential, TinesState } from './state';

export interface TinesAppOptions {
  readonly token: string;
  readonly now: () => number;
  readonly rateLimits: readonly RateLimitWindow[];
  readonly onChange: () => void;
}

type Body = Record<string, unknown>;

const notFound = (): SimResponse => text(404, E.notFoundText);
const validation = (details: readonly string[]): SimResponse =>
  json(E.validationStatus, { errors: details.map((d) => ({ message: E.validationMessage, details: d })) });
const badQuery = (details: readonly string[]): SimResponse => json(E.badQueryStatus, details);

export function createTinesApp(state: TinesState, options: TinesAppOptions): VendorApp<TinesState> {
  const iso = (): string => new Date(options.now()).toISOString();
  const rate = new RateCounter(options.rateLimits, options.now);

  const credentialOf = (req: SimRequest): TinesStoredCredential | undefined => {
    const id = positiveInt(req.params.id);
    return id === undefined ? undefined : state.credentials.find((c) => c.id === id);
  };

  const nameTaken = (teamId: number, name: string, self?: number): boolean =>
    NAME_UNIQUE_PER_TEAM && state.credentials.some((c) => c.team_id === teamId && c.name === name && c.id !== self);

  /** Checks the optional fields shared by create and update; `teamId` is the credential's team. */
  const checkOptional = (body: Body, teamId: number | undefined, problems: string[]): void => {
    if ('folder_id' in body && body.folder_id !== null) {
      const folderId = body.folder_id;
      if (typeof folderId !== 'number' || !Number.isInteger(folderId)) problems.push(DETAILS.notInteger('Folder'));
      else if (teamId !== undefined && !state.folders.some((f) => f.id === folderId && f.team_id === teamId)) {
        problems.push(DETAILS.folderNotFound(folderId));
      }
    }
    if ('read_access' in body && !(READ_ACCESS as readonly unknown[]).includes(body.read_access)) {
      problems.push(DETAILS.readAccess);
    }
    if ('shared_team_slugs' in body) {
      const slugs = body.shared_team_slugs;
      if (!isStringArray(slugs)) problems.push(DETAILS.stringArray('Shared team slugs'));
      else for (const s of slugs) if (!state.teams.some((t) => t.slug === s)) problems.push(DETAILS.unknownSlug(s));
    }
    if ('description' in body && body.description !== null && typeof body.description !== 'string') {
      problems.push(DETAILS.notString('Description'));
    }
    if ('metadata' in body && body.metadata !== null && !isPlainObject(body.metadata)) problems.push(DETAILS.metadata);
    if ('allowed_hosts' in body && body.allowed_hosts !== null && !isStringArray(body.allowed_hosts)) {
      problems.push(DETAILS.stringArray('Allowed hosts'));
    }
  };

  const checkMode = (body: Body, problems: string[]): void => {
    if (body.mode === undefined || body.mode === null || body.mode === '') problems.push(DETAILS.blank('Mode'));
    else if (typeof body.mode !== 'string' || !SUPPORTED_MODES.includes(body.mode)) {
      problems.push(DETAILS.unsupportedMode(String(body.mode)));
    }
  };

  const create = (req: SimRequest): SimResponse => {
    const parsed = readBody(req);
    if ('failure' in parsed) return parsed.failure;
    const body = parsed.value;
    const forLive = body.live_credential_id !== undefined && body.live_credential_id !== null;
    if (TEST_CREDENTIAL_ATTACHES_TO_LIVE && forLive) return attachTest(body);

    const problems: string[] = [];
    if (!nonBlank(body.name)) problems.push(DETAILS.blank('Name'));
    checkMode(body, problems);
    if (!nonBlank(body.value)) problems.push(DETAILS.blank('Value'));
    let teamId: number | undefined;
    if (body.team_id === undefined || body.team_id === null) problems.push(DETAILS.blank('Team'));
    else if (typeof body.team_id !== 'number' || !Number.isInteger(body.team_id))
      problems.push(DETAILS.notInteger('Team'));
    else if (!state.teams.some((t) => t.id === body.team_id)) problems.push(DETAILS.teamNotFound(body.team_id));
    else teamId = body.team_id;
    checkOptional(body, teamId, problems);
    const readAccess = (body.read_access as string | undefined) ?? DEFAULT_READ_ACCESS;
    const slugs = isStringArray(body.shared_team_slugs) ? body.shared_team_slugs : [];
    if (readAccess === 'SPECIFIC_TEAMS' && slugs.length === 0) problems.push(DETAILS.sharedSlugsRequired);
    if (problems.length > 0) return validation(problems);
    if (nameTaken(teamId!, body.name as string)) return json(E.validationStatus, [...E.nameTaken]);

    const now = iso();
    const row: TinesStoredCredential = {
      id: state.next_credential_id++,
      name: body.name as string,
      mode: body.mode as string,
      value: body.value as string,
      team_id: teamId!,
      folder_id: (body.folder_id as number | null | undefined) ?? null,
      read_access: readAccess as TinesStoredCredential['read_access'],
      shared_team_slugs: slugs,
      slug: slugOf(body.name as string),
      created_at: now,
      updated_at: now,
      description: (body.description as string | null | undefined) ?? '',
      allowed_hosts: (body.allowed_hosts as string[] | null | undefined) ?? [],
      metadata: (body.metadata as Record<string, unknown> | null | undefined) ?? {},
      test_credential: null,
    };
    state.credentials.push(row);
    options.onChange();
    return json(CREATE_STATUS, view(row));
  };

  /** `live_credential_id`: the value becomes the live credential's test value. */
  const attachTest = (body: Body): SimResponse => {
    const problems: string[] = [];
    const live = state.credentials.find((c) => c.id === body.live_credential_id);
    if (!live) problems.push(DETAILS.liveNotFound(body.live_credential_id));
    checkMode(body, problems);
    if (!nonBlank(body.value)) problems.push(DETAILS.blank('Value'));
    if (problems.length > 0 || !live) return validation(problems);
    const now = iso();
    live.test_credential = {
      value: body.value as string,
      created_at: live.test_credential?.created_at ?? now,
      updated_at: now,
    };
    options.onChange();
    return json(CREATE_STATUS, view(live));
  };

  const update = (req: SimRequest): SimResponse => {
    const row = credentialOf(req);
    if (!row) return notFound();
    const parsed = readBody(req);
    if ('failure' in parsed) return parsed.failure;
    const body = parsed.value;
    const problems: string[] = [];
    checkMode(body, problems);
    if ('name' in body && !nonBlank(body.name)) problems.push(DETAILS.blank('Name'));
    if ('value' in body && !nonBlank(body.value)) problems.push(DETAILS.blank('Value'));
    if ('team_id' in body && body.team_id !== row.team_id && !TEAM_CHANGE_ALLOWED) problems.push(DETAILS.teamChange);
    checkOptional(body, row.team_id, problems);
    const readAccess = (body.read_access as TinesStoredCredential['read_access'] | undefined) ?? row.read_access;
    const slugs =
      'shared_team_slugs' in body && isStringArray(body.shared_team_slugs)
        ? body.shared_team_slugs
        : row.shared_team_slugs;
    if (readAccess === 'SPECIFIC_TEAMS' && slugs.length === 0) problems.push(DETAILS.sharedSlugsRequired);
    if (problems.length > 0) return validation(problems);
    const name = (body.name as string | undefined) ?? row.name;
    if (nameTaken(row.team_id, name, row.id)) return json(E.validationStatus, [...E.nameTaken]);

    row.name = name;
    row.slug = slugOf(name);
    row.mode = body.mode as string;
    if ('value' in body) row.value = body.value as string;
    if ('folder_id' in body) row.folder_id = (body.folder_id as number | null) ?? null;
    row.read_access = readAccess;
    row.shared_team_slugs = slugs;
    if ('description' in body) row.description = (body.description as string | null) ?? '';
    if ('metadata' in body) row.metadata = (body.metadata as Record<string, unknown> | null) ?? {};
    if ('allowed_hosts' in body) row.allowed_hosts = (body.allowed_hosts as string[] | null) ?? [];
    row.updated_at = iso();
    options.onChange();
    return json(200, view(row));
  };

  const remove = (req: SimRequest): SimResponse => {
    const row = credentialOf(req);
    if (!row) return notFound();
    state.credentials.splice(state.credentials.indexOf(row), 1);
    options.onChange();
    return empty(204);
  };

  const getOne = (req: SimRequest): SimResponse => {
    const row = credentialOf(req);
    return row ? json(200, view(row)) : notFound();
  };

  const list = (req: SimRequest): SimResponse => {
    const q = req.query;
    const problems: string[] = [];
    const intParam = (name: string): number | undefined => {
      const raw = q.get(name);
      if (raw === null || raw === '') return undefined;
      const n = positiveInt(raw);
      if (n === undefined) problems.push(DETAILS.badQuery(name));
      return n;
    };
    const teamId = intParam('team_id');
    const folderId = intParam('folder_id');
    const paging = pagingOf(req, problems);
    if (problems.length > 0) return badQuery(problems);
    const filter = q.get('filter');
    const rows = state.credentials
      .filter((c) => teamId === undefined || c.team_id === teamId)
      .filter((c) => folderId === undefined || c.folder_id === folderId)
      .filter((c) => !filter || matchesFilter(c.name, filter))
      .sort((a, b) => a.id - b.id);
    const { items, meta } = paginate(req, rows, paging!);
    return json(200, { user_credentials: items.map(view), meta });
  };

  const listTeams = (req: SimRequest): SimResponse => {
    const problems: string[] = [];
    const paging = pagingOf(req, problems);
    if (problems.length > 0) return badQuery(problems);
    const { items, meta } = paginate(
      req,
      [...state.teams].sort((a, b) => a.id - b.id),
      paging!
    );
    return json(200, { teams: items.map(teamView), meta });
  };

  const getTeam = (req: SimRequest): SimResponse => {
    const id = positiveInt(req.params.id);
    const team = state.teams.find((t) => t.id === id);
    return team ? json(200, teamView(team)) : notFound();
  };

  const router = new Router()
    .add('POST', '/api/v1/user_credentials', create)
    .add('GET', '/api/v1/user_credentials', list)
    .add('GET', '/api/v1/user_credentials/:id', getOne)
    .add('PUT', '/api/v1/user_credentials/:id', update)
    .add('DELETE', '/api/v1/user_credentials/:id', remove)
    .add('GET', '/api/v1/teams', listTeams)
    .add('GET', '/api/v1/teams/:id', getTeam);

  return {
    vendor: 'tines',
    state: () => state,
    isWrite: (req) => req.method !== 'GET' && req.method !== 'HEAD',
    prepare(req) {
      if (options.rateLimits.length === 0) return {};
      const verdict = rate.hit(`${req.remoteAddress}|${bearerToken(req) ?? ''}`);
      if (verdict.allowed) return {};
      return { reject: json(429, { errors: [E.rateLimited] }, { 'retry-after': String(verdict.resetSeconds) }) };
    },
    faultResponse(kind, decision) {
      if (kind === 'rate-limit') {
        const retryAfter = String(decision.retryAfterSeconds ?? RETRY_AFTER_SECONDS);
        return json(429, { errors: [E.rateLimited] }, { 'retry-after': retryAfter });
      }
      return text(decision.serverErrorStatus, E.serverErrorText);
    },
    handle(req) {
      const match = router.match(req.method, req.path);
      // Like a Rails app: a path or method with no route is a plain 404.
      if (match.kind !== 'found') return notFound();
      if (bearerToken(req) !== options.token) return json(401, { errors: [E.unauthorized] });
      return match.handler({ ...req, params: match.params });
    },
  };
}

function view(c: TinesStoredCredential): Record<string, unknown> {
  return {
    id: c.id,
    name: c.name,
    mode: c.mode,
    team_id: c.team_id,
    folder_id: c.folder_id,
    read_access: c.read_access,
    shared_team_slugs: c.read_access === 'SPECIFIC_TEAMS' ? c.shared_team_slugs : [],
    slug: c.slug,
    created_at: c.created_at,
    updated_at: c.updated_at,
    description: c.description,
    allowed_hosts: c.allowed_hosts,
    metadata: c.metadata,
    test_credential_enabled: c.test_credential !== null,
    ...(c.test_credential
      ? { test_credential: { created_at: c.test_credential.created_at, updated_at: c.test_credential.updated_at } }
      : {}),
  };
}

function teamView(t: { id: number; name: string; slug: string }): Record<string, unknown> {
  return { id: t.id, name: t.name, slug: t.slug };
}

interface Paging {
  readonly page: number;
  readonly perPage: number;
}

function pagingOf(req: SimRequest, problems: string[]): Paging | undefined {
  const read = (name: string, fallback: number): number => {
    const raw = req.query.get(name);
    if (raw === null || raw === '') return fallback;
    const n = positiveInt(raw);
    if (n === undefined) {
      problems.push(DETAILS.badQuery(name));
      return fallback;
    }
    return n;
  };
  const page = read('page', 1);
  const perPage = Math.min(read('per_page', PER_PAGE_DEFAULT), PER_PAGE_MAX);
  return { page, perPage };
}

function paginate<T>(req: SimRequest, rows: readonly T[], { page, perPage }: Paging) {
  const count = rows.length;
  const pages = Math.max(MIN_PAGES, Math.ceil(count / perPage));
  const items = rows.slice((page - 1) * perPage, page * perPage);
  const link = (n: number): string | number => {
    if (!PAGE_LINKS_ARE_URLS) return n;
    const params = new URLSearchParams(req.query);
    params.set('page', String(n));
    params.set('per_page', String(perPage));
    return `http://${req.headers.host ?? 'localhost'}${req.path}?${params.toString()}`;
  };
  const hasNext = page < pages;
  const hasPrevious = page > 1;
  return {
    items,
    meta: {
      current_page: link(page),
      previous_page: hasPrevious ? link(Math.min(page - 1, pages)) : null,
      next_page: hasNext ? link(page + 1) : null,
      next_page_number: hasNext ? page + 1 : null,
      per_page: perPage,
      pages,
      count,
    },
  };
}

function readBody(req: SimRequest): { value: Body } | { failure: SimResponse } {
  const parsed = parseJsonBody(req);
  if (!parsed.ok || !isPlainObject(parsed.value)) return { failure: json(400, { errors: [E.malformedJson] }) };
  return { value: parsed.value };
}

function positiveInt(raw: unknown): number | undefined {
  if (typeof raw !== 'string' || !/^\d+$/.test(raw)) return undefined;
  const n = Number(raw);
  return n >= 1 ? n : undefined;
}

function nonBlank(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}
