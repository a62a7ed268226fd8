/** Apinizer as the rest of credform names it (see ../vendor.ts). */
import type { Vendor } from '../vendor';
import { apinizerErrorBody } from './error-body';

export const apinizerVendor: Vendor = {
  id: 'apinizer',
  displayName: 'Apinizer',
  documentedOrigin: 'https://<manager-host>',
  env: {
    baseUrl: 'APINIZER_BASE_URL',
    credentials: {
      token: { env: 'APINIZER_TOKEN', sensitive: true, description: 'Apinizer personal API access token (Bearer). Alternatively `username` and `password`.' },
      username: { env: 'APINIZER_USERNAME', sensitive: false, description: 'Apinizer user exchanged with `password` for a token at `/apiops/auth/token` (renewed before it expires).' },
      password: { env: 'APINIZER_PASSWORD', sensitive: true, description: 'Password of `username`.' },
    },
  },
  errorBody: apinizerErrorBody,
};
