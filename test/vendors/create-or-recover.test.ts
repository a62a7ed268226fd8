/**
 * The one create-or-recover mechanism, driven through in-memory vendor hooks: a tiny "vendor" whose
 * objects live in an array, and a create that can lose its answer after (or before) storing. The
 * vendors' own hooks are exercised end to end by each vendor's lifecycle and failure tests.
 */
import { Diagnostics } from '../../src/tfplugin/diagnostics';
import { resolveConnections } from '../../src/vendors/connections';
import { createOrRecover, type CreateRecovery } from '../../src/vendors/create-or-recover';
import { AmbiguousRequestError } from '../../src/vendors/http';
import { tinesVendor } from '../../src/vendors/tines/vendor';

interface Thing {
  readonly id: string;
  readonly name: string;
  readonly setting: string;
}

const lost = () =>
  new AmbiguousRequestError({ vendor: 'tines', vendorName: 'Tines', method: 'POST', path: '/things', attempts: 1, reason: 'connection_lost', detail: 'the connection closed before an answer' });

class Refused extends Error {}

function world(options: { stored?: Thing[]; onSend?: 'store' | 'store-then-lose' | 'lose' | 'refuse' } = {}) {
  const stored = [...(options.stored ?? [])];
  let next = 100;
  const diags = new Diagnostics();
  const connections = resolveConnections({}, {}, new Diagnostics(), new AbortController().signal);
  const sent = { name: 'ci', setting: 'a' };
  const reported: unknown[] = [];
  const hooks = (extra: Partial<CreateRecovery<Thing>> = {}): CreateRecovery<Thing> => ({
    vendor: tinesVendor,
    subject: 'thing "ci"',
    keyAttribute: 'name',
    idOf: (t) => t.id,
    importId: (t) => t.id,
    async send() {
      const mode = options.onSend ?? 'store';
      if (mode === 'refuse') throw new Refused('name taken');
      if (mode === 'lose') throw lost();
      const made = { id: String(next++), ...sent };
      stored.push(made);
      if (mode === 'store-then-lose') throw lost();
      return made;
    },
    findByNaturalKey: async () => stored.filter((t) => t.name === sent.name),
    matchesSent: (t) => t.setting === sent.setting,
    report: (_d, error) => reported.push(error),
    ...extra,
  });
  return { stored, diags, connections, hooks, reported };
}

const summaries = (d: Diagnostics) => d.items.map((i) => `${i.severity}: ${i.summary}`);

