/**
 * Live acceptance mode: the vendor lifecycle tests take their target from here — the simulators
 * (started in-process, as every other test does) or, when a vendor's `CREDFORM_LIVE_*` variables are
 * set, that vendor's real tenant — so that one test body serves both (docs/live-tests.md).
 *
 * A live run names everything it makes `credform-acc-<run>-…`, stops at its first failed step (a
 * lifecycle is a sequence: later steps would only spend the tenant's quota), and afterwards deletes
 * whatever carries its prefix through credform's own vendor clients, whatever happened
 * (live-sweep.ts; `npm run test:live -- --sweep` does the same for every earlier run).
 *
 * No jest global is touched at import: scripts/test-live.ts imports this module under tsx.
 */
import { randomBytes } from 'node:crypto';
import type { Simulators } from '../../src/simulators';
import { ApinizerClient } from '../../src/vendors/apinizer/client';
import { ExchangedToken, staticToken } from '../../src/vendors/apinizer/auth';
import { DxClient } from '../../src/vendors/dx/client';
import { HttpClient } from '../../src/vendors/http';
import { vendorById } from '../../src/vendors/registry';
import { OxClient } from '../../src/vendors/ox/client';
import { TinesClient } from '../../src/vendors/tines/client';
import { Logger } from '../../src/tfplugin/logging';
import { canary, watchSecret } from './canary';
import { LIVE_PREFIX, sweep } from './live-sweep';
import { startTestSimulators } from './simulators';

export const LIVE_VENDORS = ['dx', 'apinizer', 'ox', 'tines'] as const;
export type LiveVendor = (typeof LIVE_VENDORS)[number];

/** The live-capable test file of each vendor (one per vendor: two would race for one prefix and, at DX, for one token). */
export const LIVE_TEST_FILES: Readonly<Record<LiveVendor, string>> = {
  dx: 'test/vendors/dx/lifecycle.e2e.test.ts',
  apinizer: 'test/vendors/apinizer/lifecycle.e2e.test.ts',
  ox: 'test/vendors/ox/seed-lifecycle.e2e.test.ts',
  tines: 'test/vendors/tines/lifecycle.e2e.test.ts',
};

export { LIVE_PREFIX };

export interface LiveVariable {
  readonly name: string;
  readonly what: string;
  readonly secret?: boolean;
  /** Optional variables enable a step; without them that step is skipped, saying so. */
  readonly optional?: boolean;
}

/** The OX credentials types the live test can build, and the secret field each one takes. */
export const OX_LIVE_TYPES = { Token: 'token', UserPassword: 'password', ApiKey: 'apiKey', ClientIdSecretKey: 'secretKey' } as const;
export type OxLiveType = keyof typeof OX_LIVE_TYPES;

