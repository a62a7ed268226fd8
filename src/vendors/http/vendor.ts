/**
 * Whom a client talks to, as the HTTP layer needs it: an id for logs and error data, the name for
 * messages, and the vendor's reader of its error bodies. The HTTP layer lists no vendors: each vendor
 * folder passes its own (`Vendor` in ../vendor.ts has this shape).
 */
import type { ErrorBodyReader } from './error-body';

export interface HttpVendor {
  readonly id: string;
  readonly displayName: string;
  readonly errorBody?: ErrorBodyReader;
}
