/** DX's documented error body: `{ ok: false, error: "<code>", display_message?, raw_message? }`. */
import { isRecord, str, type VendorErrorDetails } from '../http/error-body';

export function dxErrorBody(body: unknown): VendorErrorDetails | undefined {
  if (!isRecord(body) || body['ok'] !== false) return undefined;
  const code = str(body['error']);
  const main = str(body['display_message']);
  const raw = str(body['raw_message']);
  const message = main && raw && raw !== main ? `${main} (${raw})` : (main ?? raw);
  if (code === undefined && message === undefined) return undefined;
  return { ...(code !== undefined ? { code } : {}), ...(message !== undefined ? { message } : {}) };
}