export const LIVE_VARIABLES: Readonly<Record<LiveVendor, readonly LiveVariable[]>> = {
  dx: [
    { name: 'CREDFORM_LIVE_DX_BASE_URL', what: 'the DX instance origin, e.g. https://acme.getdx.net' },
    { name: 'CREDFORM_LIVE_DX_API_TOKEN', what: 'a DX API token allowed to manage credentials', secret: true },
    { name: 'CREDFORM_LIVE_DX_CONNECTION_ID', what: 'a Jira Cloud connection that accepts several credentials' },
    { name: 'CREDFORM_LIVE_DX_JIRA_USER', what: 'the Jira user the credential is for' },
    { name: 'CREDFORM_LIVE_DX_JIRA_API_TOKEN', what: "a valid Jira API token of that user, held by no other credential of the connection (DX verifies it)", secret: true },
    { name: 'CREDFORM_LIVE_DX_JIRA_API_TOKEN_ROTATED', what: 'a second valid Jira API token of the same user (the rotation)', secret: true },
    { name: 'CREDFORM_LIVE_DX_SECOND_CONNECTION_ID', what: 'another Jira Cloud connection, for the replacement step', optional: true },
  ],
  apinizer: [
    { name: 'CREDFORM_LIVE_APINIZER_BASE_URL', what: 'the Apinizer manager origin, e.g. https://apinizer.acme.example' },
    { name: 'CREDFORM_LIVE_APINIZER_TOKEN', what: 'a personal API access token (or set CREDFORM_LIVE_APINIZER_USERNAME and CREDFORM_LIVE_APINIZER_PASSWORD)', secret: true },
    { name: 'CREDFORM_LIVE_APINIZER_USERNAME', what: 'a manager user, instead of a token', optional: true },
    { name: 'CREDFORM_LIVE_APINIZER_PASSWORD', what: 'its password', secret: true, optional: true },
    { name: 'CREDFORM_LIVE_APINIZER_PROJECT', what: 'the project the credentials are made in' },
    { name: 'CREDFORM_LIVE_APINIZER_ROLE', what: 'an existing role name' },
  ],
  ox: [
    { name: 'CREDFORM_LIVE_OX_BASE_URL', what: 'the OX API origin, e.g. https://api.cloud.ox.security' },
    { name: 'CREDFORM_LIVE_OX_API_KEY', what: 'an OX API key', secret: true },
    { name: 'CREDFORM_LIVE_OX_CONNECTOR_ID', what: 'a connector that takes several sets of credentials' },
    { name: 'CREDFORM_LIVE_OX_CREDENTIALS_TYPE', what: `the credentials type: ${Object.keys(OX_LIVE_TYPES).join(', ')}` },
    { name: 'CREDFORM_LIVE_OX_SECRET', what: 'a secret of that type OX can verify against the connector (token, password, API key or secret key)', secret: true },
    { name: 'CREDFORM_LIVE_OX_ROTATED_SECRET', what: 'a second valid secret (the rotation)', secret: true },
    { name: 'CREDFORM_LIVE_OX_INPUT_JSON', what: 'the non-secret credentialsInput fields as JSON in OxCredentialsInputProps names, e.g. {"name":"ox-bot"}', optional: true },
    { name: 'CREDFORM_LIVE_OX_HOST_URL', what: 'the hostURL of the credentials', optional: true },
  ],
  tines: [
    { name: 'CREDFORM_LIVE_TINES_BASE_URL', what: 'the tenant origin, e.g. https://acme.tines.com' },
    { name: 'CREDFORM_LIVE_TINES_API_KEY', what: 'a Tines API key allowed to manage credentials of the team', secret: true },
    { name: 'CREDFORM_LIVE_TINES_TEAM_ID', what: 'the team the credentials are made in' },
    { name: 'CREDFORM_LIVE_TINES_FOLDER_ID', what: 'a credentials folder of that team, for the folder step', optional: true },
  ],
};

export interface DxFixtures {
  readonly connectionId: number;
  readonly secondConnectionId?: number;
  readonly jiraUser: string;
  readonly jiraToken: string;
  readonly rotatedJiraToken: string;
}
export interface ApinizerFixtures {
  readonly project: string;
  /** Roles of the first apply, and after the role change. */
  readonly initialRoles: readonly string[];
  readonly changedRoles: readonly string[];
}
export interface OxFixtures {
  readonly connectorId: string;
  readonly credentialsType: OxLiveType;
  readonly secretField: (typeof OX_LIVE_TYPES)[OxLiveType];
  readonly input: Readonly<Record<string, unknown>>;
  readonly hostUrl?: string;
  readonly secret: string;
  readonly rotatedSecret: string;
}
export interface TinesFixtures {
  readonly teamId: number;
  readonly folderId?: number;
}
export interface Fixtures {
  dx: DxFixtures;
  apinizer: ApinizerFixtures;
  ox: OxFixtures;
  tines: TinesFixtures;
}
export interface VendorApis {
  dx: DxClient;
  apinizer: ApinizerClient;
  ox: OxClient;
  tines: TinesClient;
}

/** Where raw "outside Terraform" calls go (Apinizer's token is empty when a user and password are used: call through `api` then). */
export interface Endpoint {
  readonly url: string;
  readonly token: string;
}

/** What the simulators' seed holds, in fixture terms; the secrets are canaries. */
function simulatorFixtures<V extends LiveVendor>(vendor: V): Fixtures[V] {
  const all: { [K in LiveVendor]: () => Fixtures[K] } = {
    dx: () => ({ connectionId: 123, secondConnectionId: 125, jiraUser: 'dx-automation@myfakecompany.atlassian.net', jiraToken: canary('dx-jira-one'), rotatedJiraToken: canary('dx-jira-two') }),
    apinizer: () => ({ project: 'MyProject', initialRoles: ['API_USER'], changedRoles: ['API_USER', 'DEVELOPER'] }),
    ox: () => ({ connectorId: '2', credentialsType: 'UserPassword', secretField: 'password', input: {}, secret: canary('ox-seed-1'), rotatedSecret: canary('ox-seed-2') }),
    tines: () => ({ teamId: 2, folderId: 1 }),
  };
  return all[vendor]() as Fixtures[V];
}

