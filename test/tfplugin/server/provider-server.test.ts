/** UpgradeResourceState: stored JSON of an older schema version becomes the current object. */
import { Logger } from '../../../src/tfplugin/logging';
import { blockType } from '../../../src/tfplugin/schema/attribute';
import { ProviderServer } from '../../../src/tfplugin/server/provider-server';
import { decodeMsgpack } from '../../../src/tfplugin/values/msgpack';
import { fileProvider } from '../../fixtures/file-provider/provider';

const server = new ProviderServer(fileProvider, new Logger('test', {}));
const type = blockType(fileProvider.resources[0].schema.block);

async function upgrade(version: number, raw: object | string) {
  const json = typeof raw === 'string' ? raw : JSON.stringify(raw);
  const res = (await server.upgradeResourceState({ type_name: 'filestore_item', version, raw_state: { json: Buffer.from(json), flatmap: {} } })) as {
    upgraded_state?: { msgpack: Uint8Array };
    diagnostics: { summary: string; detail: string }[];
  };
  return { value: res.upgraded_state ? decodeMsgpack(res.upgraded_state.msgpack, type) : undefined, diagnostics: res.diagnostics };
}

test('an object stored at version 0 is moved forward by the resource', async () => {
  const r = await upgrade(0, { id: 'a', name: 'a', body: 'old text', revision: 3 });
  expect(r.diagnostics).toEqual([]);
  expect(r.value).toMatchObject({ id: 'a', name: 'a', content: 'old text', revision: 3, size: 10 });
});

test('at the current version, missing attributes become null and removed ones are dropped', async () => {
  // Written as text: a JS number literal could not hold this integer exactly, the decoder must.
  const r = await upgrade(1, '{"id":"b","name":"b","content":"x","revision":1,"attribute_from_the_future":true,"size":123456789012345678901}');
  expect(r.diagnostics).toEqual([]);
  expect(r.value).toMatchObject({ id: 'b', content: 'x', tags: null, secret_length: null });
  expect(String((r.value as Record<string, unknown>).size)).toBe('123456789012345678901');
});

test('malformed stored JSON is a diagnostic, not a crash', async () => {
  const res = (await server.upgradeResourceState({ type_name: 'filestore_item', version: 1, raw_state: { json: Buffer.from('{"id": '), flatmap: {} } })) as { diagnostics: { summary: string }[] };
  expect(res.diagnostics.length).toBeGreaterThan(0);
});
