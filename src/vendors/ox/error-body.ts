/** A GraphQL error body (OX): `{ errors: [{ message, path?, extensions: { code } }] }`. */
import { isRecord, issuesFrom, str, withIssues, type VendorErrorDetails } from '../http/error-body';

export function oxErrorBody(body: unknown): VendorErrorDetails | undefined {
  if (!isRecord(body) || !Array.isArray(body['errors'])) return undefined;
  const issues = issuesFrom(body['errors']);
  const code = body['errors']
    .map((e) => (isRecord(e) && isRecord(e['extensions']) ? str(e['extensions']['code']) : undefined))
    .find((c) => c !== undefined);
  if (code === undefined && issues.length === 0) return undefined;
  return withIssues(code, str(body['message']), issues);
}
