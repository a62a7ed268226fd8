/**
 * Tines' error bodies are undocumented and differ between endpoints: `{ errors: [{ message, details }] }`,
 * Rails' `{ errors: { name: ["has already been taken"] } }`, a bare array of strings, or plain text.
 * Each shape is read into one list of messages (the issues); the first is the headline.
 */
import { isRecord, str, type VendorErrorDetails } from '../http/error-body';
import type { VendorIssue } from '../http/errors';

const MAX_MESSAGE_CHARS = 300;

export function tinesErrorBody(body: unknown): VendorErrorDetails | undefined {
  const messages = tinesMessages(body);
  if (messages.length === 0) return undefined;
  const issues: VendorIssue[] = messages.map((message) => ({ message }));
  return { message: messages.join('; '), issues };
}

/** The messages in a Tines error body, whatever its shape (already redacted by the HTTP layer). */
export function tinesMessages(body: unknown): string[] {
  if (body === undefined || body === null) return [];
  if (typeof body === 'string') return textMessage(body);
  if (Array.isArray(body)) return body.flatMap(itemMessages);
  if (!isRecord(body)) return [];
  const errors = body['errors'];
  if (Array.isArray(errors)) return errors.flatMap(itemMessages);
  if (isRecord(errors)) {
    return Object.entries(errors).flatMap(([field, v]) =>
      (Array.isArray(v) ? v : [v]).filter((m): m is string => typeof m === 'string').map((m) => `${humanField(field)} ${m}`),
    );
  }
  for (const key of ['error', 'message', 'details']) {
    const text = str(body[key]);
    if (text !== undefined) return [cut(text)];
  }
  return [];
}

function itemMessages(item: unknown): string[] {
  if (typeof item === 'string') return item.trim() ? [cut(item.trim())] : [];
  if (!isRecord(item)) return [];
  const m = str(item['message']) ?? '';
  const d = str(item['details']) ?? '';
  // "Validation failed" says nothing the details do not; other headlines ("Unauthorized") do.
  if (d) return [cut(m && m !== 'Validation failed' ? `${m}: ${d}` : d)];
  return m ? [cut(m)] : [];
}

function textMessage(text: string): string[] {
  const trimmed = text.trim();
  if (!trimmed) return [];
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(trimmed);
  if (title) return [cut(`an HTML page titled "${title[1]!.trim()}"`)];
  if (/^<!doctype|^<html/i.test(trimmed)) return ['an HTML page'];
  return [cut(trimmed.replace(/\s+/g, ' '))];
}

const cut = (s: string) => (s.length > MAX_MESSAGE_CHARS ? `${s.slice(0, MAX_MESSAGE_CHARS)}…` : s);
const humanField = (f: string) => f.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
