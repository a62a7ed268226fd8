/**
 * The launcher's V8 code cache (src/cli/launcher.ts), through the built provider started as Terraform
 * starts it: a first start writes the cache of each part it ran, the next start uses it, other node
 * options get caches of their own, a damaged cache costs a compile and is written again, and the
 * directory stays bounded however many builds have used it. What each process did is read from its
 * CREDFORM_STATS_FILE row.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSelfSignedCertificate } from '../../src/tfplugin/transport/certificate';
import { startBuiltProvider } from '../support/provider-process';

const terraformSide = createSelfSignedCertificate();

type CacheUse = 'off' | 'none' | 'used' | 'rejected';
type CacheReport = Record<string, { found: CacheUse; written: boolean }>;

/** Answered from the bundle's start-up part alone. */
const SCHEMA_ONLY: Array<[string, object]> = [['GetProviderSchema', {}]];
/** Needs the provider definition: the lazy part too. */
const WITH_DEFINITION: Array<[string, object]> = [
  ['GetProviderSchema', {}],
  ['ValidateProviderConfig', { config: { msgpack: Buffer.from([0xc0]) } }],
];

let work: string;
let cacheDir: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'credform-code-cache-'));
  cacheDir = join(work, 'cache');
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

/** One provider process: the calls, go-plugin's Shutdown, and what its stats row says of the cache. */
async function run(calls: Array<[string, object]>, env: Record<string, string> = {}): Promise<CacheReport> {
  const stats = join(work, `stats-${Date.now()}-${Math.random()}.jsonl`);
  const provider = await startBuiltProvider(terraformSide, { CREDFORM_CACHE_DIR: cacheDir, CREDFORM_STATS_FILE: stats, ...env });
  const c = provider.connect(terraformSide);
  try {
    for (const [method, req] of calls) {
      const answer = await c.call(method, req);
      if (!answer.ok) throw new Error(`${method}: ${answer.error.message}`);
    }
    await c.shutdown();
  } finally {
    c.close();
  }
  expect(await provider.exited).toBe(0);
  const rows = readFileSync(stats, 'utf8').trim().split('\n');
  expect(rows).toHaveLength(1);
  return JSON.parse(rows[0]!).codeCache as CacheReport;
}

const cacheFiles = (): string[] => readdirSync(cacheDir).filter((n) => n.endsWith('.v8cache')).sort();

describe('V8 code cache', () => {
  test('a first start writes the cache of each part it ran; the next starts use it', async () => {
    expect(await run(WITH_DEFINITION)).toEqual({ startup: { found: 'none', written: true }, lazy: { found: 'none', written: true } });
    const files = cacheFiles();
    expect(files).toHaveLength(2);
    expect(files.filter((f) => f.endsWith('-lazy.v8cache'))).toHaveLength(1);

    expect(await run(WITH_DEFINITION)).toEqual({ startup: { found: 'used', written: false }, lazy: { found: 'used', written: false } });
    // Terraform's schema-only start never compiles the lazy part, so it has no say about its cache.
    expect(await run(SCHEMA_ONLY)).toEqual({ startup: { found: 'used', written: false } });
    expect(cacheFiles()).toEqual(files);
  }, 60_000);

  test('other node options get caches of their own, so switching does not rewrite the shared ones', async () => {
    await run(SCHEMA_ONLY);
    const [defaults] = cacheFiles();
    expect(await run(SCHEMA_ONLY, { CREDFORM_NODE_OPTIONS: '' })).toEqual({ startup: { found: 'none', written: true } });
    expect(cacheFiles()).toHaveLength(2);
    expect(cacheFiles()).toContain(defaults);
    expect(await run(SCHEMA_ONLY)).toEqual({ startup: { found: 'used', written: false } });
    expect(await run(SCHEMA_ONLY, { CREDFORM_NODE_OPTIONS: '' })).toEqual({ startup: { found: 'used', written: false } });
  }, 60_000);

  test('a damaged cache is rejected by V8, costs only a compile, and is written again', async () => {
    await run(SCHEMA_ONLY);
    const [file] = cacheFiles();
    const path = join(cacheDir, file!);
    const data = readFileSync(path);
    const eol = data.indexOf(10);
    data.fill(0, eol + 1, eol + 1 + 16); // V8's header: magic number and version hash
    writeFileSync(path, data);
    expect(await run(SCHEMA_ONLY)).toEqual({ startup: { found: 'rejected', written: true } });
    expect(await run(SCHEMA_ONLY)).toEqual({ startup: { found: 'used', written: false } });

    writeFileSync(path, 'not a cache at all');
    expect(await run(SCHEMA_ONLY)).toEqual({ startup: { found: 'none', written: true } });
  }, 60_000);

  test('CREDFORM_NO_CODE_CACHE=1 reads and writes nothing', async () => {
    expect(await run(WITH_DEFINITION, { CREDFORM_NO_CODE_CACHE: '1' })).toEqual({ startup: { found: 'off', written: false }, lazy: { found: 'off', written: false } });
    expect(() => readdirSync(cacheDir)).toThrow(/ENOENT/);
  }, 60_000);

  test("writing a cache removes other builds' oldest files beyond 16, and writers' stale temporary files", async () => {
    // Other builds' files, named as this launcher names its own (another build id), one hour apart:
    // others[0] is the newest, others[19] the oldest.
    await run(SCHEMA_ONLY);
    const [mine] = cacheFiles();
    const fields = mine!.split('-');
    const others = Array.from({ length: 20 }, (_, i) => [...fields.slice(0, 2), `c0ffee${String(i).padStart(2, '0')}`, ...fields.slice(3)].join('-'));
    rmSync(join(cacheDir, mine!)); // so that the next start writes its cache, and prunes
    const now = Date.now() / 1000;
    others.forEach((name, i) => {
      writeFileSync(join(cacheDir, name), 'credform-v8cache 10\n');
      utimesSync(join(cacheDir, name), now - 3600 * (i + 1), now - 3600 * (i + 1));
    });
    const staleTmp = `${others[0]}.4242.tmp`;
    const freshTmp = `${others[1]}.4343.tmp`;
    writeFileSync(join(cacheDir, staleTmp), '');
    utimesSync(join(cacheDir, staleTmp), now - 2 * 3600, now - 2 * 3600);
    writeFileSync(join(cacheDir, freshTmp), '');
    // Files of other programs are left alone, however old (the directory may be shared, even /tmp).
    const foreign = ['notes.txt', 'other-tool.v8cache', 'upload.tmp', `${others[19]}.bak`];
    for (const name of foreign) {
      writeFileSync(join(cacheDir, name), 'not ours');
      utimesSync(join(cacheDir, name), now - 86400 * 30, now - 86400 * 30);
    }

    expect(await run(SCHEMA_ONLY)).toEqual({ startup: { found: 'none', written: true } });
    const left = readdirSync(cacheDir).sort();
    expect(left).toContain(mine);
    expect(left.filter((n) => others.includes(n))).toEqual(others.slice(0, 16).sort());
    for (const name of foreign) expect(left).toContain(name);
    expect(left).toContain(freshTmp);
    expect(left).not.toContain(staleTmp);

    // A start that finds its cache writes nothing, so it prunes nothing either.
    writeFileSync(join(cacheDir, others[19]!), 'credform-v8cache 10\n');
    utimesSync(join(cacheDir, others[19]!), now - 3600 * 20, now - 3600 * 20);
    expect(await run(SCHEMA_ONLY)).toEqual({ startup: { found: 'used', written: false } });
    expect(readdirSync(cacheDir)).toContain(others[19]);
  }, 60_000);
});
