/** Tines as the rest of credform names it (see ../vendor.ts). */
import type { Vendor } from '../vendor';
import { tinesErrorBody } from './error-body';

export const tinesVendor: Vendor = {
  id: 'tines',
  displayName: 'Tines',
  documentedOrigin: 'https://<tenant-domain>',
  env: {
    baseUrl: 'TINES_BASE_URL',
    credentials: { api_key: { env: 'TINES_API_KEY', sensitive: true, description: 'Tines API key (Bearer).' } },
  },
  errorBody: tinesErrorBody,
};
