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

/** Terraform wraps diagnostics at 80 columns: compare the words. */
const flat = (text: string) => text.replace(/\s+/g, ' ');

describe('provider block values are checked where they are given, naming the attribute or variable', () => {
  const uses = `ephemeral "credform_env_secret" "s" {\n  name = "CREDFORM_TEST_SECRET"\n}\n`;
  const tinesCredential = `resource "credform_tines_text_credential" "c" {\n  name     = "c"\n  team_id  = 2\n  value_wo = "v"\n}\n`;

  test.each([
    ['a user name and password', 'https://someone:hunter2-in-url@dx.example.com', 'must not hold a user name or password'],
    ['a query', 'https://dx.example.com/?tenant=1', 'must not have a query'],
    ['a fragment', 'https://dx.example.com/#api', 'must not have a fragment'],
  ])('base_url with %s fails validate on base_url', async (_what, url, message) => {
    const tf = await credformTerraform('credform-provcfg-url-', { CREDFORM_TEST_SECRET: 'x' });
    tf.write('uses.tf', uses);
    tf.write('main.tf', `provider "credform" {\n  dx {\n    base_url = "${url}"\n  }\n}\n`);
    const r = await tf.run(['validate']);
    expect(r.code).toBe(1);
    expect(flat(r.stderr)).toContain(message);
    expect(r.stderr).toMatch(/on main\.tf line 3, in provider "credform":\s+3:\s+base_url = /);
    expect(r.stderr).not.toContain('bug in credform');
  });

  test('a token with a line break fails validate on the token; from the environment, the variable is named and the value never shown', async () => {
    const tf = await credformTerraform('credform-provcfg-token-', { CREDFORM_TEST_SECRET: 'x' });
    tf.write('uses.tf', uses);
    tf.write('main.tf', `provider "credform" {\n  tines {\n    base_url = "http://127.0.0.1:9"\n    api_key  = "line-one\\nline-two"\n  }\n}\n`);
    const r = await tf.run(['validate']);
    expect(r.code).toBe(1);
    expect(flat(r.stderr)).toContain('must not contain a line break or other control character');
    expect(r.stderr).toMatch(/api_key/);

    tf.write('main.tf', `provider "credform" {\n  tines {\n    base_url = "http://127.0.0.1:9"\n  }\n}\n${tinesCredential}`);
    const env = await tf.run(['plan', '-input=false'], { TINES_API_KEY: 'env-token-part-one\nenv-token-part-two' });
    expect(env.code).toBe(1);
    expect(flat(env.stderr)).toContain('Tines is not configured');
    expect(flat(env.stderr)).toContain('`TINES_API_KEY` environment variable (`api_key`) contains a line break');
    expect(env.stderr).not.toContain('env-token-part');
    expect(env.stderr).not.toContain('bug in credform');
  });

  test('a base URL from the environment with credentials in it names the variable', async () => {
    const tf = await credformTerraform('credform-provcfg-envurl-', {});
    tf.write('main.tf', `provider "credform" {}\n${tinesCredential}`);
    const r = await tf.run(['plan', '-input=false'], { TINES_BASE_URL: 'https://someone:hunter2-in-env@tines.example.com', TINES_API_KEY: 'k' });
    expect(r.code).toBe(1);
    expect(flat(r.stderr)).toContain('The `TINES_BASE_URL` environment variable must not hold a user name or password');
    expect(r.stderr).not.toContain('hunter2-in-env');
  });

  test('a CA bundle that holds no PEM certificate is refused on ca_bundle_file, not as a bug', async () => {
    const tf = await credformTerraform('credform-provcfg-ca-', {});
    tf.write('not-a-bundle.txt', 'this is not a certificate\n');
    tf.write('main.tf', `provider "credform" {\n  tines {\n    base_url       = "http://127.0.0.1:9"\n    api_key        = "k"\n    ca_bundle_file = "\${path.module}/not-a-bundle.txt"\n  }\n}\n${tinesCredential}`);
    const r = await tf.run(['plan', '-input=false']);
    expect(r.code).toBe(1);
    expect(flat(r.stderr)).toContain('Invalid CA bundle');
    expect(flat(r.stderr)).toContain('holds no PEM certificate');
    expect(r.stderr).toMatch(/ca_bundle_file/);
    expect(r.stderr).not.toContain('caBundlePem');
    expect(r.stderr).not.toContain('bug in credform');
  });
});
