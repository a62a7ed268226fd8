/**
 * Zero-config install: when a stack using credform is synthesized, the provider is copied into that
 * stack's Terraform working directory (`terraform.d/plugins`, a mirror Terraform searches on its own)
 * and its lock entry is written, so the first `cdktf deploy` / `cdktf diff` works offline, with no
 * flags and no CLI configuration, and later ones keep a valid lock file.
 */
import { TerraformStack } from 'cdktf';
import { addCustomSynthesis } from 'cdktf/lib/synthesize/synthesizer';
import type { IConstruct } from 'constructs';
import { dirname, join } from 'node:path';
import { installProvider } from '../cli/install';
import { ensureLockEntry, packageHashV1 } from '../cli/lock-file';

const INSTALLED = Symbol.for('credform.provider-installed');

interface SynthSession {
  readonly outdir: string;
  readonly manifest: { forStack(stack: TerraformStack): { readonly workingDirectory: string } };
}

/** Registers the install once per stack; it runs when the stack is written out. */
export function installAtSynth(scope: IConstruct): void {
  const stack = TerraformStack.of(scope) as TerraformStack & { [INSTALLED]?: boolean };
  if (stack[INSTALLED]) return;
  stack[INSTALLED] = true;
  addCustomSynthesis(scope, {
    onSynthesize(session: SynthSession) {
      const workdir = join(session.outdir, session.manifest.forStack(stack).workingDirectory);
      const r = installProvider({ dir: join(workdir, 'terraform.d', 'plugins') });
      ensureLockEntry(workdir, r.address, r.version, packageHashV1(dirname(r.path)));
    },
  } as never);
}
