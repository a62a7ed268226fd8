/**
 * What a vendor said in an error body. The vendor's own reader (`Vendor.errorBody`, in its folder's
 * `error-body.ts`) goes first; when it finds nothing, a generic reading: `message`/`detail`/`title`,
 * a list of messages, or a snippet of the text (an HTML page's title). Input is already redacted.
 */
import { textSnippet } from './body';
import type { VendorIssue } from './errors';

export interface VendorErrorDetails {
  readonly code?: string;
  readonly message?: string;
  readonly issues?: readonly VendorIssue[];
}

/** A vendor's reader of its documented error body; undefined when the body is not in that shape. */
export type ErrorBodyReader = (body: unknown) => VendorErrorDetails | undefined;

const MAX_MESSAGE_CHARS = 500;
const MAX_ISSUES = 20;

export function vendorErrorDetails(body: unknown, text: string, contentType: string | undefined, reader?: ErrorBodyReader): VendorErrorDetails {
  const fromBody = reader?.(body) ?? genericDetails(body);
  if (fromBody.message !== undefined || fromBody.code !== undefined) return clean(fromBody);
  const snippet = textSnippet(text, contentType, MAX_MESSAGE_CHARS);
  return clean({ ...fromBody, ...(snippet ? { message: snippet } : {}) });
}

function genericDetails(body: unknown): VendorErrorDetails {
  if (Array.isArray(body)) return withIssues(undefined, undefined, issuesFrom(body));
  if (!isRecord(body)) return {};
  const nested = isRecord(body['error']) ? body['error'] : undefined;
  const code = str(body['error']) ?? str(nested?.['code']) ?? str(body['code']);
  const message = str(nested?.['message']) ?? str(body['message']) ?? str(body['detail']) ?? str(body['title']);
  return withIssues(code, message, issuesFrom(body['errors']));
}

/** Details from a code, a headline and listed issues (the headline falls back to the issues). */
export function withIssues(code: string | undefined, message: string | undefined, issues: readonly VendorIssue[]): VendorErrorDetails {
  const text = message ?? (issues.length > 0 ? describeIssues(issues) : undefined);
  return {
    ...(code !== undefined ? { code } : {}),
    ...(text !== undefined ? { message: text } : {}),
    ...(issues.length > 0 ? { issues } : {}),
  };
}

function describeIssues(issues: readonly VendorIssue[]): string {
  return issues.map((i) => (i.field ? `${i.field}: ${i.message}` : i.message)).join('; ');
}

/** Issues from a list of strings or `{ message|detail|error, details?, field?|path? }` objects. */
export function issuesFrom(value: unknown): VendorIssue[] {
  if (!Array.isArray(value)) return [];
  const out: VendorIssue[] = [];
  for (const item of value.slice(0, MAX_ISSUES)) {
    if (typeof item === 'string') {
      if (item.trim() !== '') out.push({ message: item.trim() });
    } else if (isRecord(item)) {
      const message = str(item['message']) ?? str(item['detail']) ?? str(item['error']);
      if (message === undefined) continue;
      const details = str(item['details']);
      const path = item['path'];
      const field = str(item['field']) ?? (Array.isArray(path) && path.length > 0 ? path.map(String).join('.') : undefined);
      out.push({ ...(field !== undefined ? { field } : {}), message: details ? `${message} (${details})` : message });
    }
  }
  return out;
}

function clean(details: VendorErrorDetails): VendorErrorDetails {
  const cut = (s: string) => (s.length > MAX_MESSAGE_CHARS ? `${s.slice(0, MAX_MESSAGE_CHARS)}…` : s);
  return {
    ...(details.code !== undefined ? { code: cut(details.code) } : {}),
    ...(details.message !== undefined ? { message: cut(details.message) } : {}),
    ...(details.issues !== undefined ? { issues: details.issues } : {}),
  };
}

/** A non-blank string, trimmed. */
export function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
