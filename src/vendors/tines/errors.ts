/**
 * Tines errors in words a user can act on. The HTTP layer has already read the error body, whatever
 * its shape, into a list of messages (`error-body.ts` → `VendorHttpError.issues`); a message that
 * names a field ("Name can't be blank") is attached to that attribute so Terraform points at the line
 * of configuration.
 */
import type { AttributePath, Diagnostics } from '../../tfplugin/diagnostics';
import {
  AmbiguousRequestError,
  RequestAbortedError,
  ResponseBodyError,
  RetryBudgetExceededError,
  TransportError,
  VendorHttpError,
} from '../http';
import type { ErrorContext } from '../vendor';

/** Which attribute a Tines message is about, from the field name it starts with. */
export function attributeOfMessage(message: string, valueAttribute: string): string | undefined {
  const rules: Array<[RegExp, string]> = [
    [/^name\b/i, 'name'],
    [/^team\b(?! slug)/i, 'team_id'],
    [/^folder\b/i, 'folder_id'],
    [/^read[ _]access\b/i, 'read_access'],
    [/^shared[ _]team[ _]slug/i, 'shared_team_slugs'],
    [/^description\b/i, 'description'],
    [/^metadata\b/i, 'metadata'],
    [/^allowed[ _]hosts?\b/i, 'allowed_hosts'],
    [/^value\b/i, valueAttribute],
    [/^live[ _]credential/i, 'live_credential_id'],
  ];
  return rules.find(([re]) => re.test(message))?.[1];
}

/** `action` for the headline ("create", "update", "read", "delete", "check", "adopt"); `subject` e.g. `credential "x" in team 2`. */
export interface TinesErrorContext extends ErrorContext {
  /** `value_wo` or `value`: where a "Value …" message points. */
  readonly valueAttribute: string;
}

export interface TinesProblem {
  readonly summary: string;
  readonly detail: string;
  readonly attribute?: string;
}

/** One or more problems (one per field Tines complained about) for any error a Tines call threw. */
export function describeTinesError(error: unknown, ctx: TinesErrorContext): TinesProblem[] {
  const http = error instanceof RetryBudgetExceededError && error.lastCause instanceof VendorHttpError ? error.lastCause : error;
  if (http instanceof ResponseBodyError) {
    return [{ summary: `Unexpected answer from Tines`, detail: `${http.message}. Is the base URL the Tines tenant's origin (e.g. https://tenant.tines.com)?` }];
  }
  if (http instanceof VendorHttpError) return describeStatus(http, ctx, error instanceof RetryBudgetExceededError ? error : undefined);
  if (error instanceof AmbiguousRequestError) {
    return [{ summary: `Tines ${ctx.action} outcome unknown`, detail: `${error.message}.` }];
  }
  if (error instanceof TransportError) {
    return [{ summary: 'Cannot reach Tines', detail: `${error.message}. Check the base URL (TINES_BASE_URL or the provider's tines.base_url), the network and any proxy.` }];
  }
  if (error instanceof RetryBudgetExceededError) {
    return [{ summary: `Tines ${ctx.action} did not succeed`, detail: `${error.message}. Run the command again later; raise tines.max_retries if this keeps happening.` }];
  }
  if (error instanceof RequestAbortedError) return [{ summary: `Tines ${ctx.action} cancelled`, detail: error.message }];
  const message = error instanceof Error ? error.message : String(error);
  return [{ summary: `Tines ${ctx.action} failed`, detail: message }];
}

/**
 * What Tines said: the messages the HTTP layer read from the body (`tinesErrorBody`), one issue each.
 * A body it could not read says nothing here, as before: the status and the call still identify it.
 */
function messagesOf(e: VendorHttpError): string[] {
  return (e.issues ?? []).map((i) => (i.field ? `${i.field}: ${i.message}` : i.message));
}

function describeStatus(e: VendorHttpError, ctx: TinesErrorContext, budget?: RetryBudgetExceededError): TinesProblem[] {
  const messages = messagesOf(e);
  const said = messages.length ? `: ${messages.join('; ')}` : '';
  const call = `${e.method} ${e.path}`;
  const answered = `Tines answered HTTP ${e.status}${said} (${call} for ${ctx.subject})`;
  switch (true) {
    case e.status === 401:
      return [{ summary: 'Tines did not accept the API key', detail: `${answered}. Check the key in TINES_API_KEY (or the provider's tines.api_key) and that it belongs to the tenant at the base URL.` }];
    case e.status === 403:
      return [{ summary: 'The Tines API key lacks a permission', detail: `${answered}. The key's user must be able to manage credentials of this team.` }];
    case e.status === 404 && ctx.action === 'create':
      return [{ summary: 'Tines has no such endpoint', detail: `${answered}. Check that the base URL is the tenant's origin (e.g. https://tenant.tines.com), without /api.` }];
    case e.status === 404:
      return [{ summary: 'Credential not found in Tines', detail: `${answered}. It was probably deleted outside Terraform; run \`terraform apply\` again: the refresh removes it from state and plans to create it anew.` }];
    case e.status === 429:
      return [{ summary: 'Tines is rate limiting this API key', detail: `${budget ? budget.message : answered}. Tines allows 5,000 requests a minute per IP and key; run again later.` }];
    case e.status >= 500:
      return [{ summary: `Tines ${ctx.action} failed on the Tines side`, detail: `${budget ? budget.message : answered}. Run the command again later; if it persists, contact Tines support.` }];
    case e.status === 422 || e.status === 400:
      return validationProblems(e, messages, ctx, answered);
    default:
      return [{ summary: `Tines ${ctx.action} failed`, detail: `${answered}.` }];
  }
}

function validationProblems(e: VendorHttpError, messages: string[], ctx: TinesErrorContext, answered: string): TinesProblem[] {
  if (messages.length === 0) return [{ summary: `Tines refused the ${ctx.action}`, detail: `${answered}.` }];
  return messages.map((message) => {
    const attribute = attributeOfMessage(message, ctx.valueAttribute);
    if (attribute === 'name' && /already been taken|already exists/i.test(message)) {
      return { summary: 'Credential name already taken', attribute, detail: `Tines answered HTTP ${e.status}: ${message} (${ctx.subject}). Names are unique within a team: choose another name, or import the existing credential with \`terraform import <address> <id>\`.` };
    }
    return { summary: `Tines refused the ${ctx.action}`, detail: `Tines answered HTTP ${e.status}: ${message} (${e.method} ${e.path} for ${ctx.subject}).`, ...(attribute ? { attribute } : {}) };
  });
}

/** Adds the problems of `error` to `diags`, each on its attribute when Tines named one; `ctx.extra` ends each detail. */
export function reportError(diags: Diagnostics, error: unknown, ctx: TinesErrorContext): void {
  for (const p of describeTinesError(error, ctx)) {
    const detail = ctx.extra ? `${p.detail} ${ctx.extra}` : p.detail;
    if (p.attribute) diags.addAttributeError([p.attribute] as AttributePath, p.summary, detail);
    else diags.addError(p.summary, detail);
  }
}
