/** Our lock entry must be exactly what `terraform init` records, or init refuses the provider. */
import { join } from 'node:path';
import { installProvider } from '../../src/cli/install';
import { ensureLockEntry, packageHashV1 } from '../../src/cli/lock-file';
import { CREDFORM_BUNDLE_DIR } from '../support/provider-build';
import { TerraformDir } from '../support/terraform';

test('packageHashV1 equals the h1 hash terraform init records, and a pre-written lock is accepted', async () => {
  const tf = new TerraformDir('credform-lock-');
  const r = installProvider({ dir: join(tf.dir, 'terraform.d', 'plugins'), bundleDir: CREDFORM_BUNDLE_DIR });
  tf.write('main.tf', `terraform {\n  required_providers {\n    credform = { source = "credform/credform", version = "${r.version}" }\n  }\n}\n`);
  await tf.ok(['init', '-input=false']);
  const recorded = tf.read('.terraform.lock.hcl').match(/"(h1:[^"]+)"/)![1];
  const ours = packageHashV1(join(r.path, '..'));
  expect(ours).toBe(recorded);

  const fresh = new TerraformDir('credform-lock2-');
  installProvider({ dir: join(fresh.dir, 'terraform.d', 'plugins'), bundleDir: CREDFORM_BUNDLE_DIR });
  fresh.write('main.tf', tf.read('main.tf'));
  expect(ensureLockEntry(fresh.dir, r.address, r.version, ours)).toBe(true);
  expect(ensureLockEntry(fresh.dir, r.address, r.version, ours)).toBe(false);
  const before = fresh.read('.terraform.lock.hcl');
  await fresh.ok(['init', '-input=false']);
  expect(fresh.read('.terraform.lock.hcl')).toBe(before);
});
