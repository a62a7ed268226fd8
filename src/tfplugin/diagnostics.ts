/**
 * Diagnostics are collected, never thrown: every operation gets a `Diagnostics` to add to, and the
 * server turns them into protocol diagnostics. An attribute path lets Terraform point at the line of
 * configuration that caused the problem.
 */

/** One step of a path: an attribute name, a list/tuple index, or a map key. */
export type PathStep = string | number | { readonly key: string };
export type AttributePath = readonly PathStep[];

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  readonly severity: Severity;
  readonly summary: string;
  readonly detail?: string;
  readonly path?: AttributePath;
}

export class Diagnostics {
  readonly items: Diagnostic[] = [];

  addError(summary: string, detail?: string): this {
    this.items.push({ severity: 'error', summary, detail });
    return this;
  }

  addWarning(summary: string, detail?: string): this {
    this.items.push({ severity: 'warning', summary, detail });
    return this;
  }

  addAttributeError(path: AttributePath, summary: string, detail?: string): this {
    this.items.push({ severity: 'error', summary, detail, path });
    return this;
  }

  addAttributeWarning(path: AttributePath, summary: string, detail?: string): this {
    this.items.push({ severity: 'warning', summary, detail, path });
    return this;
  }

  append(other: Diagnostics | readonly Diagnostic[]): this {
    this.items.push(...(other instanceof Diagnostics ? other.items : other));
    return this;
  }

  hasError(): boolean {
    return this.items.some((d) => d.severity === 'error');
  }
}

/** Renders a path the way Terraform users write it: `settings["jira_user"]`, `ip_list[2]`. */
export function formatPath(path: AttributePath): string {
  let out = '';
  for (const step of path) {
    if (typeof step === 'string') out += out ? `.${step}` : step;
    else if (typeof step === 'number') out += `[${step}]`;
    else out += `[${JSON.stringify(step.key)}]`;
  }
  return out;
}
