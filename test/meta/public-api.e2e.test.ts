/**
 * The public API of `credform`, `credform/cdktn` and `credform/testing` is the one api/*.api.md
 * records: a change to it fails here until the reports are regenerated (`npm run api`) and the
 * change is reviewed in their diff. The declarations are compiled afresh from src/, so the check
 * does not depend on lib/ being current. The rollups users get (package.json `types`/`exports`)
 * name no internal module (API Extractor's forgotten exports), import only the CDK and constructs,
 * and type-check with neither Node's types nor the DOM's.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { REPO_ROOT } from '../support/provider-build';

interface EntryResult {
  readonly entryPoint: string;
  readonly report: string;
  readonly newReport: string;
  readonly reportChanged: boolean;
  readonly messages: string[];
}

// A CommonJS script (run by `npm run build` and `npm run api`), not a module of the package.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const publicApi = require('../../scripts/public-api') as {
  checkPublicApi(): { dir: string; declarations: string; results: EntryResult[] };
};

/** Each entry point's rollup (relative to lib/) and the only packages it may import. */
const ROLLUPS = {
  credform: { file: 'credform.d.ts', imports: ['cdktf', 'constructs'] },
  'credform/cdktn': { file: 'cdktn/index.d.ts', imports: ['cdktn', 'constructs'] },
  'credform/testing': { file: 'testing.d.ts', imports: [] as string[] },
} as const;

let check: { dir: string; declarations: string; results: EntryResult[] };

beforeAll(() => {
  check = publicApi.checkPublicApi();
}, 180_000);

afterAll(() => {
  if (check) rmSync(check.dir, { recursive: true, force: true });
});

function diff(from: string, to: string): string {
  try {
    execFileSync('git', ['diff', '--no-index', '--no-color', '-U2', from, to], { encoding: 'utf8' });
    return '';
  } catch (e) {
    return (e as { stdout?: string }).stdout ?? String(e);
  }
}

test('API Extractor finds no internal type in the public API (no forgotten export) and no other problem', () => {
  expect(check.results.map((r) => r.entryPoint)).toEqual(Object.keys(ROLLUPS));
  expect(check.results.flatMap((r) => r.messages.map((m) => `${r.entryPoint}: ${m}`))).toEqual([]);
});

test('api/*.api.md records the public API of src/', () => {
  const stale = check.results.filter((r) => r.reportChanged || !existsSync(r.report));
  const explain = stale.map((r) => {
    const report = relative(REPO_ROOT, r.report);
    const change = existsSync(r.report) ? diff(r.report, r.newReport) : '(no report yet)';
    return `${r.entryPoint}: the public API no longer matches ${report}:\n${change.split('\n').slice(0, 80).join('\n')}`;
  });
  if (stale.length) {
    throw new Error(`${explain.join('\n\n')}\n\nIf the change is intended, run \`npm run api\` to regenerate api/*.api.md and commit the new report with the change, so that it is reviewed.`);
  }
});

test('the rollups import only the CDK and constructs', () => {
  for (const [entry, rollup] of Object.entries(ROLLUPS)) {
    const text = readFileSync(join(check.declarations, rollup.file), 'utf8');
    const specifiers = [...text.matchAll(/\bfrom\s+['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2]);
    expect({ entry, imports: [...new Set(specifiers)].sort() }).toEqual({ entry, imports: [...rollup.imports].sort() });
  }
});

test('the rollups type-check with strict, no skipLibCheck, and neither Node types nor the DOM', () => {
  const files = Object.values(ROLLUPS).map((r) => join(check.declarations, r.file));
  const program = ts.createProgram(files, {
    strict: true,
    skipLibCheck: false,
    noEmit: true,
    types: [],
    lib: ['lib.es2022.d.ts'],
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
  });
  const problems = ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file ? `${relative(REPO_ROOT, d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}: ` : '';
    return `${where}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
  expect(problems).toEqual([]);
});

test('package.json points every entry point at its rollup, with a types condition', () => {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
    types: string;
    exports: Record<string, { types: string; default: string } | string>;
    typesVersions: Record<string, Record<string, string[]>>;
  };
  expect(pkg.types).toBe('lib/credform.d.ts');
  expect(pkg.exports['.']).toEqual({ types: './lib/credform.d.ts', default: './lib/index.js' });
  expect(pkg.exports['./cdktn']).toEqual({ types: './lib/cdktn/index.d.ts', default: './lib/cdktn/index.js' });
  expect(pkg.exports['./testing']).toEqual({ types: './lib/testing.d.ts', default: './lib/simulators/index.js' });
  // moduleResolution node10 (cdktf's project template) reads typesVersions, not exports.
  expect(pkg.typesVersions['*']).toEqual({ cdktn: ['lib/cdktn/index.d.ts'], testing: ['lib/testing.d.ts'] });
});
