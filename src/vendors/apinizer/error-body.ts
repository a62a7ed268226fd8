/** Apinizer's documented error body: `{ error, error_description, validation_errors?: [{ field, message }] }`. */
import { isRecord, issuesFrom, str, withIssues, type VendorErrorDetails } from '../http/error-body';

export function apinizerErrorBody(body: unknown): VendorErrorDetails | undefined {
  if (!isRecord(body)) return undefined;
  const code = str(body['error']);
  const message = str(body['error_description']) ?? str(body['message']);
  const issues = issuesFrom(body['validation_errors']);
  if (code === undefined && message === undefined && issues.length === 0) return undefined;
  return withIssues(code, message, issues);
}
