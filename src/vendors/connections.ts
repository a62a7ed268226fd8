/**
 * What `ConfigureProvider` produces: each vendor's settings resolved from configuration, then the
 * environment, and one HTTP client per vendor made on first use (so a stack using only Tines never
 * needs DX settings, and connections are pooled across all of a run's resources).
 */
import { readFileSync } from 'node:fs';
import type { Diagnostics } from '../tfplugin/diagnostics';
import { HttpClient, HttpConfigError, type HttpClientOptions, type HttpConfigSetting } from './http';
import { parseCaBundle } from './http/transport-policy';
import { deriveSecretCheckKey, type CheckKeySource, type SecretCheckKey } from './secret-rotation';
import { CONTROL_CHARACTER, DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_SECONDS, baseUrlProblem, checkBaseUrlPolicy } from './provider-schema';
import { VENDOR_IDS, vendorById } from './registry';
import type { Vendor, VendorId } from './vendor';

export interface VendorSettings {
  readonly vendor: VendorId;
  readonly baseUrl: string;
  /** Credential values by attribute name (`token`, `api_key`, `username`, `password`). */
  readonly credentials: Readonly<Record<string, string | undefined>>;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  readonly allowInsecureHttp: boolean;
  readonly caBundlePem?: string;
  readonly proxyUrl?: string;
}

type Resolved = { ok: true; settings: VendorSettings } | { ok: false; why: string };

/**
 * How a vendor folder makes its client from the resolved settings: the one way every resource gets
 * a configured client (`clientFor`). Made once per provider process and shared by every resource.
 */
export interface ClientFactory<C> {
  readonly vendor: Vendor;
  /** The client, or what is missing (a sentence saying which setting or variable to set). */
  make(settings: VendorSettings, connections: Connections): { readonly client: C } | { readonly missing: string };
}

/** The subset of every request that `clientFor` needs. */
export interface ClientRequest {
  readonly providerData: Connections | undefined;
  readonly diagnostics: Diagnostics;
}

/**
 * The vendor's client for a resource operation, or undefined with an error diagnostic saying why
 * (provider not configured, vendor not configured, a credential missing).
 */
export function clientFor<C>(factory: ClientFactory<C>, req: ClientRequest): C | undefined {
  if (!req.providerData) {
    req.diagnostics.addError('Provider not configured', `The credform provider was not configured before a ${factory.vendor.displayName} operation; this is a bug in credform. Run terraform plan again, and report it if it persists.`);
    return undefined;
  }
  return req.providerData.client(factory, req.diagnostics);
}

export class Connections {
  private readonly clients = new Map<string, unknown>();
  private readonly checkKeys = new Map<VendorId, Promise<SecretCheckKey | undefined>>();
  /** `<vendor>:<id>` of objects a create of this run adopted (see adoption.ts). */
  readonly adopted = new Set<string>();

  constructor(
    private readonly resolved: Readonly<Record<VendorId, Resolved>>,
    readonly signal: AbortSignal,
  ) {}

  /** The vendor's settings, or an error diagnostic saying how to configure it. */
  settings(vendor: VendorId, diags: Diagnostics): VendorSettings | undefined {
    const r = this.resolved[vendor];
    if (r.ok) return r.settings;
    diags.addError(`${vendorById(vendor).displayName} is not configured`, r.why);
    return undefined;
  }

  /** The vendor's client, made on first use and shared by every resource of the run (see `clientFor`). */
  client<C>(factory: ClientFactory<C>, diags: Diagnostics): C | undefined {
    const vendor = factory.vendor;
    const existing = this.clients.get(vendor.id);
    if (existing) return existing as C;
    const settings = this.settings(vendor.id, diags);
    if (!settings) return undefined;
    let made: ReturnType<ClientFactory<C>['make']>;
    try {
      made = factory.make(settings, this);
    } catch (e) {
      if (!(e instanceof HttpConfigError)) throw e;
      // A setting the HTTP layer refuses, named as the provider block names it.
      diags.addAttributeError([vendor.id, ATTRIBUTE_OF_SETTING[e.setting]], `Invalid ${ATTRIBUTE_OF_SETTING[e.setting]}`, e.message);
      return undefined;
    }
    if ('missing' in made) {
      diags.addError(`${vendor.displayName} credentials missing`, made.missing);
      return undefined;
    }
    this.clients.set(vendor.id, made.client);
    return made.client;
  }

  /**
   * The key of the plan-time secret check (secret-rotation.ts) for the vendor's configured
   * credentials: one scrypt, made on first use and shared by every resource of the run.
   */
  secretCheckKey(vendor: VendorId): CheckKeySource {
    return () => {
      let key = this.checkKeys.get(vendor);
      if (!key) {
        const r = this.resolved[vendor];
        key = r.ok ? deriveSecretCheckKey(vendor, r.settings.credentials) : Promise.resolve(undefined);
        this.checkKeys.set(vendor, key);
      }
      return key;
    };
  }

