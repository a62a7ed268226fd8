/** The provider's configuration through terraform: env fallbacks, the http:// rule, the env secret. */
import { credformTerraform } from '../support/credform-terraform';

describe('provider configuration', () => {
  test('an ephemeral env secret is read at plan time and a missing one is an error naming it', async () => {
    const tf = await credformTerraform('credform-provcfg-', { CREDFORM_TEST_SECRET: 'from-the-environment' });
    tf.write('main.tf', `provider "credform" {}\nephemeral "credform_env_secret" "s" {\n  name = "CREDFORM_TEST_SECRET"\n}\n`);
    const ok = await tf.ok(['plan']);
    expect(ok.stdout).not.toContain('from-the-environment');
    tf.write('main.tf', `provider "credform" {}\nephemeral "credform_env_secret" "s" {\n  name = "CREDFORM_NOT_SET"\n}\n`);
    const missing = await tf.run(['plan']);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('Environment variable not set');
    expect(missing.stderr).toContain('CREDFORM_NOT_SET');
  });

  test('http:// to a non-loopback host is refused unless allowed; bad values name the field', async () => {
    const tf = await credformTerraform('credform-provcfg2-', { CREDFORM_TEST_SECRET: 'x' });
    // Terraform only configures a provider something uses.
    tf.write('uses.tf', `ephemeral "credform_env_secret" "s" {\n  name = "CREDFORM_TEST_SECRET"\n}\n`);
    tf.write('main.tf', `provider "credform" {\n  dx {\n    base_url = "http://dx.example.com"\n  }\n  tines {\n    timeout_seconds = 0\n  }\n}\n`);
    const r = await tf.run(['plan']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('Insecure base URL');
    expect(r.stderr).toMatch(/base_url = "http:\/\/dx\.example\.com"/);
    expect(r.stderr).toMatch(/timeout_seconds = 0/);
    tf.write('main.tf', `provider "credform" {\n  dx {\n    base_url = "http://dx.example.com"\n    allow_insecure_http = true\n  }\n}\n`);
    await tf.ok(['plan']);
  });
});
