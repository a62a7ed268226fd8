/**
 * Adoption at create, by natural key. An apply that was interrupted (terraform killed, a CI runner
 * lost) leaves credentials the vendor made but the state never recorded. Creating them again would
 * double them (OX) or be refused by the vendor's uniqueness rule (DX settings, Apinizer usernames,
 * Tines names), so a create that finds a credential under its natural key whose non-secret settings
 * are exactly the configured ones adopts it and sends it the configured secret (OX, which cannot
 * change a secret, supersedes it instead). See docs/reliability.md for the rules per vendor.
 *
 * At apply, Terraform plans a create again after it has deposed the object a create_before_destroy
 * replacement replaces, so a create cannot tell that object from one left behind. Adopting it is
 * harmless (the configured secret is sent to it), provided the deposed object is then not deleted:
 * an object a create of this run adopted belongs to the new resource instance, and its delete is
 * skipped.
 */
import type { DeleteRequest } from '../tfplugin/resource';
import type { Connections } from './connections';
import type { VendorId } from './vendor';
import { now as clockNow } from '../clock';

/** How old a credential may be and still be adopted, where the vendor reports a creation time. */
export const ADOPTION_WINDOW_MS = 24 * 60 * 60 * 1000;

/** True for a vendor timestamp within the adoption window (allowing the vendor's clock to run ahead). */
export function createdRecently(iso: string | null | undefined, now: number = clockNow()): boolean {
  const at = iso ? Date.parse(iso) : NaN;
  return Number.isFinite(at) && at >= now - ADOPTION_WINDOW_MS && at <= now + ADOPTION_WINDOW_MS;
}

/** True when a create of this run already adopted the object (it is nobody else's to adopt). */
export function adoptedBefore(connections: Connections | undefined, vendor: VendorId, id: string): boolean {
  return !!connections?.adopted.has(`${vendor}:${id}`);
}

/** Remembers an adopted object for the rest of this provider process. */
export function recordAdoption(connections: Connections | undefined, vendor: VendorId, id: string): void {
  connections?.adopted.add(`${vendor}:${id}`);
}

/**
 * At delete: true when a create of this run adopted the object, which then belongs to the new
 * resource instance; a warning says the delete was skipped.
 */
export function adoptedThisRun(req: DeleteRequest<Connections>, vendor: VendorId, id: string, what: string): boolean {
  if (!adoptedBefore(req.providerData, vendor, id)) return false;
  req.diagnostics.addWarning(
    'Not deleted: adopted by a new resource instance',
    `${what} was adopted earlier in this run by the create of a new resource instance (a create_before_destroy replacement, or a resource that moved), so it was removed from this instance's state without being deleted.`,
  );
  return true;
}