export type LiveSetting<V extends LiveVendor> =
  | { readonly state: 'off' }
  | { readonly state: 'incomplete'; readonly problems: readonly string[] }
  | { readonly state: 'on'; readonly baseUrl: string; readonly providerEnv: Readonly<Record<string, string>>; readonly endpoint: Endpoint; readonly fixtures: Fixtures[V]; readonly secrets: readonly string[]; readonly apinizerLogin?: { readonly username: string; readonly password: string } };

const describeVariable = (v: LiveVariable) => `${v.name} (${v.what})`;

/** The variables a vendor needs, as the skip message names them. */
export function requiredVariableNames(vendor: LiveVendor): string[] {
  return LIVE_VARIABLES[vendor].filter((v) => !v.optional).map((v) => (v.name === 'CREDFORM_LIVE_APINIZER_TOKEN' ? `${v.name} (or _USERNAME and _PASSWORD)` : v.name));
}

/** A vendor is live when any of its variables is set; then all it needs must be, or the run is an error (never a silent skip). */
export function liveSetting<V extends LiveVendor>(vendor: V, env: NodeJS.ProcessEnv = process.env): LiveSetting<V> {
  const value = (name: string) => (env[name] ?? '').trim() || undefined;
  const own = LIVE_VARIABLES[vendor];
  if (!own.some((v) => value(v.name))) return { state: 'off' };
  const problems: string[] = [];
  const need = (name: string): string => {
    const v = value(name);
    if (!v) problems.push(`${describeVariable(own.find((o) => o.name === name)!)} is not set`);
    return v ?? '';
  };
  const wholeNumber = (name: string, v: string | undefined): number | undefined => {
    if (v === undefined || v === '') return undefined;
    if (!/^\d+$/.test(v)) problems.push(`${name} must be a whole number (got ${JSON.stringify(v)})`);
    return Number(v);
  };
  const upper = vendor.toUpperCase();
  const baseUrl = need(`CREDFORM_LIVE_${upper}_BASE_URL`);
  const secrets: string[] = [];
  const secret = (name: string) => {
    const v = need(name);
    if (v) secrets.push(v);
    return v;
  };
  let providerEnv: Record<string, string>;
  let endpoint: Endpoint;
  let fixtures: Fixtures[LiveVendor];
  let apinizerLogin: { username: string; password: string } | undefined;
  switch (vendor) {
    case 'dx': {
      const token = secret('CREDFORM_LIVE_DX_API_TOKEN');
      providerEnv = { DX_BASE_URL: baseUrl, DX_API_TOKEN: token };
      endpoint = { url: baseUrl, token };
      const second = value('CREDFORM_LIVE_DX_SECOND_CONNECTION_ID');
      fixtures = {
        connectionId: wholeNumber('CREDFORM_LIVE_DX_CONNECTION_ID', need('CREDFORM_LIVE_DX_CONNECTION_ID')) ?? 0,
        ...(second ? { secondConnectionId: wholeNumber('CREDFORM_LIVE_DX_SECOND_CONNECTION_ID', second) } : {}),
        jiraUser: need('CREDFORM_LIVE_DX_JIRA_USER'),
        jiraToken: secret('CREDFORM_LIVE_DX_JIRA_API_TOKEN'),
        rotatedJiraToken: secret('CREDFORM_LIVE_DX_JIRA_API_TOKEN_ROTATED'),
      };
      break;
    }
    case 'apinizer': {
      const token = value('CREDFORM_LIVE_APINIZER_TOKEN');
      const username = value('CREDFORM_LIVE_APINIZER_USERNAME');
      const password = value('CREDFORM_LIVE_APINIZER_PASSWORD');
      if (token) secrets.push(token);
      else if (username && password) {
        secrets.push(password);
        apinizerLogin = { username, password };
      } else problems.push('CREDFORM_LIVE_APINIZER_TOKEN (a personal API access token), or CREDFORM_LIVE_APINIZER_USERNAME and CREDFORM_LIVE_APINIZER_PASSWORD (a manager user), is not set');
      // The provider prefers a token: an empty one shields it from an APINIZER_TOKEN of the shell.
      providerEnv = token
        ? { APINIZER_BASE_URL: baseUrl, APINIZER_TOKEN: token, APINIZER_USERNAME: '', APINIZER_PASSWORD: '' }
        : { APINIZER_BASE_URL: baseUrl, APINIZER_TOKEN: '', APINIZER_USERNAME: username ?? '', APINIZER_PASSWORD: password ?? '' };
      endpoint = { url: baseUrl, token: token ?? '' };
      const role = need('CREDFORM_LIVE_APINIZER_ROLE');
      fixtures = { project: need('CREDFORM_LIVE_APINIZER_PROJECT'), initialRoles: [], changedRoles: [role] };
      break;
    }
    case 'ox': {
      const key = secret('CREDFORM_LIVE_OX_API_KEY');
      providerEnv = { OX_BASE_URL: baseUrl, OX_API_KEY: key };
      endpoint = { url: baseUrl, token: key };
      const type = need('CREDFORM_LIVE_OX_CREDENTIALS_TYPE');
      if (type && !(type in OX_LIVE_TYPES)) problems.push(`CREDFORM_LIVE_OX_CREDENTIALS_TYPE must be one of ${Object.keys(OX_LIVE_TYPES).join(', ')} (got ${JSON.stringify(type)})`);
      let input: Record<string, unknown> = {};
      const inputJson = value('CREDFORM_LIVE_OX_INPUT_JSON');
      if (inputJson) {
        try {
          input = JSON.parse(inputJson);
          if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new Error('not an object');
        } catch {
          problems.push('CREDFORM_LIVE_OX_INPUT_JSON must be a JSON object');
        }
      }
      const hostUrl = value('CREDFORM_LIVE_OX_HOST_URL');
      fixtures = {
        connectorId: need('CREDFORM_LIVE_OX_CONNECTOR_ID'),
        credentialsType: type as OxLiveType,
        secretField: OX_LIVE_TYPES[type as OxLiveType],
        input,
        ...(hostUrl ? { hostUrl } : {}),
        secret: secret('CREDFORM_LIVE_OX_SECRET'),
        rotatedSecret: secret('CREDFORM_LIVE_OX_ROTATED_SECRET'),
      };
      break;
    }
    case 'tines': {
      const key = secret('CREDFORM_LIVE_TINES_API_KEY');
      providerEnv = { TINES_BASE_URL: baseUrl, TINES_API_KEY: key };
      endpoint = { url: baseUrl, token: key };
      const folder = value('CREDFORM_LIVE_TINES_FOLDER_ID');
      fixtures = {
        teamId: wholeNumber('CREDFORM_LIVE_TINES_TEAM_ID', need('CREDFORM_LIVE_TINES_TEAM_ID')) ?? 0,
        ...(folder ? { folderId: wholeNumber('CREDFORM_LIVE_TINES_FOLDER_ID', folder) } : {}),
      };
      break;
    }
    default:
      throw new Error(`unknown vendor ${String(vendor)}`);
  }
  if (baseUrl) {
    try {
      new URL(baseUrl);
    } catch {
      problems.push(`CREDFORM_LIVE_${upper}_BASE_URL is not a URL (got ${JSON.stringify(baseUrl)})`);
    }
  }
  if (problems.length) return { state: 'incomplete', problems };
  return { state: 'on', baseUrl, providerEnv, endpoint, fixtures: fixtures as Fixtures[V], secrets, ...(apinizerLogin ? { apinizerLogin } : {}) };
}

