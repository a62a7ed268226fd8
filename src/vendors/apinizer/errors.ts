/**
 * Apinizer's answers, in the terms of the Terraform configuration: a message that names a field
 * becomes an error on that attribute (so Terraform points at the line), the vendor's own words are
 * quoted, and each detail ends with what to do next.
 */
import type { AttributePath, Diagnostics } from '../../tfplugin/diagnostics';
import type { ErrorContext } from '../vendor';
import {
  AmbiguousRequestError,
  RequestAbortedError,
  ResponseBodyError,
  RetryBudgetExceededError,
  TransportError,
  VendorHttpError,
  type VendorIssue,
} from '../http';

/** What a failed Apinizer call was about: the credential, and what its configuration says. */
export interface ApinizerErrorContext extends ErrorContext {
  readonly project: string;
  readonly username: string;
  /** `password_wo` or `password`, whichever the configuration uses. */
  readonly passwordAttribute?: string;
  readonly roleNames?: readonly string[];
  readonly ipList?: readonly string[];
}

/** How every Apinizer message names a credential: by its import id. */
export function credentialSubject(project: string, username: string): string {
  return `credential ${project}/${username}`;
}

/** The context of a call about one credential (`action`: "create", "read", "plan", "adopt", …). */
export function credentialContext(
  action: string,
  project: string,
  username: string,
  more: Pick<ApinizerErrorContext, 'passwordAttribute' | 'roleNames' | 'ipList'> = {},
): ApinizerErrorContext {
  return { action, subject: credentialSubject(project, username), project, username, ...more };
}

/** Apinizer's body field names → attribute names. */
const FIELD_TO_ATTRIBUTE: Readonly<Record<string, string>> = {
  username: 'username',
  fullName: 'full_name',
  email: 'email',
  description: 'description',
  roleNameList: 'role_names',
  enabled: 'enabled',
  ipList: 'ip_list',
  expireDate: 'expire_date',
};

/** The documented 400 `error_description`s that name one field. */
const EMPTY_FIELD_MESSAGES: readonly [RegExp, string | 'password'][] = [
  [/username can not be empty/i, 'username'],
  [/password can not be empty/i, 'password'],
  [/full name can not be empty/i, 'full_name'],
  [/email can not be empty/i, 'email'],
];

export const DUPLICATE_MESSAGE = /already a credential has this name/i;
export const NOT_FOUND_MESSAGE = /Credential \(username: .*\) was not found/i;

export function importHint(project: string, username: string): string {
  return `To manage the existing credential with Terraform instead, import it: terraform import <resource address> ${project}/${username}`;
}

const quote = (error: VendorHttpError) => `Apinizer answered HTTP ${error.status}${error.code ? ` ${error.code}` : ''}: "${error.vendorMessage ?? 'no message'}" (${error.method} ${error.path}).`;

export function isDuplicateUsername(error: unknown): boolean {
  return error instanceof VendorHttpError && (error.code === 'duplicate_name' || error.code === 'conflict' || DUPLICATE_MESSAGE.test(error.vendorMessage ?? ''));
}

export function isCredentialNotFound(error: unknown): boolean {
  return error instanceof VendorHttpError && error.status === 400 && NOT_FOUND_MESSAGE.test(error.vendorMessage ?? '');
}

export function isProjectNotFound(error: unknown): boolean {
  return error instanceof VendorHttpError && error.status === 404 && !/^\/apiops\/auth\//.test(error.path);
}

/** Where the reporters below add diagnostics: the caller's, each detail ending with the context's extra sentence. */
type Sink = Pick<Diagnostics, 'addError' | 'addAttributeError'>;

function sinkOf(diags: Diagnostics, extra: string | undefined): Sink {
  if (!extra) return diags;
  return {
    addError: (summary, detail) => diags.addError(summary, detail === undefined ? extra : `${detail} ${extra}`),
    addAttributeError: (path, summary, detail) => diags.addAttributeError(path, summary, detail === undefined ? extra : `${detail} ${extra}`),
  };
}

/** Adds the diagnostics for a failed Apinizer call. */
export function reportError(to: Diagnostics, error: unknown, ctx: ApinizerErrorContext): void {
  const diags = sinkOf(to, ctx.extra);
  const head = (what: string) => `Cannot ${ctx.action} Apinizer ${ctx.subject}: ${what}`;
  if (error instanceof ResponseBodyError) {
    diags.addError(head('unexpected answer'), `${error.message}. credform expected the documented API Ops answer; check that the base URL points at the Apinizer manager.`);
    return;
  }
  if (error instanceof VendorHttpError) {
    reportVendorHttpError(diags, error, ctx, head);
    return;
  }
  if (error instanceof RetryBudgetExceededError) {
    if (error.lastCause instanceof VendorHttpError && error.lastCause.status !== 429 && error.lastCause.status < 500) {
      reportVendorHttpError(diags, error.lastCause, ctx, head);
      return;
    }
    diags.addError(head('Apinizer kept failing'), `${error.message}. Nothing is known to have changed; run the command again later.`);
    return;
  }
  if (error instanceof TransportError) {
    diags.addError(head('Apinizer is unreachable'), `${error.message}. Check the provider's apinizer base_url (or APINIZER_BASE_URL), the network and any proxy.`);
    return;
  }
  if (error instanceof AmbiguousRequestError) {
    diags.addError(head('the outcome is unknown'), `${error.message}. Run terraform plan to see what Apinizer now holds.`);
    return;
  }
  if (error instanceof RequestAbortedError) {
    diags.addError(head('cancelled'), error.message);
    return;
  }
  diags.addError(head('unexpected error'), error instanceof Error ? error.message : String(error));
}

