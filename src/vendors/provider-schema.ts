/**
 * The provider's configuration: one block per vendor. Declared once; the Terraform schema the
 * provider serves, `terraform validate`, the `CredformProvider` construct's synth-time checks and the
 * reference docs all come from here. Every credential may be left out and read from the environment
 * instead, so that no token has to be written into configuration (or `cdk.tf.json`).
 */
import { z } from 'zod';
import type { Diagnostics } from '../tfplugin/diagnostics';
import { attribute, type Attribute, type Block } from '../tfplugin/schema/attribute';
import { isLoopbackHost } from './http/transport-policy';
import type { VendorId } from './http/vendor';

export const VENDOR_IDS = ['dx', 'apinizer', 'ox', 'tines'] as const satisfies readonly VendorId[];

export interface VendorEnv {
  /** Environment variable read when `base_url` is not set. */
  readonly baseUrl: string;
  /** Credential attributes and the environment variable each falls back to. */
  readonly credentials: Readonly<Record<string, { readonly env: string; readonly sensitive: boolean; readonly description: string }>>;
}

export const VENDOR_ENV: Readonly<Record<VendorId, VendorEnv>> = {
  dx: {
    baseUrl: 'DX_BASE_URL',
    credentials: { token: { env: 'DX_API_TOKEN', sensitive: true, description: 'DX API token (Bearer).' } },
  },
  apinizer: {
    baseUrl: 'APINIZER_BASE_URL',
    credentials: {
      token: { env: 'APINIZER_TOKEN', sensitive: true, description: 'Apinizer personal API access token (Bearer). Alternatively `username` and `password`.' },
      username: { env: 'APINIZER_USERNAME', sensitive: false, description: 'Apinizer user exchanged with `password` for a token at `/apiops/auth/token` (renewed before it expires).' },
      password: { env: 'APINIZER_PASSWORD', sensitive: true, description: 'Password of `username`.' },
    },
  },
  ox: {
    baseUrl: 'OX_BASE_URL',
    credentials: { api_key: { env: 'OX_API_KEY', sensitive: true, description: 'OX Security API key, sent as the raw `Authorization` header.' } },
  },
  tines: {
    baseUrl: 'TINES_BASE_URL',
    credentials: { api_key: { env: 'TINES_API_KEY', sensitive: true, description: 'Tines API key (Bearer).' } },
  },
};

export const DEFAULT_TIMEOUT_SECONDS = 30;
export const DEFAULT_MAX_RETRIES = 4;

const VENDOR_NAMES: Record<VendorId, string> = { dx: 'DX', apinizer: 'Apinizer', ox: 'OX Security', tines: 'Tines' };
const DOCUMENTED_ORIGIN: Record<VendorId, string> = {
  dx: 'https://<instance>.getdx.net',
  apinizer: 'https://<manager-host>',
  ox: 'https://api.cloud.ox.security',
  tines: 'https://<tenant-domain>',
};

const baseUrlSchema = z
  .string()
  .url('must be a URL such as https://host')
  .refine((u) => {
    try {
      return /^https?:$/.test(new URL(u).protocol);
    } catch {
      return true; // not a URL at all: .url() above already said so
    }
  }, 'must start with https:// (or http:// for a loopback host)');

function vendorBlock(vendor: VendorId): Block {
  const env = VENDOR_ENV[vendor];
  const credentials: Record<string, Attribute> = {};
  for (const [name, c] of Object.entries(env.credentials)) {
    credentials[name] = attribute.optional(z.string().min(1, 'must not be empty'), {
      description: `${c.description} Defaults to the \`${c.env}\` environment variable; prefer that to writing it here.`,
      sensitive: c.sensitive,
    });
  }
  return {
    description: `Connection to ${VENDOR_NAMES[vendor]}.`,
    attributes: {
      base_url: attribute.optional(baseUrlSchema, {
        description: `Origin of the ${VENDOR_NAMES[vendor]} instance, e.g. \`${DOCUMENTED_ORIGIN[vendor]}\`; the documented API paths are appended. Defaults to \`${env.baseUrl}\`.`,
      }),
      ...credentials,
      timeout_seconds: attribute.optional(z.number().int().min(1).max(600), {
        description: `Time allowed for one HTTP attempt, connection included. Default ${DEFAULT_TIMEOUT_SECONDS}.`,
      }),
      max_retries: attribute.optional(z.number().int().min(0).max(10), {
        description: `Retries of a failed safe request (429, 5xx, connection reset), with exponential backoff honouring \`Retry-After\`. Creates are never blindly retried. Default ${DEFAULT_MAX_RETRIES}.`,
      }),
      allow_insecure_http: attribute.optional(z.boolean(), {
        description: 'Allow `http://` to a host that is not loopback (the token then crosses the network in clear). Default false.',
      }),
      ca_bundle_file: attribute.optional(z.string().min(1), {
        description: 'PEM file of certificate authorities to trust besides the default ones (a private CA).',
      }),
      proxy_url: attribute.optional(z.string().url(), {
        description: 'Proxy for this vendor. Defaults to `HTTPS_PROXY` (honouring `NO_PROXY`); never used for loopback hosts.',
      }),
    },
  };
}

export const providerBlock: Block = {
  description: 'credform manages DX, Apinizer, OX Security and Tines credentials. Each vendor block is optional: its settings may all come from environment variables.',
  attributes: {},
  blocks: Object.fromEntries(VENDOR_IDS.map((v) => [v, { nesting: 'single' as const, block: vendorBlock(v) }])),
};

/** `http://` to a non-loopback host is refused unless allowed: a token must not cross a network in clear. */
export function checkBaseUrlPolicy(vendor: VendorId, baseUrl: string, allowInsecureHttp: boolean): string | undefined {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return `${JSON.stringify(baseUrl)} is not a URL`;
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname) && !allowInsecureHttp) {
    return `${VENDOR_NAMES[vendor]} base URL ${JSON.stringify(baseUrl)} uses http:// to a host that is not loopback; use https://, or set allow_insecure_http = true if you accept sending the token in clear.`;
  }
  return undefined;
}

/** Cross-field rules of one vendor block (values still unknown are not judged). */
export function validateVendorBlock(vendor: VendorId, block: Record<string, unknown>, path: (string | number)[], diags: Diagnostics): void {
  if (typeof block.base_url === 'string') {
    const problem = checkBaseUrlPolicy(vendor, block.base_url, block.allow_insecure_http === true);
    if (problem) diags.addAttributeError([...path, 'base_url'], 'Insecure base URL', problem);
  }
  if (vendor === 'apinizer' && typeof block.username === 'string' && block.token != null) {
    diags.addAttributeWarning([...path, 'token'], 'Both token and username set', 'The personal token is used; `username`/`password` are ignored.');
  }
}

export { VENDOR_NAMES };
