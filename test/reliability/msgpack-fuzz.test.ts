/**
 * DynamicValues Terraform never sends: random bytes, and valid encodings with bytes flipped,
 * inserted or cut off, decoded as each resource type — and JSON DynamicValues of random text. The
 * decoders either return a value or throw a ValueError (which names where), nothing else; through
 * the provider server, every such request ends in an "Invalid value" diagnostic, never an
 * "Unexpected provider error".
 */
import fc from 'fast-check';
import { Logger } from '../../src/tfplugin/logging';
import { blockType, type Block } from '../../src/tfplugin/schema/attribute';
import { ProviderServer } from '../../src/tfplugin/server/provider-server';
import { decodeJsonValue } from '../../src/tfplugin/values/json';
import { ValueError, decodeMsgpack, encodeMsgpack } from '../../src/tfplugin/values/msgpack';
import { T, type TfType, type TfValue } from '../../src/tfplugin/values/types';
import { credformProvider } from '../../src/vendors/provider';
import { configOf, dynamicValue } from './fuzz-values';

const provider = credformProvider({});
const blocks: Record<string, Block> = Object.fromEntries(provider.resources.map((r) => [r.typeName, r.schema.block]));
const TYPES = Object.keys(blocks);
const server = new ProviderServer(provider, new Logger('test', {}));

const counts = { decoded: 0, valueErrors: 0, serverRequests: 0 };

/** Decoding either succeeds or throws a ValueError; anything else fails the test. */
function decodeOrValueError(decode: () => unknown): void {
  try {
    decode();
    counts.decoded += 1;
  } catch (e) {
    if (!(e instanceof ValueError)) throw new Error(`not a ValueError: ${e instanceof Error ? `${e.name}: ${e.message}\n${e.stack}` : String(e)}`);
    counts.valueErrors += 1;
  }
}

/** A valid encoding of a fuzzed configuration of `typeName`, then damaged. */
function damaged(typeName: string): fc.Arbitrary<Uint8Array> {
  const block = blocks[typeName]!;
  return fc
    .tuple(configOf(block, {}), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.constantFrom('flip', 'insert', 'delete', 'cut')), { minLength: 1, maxLength: 4 }))
    .map(([{ config }, edits]) => {
      const bytes = [...encodeMsgpack(config as Record<string, TfValue>, blockType(block))];
      for (const [at, byte, op] of edits) {
        const i = bytes.length ? at % bytes.length : 0;
        if (op === 'flip') bytes[i] = byte;
        else if (op === 'insert') bytes.splice(i, 0, byte);
        else if (op === 'delete') bytes.splice(i, 1);
        else bytes.length = i;
      }
      return Uint8Array.from(bytes);
    });
}

const OTHER_TYPES: TfType[] = [T.string, T.number, T.bool, T.dynamic, T.list(T.string), T.map(T.number), T.set(T.bool), T.tuple([T.string, T.dynamic]), T.object({ a: T.string, b: T.list(T.dynamic) }, ['b'])];

afterAll(() => {
  // eslint-disable-next-line no-console
  console.log(`msgpack fuzz: ${JSON.stringify(counts)}`);
});

test('random bytes as any type: a value or a ValueError (3,000 cases)', () => {
  const types: TfType[] = [...TYPES.map((t) => blockType(blocks[t]!)), ...OTHER_TYPES];
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 256 }), fc.constantFrom(...types), (bytes, type) => decodeOrValueError(() => decodeMsgpack(bytes, type))),
    { numRuns: 3000, seed: 11 },
  );
});

test.each(TYPES)('%s: damaged valid encodings (flipped, inserted, deleted, cut bytes): a value or a ValueError (500 cases)', (typeName) => {
  const type = blockType(blocks[typeName]!);
  fc.assert(fc.property(damaged(typeName), (bytes) => decodeOrValueError(() => decodeMsgpack(bytes, type))), { numRuns: 500, seed: 12 });
});

test('random text as a JSON DynamicValue: a value or a ValueError (2,000 cases)', () => {
  const types = TYPES.map((t) => blockType(blocks[t]!));
  const text = fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.json({ maxDepth: 4 }),
    fc.json({ maxDepth: 2 }).map((j) => j.slice(0, Math.max(0, j.length - 3))),
    fc.constantFrom('', '{', '[[[[[[[[[[', '{"id":1e999999}', '{"id":"\\ud800"}', `${'['.repeat(5000)}${']'.repeat(5000)}`, '{"__proto__":{"x":1}}', '{"a":1,"a":2}'),
  );
  fc.assert(fc.property(text, fc.constantFrom(...types), (t, type) => decodeOrValueError(() => decodeJsonValue(t, type))), { numRuns: 2000, seed: 13 });
});

interface Answer {
  diagnostics?: Array<{ severity: number; summary: string; detail: string }>;
}

function expectInvalidValueOnly(what: string, answer: Answer): void {
  const diags = answer.diagnostics ?? [];
  const unexpected = diags.filter((d) => d.summary === 'Unexpected provider error');
  if (unexpected.length) throw new Error(`${what}: ${unexpected[0]!.detail}`);
  counts.serverRequests += 1;
}

test('through the provider server: damaged DynamicValues in validate, plan, apply and read requests end in diagnostics (1,200 requests)', async () => {
  const bytesArb = fc.oneof(fc.uint8Array({ maxLength: 128 }), ...TYPES.map(damaged));
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...TYPES), bytesArb, fc.constantFrom('validate', 'plan', 'apply', 'read', 'json'), async (typeName, bytes, rpc) => {
      const dv = dynamicValue(bytes);
      let answer: Answer;
      switch (rpc) {
        case 'validate':
          answer = (await server.validateResourceConfig({ type_name: typeName, config: dv })) as Answer;
          break;
        case 'plan':
          answer = (await server.planResourceChange({ type_name: typeName, config: dv, prior_state: dv, proposed_new_state: dv, prior_private: Buffer.alloc(0) })) as Answer;
          break;
        case 'apply':
          answer = (await server.applyResourceChange({ type_name: typeName, config: dv, prior_state: dv, planned_state: dv, planned_private: Buffer.alloc(0) })) as Answer;
          break;
        case 'read':
          answer = (await server.readResource({ type_name: typeName, current_state: dv, private: Buffer.alloc(0) })) as Answer;
          break;
        default:
          answer = (await server.upgradeResourceState({ type_name: typeName, version: 0, raw_state: { json: Buffer.from(bytes), flatmap: {} } })) as Answer;
      }
      expectInvalidValueOnly(`${rpc} ${typeName}`, answer);
    }),
    { numRuns: 1200, seed: 14 },
  );
});
