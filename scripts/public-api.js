// The public API of the three entry points, as API Extractor sees it: one .d.ts rollup each (what
// package.json `types`/`exports` point at, so no internal module's declarations are published as
// API) and one API report each, checked in under api/.
//
//   node scripts/public-api.js           the rollups, from tsc's declarations in lib/ (`npm run build`):
//                                        lib/credform.d.ts, lib/cdktn/index.d.ts, lib/testing.d.ts
//   node scripts/public-api.js --update  `npm run api`: declarations of src/ compiled afresh into tmp/,
//                                        api/*.api.md rewritten from them
//   checkPublicApi()                     the same compared with api/*.api.md, and every message API
//                                        Extractor has (a forgotten export: an internal type in the
//                                        API) returned (test/meta/public-api.e2e.test.ts)
//
// The build neither fails on nor rewrites a changed report, so work in progress still builds; the
// test is what stops an unreviewed API change.
'use strict';
const { Extractor, ExtractorConfig } = require('@microsoft/api-extractor');
const { execFileSync } = require('node:child_process');
const { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { join, relative } = require('node:path');
const { toCdktn } = require('./build-cdktn');

const root = join(__dirname, '..');
const REPORT_FOLDER = join(root, 'api');

/**
 * The entry points: `input` is the declaration file tsc wrote (relative to the declarations
 * folder), `rollup` the file users get. `credform/cdktn` has no declarations of its own: its
 * rollup is credform's with `cdktn` for `cdktf`, and API Extractor reads that (checking it
 * against cdktn's types) for its report.
 */
const ENTRY_POINTS = [
  { name: 'credform', input: 'index.d.ts', rollup: 'credform.d.ts', report: 'credform' },
  { name: 'credform/cdktn', input: 'cdktn/index.d.ts', rollup: undefined, report: 'credform-cdktn' },
  { name: 'credform/testing', input: 'simulators/index.d.ts', rollup: 'testing.d.ts', report: 'credform-testing' },
];

const IGNORED_MESSAGES = {
  // Untagged means public; `@internal` (the rollups keep it: it is in the JS) is marked in the report.
  'ae-missing-release-tag': { logLevel: 'none' },
  'ae-internal-missing-underscore': { logLevel: 'none' },
  // A member without a doc comment is listed as such in the report; no message.
  'ae-undocumented': { logLevel: 'none' },
};

function configObject(declarations, entry, { reports, tempFolder }) {
  const input = join(declarations, entry.input);
  return {
    projectFolder: root,
    mainEntryPointFilePath: input,
    bundledPackages: [],
    newlineKind: 'lf',
    compiler: {
      // The declarations are checked with Node's types here (the provider side uses them); the
      // rollups are checked without them by test/meta (public-api, consumer-types).
      overrideTsconfig: {
        compilerOptions: { target: 'ES2022', module: 'commonjs', moduleResolution: 'node', lib: ['ES2022'], types: ['node'], strict: true, skipLibCheck: true, esModuleInterop: true },
        files: [input],
      },
    },
    apiReport: { enabled: reports, reportFileName: entry.report, reportFolder: REPORT_FOLDER, reportTempFolder: tempFolder ?? join(root, 'tmp', 'api-report') },
    docModel: { enabled: false },
    dtsRollup: { enabled: Boolean(entry.rollup), untrimmedFilePath: entry.rollup ? join(declarations, entry.rollup) : undefined },
    tsdocMetadata: { enabled: false },
    messages: {
      compilerMessageReporting: { default: { logLevel: 'warning' } },
      extractorMessageReporting: { default: { logLevel: 'warning' }, ...IGNORED_MESSAGES },
      tsdocMessageReporting: { default: { logLevel: 'none' } },
    },
  };
}

/**
 * Runs API Extractor on each entry point of `declarations` (a folder laid out like lib/), writing the
 * rollups there. `reports`: 'off', 'check' (compare with api/, change nothing there) or 'update'.
 * Returns, per entry point, whether its report differs and the messages API Extractor had.
 */
function extractPublicApi(declarations, { reports = 'off', tempFolder, quiet = false } = {}) {
  const results = [];
  for (const entry of ENTRY_POINTS) {
    if (entry.name === 'credform/cdktn') {
      const cdktf = readFileSync(join(declarations, 'credform.d.ts'), 'utf8');
      mkdirSync(join(declarations, 'cdktn'), { recursive: true });
      writeFileSync(join(declarations, entry.input), toCdktn(cdktf));
    }
    const config = ExtractorConfig.prepare({
      configObject: configObject(declarations, entry, { reports: reports !== 'off', tempFolder }),
      configObjectFullPath: join(REPORT_FOLDER, 'api-extractor.json'),
      packageJsonFullPath: join(root, 'package.json'),
    });
    const messages = [];
    const result = Extractor.invoke(config, {
      localBuild: reports !== 'check',
      showVerboseMessages: false,
      messageCallback(message) {
        // The report comparison is ours to state (see checkPublicApi); everything else is collected.
        if (String(message.messageId).startsWith('console-api-report-')) {
          message.handled = true;
          return;
        }
        if (message.logLevel === 'warning' || message.logLevel === 'error') messages.push(message.formatMessageWithLocation(root));
        if (quiet) message.handled = true;
      },
    });
    results.push({
      entryPoint: entry.name,
      report: join(REPORT_FOLDER, `${entry.report}.api.md`),
      newReport: join(config.reportTempFolder, `${entry.report}.api.md`),
      reportChanged: reports !== 'off' && result.apiReportChanged,
      messages,
      succeeded: result.succeeded,
    });
  }
  return results;
}

/** tsc's declarations of src/ into a new folder under tmp/ (inside the repository, so that they resolve cdktf from node_modules). */
function compileDeclarations() {
  mkdirSync(join(root, 'tmp'), { recursive: true });
  const dir = mkdtempSync(join(root, 'tmp', 'public-api-'));
  const out = join(dir, 'lib');
  try {
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json'), '--emitDeclarationOnly', '--declarationMap', 'false', '--sourceMap', 'false', '--outDir', out], { cwd: root, encoding: 'utf8', stdio: 'pipe' });
  } catch (e) {
    throw new Error(`the sources do not compile:\n${e.stdout}${e.stderr}`);
  }
  return { dir, declarations: out };
}

/** Compares the API of src/ with api/*.api.md. Leaves the new reports (and rollups) under `dir` for a look. */
function checkPublicApi() {
  const { dir, declarations } = compileDeclarations();
  const results = extractPublicApi(declarations, { reports: 'check', tempFolder: join(dir, 'reports'), quiet: true });
  return { dir, declarations, results };
}

module.exports = { ENTRY_POINTS, extractPublicApi, checkPublicApi, compileDeclarations };

if (require.main === module) {
  const update = process.argv.includes('--update');
  let results;
  if (update) {
    const { dir, declarations } = compileDeclarations();
    try {
      results = extractPublicApi(declarations, { reports: 'update', tempFolder: join(dir, 'reports') });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    for (const r of results) console.log(`${r.entryPoint}: ${relative(root, r.report)}${r.reportChanged ? ' (updated)' : ' (unchanged)'}`);
  } else {
    results = extractPublicApi(join(root, 'lib'));
  }
  const failed = results.filter((r) => !r.succeeded);
  if (failed.length) {
    console.error(`public-api: API Extractor failed for ${failed.map((r) => r.entryPoint).join(', ')}`);
    process.exit(1);
  }
}
