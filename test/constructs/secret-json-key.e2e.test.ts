/**
 * `Secret.fromAwsSecretsManager` with a `jsonKey`: the key is quoted for Terraform, checked by the
 * real terraform reading the value back under each awkward key (the synth-only checks are in
 * secret-managers.test.ts).
 */
import { App, TerraformStack, Testing } from 'cdktf';
import { CredformProvider, Secret, TinesTextCredential } from '../../src/constructs';
import { TerraformDir } from '../support/terraform';

function stack(): TerraformStack {
  const s = new TerraformStack(Testing.app() as App, 'test');
  new CredformProvider(s, 'credform', { installProvider: false });
  return s;
}

const synth = (s: TerraformStack) => JSON.parse(Testing.synth(s, true));

describe('a JSON key is quoted for Terraform: the real terraform reads back the value under each awkward key', () => {
  const KEYS = ['plain', 'with space', 'quote"inside', 'back\\slash', '${not_interpolated}', '%{not_a_directive}', 'tab\there', 'bell\bform\ffeed', 'ünïcode ✓', '$$'];

  test.each(KEYS)('%j', async (key) => {
    const s = stack();
    new TinesTextCredential(s, 'c', { name: 'c', teamId: 2, value: Secret.fromAwsSecretsManager(s, 'k', { secretId: 'x', jsonKey: key }) });
    const expression: string = synth(s).resource.credform_tines_text_credential.c.value_wo;
    // The same expression over a local holding a JSON object, in place of the ephemeral read: no provider needed.
    const onLocal = expression.replace('ephemeral.aws_secretsmanager_secret_version.k.secret_string', 'local.secret_string');
    expect(onLocal).not.toBe(expression);
    const tf = new TerraformDir('credform-json-key-');
    // A JSON-syntax string is a template too: the local's text keeps `${` and `%{` literal the same way.
    const literal = JSON.stringify({ [key]: 'the value', other: 'not this' }).replace(/([$%])\{/g, '$1$1{');
    tf.write('main.tf.json', { locals: { secret_string: literal }, output: { v: { value: onLocal } } });
    await tf.ok(['init', '-input=false']);
    await tf.ok(['apply', '-auto-approve', '-input=false']);
    expect(JSON.parse((await tf.ok(['output', '-json', 'v'])).stdout)).toBe('the value');
  }, 60_000);
});
