/**
 * What every vendor folder declares about itself, in one light module (no HTTP or protocol code), so
 * that the HTTP layer's messages, the provider schema, the constructs and the plan summary all read
 * the same names from the registry (`registry.ts`). The provider side of a vendor — client factory,
 * resources, data sources — is its `VendorDescriptor` (`descriptor.ts`), registered in `provider.ts`.
 */
import type { VendorErrorDetails } from './http/error-body';

/** Also the prefix of the vendor's type names: `credform_<id>_...`. */
export type VendorId = 'dx' | 'apinizer' | 'ox' | 'tines';

export interface VendorCredentialSetting {
  /** Environment variable read when the provider block leaves the attribute out. */
  readonly env: string;
  readonly sensitive: boolean;
  readonly description: string;
}

export interface Vendor {
  readonly id: VendorId;
  /** The name users know the vendor by; every message uses it. */
  readonly displayName: string;
  /** The documented origin, shown in the docs of `base_url`. */
  readonly documentedOrigin: string;
  /** Environment variables the provider block falls back to. */
  readonly env: {
    readonly baseUrl: string;
    /** Credential attributes of the provider block (`token`, `api_key`, ...) and their variables. */
    readonly credentials: Readonly<Record<string, VendorCredentialSetting>>;
  };
  /**
   * Reads the vendor's documented error body (already redacted) into code, message and issues;
   * undefined when the body is not in that shape (the HTTP layer then reads what it can).
   */
  readonly errorBody: (body: unknown) => VendorErrorDetails | undefined;
}

/**
 * What a failed vendor call was doing, for the vendor's error reporter: every vendor folder's
 * `errors.ts` exports `reportError(diags, error, ctx)` with a context extending this one.
 */
export interface ErrorContext {
  /** `create`, `read`, `update`, `delete`, `plan`, `import`, `adopt`, … */
  readonly action: string;
  /** What it was about, e.g. `credential "ci" in team 2`. */
  readonly subject: string;
  /** One more sentence for the detail. */
  readonly extra?: string;
}
