/**
 * Why the constructs refuse an ephemeral secret for the sensitive fallback at synth: Terraform itself
 * refuses it too, but only at `terraform validate` (ephemeral-secrets.test.ts has the synth checks).
 */
import { credformTerraform } from '../support/credform-terraform';

test('Terraform itself refuses an ephemeral variable in the sensitive fallback, but only at validate', async () => {
  const tf = await credformTerraform('credform-ephemeral-', {});
  tf.write(
    'main.tf',
    `provider "credform" {}
variable "some_secret" {
  type      = string
  sensitive = true
  ephemeral = true
}
resource "credform_tines_text_credential" "c" {
  name    = "c"
  team_id = 2
  value   = var.some_secret
}
`,
  );
  const r = await tf.run(['validate']);
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(/[Ee]phemeral/);
}, 60_000);
