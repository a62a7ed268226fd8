// `npm run docs`: writes docs/reference/ from the provider's schemas (a test checks it is current).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { referenceDocs } from '../src/cli/reference-docs';
import { credformProvider } from '../src/vendors/provider';

const root = join(__dirname, '..', 'docs', 'reference');
for (const [file, content] of Object.entries(referenceDocs(credformProvider({}) as never))) {
  mkdirSync(dirname(join(root, file)), { recursive: true });
  writeFileSync(join(root, file), content);
}
console.log(`reference docs written to ${root}`);
