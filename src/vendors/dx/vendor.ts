/** DX as the rest of credform names it (see ../vendor.ts). */
import type { Vendor } from '../vendor';
import { dxErrorBody } from './error-body';

export const dxVendor: Vendor = {
  id: 'dx',
  displayName: 'DX',
  documentedOrigin: 'https://<instance>.getdx.net',
  env: {
    baseUrl: 'DX_BASE_URL',
    credentials: { token: { env: 'DX_API_TOKEN', sensitive: true, description: 'DX API token (Bearer).' } },
  },
  errorBody: dxErrorBody,
};
