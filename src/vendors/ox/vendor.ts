/** OX Security as the rest of credform names it (see ../vendor.ts). */
import type { Vendor } from '../vendor';
import { oxErrorBody } from './error-body';

export const oxVendor: Vendor = {
  id: 'ox',
  displayName: 'OX Security',
  documentedOrigin: 'https://api.cloud.ox.security',
  env: {
    baseUrl: 'OX_BASE_URL',
    credentials: { api_key: { env: 'OX_API_KEY', sensitive: true, description: 'OX Security API key, sent as the raw `Authorization` header.' } },
  },
  errorBody: oxErrorBody,
};
