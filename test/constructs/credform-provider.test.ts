/** CredformProvider, Secret and the resource base, as cdktf users meet them at synth. */
import { App, Annotations, TerraformStack, Testing } from 'cdktf';
import 'cdktf/lib/testing/adapters/jest';
import { z } from 'zod';
import { CredformProvider, CredformResource, Secret, type SecretInput } from '../../src/constructs';
import { secretValue, warnIfLiteralSecret } from '../../src/constructs/secret';
import { attribute, type Block } from '../../src/tfplugin/schema/attribute';
import { synthErrors, synthErrorsAt } from '../support/synth-errors';

Testing.setupJest();

const block: Block = {
  attributes: {
    name: attribute.required(z.string().min(1, 'must not be empty'), { description: 'n' }),
    token_wo: attribute.optional(z.string().min(8, 'must be at least 8 characters'), { description: 't', writeOnly: true }),
    id: attribute.computed(z.string(), { description: 'i' }),
  },
};

class Thing extends CredformResource {
  constructor(scope: TerraformStack, id: string, props: { name: string; token?: SecretInput; provider?: CredformProvider }) {
    const attributes = { name: props.name, token_wo: props.token === undefined ? undefined : secretValue(props.token) };
    super(scope, id, { resourceType: 'credform_test_thing', provider: props.provider, schema: block, attributes });
    if (props.token !== undefined) warnIfLiteralSecret(this, 'token', props.token);
  }
}

function stack(): TerraformStack {
  return new TerraformStack(Testing.app(), 'test');
}

describe('CredformProvider', () => {
  test('synthesizes vendor blocks in snake_case, pinned to this version, with aliases', () => {
    const s = stack();
    new CredformProvider(s, 'a', { dx: { baseUrl: 'https://acme.getdx.net', timeoutSeconds: 10 }, installProvider: false });
    new CredformProvider(s, 'b', { alias: 'second', tines: { baseUrl: 'https://t.example.com', apiKey: '${var.k}' }, installProvider: false });
    const json = JSON.parse(Testing.synth(s));
    expect(json.terraform.required_providers.credform).toEqual({ source: 'credform/credform', version: CredformProvider.VERSION });
    expect(json.provider.credform).toEqual([
      { dx: { base_url: 'https://acme.getdx.net', timeout_seconds: 10 } },
      { alias: 'second', tines: { base_url: 'https://t.example.com', api_key: '${var.k}' } },
    ]);
  });

  test('bad settings fail synth, naming the construct path and the field, echoing the value', () => {
    const s = stack();
    new CredformProvider(s, 'p', { dx: { baseUrl: 'http://dx.example.com' }, tines: { timeoutSeconds: 0, baseUrl: 'not a url' }, installProvider: false });
    // Loopback is fine over http, and so is an explicit opt-in.
    new CredformProvider(s, 'ok1', { dx: { baseUrl: 'http://127.0.0.1:8080' }, installProvider: false });
    new CredformProvider(s, 'ok2', { dx: { baseUrl: 'http://dx.internal', allowInsecureHttp: true }, installProvider: false });
    const errors = synthErrors(s);
    expect(errors).toHaveLength(3);
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\[test\/p\] dx\.baseUrl: .*"http:\/\/dx\.example\.com" uses http:\/\/ to a host that is not loopback/),
        expect.stringMatching(/^\[test\/p\] tines\.timeoutSeconds: .* \(got 0\)$/),
        expect.stringMatching(/^\[test\/p\] tines\.baseUrl: must be a URL.* \(got "not a url"\)$/),
      ]),
    );
  });

  test('a token is never echoed; a proxy URL\'s password is masked', () => {
    const s = stack();
    new CredformProvider(s, 'p', { dx: { token: '', timeoutSeconds: 1.5 }, tines: { proxyUrl: 'http://me:hunter2@ proxy:3128' }, installProvider: false });
    const errors = synthErrorsAt(s, 'test/p');
    expect(errors.find((e) => e.startsWith('dx.token: '))).toBe('dx.token: must not be empty');
    expect(errors.find((e) => e.startsWith('dx.timeoutSeconds: '))).toMatch(/\(got 1\.5\)$/);
    expect(errors.find((e) => e.startsWith('tines.proxyUrl: '))).toMatch(/\(got "http:\/\/\*\*\*@ proxy:3128"\)$/);
    expect(errors.join('\n')).not.toContain('hunter2');
  });
});

