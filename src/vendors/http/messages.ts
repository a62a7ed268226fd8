/**
 * Pure formatters for the messages of the HTTP layer's errors. Headlines name the vendor and the call;
 * the rest says what happened in the vendor's words, then what to do.
 */
import type {
  AmbiguousRequestErrorData,
  RequestDescription,
  RetryBudgetExceededErrorData,
  TransportErrorData,
  VendorHttpErrorData,
} from './errors';

export function formatVendorHttp(data: VendorHttpErrorData & { readonly problem?: string }): string {
  const parts = [`${call(data)} ${data.problem ? 'answered' : 'failed with'} HTTP ${data.status}`];
  if (data.code && data.code !== data.vendorMessage) parts[0] += ` ${data.code}`;
  if (data.vendorMessage) parts[0] += `: ${data.vendorMessage}`;
  const unlisted = (data.issues ?? []).filter((issue) => !data.vendorMessage?.includes(issue.message));
  if (unlisted.length > 0) parts.push(unlisted.map((i) => (i.field ? `${i.field}: ${i.message}` : i.message)).join('; '));
  if (data.note) parts.push(data.note);
  const hint = STATUS_HINTS[data.status];
  if (hint && !data.problem) parts.push(hint(data.vendorName));
  if (data.requestId) parts.push(`Request id: ${data.requestId}`);
  return sentences(parts);
}

/** Joins parts with ". ", without doubling the punctuation a vendor message already ends with. */
function sentences(parts: readonly string[]): string {
  return parts.reduce((text, part) => (/[.!?]$/.test(text) ? `${text} ${part}` : `${text}. ${part}`));
}

const STATUS_HINTS: Record<number, (vendor: string) => string> = {
  401: (vendor) => `Check the ${vendor} API token: it was not accepted`,
  403: (vendor) => `The ${vendor} API token lacks the permission for this call`,
  429: (vendor) => `${vendor} is rate limiting this token`,
};

export function formatAmbiguous(data: AmbiguousRequestErrorData): string {
  return (
    `${call(data)} may or may not have taken effect: ${data.detail}. ` +
    'It was not retried because it is not idempotent; look the object up before creating it again'
  );
}

export function formatTransport(data: TransportErrorData): string {
  return `${call(data)}: ${data.detail}`;
}

export function formatRetryBudget(data: RetryBudgetExceededErrorData): string {
  const over = `${data.attempts} attempt${data.attempts === 1 ? '' : 's'} over ${seconds(data.elapsedMs)}`;
  const gaveUp = data.attempts === 0 ? 'was not sent' : `gave up after ${over}`;
  let why: string;
  switch (data.reason) {
    case 'max_attempts':
      why = `gave up after ${over} (retry.maxAttempts = ${data.maxAttempts})`;
      break;
    case 'max_total_wait':
      why = `${gaveUp}: waiting between attempts reached retry.maxTotalWaitMs = ${data.maxTotalWaitMs}`;
      break;
    case 'wait_exceeds_budget':
      why =
        `${gaveUp}: the server asked to wait ${seconds(data.requestedWaitMs ?? 0)}` +
        `${data.waitSource ? ` (${data.waitSource})` : ''}, more than the ` +
        `${seconds(Math.max(0, data.maxTotalWaitMs - data.waitedMs))} left of retry.maxTotalWaitMs = ${data.maxTotalWaitMs}`;
      break;
  }
  const last = data.lastCause ? `; last cause: ${stripCall(data.lastCause.message, data)}` : '';
  return `${call(data)} ${why}${last}`;
}

export function formatAborted(request: RequestDescription, reason?: unknown): string {
  const why = reason instanceof Error && reason.name !== 'AbortError' ? ` (${reason.message})` : '';
  return `${call(request)} was cancelled${why}`;
}

function call(request: Pick<RequestDescription, 'vendorName' | 'method' | 'path'>): string {
  return `${request.vendorName} ${request.method} ${request.path}`;
}

function stripCall(message: string, request: RequestDescription): string {
  const prefix = call(request);
  return message.startsWith(prefix) ? message.slice(prefix.length).replace(/^[:\s]+/, '') : message;
}

export function seconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}

/** Byte counts for messages: "10.0 MiB". */
export function bytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} B`;
}