  /** Options for the shared HTTP layer from a vendor's settings. */
  httpOptions(settings: VendorSettings, auth: HttpClientOptions['auth']): HttpClientOptions {
    return {
      baseUrl: settings.baseUrl,
      vendor: vendorById(settings.vendor),
      auth,
      timeouts: { requestMs: settings.timeoutMs },
      retry: { maxAttempts: settings.maxRetries + 1 },
      allowInsecureHttp: settings.allowInsecureHttp,
      caBundlePem: settings.caBundlePem,
      proxyUrl: settings.proxyUrl,
      signal: this.signal,
      secrets: () => Object.values(settings.credentials).filter((v): v is string => !!v),
    };
  }

  httpClient(settings: VendorSettings, auth: HttpClientOptions['auth']): HttpClient {
    return new HttpClient(this.httpOptions(settings, auth));
  }
}

/** The provider block's attribute behind each setting of the HTTP layer. */
const ATTRIBUTE_OF_SETTING: Readonly<Record<HttpConfigSetting, string>> = {
  baseUrl: 'base_url',
  allowInsecureHttp: 'allow_insecure_http',
  caBundlePem: 'ca_bundle_file',
  proxyUrl: 'proxy_url',
  timeouts: 'timeout_seconds',
  retry: 'max_retries',
  maxResponseBytes: 'base_url',
  connections: 'base_url',
};

type Config = Readonly<Record<string, unknown>>;

/** Resolves every vendor from its block (or null) and the environment; problems become diagnostics or a "why not". */
export function resolveConnections(config: Config, env: NodeJS.ProcessEnv, diags: Diagnostics, signal: AbortSignal): Connections {
  const resolved = {} as Record<VendorId, Resolved>;
  for (const vendor of VENDOR_IDS) {
    resolved[vendor] = resolveVendor(vendor, (config[vendor] as Config | null) ?? {}, env, diags);
  }
  return new Connections(resolved, signal);
}

function resolveVendor(vendor: VendorId, block: Config, env: NodeJS.ProcessEnv, diags: Diagnostics): Resolved {
  const names = vendorById(vendor).env;
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  const baseUrl = str(block.base_url) ?? str(env[names.baseUrl]);
  if (!baseUrl) {
    return { ok: false, why: `Set \`base_url\` in the provider's \`${vendor}\` block, or the \`${names.baseUrl}\` environment variable.` };
  }
  // The block's values were checked at validate; what comes from the environment is checked here.
  const fromEnv = str(block.base_url) === undefined;
  const urlProblem = fromEnv ? baseUrlProblem(baseUrl) : undefined;
  if (urlProblem) return { ok: false, why: `The \`${names.baseUrl}\` environment variable ${urlProblem}.` };
  const allowInsecureHttp = block.allow_insecure_http === true;
  const policy = checkBaseUrlPolicy(vendor, baseUrl, allowInsecureHttp);
  if (policy) {
    diags.addAttributeError([vendor, 'base_url'], 'Insecure base URL', policy);
    return { ok: false, why: policy };
  }
  const credentials: Record<string, string | undefined> = {};
  for (const [name, c] of Object.entries(names.credentials)) {
    const value = str(block[name]) ?? str(env[c.env]);
    if (value !== undefined && CONTROL_CHARACTER.test(value)) {
      return { ok: false, why: `The \`${c.env}\` environment variable (\`${name}\`) contains a line break or other control character: set it without one.` };
    }
    credentials[name] = value;
  }
  let caBundlePem: string | undefined;
  if (typeof block.ca_bundle_file === 'string') {
    caBundlePem = readCaBundle(vendor, block.ca_bundle_file, diags);
    if (caBundlePem === undefined) return { ok: false, why: `The \`ca_bundle_file\` of the provider's \`${vendor}\` block cannot be used.` };
  }
  return {
    ok: true,
    settings: {
      vendor,
      baseUrl,
      credentials,
      timeoutMs: (typeof block.timeout_seconds === 'number' ? block.timeout_seconds : DEFAULT_TIMEOUT_SECONDS) * 1000,
      maxRetries: typeof block.max_retries === 'number' ? block.max_retries : DEFAULT_MAX_RETRIES,
      allowInsecureHttp,
      caBundlePem,
      proxyUrl: str(block.proxy_url),
    },
  };
}

/** The CA bundle file's text, checked to hold PEM certificates; undefined (with an error on `ca_bundle_file`) if not. */
function readCaBundle(vendor: VendorId, file: string, diags: Diagnostics): string | undefined {
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (e) {
    diags.addAttributeError([vendor, 'ca_bundle_file'], 'Cannot read CA bundle', `${file}: ${(e as Error).message}`);
    return undefined;
  }
  try {
    parseCaBundle(pem, vendorById(vendor));
  } catch (e) {
    const why = e instanceof HttpConfigError ? e.message.replace(/^.*?caBundlePem /, '') : String(e);
    diags.addAttributeError([vendor, 'ca_bundle_file'], 'Invalid CA bundle', `${file}: ${why}. Give a file of PEM certificates ("-----BEGIN CERTIFICATE-----" blocks).`);
    return undefined;
  }
  return pem;
}