function reportVendorHttpError(diags: Sink, error: VendorHttpError, ctx: ApinizerErrorContext, head: (what: string) => string): void {
  const said = quote(error);
  const message = error.vendorMessage ?? '';
  if (error.status === 401) {
    const exchange = /\/auth\/token$/.test(error.path);
    diags.addError(
      head('Apinizer did not accept the provider\'s credentials'),
      `${said} ${exchange
        ? 'The manager user was refused at /apiops/auth/token: check APINIZER_USERNAME and APINIZER_PASSWORD (or `username`/`password` in the provider\'s apinizer block).'
        : 'Check the personal API access token (APINIZER_TOKEN or `token` in the provider\'s apinizer block): it may be wrong, revoked or expired.'}`,
    );
    return;
  }
  if (error.status === 403) {
    diags.addError(head('permission denied'), `${said} The token's user needs IDENTITY + MANAGE permission in project ${ctx.project}, and IDENTITY + DEPLOY_UNDEPLOY for the automatic deployment.`);
    return;
  }
  if (error.status === 404 && isProjectNotFound(error)) {
    diags.addAttributeError(['project_name'], 'Apinizer project not found', `${said} Check the project name (it is case-sensitive) and that the token's user has access to project ${JSON.stringify(ctx.project)}.`);
    return;
  }
  if (isDuplicateUsername(error)) {
    diags.addAttributeError(['username'], 'Username already taken', `${said} Usernames are unique across every Apinizer credential, in every project. Choose another username. ${importHint(ctx.project, ctx.username)}`);
    return;
  }
  if (isCredentialNotFound(error)) {
    diags.addAttributeError(['username'], 'Credential no longer exists', `${said} It was deleted outside Terraform while this apply ran. Run terraform apply again: the next plan will create it.`);
    return;
  }
  for (const [pattern, attribute] of EMPTY_FIELD_MESSAGES) {
    if (pattern.test(message)) {
      const name = attribute === 'password' ? (ctx.passwordAttribute ?? 'password_wo') : attribute;
      diags.addAttributeError([name], `Apinizer refused an empty ${name}`, `${said} Set a non-empty value.`);
      return;
    }
  }
  if (error.issues && error.issues.length > 0) {
    for (const issue of error.issues) reportIssue(diags, issue, ctx, said);
    return;
  }
  diags.addError(head(`Apinizer refused the request (HTTP ${error.status})`), said);
}

/** One entry of `validation_errors`, on the attribute (and list element) it names. */
function reportIssue(diags: Sink, issue: VendorIssue, ctx: ApinizerErrorContext, said: string): void {
  const attribute = issue.field === 'password' ? (ctx.passwordAttribute ?? 'password_wo') : issue.field ? FIELD_TO_ATTRIBUTE[issue.field] : undefined;
  if (!attribute) {
    diags.addError(`Apinizer refused ${issue.field ?? 'the credential'}`, `${issue.field ? `${issue.field}: ` : ''}${issue.message}. ${said}`);
    return;
  }
  const list = attribute === 'role_names' ? ctx.roleNames : attribute === 'ip_list' ? ctx.ipList : undefined;
  const index = list ? elementNamed(list, issue.message) : -1;
  const path: AttributePath = index >= 0 ? [attribute, index] : [attribute];
  const hint =
    attribute === 'role_names'
      ? ' Role names must already exist in Apinizer and are case-sensitive; Apinizer has no API to list them, so ask an administrator for the exact names.'
      : '';
  diags.addAttributeError(path, `Apinizer refused ${attribute}`, `${issue.message}.${hint} ${said}`);
}

/** The list element a message is about ("Role (ADMIN) does not exist"), or -1. */
function elementNamed(list: readonly string[], message: string): number {
  const exact = list.findIndex((v) => message.includes(`(${v})`));
  return exact >= 0 ? exact : list.findIndex((v) => v !== '' && message.includes(v));
}

/**
 * A write succeeded but Apinizer could not deploy it everywhere: one error per failed environment,
 * naming it and quoting Apinizer. The credential exists; the caller keeps it in state.
 */
export function reportDeploymentFailures(
  diags: Diagnostics,
  failed: readonly { name: string | undefined; message: string }[],
  ctx: Pick<ApinizerErrorContext, 'project' | 'username'> & { readonly operation: 'create' | 'update' },
): void {
  const next =
    ctx.operation === 'create'
      ? 'The credential exists and is kept in state. Terraform marks a resource whose create reported an error as tainted, so the next terraform apply replaces it (deleting and creating it deploys it again); `terraform untaint <resource address>` makes the next apply deploy it again in place instead.'
      : 'The change was saved in Apinizer and is kept in state; the next terraform plan shows an update of `deployment`, and applying it deploys the credential again.';
  for (const env of failed) {
    const where = env.name ? `environment "${env.name}"` : 'its environments';
    diags.addError(
      `Deployment to ${env.name ? `environment "${env.name}"` : 'Apinizer environments'} failed`,
      `Apinizer ${ctx.operation === 'create' ? 'created' : 'updated'} credential ${ctx.project}/${ctx.username}, but deploying it to ${where} failed: "${env.message}". ${next}`,
    );
  }
}
