/**
 * plan-summary on plan JSON shaped as `terraform show -json` writes it (the e2e test and its golden
 * file cover real plans): what a reviewer is shown of an update, and what is left out as noise.
 */
import { renderMarkdown } from '../../src/cli/plan-summary/render-markdown';
import { schemaInfo } from '../../src/cli/plan-summary/run';
import { summarizePlan } from '../../src/cli/plan-summary/summarize';
import type { PlanJson } from '../../src/cli/plan-summary/plan-json';

const CREATED = '2026-01-05T10:00:00.000Z';
const UPDATED = '2026-02-01T08:30:00.000Z';

/** An in-place update of a Tines credential: renamed (so its slug changes) and its value rotated. */
const tinesUpdate = {
  address: 'credform_tines_text_credential.a',
  mode: 'managed',
  type: 'credform_tines_text_credential',
  name: 'a',
  change: {
    actions: ['update'],
    before: { id: '7', name: 'old name', team_id: 2, slug: 'old_name', description: '', created_at: CREATED, updated_at: UPDATED, value_revision: 1, value_wo: null },
    after: { id: '7', name: 'new name', team_id: 2, description: '', created_at: CREATED, value_wo: null },
    after_unknown: { slug: true, updated_at: true, value_revision: true },
    before_sensitive: { value_wo: true },
    after_sensitive: { value_wo: true },
  },
};

/** An Apinizer update whose only change is a date the user configures. */
const apinizerUpdate = {
  address: 'credform_apinizer_credential.u',
  mode: 'managed',
  type: 'credform_apinizer_credential',
  name: 'u',
  change: {
    actions: ['update'],
    before: { id: 'MyProject/u', project_name: 'MyProject', username: 'u', expire_date: '2026-12-31T23:59:59.000Z', password_revision: 1 },
    after: { id: 'MyProject/u', project_name: 'MyProject', username: 'u', expire_date: '2027-12-31T23:59:59.000Z', password_revision: 1 },
    after_unknown: {},
  },
};

function summarize(...changes: unknown[]) {
  const plan: PlanJson = { format_version: '1.2', resource_changes: changes as PlanJson['resource_changes'] };
  return summarizePlan('main', plan, [], schemaInfo());
}

describe('plan-summary: what an update shows', () => {
  test('a vendor timestamp that moves on every write (updated_at) is left out; the changes that matter stay', () => {
    const [change] = summarize(tinesUpdate).changes;
    expect(change!.attributes).toEqual([
      { name: 'name', before: '"old name"', after: '"new name"' },
      { name: 'slug', before: '"old_name"', note: 'known after apply' },
      { name: 'value_wo', note: 'rotated' },
    ]);
    const markdown = renderMarkdown([summarize(tinesUpdate)]);
    expect(markdown).toContain('`credform_tines_text_credential.a` | `name`: "old name" → "new name"<br>`slug`: "old_name" → (known after apply)<br>`value_wo`: **rotated** |');
    expect(markdown).not.toContain('updated_at');
    expect(markdown).not.toContain('created_at');
  });

  test('a date-time the user configures is news, and shown', () => {
    const [change] = summarize(apinizerUpdate).changes;
    expect(change!.attributes).toEqual([{ name: 'expire_date', before: '"2026-12-31T23:59:59.000Z"', after: '"2027-12-31T23:59:59.000Z"' }]);
  });

  test('without the schema\'s list of computed attributes nothing is left out', () => {
    const plan: PlanJson = { format_version: '1.2', resource_changes: [tinesUpdate] as PlanJson['resource_changes'] };
    const [change] = summarizePlan('main', plan, [], { secretAttributes: schemaInfo().secretAttributes }).changes;
    expect(change!.attributes.map((a) => a.name)).toContain('updated_at');
  });
});