/** This process's run id: `CREDFORM_LIVE_RUN_ID`, or random (each test file then has its own). */
export function liveRunId(env: NodeJS.ProcessEnv = process.env): string {
  const given = env.CREDFORM_LIVE_RUN_ID?.trim();
  if (given) {
    if (!/^[a-z0-9]{1,20}$/.test(given)) throw new Error(`CREDFORM_LIVE_RUN_ID must be 1 to 20 lower-case letters or digits (got ${JSON.stringify(given)})`);
    return given;
  }
  return randomBytes(3).toString('hex');
}

/** The vendor clients of credform itself, on a live or simulated endpoint: the tests read and clean up with them. */
export function vendorApi<V extends LiveVendor>(vendor: V, endpoint: Endpoint, apinizerLogin?: { username: string; password: string }): { api: VendorApis[V]; close(): Promise<void> } {
  const bearer = () => ({ Authorization: `Bearer ${endpoint.token}` });
  let api: VendorApis[LiveVendor];
  let http: HttpClient;
  switch (vendor) {
    case 'dx':
      http = new HttpClient({ vendor: vendorById(vendor), baseUrl: endpoint.url, auth: bearer });
      api = new DxClient(http);
      break;
    case 'apinizer': {
      const exchanged = apinizerLogin ? new ExchangedToken(apinizerLogin.username, apinizerLogin.password) : undefined;
      const auth = exchanged ?? staticToken(endpoint.token);
      http = new HttpClient({ vendor: vendorById(vendor), baseUrl: endpoint.url, auth: () => auth.headers() });
      exchanged?.attach(http);
      api = new ApinizerClient(http, auth);
      break;
    }
    case 'ox':
      http = new HttpClient({ vendor: vendorById(vendor), baseUrl: endpoint.url, auth: () => ({ Authorization: endpoint.token }) });
      api = new OxClient(http, new Logger('live', {}));
      break;
    case 'tines':
      http = new HttpClient({ vendor: vendorById(vendor), baseUrl: endpoint.url, auth: bearer });
      api = new TinesClient(http);
      break;
    default:
      throw new Error(`unknown vendor ${String(vendor)}`);
  }
  return { api: api as VendorApis[V], close: () => http.close() };
}

