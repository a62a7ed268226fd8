/** `credform provider` and `credform install`, through the real `credform` binary and terraform. */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { runInstallCommand } from '../../src/cli/install';
import { CREDFORM_BIN } from '../support/provider-build';
import { TerraformDir } from '../support/terraform';

const version = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')).version as string;

describe('credform binary', () => {
  test('`credform provider` run by hand explains itself and exits 1', () => {
    const r = spawnSync(process.execPath, [CREDFORM_BIN, 'provider'], { encoding: 'utf8', env: { PATH: process.env.PATH } });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('This is a Terraform provider plugin');
  });

  test('`credform install` writes the provider where terraform finds it, twice without changing a byte', async () => {
    const tf = new TerraformDir('credform-install-');
    const out = execFileSync(process.execPath, [CREDFORM_BIN, 'install'], { cwd: tf.dir, encoding: 'utf8' });
    expect(out.trim()).toBe(`registry.terraform.io/credform/credform ${version}`);
    const exe = join(tf.dir, 'terraform.d', 'plugins', 'registry.terraform.io', 'credform', 'credform', version, 'linux_amd64', `terraform-provider-credform_v${version}`);
    const first = statSync(exe);
    expect(first.mode & 0o111).toBeTruthy();

    tf.write('main.tf', `terraform {\n  required_providers {\n    credform = { source = "credform/credform" }\n  }\n}\nprovider "credform" {}\n`);
    await tf.ok(['init', '-input=false']);
    const lock = tf.read('.terraform.lock.hcl');
    expect(lock).toContain(`version = "${version}"`);

    const again = spawnSync(process.execPath, [CREDFORM_BIN, 'install', '--dir', join(tf.dir, 'terraform.d', 'plugins')], { encoding: 'utf8' });
    expect(again.status).toBe(0);
    expect(again.stderr).toContain('already installed');
    expect(statSync(exe).mtimeMs).toBe(first.mtimeMs);
    // The lock file's hash still matches: a fresh init in the same directory accepts it.
    await tf.ok(['init', '-input=false']);
    expect(tf.read('.terraform.lock.hcl')).toBe(lock);
    const schema = JSON.parse((await tf.ok(['providers', 'schema', '-json'])).stdout);
    expect(Object.keys(schema.provider_schemas)).toEqual(['registry.terraform.io/credform/credform']);
  });

  test('unknown arguments are refused with usage', () => {
    const r = spawnSync(process.execPath, [CREDFORM_BIN, 'install', '--nope'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('usage: credform install');
  });

  test('a bad argument is named, in the one style of every credform command', () => {
    let stderr = '';
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
    try {
      expect(runInstallCommand(['--nope'])).toBe(2);
      expect(runInstallCommand(['--dir'])).toBe(2);
    } finally {
      spy.mockRestore();
    }
    expect(stderr).toBe(
      'credform install: unknown option "--nope"\nusage: credform install [--dir DIR]\n' +
        'credform install: option "--dir" needs a value\nusage: credform install [--dir DIR]\n'
    );
  });
});
