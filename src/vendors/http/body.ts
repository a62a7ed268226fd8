/**
 * Reading response bodies defensively: bounded in size, decoded without throwing, JSON parsed as a
 * result (never an exception), and anything unreadable (HTML error pages, binary) turned into a short
 * snippet a person can read in a Terraform diagnostic.
 */
import { bytes } from './messages';

/** Larger bodies are not read: no vendor answer this provider needs comes anywhere near it. */
export const DEFAULT_MAX_RESPONSE_BYTES = 5 * 1024 * 1024;

export type BodyRead =
  | { readonly complete: true; readonly text: string; readonly bytes: number }
  | { readonly complete: false; readonly bytesSeen: number; readonly declaredBytes?: number };

/** The subset of undici's body stream this needs (for-await consumption and destruction). */
export interface ResponseBodyStream extends AsyncIterable<Uint8Array> {
  destroy(error?: Error): unknown;
}

/** Reads at most `maxBytes`; a larger body (announced or actual) is abandoned and its stream destroyed. */
export async function readBodyCapped(
  body: ResponseBodyStream,
  maxBytes: number,
  contentType: string | undefined,
  declaredLength: number | undefined,
): Promise<BodyRead> {
  if (declaredLength !== undefined && declaredLength > maxBytes) {
    body.destroy();
    return { complete: false, bytesSeen: 0, declaredBytes: declaredLength };
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of body) {
    total += chunk.byteLength;
    if (total > maxBytes) {
      body.destroy();
      return { complete: false, bytesSeen: total, ...(declaredLength !== undefined ? { declaredBytes: declaredLength } : {}) };
    }
    chunks.push(chunk);
  }
  return { complete: true, text: decode(Buffer.concat(chunks), contentType), bytes: total };
}

/** A sentence for a body that was not read because of its size. */
export function tooLargeNote(read: Extract<BodyRead, { complete: false }>, maxBytes: number): string {
  const size = read.declaredBytes !== undefined ? ` (${bytes(read.declaredBytes)})` : '';
  return `The response body${size} exceeds the ${bytes(maxBytes)} limit and was not read`;
}

function decode(buffer: Buffer, contentType: string | undefined): string {
  const charset = /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType ?? '')?.[1];
  try {
    return new TextDecoder(charset ?? 'utf-8').decode(buffer);
  } catch {
    return new TextDecoder('utf-8').decode(buffer);
  }
}

export type JsonParse = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly message: string };

/** JSON.parse as a result; an empty (or blank) body parses to `undefined`. */
export function parseJson(text: string): JsonParse {
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

export function looksLikeHtml(text: string, contentType: string | undefined): boolean {
  return /html/i.test(contentType ?? '') || /^\s*<(!doctype|html|head|body)\b/i.test(text);
}

/** A short, single-line, printable rendering of a body for a message: an HTML page's title, or the text's start. */
export function textSnippet(text: string, contentType: string | undefined, maxChars = 300): string {
  let out = text;
  if (looksLikeHtml(text, contentType)) {
    const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(text)?.[1] ?? /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(text)?.[1];
    out = (title ?? text)
      .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ')
      .replace(/<[^>]*>/g, ' ')
      .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, e: string) => HTML_ENTITIES[e] ?? ' ');
  }
  // eslint-disable-next-line no-control-regex
  out = out.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim();
  return out.length > maxChars ? `${out.slice(0, maxChars)}…` : out;
}

const HTML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };
