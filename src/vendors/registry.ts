/**
 * The vendors credform serves, registered once. Everything that names or lists vendors (the HTTP
 * layer's messages, the provider schema, the constructs, the plan summary) reads them from here;
 * adding a vendor means adding its folder and one line below (and one in provider.ts).
 */
import { apinizerVendor } from './apinizer/vendor';
import { dxVendor } from './dx/vendor';
import { oxVendor } from './ox/vendor';
import { tinesVendor } from './tines/vendor';
import type { Vendor, VendorId } from './vendor';

export const VENDORS: readonly Vendor[] = [dxVendor, apinizerVendor, oxVendor, tinesVendor];

export const VENDOR_IDS: readonly VendorId[] = VENDORS.map((v) => v.id);

const BY_ID = new Map<string, Vendor>(VENDORS.map((v) => [v.id, v]));

export function vendorById(id: VendorId): Vendor {
  return BY_ID.get(id)!;
}

/** The vendor serving a resource or data source type (`credform_<id>_...`), or undefined. */
export function vendorOfType(type: string): Vendor | undefined {
  const id = /^credform_([a-z]+)_/.exec(type)?.[1];
  return id === undefined ? undefined : BY_ID.get(id);
}

export type { Vendor, VendorId };