describe('Secret', () => {
  test('fromEnv becomes an ephemeral block read by the provider; nothing secret in the JSON', () => {
    const s = stack();
    const p = new CredformProvider(s, 'p', { installProvider: false });
    new Thing(s, 't', { name: 'x', token: Secret.fromEnv(s, 'MY_TOKEN') });
    const json = JSON.parse(Testing.synth(s));
    expect(json.ephemeral.credform_env_secret.env_my_token).toEqual({ name: 'MY_TOKEN' });
    expect(json.resource.credform_test_thing.t.token_wo).toBe('${ephemeral.credform_env_secret.env_my_token.value}');
    expect(p).toBeDefined();
  });

  test('fromEnv refuses a name that is not an environment variable\'s, naming the construct as synth does', () => {
    const s = stack();
    expect(() => Secret.fromEnv(s, 'MY-TOKEN')).toThrow(new Error('[test] Secret.fromEnv: "MY-TOKEN" is not an environment variable name'));
  });

  test('fromVariable is a sensitive ephemeral variable', () => {
    const s = stack();
    new Thing(s, 't', { name: 'x', token: Secret.fromVariable(s, 'thing_token') });
    const json = JSON.parse(Testing.synth(s));
    expect(json.variable.thing_token).toMatchObject({ type: 'string', sensitive: true, ephemeral: true });
    expect(json.resource.credform_test_thing.t.token_wo).toBe('${var.thing_token}');
  });

  test('a literal secret is a synth-time warning; a token is not', () => {
    const s = stack();
    const literal = new Thing(s, 'lit', { name: 'x', token: 'hunter2' });
    new Thing(s, 'tok', { name: 'y', token: '${var.something}' });
    const warnings = s.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type.includes('warn')).map((m) => ({ path: c.node.path, data: String(m.data) })));
    expect(warnings).toHaveLength(1);
    expect(warnings[0].data).toContain('token: a literal secret is written into cdk.tf.json');
    expect(literal).toBeDefined();
    expect(Annotations).toBeDefined();
  });
});

describe('resources', () => {
  test('the cdktf Testing matchers work on credform resources', () => {
    const synthesized = Testing.synthScope((scope) => {
      new Thing(scope as TerraformStack, 't', { name: 'hello' });
    });
    expect(synthesized).toHaveResourceWithProperties({ tfResourceType: 'credform_test_thing' }, { name: 'hello' });
    expect(synthesized).not.toHaveResourceWithProperties({ tfResourceType: 'credform_test_thing' }, { name: 'other' });
  });

  test('props are validated with the schema at synth (not at construction), naming the field and echoing the value', () => {
    const s = stack();
    new CredformProvider(s, 'credform', { installProvider: false });
    expect(() => new Thing(s, 't', { name: '' })).not.toThrow();
    expect(synthErrors(s)).toEqual(['[test/t] name: must not be empty (got "")']);
  });

  test('a secret is never echoed', () => {
    const s = stack();
    new CredformProvider(s, 'credform', { installProvider: false });
    new Thing(s, 't', { name: 'x', token: Secret.unsafeLiteral('hunter2') });
    expect(synthErrors(s)).toEqual(['[test/t] tokenWo: must be at least 8 characters']);
  });

  test('every stack using the provider installs it at synth (zero-config)', () => {
    const app = new App({ outdir: require('node:fs').mkdtempSync(require('node:path').join(require('node:os').tmpdir(), 'credform-synth-')) });
    expect(app).toBeDefined();
  });
});
