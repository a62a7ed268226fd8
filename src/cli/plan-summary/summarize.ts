/**
 * From a plan to what a reviewer needs: per stack and vendor, each credential's action and the
 * attributes that change. Secret values are never carried into the summary — not even when the
 * plan JSON holds them (sensitive values are in plan JSON in clear): a secret change is "rotated".
 */
import { vendorOfType } from '../../vendors/registry';
import type { PlanDiagnostic, PlanJson, ResourceChange } from './plan-json';

export type Action = 'create' | 'update' | 'replace' | 'delete' | 'import' | 'read';

export interface AttributeChange {
  readonly name: string;
  /** Rendered values; secrets are never rendered. */
  readonly before?: string;
  readonly after?: string;
  readonly note?: 'rotated' | 'forces replacement' | 'sensitive' | 'known after apply' | 'set';
}

export interface CredentialChange {
  readonly address: string;
  readonly type: string;
  readonly vendor: string;
  readonly action: Action;
  /** For imports: the id imported. */
  readonly importId?: string;
  readonly replacedBecause: string[];
  readonly createBeforeDestroy: boolean;
  readonly attributes: AttributeChange[];
}

export interface StackSummary {
  readonly stack: string;
  readonly changes: CredentialChange[];
  readonly diagnostics: PlanDiagnostic[];
}

export interface SchemaInfo {
  /** Resource type → attribute names holding secrets (sensitive or write-only). */
  readonly secretAttributes: Readonly<Record<string, ReadonlySet<string>>>;
  /** Resource type → attribute names only the provider sets (computed, not configurable). */
  readonly computedAttributes?: Readonly<Record<string, ReadonlySet<string>>>;
}

export function vendorOf(type: string): string {
  return vendorOfType(type)?.displayName ?? 'Other';
}

function actionOf(rc: ResourceChange): Action | undefined {
  const a = rc.change.actions;
  const importing = !!rc.change.importing;
  if (a.includes('delete') && a.includes('create')) return 'replace';
  if (importing) return 'import';
  if (a[0] === 'create') return 'create';
  if (a[0] === 'update') return 'update';
  if (a[0] === 'delete') return 'delete';
  if (a[0] === 'read') return 'read';
  return undefined;
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

const ISO_DATE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)$/;

/**
 * A timestamp the vendor keeps (Tines' `updated_at`): an attribute only the provider sets whose value
 * is a date-time. It moves on every write, so in a review it is noise, never news; what the user
 * configures (an expiry date, say) is not one, whatever its value.
 */
function isVendorTimestamp(name: string, rc: ResourceChange, schema: SchemaInfo, before: Record<string, unknown>, after: Record<string, unknown>): boolean {
  if (!schema.computedAttributes?.[rc.type]?.has(name)) return false;
  const value = before[name] ?? after[name];
  return typeof value === 'string' && ISO_DATE_TIME.test(value);
}

