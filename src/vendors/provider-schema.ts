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
import { VENDORS, VENDOR_IDS, vendorById } from './registry';
import type { VendorId } from './vendor';

export { VENDOR_IDS };

export const DEFAULT_TIMEOUT_SECONDS = 30;
export const DEFAULT_MAX_RETRIES = 4;

/**
 * Why `text` cannot be a vendor's base URL, or undefined. A user name or password in it would travel
 * in every request line and log; a query or fragment would be glued to every documented path.
 */
export function baseUrlProblem(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'must be a URL such as https://host';
  }
  if (!/^https?:$/.test(url.protocol)) return 'must start with https:// (or http:// for a loopback host)';
  if (url.username !== '' || url.password !== '') return 'must not hold a user name or password: credentials go in the token attributes or their environment variables';
  if (url.search !== '' || text.includes('?')) return 'must not have a query (?…): the documented API paths are appended to it';
  if (url.hash !== '' || text.includes('#')) return 'must not have a fragment (#…)';
  return undefined;
}

const baseUrlSchema = z.string().superRefine((text, ctx) => {
  const problem = baseUrlProblem(text);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/** A token or password: a control character (a line break copied with it) would break the header. */
export const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;
const credentialSchema = z
  .string()
  .min(1, 'must not be empty')
  .refine((s) => !CONTROL_CHARACTER.test(s), 'must not contain a line break or other control character (copied along with the value?)');

function vendorBlock(vendor: VendorId): Block {
  const { env, displayName, documentedOrigin } = vendorById(vendor);
  const credentials: Record<string, Attribute> = {};
  for (const [name, c] of Object.entries(env.credentials)) {
    credentials[name] = attribute.optional(credentialSchema, {
      description: `${c.description} Defaults to the \`${c.env}\` environment variable; prefer that to writing it here.`,
      sensitive: c.sensitive,
    });
  }
  return {
    description: `Connection to ${displayName}.`,
    attributes: {
      base_url: attribute.optional(baseUrlSchema, {
        description: `Origin of the ${displayName} instance, e.g. \`${documentedOrigin}\`; the documented API paths are appended. Defaults to \`${env.baseUrl}\`.`,
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

/** `A, B and C`. */
const listOf = (names: readonly string[]) => (names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`);

export const providerBlock: Block = {
  description: `credform manages ${listOf(VENDORS.map((v) => v.displayName))} credentials. Each vendor block is optional: its settings may all come from environment variables.`,
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
    return `${vendorById(vendor).displayName} base URL ${JSON.stringify(baseUrl)} uses http:// to a host that is not loopback; use https://, or set allow_insecure_http = true if you accept sending the token in clear.`;
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

