// `npm run bench`: figures side by side from ONE run on this machine (compare ratios, not seconds).
// Writes the table to docs/performance.md as well as printing it.
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { startupFigures } from './startup.mjs';
import { planFigures } from './plan.mjs';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'lib', 'provider-bundle', 'terraform-provider');
const { installProvider } = require('../lib/cli/install.js');
const { bundleProvider } = require('../scripts/bundle-provider.js');

const fmt = (ms) => `${ms.toFixed(0)} ms`;
const rows = [];

const start = await startupFigures(bundle);
rows.push(['provider spawn → handshake line (median of ' + start.runs + ')', fmt(start.provider), 'bare `node -e 0`', fmt(start.node), (start.provider / start.node).toFixed(2) + '×']);

// Until vendor resources exist, the one-resource plan uses the engine's test provider.
const testBundle = await bundleProvider({ entry: join(root, 'test/fixtures/file-provider/main.ts'), outdir: join(root, 'lib', 'bench', 'filestore') });

const plans = await planFigures({
  engine: (dir) => {
    installProvider({ dir: join(dir, 'terraform.d', 'plugins'), bundleDir: testBundle, address: { hostname: 'registry.terraform.io', namespace: 'credform-test', type: 'filestore' }, version: '0.0.1' });
    writeFileSync(join(dir, 'main.tf'), `terraform {\n  required_providers {\n    filestore = { source = "credform-test/filestore", version = "0.0.1" }\n  }\n}\nprovider "filestore" {\n  store_dir = "\${path.module}/store"\n}\nresource "filestore_item" "one" {\n  name    = "one"\n  content = "x"\n}\n`);
  },
  floor: (dir) => {
    writeFileSync(join(dir, 'main.tf'), `resource "terraform_data" "one" {\n  input = "x"\n}\n`);
  },
});
rows.push(['one-resource `terraform plan` (median of 5)', fmt(plans.engine), '`terraform_data`', fmt(plans.floor), (plans.engine / plans.floor).toFixed(2) + '×']);

const table = [
  '| measure | credform | beside | that | ratio |',
  '|---|---|---|---|---|',
  ...rows.map((r) => `| ${r.join(' | ')} |`),
].join('\n');
const header = `Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}.`;
console.log(header + '\n\n' + table);
writeFileSync(join(root, 'docs', 'performance.md'), `# Performance\n\n${header}\nFigures are medians from one run; compare the ratios, machines are noisy.\n\n${table}\n\nTarget (issue: provider engine): provider start ≤ 1.5× bare node.\n`);
