/**
 * DX's hooks on the shared create-or-recover mechanism, against the DX simulator: the connection's
 * credentials are listed before the create; a credential left behind with exactly the configured
 * label, settings and expiration is adopted instead of creating a duplicate (only when a label is
 * configured); a lost create answer is recovered by listing again; when nothing was made, the create
 * did not happen.
 */
import { Diagnostics } from '../../../src/tfplugin/diagnostics';
import { createOrRecover } from '../../../src/vendors/create-or-recover';
import { createRecovery } from '../../../src/vendors/dx/create-recovery';
import type { Desired } from '../../../src/vendors/dx/mapping';
import { useDxClient } from './support';

describe('DX create recovery (create-recovery.ts on ../create-or-recover.ts)', () => {
  const world = useDxClient();
  const sim = () => world.sim();
  const dx = () => world.dx();
  afterEach(() => sim().setFaults(undefined));

  // DX refuses the same secrets twice on a connection: each create sends its own.
  let n = 0;
  const token = () => ({ token: `t-${++n}` });
  const want = (over: Partial<Desired>): Desired => ({ connectionId: 125, label: undefined, settings: {}, secrets: token(), expirationDate: null, ...over });
  const run = async (w: Desired) => {
    const diagnostics = new Diagnostics();
    const created = await createOrRecover(createRecovery(dx(), w, diagnostics), undefined, diagnostics);
    return { created, items: diagnostics.items };
  };
  const live = (pred: (c: { label: string; settings: unknown }) => boolean) =>
    sim().snapshot().credentials.filter((c) => c.deleted_at === null && c.connection_id === 125 && pred(c));

  test('the answer: created, nothing said', async () => {
    const { created, items } = await run(want({ label: 'plain', settings: { team: 'plain' } }));
    expect(created).toMatchObject({ via: 'answer', value: { label: 'plain' } });
    expect(items).toEqual([]);
  });

  test('answer lost after the commit: the credential it made is found on the connection and adopted, once', async () => {
    sim().setFaults({ commitThenDropShare: 1, writesOnly: true, pathPattern: 'credentials\\.create$' });
    const { created, items } = await run(want({ label: 'lost', settings: { team: 'lost' }, expirationDate: '2031-01-31' }));
    const made = live((c) => c.label === 'lost');
    expect(made).toHaveLength(1);
    expect(created).toMatchObject({ via: 'lost-answer', value: { id: made[0]!.id } });
    expect(items).toEqual([
      {
        severity: 'warning',
        summary: 'DX create answer lost; credential adopted',
        detail: expect.stringContaining(`Looking it up found the credential "lost" on connection 125 it made (ID 125/${made[0]!.id}) with exactly what was sent`),
      },
    ]);
  });

  test('connection lost before anything was made: the create did not happen', async () => {
    sim().setFaults({ resetShare: 1, writesOnly: true, pathPattern: 'credentials\\.create$' });
    const { created, items } = await run(want({ label: 'never made', settings: { team: 'never' } }));
    expect(created).toBeUndefined();
    expect(live((c) => c.label === 'never made')).toHaveLength(0);
    expect(items).toEqual([
      {
        severity: 'error',
        summary: 'DX create did not happen',
        detail: expect.stringContaining('and looking it up afterwards found no credential "never made" on connection 125: nothing was created and nothing was stored.'),
      },
    ]);
  });

  test('left behind with exactly the configured label, settings and expiration: adopted before creating, the secrets sent to it', async () => {
    const left = await dx().createCredential(125, { label: 'left', settings: { team: 'left' }, secrets: token(), expiration_date: '2031-02-28' });
    sim().clearRequestLog();
    const { created, items } = await run(want({ label: 'left', settings: { team: 'left' }, secrets: { token: 'new' }, expirationDate: '2031-02-28' }));
    expect(created).toMatchObject({ via: 'left-behind', value: { id: left.id } });
    expect(live((c) => c.label === 'left')).toEqual([expect.objectContaining({ id: left.id, secrets: { token: 'new' } })]);
    expect(sim().requestLog().filter((r) => /credentials\.create$/.test(r.path))).toHaveLength(0);
    expect(items).toEqual([
      {
        severity: 'warning',
        summary: 'DX credential adopted',
        detail:
          `DX already holds the credential "left" on connection 125 (ID 125/${left.id}, created ${left.created_at}) with exactly the configured settings, most likely made by an apply that was interrupted ` +
          'before it could record it. It was adopted instead of creating a duplicate, and the configured secrets were sent to it (DX verified them, as at create).',
      },
    ]);
  });

  test('without a configured label nothing is adopted: DX refuses the duplicate settings', async () => {
    await dx().createCredential(125, { settings: { team: 'unlabelled' }, secrets: token() });
    const { created, items } = await run(want({ settings: { team: 'unlabelled' } }));
    expect(created).toBeUndefined();
    expect(items).toEqual([expect.objectContaining({ severity: 'error', summary: 'DX refused the credential: Duplicate settings', path: ['settings_json'] })]);
    expect(live((c) => JSON.stringify(c.settings) === '{"team":"unlabelled"}')).toHaveLength(1);
  });

  test('a credential with the label but other settings or expiration is not adopted: a new one is sent (and refused where the settings are the same)', async () => {
    const other = await dx().createCredential(125, { label: 'same label', settings: { team: 'one' }, secrets: token() });
    const { created, items } = await run(want({ label: 'same label', settings: { team: 'two' } }));
    expect(created).toMatchObject({ via: 'answer' });
    expect(created!.value.id).not.toBe(other.id);
    expect(items).toEqual([]);
    const dated = await run(want({ label: 'same label', settings: { team: 'one' }, expirationDate: '2031-03-31' }));
    // DX refuses the same settings twice on a connection: not adopted, so refused.
    expect(dated.created).toBeUndefined();
    expect(dated.items).toEqual([expect.objectContaining({ severity: 'error', summary: 'DX refused the credential: Duplicate settings', path: ['settings_json'] })]);
  });
});