/** Per-step time limit against a real tenant (retries and rate-limit waits included). */
const LIVE_STEP_TIMEOUT_MS = 10 * 60_000;

/**
 * What a test body is given: the target's fixtures and naming at once; its provider environment,
 * endpoint, clients and (simulator only) simulators once the describe's beforeAll has run.
 */
export class Target<V extends LiveVendor> {
  private started: { env: Record<string, string>; endpoint: Endpoint; api: VendorApis[V]; sims?: Simulators; close(): Promise<void> } | undefined;
  private failedStep: string | undefined;

  constructor(
    readonly vendor: V,
    readonly kind: 'simulator' | 'live',
    readonly fixtures: Fixtures[V],
    /** `credform-acc-<run>` on a live target; undefined on the simulator. */
    readonly prefix: string | undefined,
    private readonly setting?: Extract<LiveSetting<V>, { state: 'on' }>,
  ) {}

  get live(): boolean {
    return this.kind === 'live';
  }

  /** A name for something this run makes: the test's own on the simulator, `credform-acc-<run>-<base>` live. */
  name(base: string): string {
    return this.prefix ? `${this.prefix}-${base}` : base;
  }

  /** Whether a vendor object is this run's (on the simulator, everything is). */
  owns(name: string | null | undefined): boolean {
    return this.prefix ? !!name?.startsWith(`${this.prefix}-`) : true;
  }

  /** The provider's environment (`DX_BASE_URL`, `DX_API_TOKEN`, …) for this target. */
  get env(): Record<string, string> {
    return this.ready().env;
  }

  get endpoint(): Endpoint {
    return this.ready().endpoint;
  }

  /** credform's own client of the vendor, on this target: what a live assertion reads through. */
  get api(): VendorApis[V] {
    return this.ready().api;
  }

  /** The simulators, on the simulator target only: assertions on their store are simulator-only. */
  get sims(): Simulators | undefined {
    return this.ready().sims;
  }

  /** A step of the lifecycle. Live: after a failed step the later ones fail at once, unrun. */
  test(name: string, fn: () => Promise<void>): void {
    if (!this.live) {
      test(name, fn);
      return;
    }
    test(
      name,
      async () => {
        if (this.failedStep) throw new Error(`not run: the live lifecycle stopped at the failed step "${this.failedStep}"`);
        try {
          await fn();
        } catch (e) {
          this.failedStep = name;
          throw e;
        }
      },
      LIVE_STEP_TIMEOUT_MS,
    );
  }

  /** A step only the simulator can take; live it is skipped, saying why. */
  simulatorOnly(name: string, why: string, fn: () => Promise<void>): void {
    if (this.live) test.skip(`${name} [simulator only: ${why}]`, () => undefined);
    else this.test(name, fn);
  }

