/** The summary as Markdown for a pull-request comment. Pure: same input, same text. */
import type { Action, CredentialChange, StackSummary } from './summarize';

const ORDER: Action[] = ['create', 'update', 'replace', 'delete', 'import', 'read'];
const LABEL: Record<Action, string> = {
  create: '🟢 create',
  update: '🟡 update',
  replace: '🟠 replace',
  delete: '🔴 delete',
  import: '🔵 import',
  read: 'read',
};

const cell = (s: string) => s.replace(/\|/g, '\\|');

function describeChange(c: CredentialChange): string {
  const parts: string[] = [];
  if (c.importId) parts.push(`import id \`${cell(c.importId)}\``);
  for (const a of c.attributes) {
    if (a.note === 'rotated') parts.push(`\`${a.name}\`: **rotated**`);
    else if (a.note === 'sensitive') parts.push(`\`${a.name}\`: (sensitive)`);
    else if (a.note === 'known after apply') parts.push(`\`${a.name}\`: ${cell(a.before ?? '')} → (known after apply)`);
    else if (a.before === undefined) parts.push(`\`${a.name}\` = ${cell(a.after ?? '')}`);
    else parts.push(`\`${a.name}\`: ${cell(a.before)} → ${cell(a.after ?? '')}${a.note === 'forces replacement' ? ' (forces replacement)' : ''}`);
  }
  if (c.action === 'replace') {
    const why = c.replacedBecause.length ? `replaced because ${c.replacedBecause.map((p) => `\`${p}\``).join(', ')} cannot change in place` : 'replaced';
    parts.unshift(`${why}${c.createBeforeDestroy ? '; the new one is created before the old is removed' : ''}`);
  }
  return parts.join('<br>') || '—';
}

export function countActions(stacks: readonly StackSummary[]): Record<Action, number> {
  const counts = Object.fromEntries(ORDER.map((a) => [a, 0])) as Record<Action, number>;
  for (const s of stacks) for (const c of s.changes) counts[c.action]++;
  return counts;
}

export function renderMarkdown(stacks: readonly StackSummary[]): string {
  const counts = countActions(stacks);
  const errors = stacks.reduce((n, s) => n + s.diagnostics.filter((d) => d.severity === 'error').length, 0);
  const totals = ORDER.filter((a) => counts[a] > 0).map((a) => `${counts[a]} to ${a}`);
  const lines: string[] = [];
  lines.push(`## credform plan: ${errors ? `❌ ${errors} error${errors > 1 ? 's' : ''}` : totals.length ? totals.join(', ') : 'no changes'}`);
  if (errors && totals.length) lines.push('', `Changes planned where the plan succeeded: ${totals.join(', ')}.`);
  for (const s of stacks) {
    lines.push('', `### Stack \`${s.stack}\``);
    if (!s.changes.length && !s.diagnostics.length) lines.push('', 'No changes.');
    const vendors = [...new Set(s.changes.map((c) => c.vendor))].sort();
    for (const vendor of vendors) {
      lines.push('', `#### ${vendor}`, '', '| action | credential | what changes |', '|---|---|---|');
      const rows = s.changes.filter((c) => c.vendor === vendor).sort((a, b) => ORDER.indexOf(a.action) - ORDER.indexOf(b.action) || a.address.localeCompare(b.address));
      for (const c of rows) lines.push(`| ${LABEL[c.action]} | \`${cell(c.address)}\` | ${describeChange(c)} |`);
    }
    if (s.diagnostics.length) {
      lines.push('', '#### Checks before anything changes', '');
      for (const d of s.diagnostics) {
        const where = [d.address && `\`${d.address}\``, d.attribute && `\`${d.attribute}\``].filter(Boolean).join(' ');
        lines.push(`- ${d.severity === 'error' ? '❌ **Error**' : '⚠️ **Warning**'}: ${cell(d.summary)}${where ? ` (${where})` : ''}${d.detail ? ` — ${d.detail.replace(/\n+/g, ' ')}` : ''}`);
      }
    }
  }
  lines.push('', '<sub>Secret values are never shown: a changed secret reads **rotated**.</sub>', '');
  return lines.join('\n');
}
