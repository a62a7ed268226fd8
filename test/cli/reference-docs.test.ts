/** The committed reference docs are exactly what the schemas generate (run `npm run docs` to refresh). */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { referenceDocs } from '../../src/cli/reference-docs';
import { credformProvider } from '../../src/vendors/provider';

test('docs/reference is current', () => {
  const docs = referenceDocs(credformProvider({}) as never);
  expect(Object.keys(docs)).toContain('provider.md');
  for (const [file, content] of Object.entries(docs)) {
    const path = join(__dirname, '..', '..', 'docs', 'reference', file);
    expect({ file, current: existsSync(path) ? readFileSync(path, 'utf8') : '(missing)' }).toEqual({ file, current: content });
  }
});
