/**
 * `credform/cdktn` is the constructs' one source built for cdktn: the sources type-check against
 * cdktn's types as they do against cdktf's (so nothing they use is cdktf-only), and the built
 * lib/cdktn/index.js requires cdktn where lib/ requires cdktf, and shares everything outside the
 * constructs with the cdktf flavor instead of copying it. (It running with cdktn's App, from the
 * packed package: test/meta/consumer-types.e2e.test.ts.)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { assertBuilt } from '../support/packed-package';
import { REPO_ROOT } from '../support/provider-build';

test('the constructs type-check with cdktn in place of cdktf', () => {
  const config = ts.getParsedCommandLineOfConfigFile(join(REPO_ROOT, 'tsconfig.build.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n')); } })!;
  const cdktn = join(REPO_ROOT, 'node_modules', 'cdktn');
  const program = ts.createProgram([join(REPO_ROOT, 'src', 'index.ts')], {
    ...config.options,
    noEmit: true,
    paths: { cdktf: [cdktn], 'cdktf/*': [`${cdktn}/*`] },
  });
  // The mapping took: cdktf's types are not in the program at all.
  const files = program.getSourceFiles().map((f) => f.fileName);
  expect(files.some((f) => f.includes('/node_modules/cdktn/lib/synthesize/synthesizer.d.ts'))).toBe(true);
  expect(files.filter((f) => f.includes('/node_modules/cdktf/'))).toEqual([]);
  const problems = ts.getPreEmitDiagnostics(program).map((d) => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
  expect(problems).toEqual([]);
});

test('lib/cdktn/index.js requires cdktn, never cdktf, and lib/ for everything outside the constructs', () => {
  assertBuilt();
  const js = readFileSync(join(REPO_ROOT, 'lib', 'cdktn', 'index.js'), 'utf8');
  const requires = [...js.matchAll(/\brequire\((['"])([^'"]+)\1\)/g)].map((m) => m[2]!);
  expect(requires.filter((r) => /^cdktf(\/|$)/.test(r))).toEqual([]);
  expect(requires).toEqual(expect.arrayContaining(['cdktn', 'cdktn/lib/synthesize/synthesizer', 'constructs']));
  // Vendor schemas and the provider installer are lib/'s own modules, one copy for both flavors.
  const relative = requires.filter((r) => r.startsWith('.'));
  expect(relative.length).toBeGreaterThan(0);
  for (const r of relative) expect(r).toMatch(/^\.\.\/(vendors|cli|version)[/.]/);
  // The constructs themselves are in the bundle, with the peer check naming cdktn.
  expect(js).toMatch(/exports\d*\.CDK = "cdktn"/);
});
