/**
 * `CredformProvider`: the credform provider in a cdktf stack. Tokens are best left out: the provider
 * reads `DX_API_TOKEN`, `APINIZER_TOKEN`, `OX_API_KEY` and `TINES_API_KEY` (and the `*_BASE_URL`s)
 * from the environment of the Terraform run, so they never reach `cdk.tf.json`.
 */
import { TerraformProvider } from 'cdktf';
import type { Construct } from 'constructs';
import { providerBlock, VENDOR_IDS, checkBaseUrlPolicy } from '../vendors/provider-schema';
import type { VendorId } from '../vendors/vendor';
import { VERSION } from '../version';
import { snakeCase } from './naming';
import { installAtSynth } from './provider-install';
import { addPropsValidation, collectIssues, type PropsIssue } from './validate-props';

/** Settings every vendor connection has. */
export interface VendorConnectionConfig {
  /**
   * Origin of the vendor instance (e.g. `https://acme.getdx.net`); the documented API paths are
   * appended. `http://` is refused for hosts other than loopback unless `allowInsecureHttp`.
   * @default the `<VENDOR>_BASE_URL` environment variable
   */
  readonly baseUrl?: string;
  /** Time allowed for one HTTP attempt, in seconds (1–600). @default 30 */
  readonly timeoutSeconds?: number;
  /** Retries of a failed safe request (429, 5xx, reset), with backoff honouring `Retry-After` (0–10). @default 4 */
  readonly maxRetries?: number;
  /** Allow `http://` to a host that is not loopback (the token then crosses the network in clear). @default false */
  readonly allowInsecureHttp?: boolean;
  /** PEM file of extra certificate authorities to trust (a private CA). @default none */
  readonly caBundleFile?: string;
  /** Proxy for this vendor. @default `HTTPS_PROXY`, honouring `NO_PROXY`; never for loopback hosts */
  readonly proxyUrl?: string;
}

export interface DxConnectionConfig extends VendorConnectionConfig {
  /** DX API token. Prefer the `DX_API_TOKEN` environment variable. @default `DX_API_TOKEN` */
  readonly token?: string;
}

export interface ApinizerConnectionConfig extends VendorConnectionConfig {
  /** Personal API access token. Prefer `APINIZER_TOKEN`. @default `APINIZER_TOKEN` */
  readonly token?: string;
  /** User exchanged with `password` for a token at `/apiops/auth/token`. @default `APINIZER_USERNAME` */
  readonly username?: string;
  /** Password of `username`. Prefer `APINIZER_PASSWORD`. @default `APINIZER_PASSWORD` */
  readonly password?: string;
}

export interface OxConnectionConfig extends VendorConnectionConfig {
  /** OX Security API key. Prefer `OX_API_KEY`. @default `OX_API_KEY` */
  readonly apiKey?: string;
}

export interface TinesConnectionConfig extends VendorConnectionConfig {
  /** Tines API key. Prefer `TINES_API_KEY`. @default `TINES_API_KEY` */
  readonly apiKey?: string;
}

export interface CredformProviderProps {
  /** DX connection. @default everything from `DX_BASE_URL` / `DX_API_TOKEN` */
  readonly dx?: DxConnectionConfig;
  /** Apinizer connection. @default everything from `APINIZER_*` variables */
  readonly apinizer?: ApinizerConnectionConfig;
  /** OX Security connection. @default everything from `OX_BASE_URL` / `OX_API_KEY` */
  readonly ox?: OxConnectionConfig;
  /** Tines connection. @default everything from `TINES_BASE_URL` / `TINES_API_KEY` */
  readonly tines?: TinesConnectionConfig;
  /** Alias, for several instances of one vendor in a stack; resources pick one with `provider`. @default none */
  readonly alias?: string;
  /**
   * Put the provider where this stack's Terraform finds it when the stack is synthesized, and lock
   * it, so `cdktf deploy` works offline with no other step. @default true
   */
  readonly installProvider?: boolean;
}

function toSnake(config: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(config).map(([k, v]) => [snakeCase(k), v]));
}

export class CredformProvider extends TerraformProvider {
  /** The provider's source address in `required_providers`. */
  static readonly SOURCE = 'credform/credform';
  /** The version this package installs and pins. */
  static readonly VERSION = VERSION;

  private readonly vendorBlocks: Partial<Record<VendorId, Record<string, unknown>>> = {};
  private _alias?: string;

  constructor(scope: Construct, id: string, props: CredformProviderProps = {}) {
    super(scope, id, {
      terraformResourceType: 'credform',
      terraformGeneratorMetadata: { providerName: 'credform', providerVersion: VERSION },
      terraformProviderSource: CredformProvider.SOURCE,
    });
    this._alias = props.alias;
    const issues: PropsIssue[] = [];
    for (const vendor of VENDOR_IDS) {
      const config = props[vendor];
      if (!config) continue;
      const attrs = toSnake(config);
      this.vendorBlocks[vendor] = attrs;
      issues.push(...collectIssues(providerBlock.blocks![vendor].block, attrs, `${vendor}.`));
      if (typeof attrs.base_url === 'string') {
        const problem = checkBaseUrlPolicy(vendor, attrs.base_url, attrs.allow_insecure_http === true);
        if (problem && !issues.some((i) => i.field === `${vendor}.baseUrl`)) issues.push({ field: `${vendor}.baseUrl`, message: problem });
      }
    }
    addPropsValidation(this, issues);
    if (props.installProvider ?? true) installAtSynth(this);
  }

  override get alias(): string | undefined {
    return this._alias;
  }

  override set alias(value: string | undefined) {
    this._alias = value;
  }

  protected override synthesizeAttributes(): Record<string, unknown> {
    return { ...this.vendorBlocks };
  }
}
