/** `metaArgumentsOf`: the Terraform meta-arguments among a construct's props, and every construct passing them on. */
import { TerraformIterator, TerraformStack, Testing, type TerraformMetaArguments } from 'cdktf';
import { ApinizerCredential, CredformProvider, DxCredential, OxConnectorCredentials, OxCredentials, Secret, TinesTextCredential } from '../../src/constructs';
import { metaArgumentsOf } from '../../src/constructs/meta-arguments';

const stack = () => new TerraformStack(Testing.app(), 'test');

describe('metaArgumentsOf', () => {
  test('picks exactly the meta-arguments, as given, and no other prop', () => {
    const s = stack();
    const provider = new CredformProvider(s, 'p', { alias: 'eu', installProvider: false });
    const before = new DxCredential(s, 'before', { connectionId: 1, secrets: { t: '${var.t}' } });
    const meta: Required<TerraformMetaArguments> = {
      dependsOn: [before],
      count: 2,
      provider,
      lifecycle: { preventDestroy: true },
      forEach: TerraformIterator.fromList(['a']),
      provisioners: [{ type: 'local-exec', command: 'true' }],
      connection: { type: 'ssh', host: 'example.com' },
    };
    const picked = metaArgumentsOf({ ...meta, connectionId: 1, label: 'x', secrets: {} } as TerraformMetaArguments);
    expect(Object.keys(picked).sort()).toEqual(['connection', 'count', 'dependsOn', 'forEach', 'lifecycle', 'provider', 'provisioners']);
    for (const [key, value] of Object.entries(meta)) expect(picked[key as keyof TerraformMetaArguments]).toBe(value);
  });

  test('leaves out the meta-arguments not set', () => {
    expect(metaArgumentsOf({ count: 0, dependsOn: undefined, name: 'n' } as TerraformMetaArguments)).toEqual({ count: 0 });
    expect(Object.keys(metaArgumentsOf({}))).toEqual([]);
  });
});

describe('every resource construct synthesizes the meta-arguments it is given', () => {
  const meta = (s: TerraformStack): TerraformMetaArguments => ({
    dependsOn: [new DxCredential(s, 'before', { connectionId: 1, secrets: { t: '${var.t}' } })],
    count: 2,
    provider: new CredformProvider(s, 'eu', { alias: 'eu', installProvider: false }),
    lifecycle: { preventDestroy: true },
  });
  const expected = { count: 2, depends_on: ['credform_dx_credential.before'], provider: 'credform.eu', lifecycle: { prevent_destroy: true } };

  test.each([
    ['DxCredential', 'credform_dx_credential', (s: TerraformStack) => new DxCredential(s, 'c', { ...meta(s), connectionId: 1, secrets: { t: '${var.t}' } })],
    [
      'ApinizerCredential',
      'credform_apinizer_credential',
      (s: TerraformStack) => new ApinizerCredential(s, 'c', { ...meta(s), projectName: 'P', username: 'u', email: 'u@example.com', fullName: 'U', password: Secret.fromEnv(s, 'PW') }),
    ],
    ['TinesTextCredential', 'credform_tines_text_credential', (s: TerraformStack) => new TinesTextCredential(s, 'c', { ...meta(s), name: 'n', teamId: 2, value: Secret.fromEnv(s, 'V') })],
  ])('%s', (_name, type, make) => {
    const s = stack();
    make(s);
    expect(JSON.parse(Testing.synth(s, true)).resource[type].c).toMatchObject(expected);
  });

  test('OxConnectorCredentials, its createBeforeDestroy default merged into the lifecycle given', () => {
    const s = stack();
    new OxConnectorCredentials(s, 'c', { ...meta(s), connectorId: '2', credentialsName: 'n', credentials: OxCredentials.token({ token: Secret.fromEnv(s, 'T') }) });
    expect(JSON.parse(Testing.synth(s, true)).resource.credform_ox_connector_credentials.c).toMatchObject({
      ...expected,
      lifecycle: { create_before_destroy: true, prevent_destroy: true },
    });
  });

  test('forEach, provisioners and connection too', () => {
    const s = stack();
    new CredformProvider(s, 'credform', { installProvider: false });
    new TinesTextCredential(s, 'c', {
      forEach: TerraformIterator.fromList(['a', 'b']),
      provisioners: [{ type: 'local-exec', command: 'true' }],
      connection: { type: 'ssh', host: 'example.com' },
      name: 'n',
      teamId: 2,
      value: Secret.fromEnv(s, 'V'),
    });
    expect(JSON.parse(Testing.synth(s, true)).resource.credform_tines_text_credential.c).toMatchObject({
      for_each: '${toset(["a", "b"])}',
      provisioner: [{ 'local-exec': { command: 'true' } }],
      connection: { type: 'ssh', host: 'example.com' },
    });
  });
});
