/** The scanner must be able to fail: a leaked canary in output or in a state file is found. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canary, recordDir, recordOutput, resetCanaryScan, scanForCanaries } from '../support/canary';

test('finds a canary in recorded output and in a state file, and nothing else', () => {
  const secret = canary('scanner-self-test');
  const dir = mkdtempSync(join(tmpdir(), 'credform-canary-'));
  writeFileSync(join(dir, 'terraform.tfstate'), JSON.stringify({ resources: [{ secret }] }));
  writeFileSync(join(dir, 'notes.txt'), secret); // not a file Terraform writes: not scanned
  recordDir(dir);
  recordOutput('terraform apply (stdout)', `value = "${secret}"`);
  const findings = scanForCanaries();
  resetCanaryScan();
  expect(findings).toEqual([`${secret} found in terraform apply (stdout)`, `${secret} found in ${join(dir, 'terraform.tfstate')}`]);
  expect(scanForCanaries()).toEqual([]);
});
