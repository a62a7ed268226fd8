/**
 * What a vendor said in an error body, whatever its shape:
 * - DX: `{ ok: false, error: "<code>", display_message?, raw_message? }`
 * - Apinizer: `{ error, error_description, validation_errors?: [{ field, message }] }`
 * - GraphQL (OX): `{ errors: [{ message, path?, extensions: { code } }] }`
 * - Tines: `{ errors: [{ message, details }] }`, a bare array, or plain text
 * - anything else: `message`/`detail`/`title`, or a snippet of the text (an HTML page's title).
 * Input is already redacted.
 */
import { textSnippet } from './body';
import type { VendorIssue } from './errors';

export interface VendorErrorDetails {
  readonly code?: string;
  readonly message?: string;
  readonly issues?: readonly VendorIssue[];
}

const MAX_MESSAGE_CHARS = 500;
const MAX_ISSUES = 20;

export function vendorErrorDetails(body: unknown, text: string, contentType: string | undefined): VendorErrorDetails {
  const fromBody = Array.isArray(body) ? fromArray(body) : isRecord(body) ? fromObject(body) : {};
  if (fromBody.message !== undefined || fromBody.code !== undefined) return clean(fromBody);
  const snippet = textSnippet(text, contentType, MAX_MESSAGE_CHARS);
  return clean({ ...fromBody, ...(snippet ? { message: snippet } : {}) });
}

function fromObject(body: Record<string, unknown>): VendorErrorDetails {
  const issues = [...issuesFrom(body['errors']), ...issuesFrom(body['validation_errors'])];
  const nested = isRecord(body['error']) ? body['error'] : undefined;
  const code =
    str(body['error']) ??
    str(nested?.['code']) ??
    str(body['code']) ??
    firstGraphQlCode(body['errors']);
  const raw = str(body['raw_message']);
  const main =
    str(body['display_message']) ??
    str(body['error_description']) ??
    str(nested?.['message']) ??
    str(body['message']) ??
    str(body['detail']) ??
    str(body['title']) ??
    (issues.length > 0 ? describeIssues(issues) : undefined);
  const message = main && raw && raw !== main ? `${main} (${raw})` : (main ?? raw);
  return {
    ...(code !== undefined ? { code } : {}),
    ...(message !== undefined ? { message } : {}),
    ...(issues.length > 0 ? { issues } : {}),
  };
}

function fromArray(body: readonly unknown[]): VendorErrorDetails {
  const issues = issuesFrom(body);
  return issues.length > 0 ? { message: describeIssues(issues), issues } : {};
}

function describeIssues(issues: readonly VendorIssue[]): string {
  return issues.map((i) => (i.field ? `${i.field}: ${i.message}` : i.message)).join('; ');
}

function issuesFrom(value: unknown): VendorIssue[] {
  if (!Array.isArray(value)) return [];
  const out: VendorIssue[] = [];
  for (const item of value.slice(0, MAX_ISSUES)) {
    if (typeof item === 'string') {
      out.push({ message: item });
    } else if (isRecord(item)) {
      const message = str(item['message']) ?? str(item['detail']) ?? str(item['error']);
      if (message === undefined) continue;
      const details = str(item['details']);
      const field = str(item['field']) ?? graphQlPath(item['path']);
      out.push({ ...(field !== undefined ? { field } : {}), message: details ? `${message} (${details})` : message });
    }
  }
  return out;
}

function firstGraphQlCode(errors: unknown): string | undefined {
  if (!Array.isArray(errors)) return undefined;
  for (const item of errors) {
    const extensions = isRecord(item) && isRecord(item['extensions']) ? item['extensions'] : undefined;
    const code = str(extensions?.['code']);
    if (code) return code;
  }
  return undefined;
}

function graphQlPath(path: unknown): string | undefined {
  return Array.isArray(path) && path.length > 0 ? path.map(String).join('.') : undefined;
}

function clean(details: VendorErrorDetails): VendorErrorDetails {
  const cut = (s: string) => (s.length > MAX_MESSAGE_CHARS ? `${s.slice(0, MAX_MESSAGE_CHARS)}…` : s);
  return {
    ...(details.code !== undefined ? { code: cut(details.code) } : {}),
    ...(details.message !== undefined ? { message: cut(details.message) } : {}),
    ...(details.issues !== undefined ? { issues: details.issues } : {}),
  };
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
