/** The vendors the HTTP layer talks to, and the names users know them by (used in every message). */
export type VendorId = 'dx' | 'apinizer' | 'ox' | 'tines';

export const VENDOR_DISPLAY_NAMES: Readonly<Record<VendorId, string>> = {
  dx: 'DX',
  apinizer: 'Apinizer',
  ox: 'OX Security',
  tines: 'Tines',
};