describe('createOrRecover', () => {
  it('returns what the answer says when there is one', async () => {
    const w = world();
    const r = await createOrRecover(w.hooks(), w.connections, w.diags);
    expect(r).toEqual({ value: { id: '100', name: 'ci', setting: 'a' }, via: 'answer' });
    expect(w.diags.items).toEqual([]);
  });

  it('a lost answer: the one new object matching what was sent is adopted, and recorded', async () => {
    const w = world({ onSend: 'store-then-lose' });
    const r = await createOrRecover(w.hooks(), w.connections, w.diags);
    expect(r).toEqual({ value: w.stored[0], via: 'lost-answer' });
    expect(summaries(w.diags)).toEqual(['warning: Tines create answer lost; credential adopted']);
    expect(w.connections.adopted.has('tines:100')).toBe(true);
  });

  it('a lost answer and nothing stored: "did not happen", nothing returned', async () => {
    const w = world({ onSend: 'lose' });
    expect(await createOrRecover(w.hooks(), w.connections, w.diags)).toBeUndefined();
    expect(summaries(w.diags)).toEqual(['error: Tines create did not happen']);
  });

  it('a lost answer: an object that was there before the create is never taken for the new one', async () => {
    const old = { id: '7', name: 'ci', setting: 'a' };
    const w = world({ stored: [old], onSend: 'lose' });
    expect(await createOrRecover(w.hooks({ listsBefore: true }), w.connections, w.diags)).toBeUndefined();
    expect(summaries(w.diags)).toEqual(['error: Tines create did not happen']);
    // Without the before-list the same object would have been adopted: the list is what tells them apart.
    const w2 = world({ stored: [old], onSend: 'lose' });
    expect((await createOrRecover(w2.hooks(), w2.connections, w2.diags))?.value).toEqual(old);
  });

  it('a lost answer: a new object that does not match what was sent is reported at the key, not adopted', async () => {
    const w = world({ onSend: 'lose' });
    w.stored.push({ id: '9', name: 'ci', setting: 'other' });
    expect(await createOrRecover(w.hooks(), w.connections, w.diags)).toBeUndefined();
    expect(w.diags.items).toEqual([expect.objectContaining({ severity: 'error', summary: 'Tines create outcome unknown', path: ['name'] })]);
    expect(w.diags.items[0]!.detail).toContain('terraform import <resource address> 9');
  });

  it('a lost answer: two matching new objects are ambiguous', async () => {
    const w = world({ onSend: 'lose' });
    w.stored.push({ id: '8', name: 'ci', setting: 'a' }, { id: '9', name: 'ci', setting: 'a' });
    expect(await createOrRecover(w.hooks(), w.connections, w.diags)).toBeUndefined();
    expect(summaries(w.diags)).toEqual(['error: Tines create outcome ambiguous']);
  });

  it('a lost answer and a failing look-up: outcome unknown, and the look-up error is reported', async () => {
    const w = world({ onSend: 'store-then-lose' });
    const failure = new Error('look-up failed');
    const hooks = w.hooks();
    let calls = 0;
    const r = await createOrRecover({ ...hooks, findByNaturalKey: async () => (calls++ === 0 ? Promise.reject(failure) : hooks.findByNaturalKey()) }, w.connections, w.diags);
    expect(r).toBeUndefined();
    expect(summaries(w.diags)).toEqual(['error: Tines create outcome unknown']);
    expect(w.reported).toEqual([failure]);
  });

  it('left behind, looked for on a refusal: adopted once, never twice in one run', async () => {
    const left = { id: '5', name: 'ci', setting: 'a' };
    const adopt = jest.fn(async (t: Thing) => t);
    const leftBehind = { when: (e: unknown) => e instanceof Refused, qualifies: (t: Thing) => t.setting === 'a', adopt, how: 'the configured value was sent to it' };
    const w = world({ stored: [left], onSend: 'refuse' });
    expect(await createOrRecover(w.hooks({ leftBehind }), w.connections, w.diags)).toEqual({ value: left, via: 'left-behind' });
    expect(summaries(w.diags)).toEqual(['warning: Tines credential adopted']);
    expect(w.diags.items[0]!.detail).toContain('the configured value was sent to it');
    // A second create in the same run (same provider process) may not adopt it again: the refusal stands.
    const again = new Diagnostics();
    expect(await createOrRecover(w.hooks({ leftBehind }), w.connections, again)).toBeUndefined();
    expect(adopt).toHaveBeenCalledTimes(1);
    expect(w.reported).toEqual([expect.any(Refused)]);
  });

  it('left behind, looked for before sending: adopted instead of creating a duplicate', async () => {
    const left = { id: '5', name: 'ci', setting: 'a' };
    const w = world({ stored: [left] });
    const r = await createOrRecover(w.hooks({ leftBehind: { when: 'before-create', qualifies: () => true, adopt: async (t) => t, how: 'the secrets were sent to it' } }), w.connections, w.diags);
    expect(r).toEqual({ value: left, via: 'left-behind' });
    expect(w.stored).toHaveLength(1);
  });

  it('a refusal that is not about the key is reported as it is', async () => {
    const w = world({ onSend: 'refuse' });
    expect(await createOrRecover(w.hooks(), w.connections, w.diags)).toBeUndefined();
    expect(w.reported).toEqual([expect.any(Refused)]);
    expect(w.diags.items).toEqual([]);
  });
});