/** Renders a plain value for a Markdown cell: short and on one line. */
export function render(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  const text = typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

/** True when any leaf of a sensitivity mask is `true` (`[{}, {}]` marks nothing). */
function anySensitive(mask: unknown): boolean {
  if (mask === true) return true;
  if (Array.isArray(mask)) return mask.some(anySensitive);
  if (isObject(mask)) return Object.values(mask).some(anySensitive);
  return false;
}

function masked(mask: unknown, name: string): boolean {
  if (mask === true) return true;
  return isObject(mask) && anySensitive(mask[name]);
}

function attributeChanges(rc: ResourceChange, action: Action, schema: SchemaInfo): AttributeChange[] {
  const before = isObject(rc.change.before) ? rc.change.before : {};
  const after = isObject(rc.change.after) ? rc.change.after : {};
  const unknown = isObject(rc.change.after_unknown) ? rc.change.after_unknown : {};
  const secrets = schema.secretAttributes[rc.type] ?? new Set<string>();
  const replacing = new Set((rc.change.replace_paths ?? []).map((p) => String(p[0])));
  const out: AttributeChange[] = [];
  const names = [...new Set([...Object.keys(before), ...Object.keys(after), ...Object.keys(unknown)])].sort();
  // A rotated secret shows as its revision going unknown, its version changing, or a sensitive value changing.
  const rotatedBases = new Set<string>();
  // On a replacement the new object gets the secret anyway: it only "rotates" when that forced it.
  const counts = (name: string) => action === 'update' || action === 'import' || (action === 'replace' && replacing.has(name));
  for (const name of names) {
    const base = name.replace(/_(revision|wo_version)$/, '');
    if (!counts(name)) continue;
    if (name.endsWith('_revision') && unknown[name] === true && (before[name] ?? null) !== null) rotatedBases.add(base);
    if (name.endsWith('_wo_version') && JSON.stringify(before[name] ?? null) !== JSON.stringify(after[name] ?? null)) rotatedBases.add(base);
  }
  const present = (n: string) => (before[n] ?? null) !== null || (after[n] ?? null) !== null;
  for (const name of names) {
    const isSecret = secrets.has(name) || masked(rc.change.before_sensitive, name) || masked(rc.change.after_sensitive, name);
    if (name.endsWith('_revision')) continue; // shown through the secret it counts
    if (isSecret) {
      // A sensitive value in use (Terraform < 1.11 fallback) that changed is a rotation too.
      if (action === 'create' && present(name)) out.push({ name, note: 'sensitive' });
      else if (counts(name) && JSON.stringify(before[name] ?? null) !== JSON.stringify(after[name] ?? null)) rotatedBases.add(name.replace(/_wo$/, ''));
      continue;
    }
    if (action === 'delete') continue;
    if (isVendorTimestamp(name, rc, schema, before, after)) continue;
    if (unknown[name] === true) {
      // Everything computed is unknown for a new object: only an update's unknowns say something.
      if (action === 'create' || action === 'replace' || name === 'id') continue;
      if (before[name] === undefined || before[name] === null) continue;
      out.push({ name, before: render(before[name]), note: 'known after apply' });
      continue;
    }
    const b = before[name];
    const a = after[name];
    if (action === 'create') {
      if (a !== null && a !== undefined) out.push({ name, after: render(a) });
      continue;
    }
    if (JSON.stringify(b ?? null) === JSON.stringify(a ?? null)) continue;
    out.push({ name, before: render(b), after: render(a), ...(replacing.has(name) ? { note: 'forces replacement' as const } : {}) });
  }
  // One "rotated" per secret: the sensitive fallback when that is the one in use, else the write-only one.
  for (const base of [...rotatedBases].sort()) {
    out.push({ name: present(base) ? base : `${base}_wo`, note: 'rotated' });
  }
  return out;
}

export function summarizePlan(stack: string, plan: PlanJson, diagnostics: PlanDiagnostic[], schema: SchemaInfo): StackSummary {
  const changes: CredentialChange[] = [];
  for (const rc of plan.resource_changes ?? []) {
    if (rc.mode !== 'managed') continue;
    const action = actionOf(rc);
    if (!action) continue;
    changes.push({
      address: rc.address,
      type: rc.type,
      vendor: vendorOf(rc.type),
      action,
      importId: rc.change.importing?.id,
      replacedBecause: (rc.change.replace_paths ?? []).map((p) => p.map(String).join('.')),
      createBeforeDestroy: rc.change.actions[0] === 'create' && rc.change.actions.includes('delete'),
      attributes: attributeChanges(rc, action, schema),
    });
  }
  // Terraform reports some diagnostics once per walk (validate, then plan): show each once.
  const seen = new Set<string>();
  const unique = diagnostics.filter((d) => {
    const key = JSON.stringify(d);
    return !seen.has(key) && !!seen.add(key);
  });
  return { stack, changes, diagnostics: unique };
}
