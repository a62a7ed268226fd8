/**
 * Synth-time validation of construct props against a vendor's schema (the same zod schemas the
 * provider uses at `terraform validate`), so a mistake fails `cdktf synth` with the construct path
 * and the field. Values that are still tokens are skipped: Terraform checks them once known.
 *
 * A construct does not throw on bad props: it records its problems as a validation of its node
 * (`constructs`' `IValidation`, as AWS CDK's constructs do), and synth reports the problems of every
 * construct of the stack at once, each line `[construct path] prop: problem (got value)`.
 */
import { Token } from 'cdktf';
import { Node, type IConstruct, type IValidation } from 'constructs';
import { camelCase } from './naming';

/** One problem with a construct's props. */
export interface PropsIssue {
  /** The prop as the user wrote it (camelCase), with a path into it: `ipList[1]`, `dx.baseUrl`. */
  readonly field: string;
  /** What is wrong, e.g. `must not be empty`. */
  readonly message: string;
  /** The value given, echoed after the message; left out (undefined) for a missing prop and for any secret. */
  readonly value?: unknown;
}

/**
 * What the checks read of an attribute's declaration in a vendor's schema (the provider's own
 * attribute declarations are such).
 */
export interface SchemaAttribute {
  /** A required one missing is reported; a computed one set is refused. */
  readonly mode: 'required' | 'optional' | 'computed' | 'optional_computed';
  /** Its value is never echoed. */
  readonly sensitive?: boolean;
  /** Its value is never echoed. */
  readonly writeOnly?: boolean;
  /** The shape of a known value (a zod schema). */
  readonly schema: {
    safeParse(value: unknown):
      | { readonly success: true }
      | { readonly success: false; readonly error: { readonly issues: readonly { readonly code: string; readonly path: readonly PropertyKey[]; readonly message: string }[] } };
  };
}

/** What the checks read of a vendor's schema block: its attributes and nested blocks (the provider's own blocks are such). */
export interface SchemaBlock {
  /** Attributes by snake_case name. */
  readonly attributes: Readonly<Record<string, SchemaAttribute>>;
  /** Nested blocks by snake_case name; a `single` one is checked as an object prop. */
  readonly blocks?: Readonly<Record<string, { readonly nesting: string; readonly block: SchemaBlock }>>;
}

/** Whether `value` is, or holds, a token (a value Terraform only knows later). */
export function containsToken(value: unknown): boolean {
  if (typeof value === 'string') return Token.isUnresolved(value);
  if (typeof value === 'number') return Token.isUnresolved(value);
  if (Array.isArray(value)) return Token.isUnresolved(value) || value.some(containsToken);
  if (value && typeof value === 'object') return Token.isUnresolved(value) || Object.values(value).some(containsToken);
  return false;
}

/** `field` followed by a zod issue's path: `ipList[1]`, `credentials.input.installationId`. */
export function formatPath(field: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, step) => (typeof step === 'number' ? `${acc}[${step}]` : `${acc}.${String(step)}`), field);
}

/** The part of `value` at `path` (a zod issue's path), or undefined. */
export function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>((v, step) => (v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[step] : undefined), value);
}

const ECHO_LIMIT = 60;

/** `text` with the user information of any URL in it masked (`https://user:password@proxy` → `https://***@proxy`). */
function maskUserInfo(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^\s/@"]*@/gi, '$1***@');
}

/**
 * A value as echoed in a message: JSON, on one line, cut at 60 characters. A URL's user information
 * (`https://user:password@proxy`) is masked: a proxy URL may carry a password.
 */
export function echoValue(value: unknown): string {
  let text: string;
  try {
    text = typeof value === 'bigint' ? String(value) : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  text = maskUserInfo(text);
  return text.length > ECHO_LIMIT ? `${text.slice(0, ECHO_LIMIT - 1)}…` : text;
}

/**
 * `field: message (got value)`, the line synth prints after the construct path. A URL's user
 * information is masked in the message too (a rule may quote the URL it judged).
 */
export function formatIssue(issue: PropsIssue): string {
  return `${issue.field}: ${maskUserInfo(issue.message)}${issue.value === undefined ? '' : ` (got ${echoValue(issue.value)})`}`;
}

/** The props problems of one construct, reported when its stack is synthesized. */
export class PropsValidation implements IValidation {
  constructor(readonly issues: readonly PropsIssue[]) {}

  validate(): string[] {
    return this.issues.map(formatIssue);
  }
}

/**
 * Records `issues` (if any) on `construct`, for synth to report with every other construct's: the
 * one way a construct reports its props problems (synth names the construct by its path).
 */
export function addPropsValidation(construct: IConstruct, issues: readonly PropsIssue[]): void {
  if (issues.length) Node.of(construct).addValidation(new PropsValidation(issues));
}

/**
 * Checks snake_case attribute values against `block`; reports fields by their camelCase prop names
 * (`prefix` for nested blocks, e.g. `dx.baseUrl`). `propOf` names the prop an attribute's problems
 * are reported under when it is not the attribute's camelCase name (`secrets_wo` → `secrets`), or
 * `null` when the construct checks that attribute itself. Values of sensitive and write-only
 * attributes are never echoed.
 */
export function collectIssues(block: SchemaBlock, attrs: Record<string, unknown>, prefix = '', propOf: Readonly<Record<string, string | null>> = {}): PropsIssue[] {
  const issues: PropsIssue[] = [];
  for (const [name, attr] of Object.entries(block.attributes)) {
    const prop = name in propOf ? propOf[name] : prefix + camelCase(name);
    if (prop === null || prop === undefined) continue;
    const value = attrs[name];
    const secret = attr.sensitive === true || attr.writeOnly === true;
    if (value === undefined || value === null) {
      if (attr.mode === 'required') issues.push({ field: prop, message: 'is required' });
      continue;
    }
    if (attr.mode === 'computed') {
      issues.push({ field: prop, message: 'is computed by the provider and cannot be set', value: secret ? undefined : value });
      continue;
    }
    if (containsToken(value)) continue;
    const r = attr.schema.safeParse(value);
    if (r.success) continue;
    for (const issue of r.error.issues) {
      // An unknown key is wrong by its name; its value may be a secret put in the wrong place.
      const echo = !secret && issue.code !== 'unrecognized_keys';
      issues.push({ field: formatPath(prop, issue.path), message: issue.message, value: echo ? valueAt(value, issue.path) : undefined });
    }
  }
  for (const [name, nested] of Object.entries(block.blocks ?? {})) {
    const value = attrs[name];
    if (value && typeof value === 'object' && !containsToken(value) && nested.nesting === 'single') {
      issues.push(...collectIssues(nested.block, value as Record<string, unknown>, `${prefix}${camelCase(name)}.`));
    }
  }
  return issues;
}