  /**
   * A step the live lifecycle needs that the simulator already covers elsewhere (`where`: the test
   * that does): on the simulator it is skipped, saying where, so the normal suite does not run it
   * twice. The live-mode test against `credform simulate` (test/live) runs it.
   */
  liveOnly(name: string, where: string, fn: () => Promise<void>): void {
    if (this.live) this.test(name, fn);
    else test.skip(`${name} [live only: on the simulator, ${where}]`, () => undefined);
  }

  /** A step that needs something this target lacks (`why` is not empty): skipped, saying so. */
  testUnless(why: string | undefined, name: string, fn: () => Promise<void>): void {
    if (why) test.skip(`${name} [not run: ${why}]`, () => undefined);
    else this.test(name, fn);
  }

  async start(): Promise<void> {
    if (this.setting) {
      const { api, close } = vendorApi(this.vendor, this.setting.endpoint, this.setting.apinizerLogin);
      this.started = { env: { ...this.setting.providerEnv }, endpoint: this.setting.endpoint, api, close };
      return;
    }
    const { sims, env } = await startTestSimulators();
    const info = sims.connectionInfo()[this.vendor];
    const endpoint = { url: info.url, token: info.token };
    const { api, close } = vendorApi(this.vendor, endpoint);
    this.started = { env, endpoint, api, sims, close: async () => (await close(), await sims.stop()) };
  }

  /** Live: deletes everything with the run's prefix (after a failure, what the run left), then closes. */
  async stop(): Promise<void> {
    if (!this.started) return;
    try {
      if (this.prefix) {
        let removed: string[];
        try {
          removed = await sweep(this.vendor, this.started.api, this.fixtures, `${this.prefix}-`);
        } catch (e) {
          throw new Error(`live clean-up of ${this.prefix}-… failed: ${(e as Error).message}\nRemove what is left with: npm run test:live -- --sweep --run-id ${this.prefix.slice(LIVE_PREFIX.length)}`);
        }
        if (removed.length) console.warn(`live clean-up removed what the run left at ${vendorById(this.vendor).displayName}:\n${removed.join('\n')}`);
      }
    } finally {
      await this.started.close();
      this.started = undefined;
    }
  }

  private ready() {
    if (!this.started) throw new Error('the target is used before its beforeAll started it');
    return this.started;
  }
}

/**
 * Registers `body` once per target of the vendor: the simulator (unless CREDFORM_LIVE_ONLY=1) and
 * the live tenant when its variables are set. Unset, the live block is one skipped test naming the
 * variables; half set, one failing test naming what is missing.
 */
export function describeTargets<V extends LiveVendor>(vendor: V, title: string, body: (t: Target<V>) => void): void {
  if (process.env.CREDFORM_LIVE_ONLY !== '1') {
    describe(title, () => register(new Target(vendor, 'simulator', simulatorFixtures(vendor), undefined), body));
  }
  const setting = liveSetting(vendor);
  const liveTitle = `${title} — live ${vendorById(vendor).displayName} tenant`;
  if (setting.state === 'off') {
    describe(liveTitle, () => {
      test.skip(`not run: set ${requiredVariableNames(vendor).join(', ')} to run it against a tenant (docs/live-tests.md)`, () => undefined);
    });
  } else if (setting.state === 'incomplete') {
    describe(liveTitle, () => {
      test('is configured', () => {
        throw new Error(`live ${vendorById(vendor).displayName} tests half configured:\n${setting.problems.join('\n')}`);
      });
    });
  } else {
    setting.secrets.forEach(watchSecret); // the canary scanner then looks for the tenant's secrets too
    const prefix = `${LIVE_PREFIX}${liveRunId()}`;
    describe(`${liveTitle} ${new URL(setting.baseUrl).host} (${prefix})`, () => register(new Target(vendor, 'live', setting.fixtures, prefix, setting), body));
  }
}

function register<V extends LiveVendor>(target: Target<V>, body: (t: Target<V>) => void): void {
  beforeAll(() => target.start(), LIVE_STEP_TIMEOUT_MS);
  afterAll(() => target.stop(), LIVE_STEP_TIMEOUT_MS);
  body(target);
}
