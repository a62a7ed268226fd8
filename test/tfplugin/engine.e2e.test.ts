/**
 * The provider engine end to end: a test-only resource type (JSON files in a directory) served by
 * our engine to the real terraform binary, installed offline from a local mirror.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { installProvider } from '../../src/cli/install';
import { bundleTestProvider } from '../support/provider-build';
import { TerraformDir } from '../support/terraform';
import { canary } from '../support/canary';

const CANARY = canary('engine-write-only');
const ADDRESS = { hostname: 'registry.terraform.io', namespace: 'credform-test', type: 'filestore' };

function config(resources: string, extra = ''): string {
  return `
terraform {
  required_providers {
    filestore = { source = "credform-test/filestore", version = "0.0.1" }
  }
}
variable "secret" {
  type      = string
  sensitive = true
  ephemeral = true
  default   = null
}
provider "filestore" {
  store_dir = "\${path.module}/store"
}
${resources}
${extra}
`;
}

const tfvars = (secret: string) => ({ TF_VAR_secret: secret });

async function setup(prefix: string): Promise<TerraformDir> {
  const tf = new TerraformDir(prefix);
  const bundleDir = await bundleTestProvider('test/fixtures/file-provider/main.ts', join(tf.dir, 'build'));
  installProvider({ dir: join(tf.dir, 'terraform.d', 'plugins'), bundleDir, address: ADDRESS, version: '0.0.1' });
  return tf;
}

function storeItem(tf: TerraformDir, name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(tf.dir, 'store', `${name}.json`), 'utf8'));
}

function socketDirs(): string[] {
  return readdirSync(tmpdir()).filter((d) => d.startsWith('tf-provider-filestore-'));
}

function providerProcesses(): number[] {
  const out = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter((l) => l.includes('terraform-provider-filestore'))
    .map((l) => Number(l.trim().split(/\s+/)[0]));
}

describe('engine end to end with terraform', () => {
  let tf: TerraformDir;
  beforeAll(async () => {
    tf = await setup('credform-engine-');
    tf.write('main.tf', config(`resource "filestore_item" "a" {\n  name = "alpha"\n  content = "one"\n  tags = { team = "x" }\n  secret_wo = var.secret\n}`));
    await tf.ok(['init', '-input=false']);
  });

  test('init found the provider in the mirror and locked it', () => {
    expect(tf.read('.terraform.lock.hcl')).toContain('registry.terraform.io/credform-test/filestore');
  });

  test('create: the write-only value reaches create but not the plan or state', async () => {
    const plan = await tf.ok(['plan', '-out=tfplan'], tfvars(CANARY));
    expect(plan.stdout).toContain('1 to add, 0 to change, 0 to destroy');
    const planJson = await tf.ok(['show', '-json', 'tfplan']);
    const planned = JSON.parse(planJson.stdout).planned_values.root_module.resources[0].values;
    expect(planned.secret_wo).toBeNull();
    expect(planned.size).toBe(10); // the default was planned
    expect(planJson.stdout).not.toContain(CANARY);

    const apply = await tf.ok(['apply', '-auto-approve'], tfvars(CANARY));
    expect(apply.stdout).toContain('1 added');
    const [res] = await tf.resources();
    expect(res.values).toMatchObject({ id: 'alpha', content: 'one', revision: 1, secret_wo: null, secret_length: CANARY.length, tags: { team: 'x' } });
    expect(storeItem(tf, 'alpha').secret).toBe(CANARY);
    expect(tf.read('terraform.tfstate')).not.toContain(CANARY);
    const again = await tf.ok(['plan', '-detailed-exitcode'], tfvars(CANARY));
    expect(again.stdout).toContain('No changes');
  });

  test('change in place; the write-only value reaches update', async () => {
    tf.write('main.tf', config(`resource "filestore_item" "a" {\n  name = "alpha"\n  content = "two"\n  tags = { team = "y" }\n  secret_wo = var.secret\n}`));
    const plan = await tf.ok(['plan'], tfvars('rotated-secret'));
    expect(plan.stdout).toContain('update in-place');
    expect(plan.stdout).toContain('1 to change');
    await tf.ok(['apply', '-auto-approve'], tfvars('rotated-secret'));
    const [res] = await tf.resources();
    expect(res.values).toMatchObject({ content: 'two', revision: 2, secret_length: 'rotated-secret'.length, id: 'alpha' });
    expect(storeItem(tf, 'alpha').secret).toBe('rotated-secret');
    expect((await tf.ok(['plan'], tfvars('rotated-secret'))).stdout).toContain('No changes');
  });

  test('a requires-replace attribute replaces the object', async () => {
    tf.write('main.tf', config(`resource "filestore_item" "a" {\n  name = "beta"\n  content = "two"\n  tags = { team = "y" }\n}`));
    const plan = await tf.ok(['plan']);
    expect(plan.stdout).toMatch(/must be replaced/);
    expect(plan.stdout).toMatch(/name\s+= "alpha" -> "beta" # forces replacement/);
    await tf.ok(['apply', '-auto-approve']);
    expect(existsSync(join(tf.dir, 'store', 'alpha.json'))).toBe(false);
    expect(storeItem(tf, 'beta').content).toBe('two');
    expect((await tf.ok(['plan'])).stdout).toContain('No changes');
  });

  test('an outside change shows as drift in a refresh-only apply', async () => {
    const file = join(tf.dir, 'store', 'beta.json');
    writeFileSync(file, JSON.stringify({ ...storeItem(tf, 'beta'), content: 'changed outside' }));
    const r = await tf.ok(['apply', '-refresh-only', '-auto-approve']);
    expect(r.stdout).toContain('changed outside of Terraform');
    expect(r.stdout).toMatch(/content\s+= "two" -> "changed outside"/);
    const plan = await tf.ok(['plan']);
    expect(plan.stdout).toMatch(/content\s+= "changed outside" -> "two"/);
    await tf.ok(['apply', '-auto-approve']);
  });

  test('an object deleted outside is planned again', async () => {
    const file = join(tf.dir, 'store', 'beta.json');
    const saved = readFileSync(file);
    require('node:fs').rmSync(file);
    const plan = await tf.ok(['plan']);
    expect(plan.stdout).toContain('1 to add');
    writeFileSync(file, saved);
  });

  test('import with the CLI and with an import block', async () => {
    writeFileSync(join(tf.dir, 'store', 'gamma.json'), JSON.stringify({ name: 'gamma', content: 'g', tags: null, secret: null, revision: 7 }));
    writeFileSync(join(tf.dir, 'store', 'delta.json'), JSON.stringify({ name: 'delta', content: 'd', tags: null, secret: null, revision: 3 }));
    const base = `resource "filestore_item" "a" {\n  name = "beta"\n  content = "two"\n  tags = { team = "y" }\n}\nresource "filestore_item" "g" {\n  name = "gamma"\n  content = "g"\n}\n`;
    tf.write('main.tf', config(base));
    const imp = await tf.ok(['import', 'filestore_item.g', 'gamma']);
    expect(imp.stdout).toContain('Import successful');
    const g = (await tf.resources()).find((r) => r.address === 'filestore_item.g')!;
    expect(g.values).toMatchObject({ id: 'gamma', content: 'g', revision: 7 });
    expect((await tf.ok(['plan'])).stdout).toContain('No changes');

    const bad = await tf.run(['import', 'filestore_item.g', 'NOT VALID']);
    expect(bad.code).not.toBe(0);

    tf.write('main.tf', config(base + `resource "filestore_item" "d" {\n  name = "delta"\n  content = "d"\n}\nimport {\n  to = filestore_item.d\n  id = "delta"\n}\n`));
    const plan = await tf.ok(['plan']);
    expect(plan.stdout).toContain('1 to import');
    await tf.ok(['apply', '-auto-approve']);
    const d = (await tf.resources()).find((r) => r.address === 'filestore_item.d')!;
    expect(d.values).toMatchObject({ id: 'delta', revision: 3 });
  });

  test('unknown values from another resource plan and apply', async () => {
    tf.write('main.tf', config(`resource "filestore_item" "a" {\n  name = "beta"\n  content = "two"\n  tags = { team = "y" }\n}\nresource "filestore_item" "u1" {\n  name = "u1"\n  content = "x"\n}\nresource "filestore_item" "u2" {\n  name = "u2"\n  content = "from \${filestore_item.u1.revision}"\n  tags = { parent = filestore_item.u1.id }\n}\n`));
    const plan = await tf.ok(['plan']);
    expect(plan.stdout).toContain('(known after apply)');
    await tf.ok(['apply', '-auto-approve']);
    const u2 = (await tf.resources()).find((r) => r.address === 'filestore_item.u2')!;
    expect(u2.values).toMatchObject({ content: 'from 1', tags: { parent: 'u1' } });
  });

  test('the schema is asked for once per command: later provider processes take it from Terraform (get_provider_schema_optional)', async () => {
    const log = join(tf.dir, 'schema-trace.log');
    await tf.ok(['plan'], { TF_LOG: 'trace', TF_LOG_PATH: log });
    const text = readFileSync(log, 'utf8');
    const count = (needle: string) => text.split(needle).length - 1;
    // Our provider's own trace lines, one per process started and one per GetProviderSchema served.
    expect(count('provider started')).toBeGreaterThanOrEqual(2);
    expect(count('served GetProviderSchema')).toBe(1);
    expect(text).toContain('returning cached schema');
  });

  test('errors from validate, plan and apply carry summary, detail and the line; a failed apply keeps state', async () => {
    const good = `resource "filestore_item" "a" {\n  name = "beta"\n  content = "two"\n  tags = { team = "y" }\n}\n`;
    tf.write('main.tf', config(good + `resource "filestore_item" "v" {\n  name = "Upper Case"\n  content = "bad"\n}\n`));
    const v = await tf.run(['validate']);
    expect(v.code).not.toBe(0);
    expect(v.stderr).toContain('Invalid attribute value');
    expect(v.stderr).toContain('content "bad" is refused by validation');
    expect(v.stderr).toContain('lowercase letters, digits and dashes only');
    expect(v.stderr).toMatch(/on main\.tf line \d+, in resource "filestore_item" "v":/);
    expect(v.stderr).toMatch(/content = "bad"/);

    tf.write('main.tf', config(good + `resource "filestore_item" "p" {\n  name = "p"\n  content = "plan-error"\n}\n`));
    const p = await tf.run(['plan']);
    expect(p.code).not.toBe(0);
    expect(p.stderr).toContain('Refused at plan time');
    expect(p.stderr).toContain('The store does not accept "plan-error".');
    expect(p.stderr).toMatch(/content = "plan-error"/);

    const before = await tf.resources();
    tf.write('main.tf', config(`resource "filestore_item" "a" {\n  name = "beta"\n  content = "apply-error"\n  tags = { team = "y" }\n}\nresource "filestore_item" "n" {\n  name = "n"\n  content = "apply-error"\n}\n`));
    const a = await tf.run(['apply', '-auto-approve']);
    expect(a.code).not.toBe(0);
    expect(a.stderr).toContain('Refused at apply time');
    expect(a.stderr).toMatch(/content = "apply-error"/);
    const after = await tf.resources();
    const beta = (xs: typeof before) => xs.find((r) => r.address === 'filestore_item.a')!.values;
    expect(beta(after)).toEqual(beta(before));
    expect(after.find((r) => r.address === 'filestore_item.n')).toBeUndefined();
  });

  test('destroy removes everything', async () => {
    tf.write('main.tf', config(`resource "filestore_item" "a" {\n  name = "beta"\n  content = "two"\n}\n`));
    await tf.ok(['destroy', '-auto-approve']);
    expect(await tf.resources()).toEqual([]);
    expect(readdirSync(join(tf.dir, 'store')).filter((f) => ['beta.json', 'u1.json', 'u2.json'].includes(f))).toEqual([]);
    expect(providerProcesses()).toEqual([]);
  });
});

describe('stopping', () => {
  let tf: TerraformDir;
  beforeAll(async () => {
    tf = await setup('credform-stop-');
    tf.write('main.tf', config(`resource "filestore_item" "s" {\n  name = "slow"\n  content = "x"\n  slow_ms = 60000\n}`));
    await tf.ok(['init', '-input=false']);
  });

  function waitFor(child: ReturnType<TerraformDir['start']>, text: string): Promise<void> {
    return new Promise((resolve) => {
      let seen = '';
      child.stdout!.on('data', (d) => {
        seen += d;
        if (seen.includes(text)) resolve();
      });
    });
  }

  test('Ctrl-C during a slow apply: StopProvider ends it cleanly', async () => {
    const child = tf.start(['apply', '-auto-approve'], { TF_LOG_PROVIDER: 'info' });
    const done = new Promise<{ code: number | null; out: string; err: string; ms: number }>((resolve) => {
      let out = '';
      let err = '';
      child.stdout!.on('data', (d) => (out += d));
      child.stderr!.on('data', (d) => (err += d));
      child.on('close', (code) => resolve({ code, out, err, ms: Date.now() - sent }));
    });
    await waitFor(child, 'Creating...');
    const sent = Date.now();
    child.kill('SIGINT');
    const r = await done;
    expect(r.out + r.err).toContain('Interrupt received');
    expect(r.err).toContain('StopProvider'); // our provider's log line, at TF_LOG_PROVIDER=info
    // The apply ends with the abort in one of three ways, by when the stop lands: "interrupted by
    // StopProvider" during the create's sleep; "interrupted" just before it; or, on a loaded machine,
    // before Terraform sent the create at all, which it then never sends ("execution halted").
    expect(r.out + r.err).toMatch(/interrupted( by StopProvider)?\n|Error: execution halted/);
    expect(r.ms).toBeLessThan(15000);
    expect(r.code).not.toBe(0);
    expect(existsSync(join(tf.dir, 'store', 'slow.json'))).toBe(false);
    expect(providerProcesses()).toEqual([]);
  });

  test('kill -9 of terraform: the provider exits within 2 s', async () => {
    const socketsBefore = socketDirs();
    const child = tf.start(['apply', '-auto-approve']);
    await waitFor(child, 'Creating...');
    const before = providerProcesses();
    expect(before.length).toBeGreaterThan(0);
    child.kill('SIGKILL');
    const killedAt = Date.now();
    while (providerProcesses().length > 0 && Date.now() - killedAt < 5000) await new Promise((r) => setTimeout(r, 100));
    expect(providerProcesses()).toEqual([]);
    expect(Date.now() - killedAt).toBeLessThan(2000);
    // Gone means exited (a zombie awaiting its new parent's wait() counts), and its socket removed.
    for (const pid of before) {
      const status = existsSync(`/proc/${pid}/status`) ? readFileSync(`/proc/${pid}/status`, 'utf8') : 'State: gone';
      expect(status).toMatch(/State:\s+(Z|X|gone)/);
    }
    expect(socketDirs()).toEqual(socketsBefore);
  });
});
