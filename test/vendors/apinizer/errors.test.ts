/**
 * Apinizer's refusals, as the simulator words them, become diagnostics in the configuration's
 * terms: on the attribute (and list element) they name, quoting Apinizer, saying what to do.
 * Bodies are sent through the real client, past the schema's own checks, to reach each answer.
 */
import { startApinizerSimulator, type ApinizerSimulator } from '../../../src/simulators';
import { Diagnostics, formatPath } from '../../../src/tfplugin/diagnostics';
import { resolveConnections } from '../../../src/vendors/connections';
import { ApinizerClient, type CredentialBody } from '../../../src/vendors/apinizer/client';
import { credentialContext, reportError, type ApinizerErrorContext } from '../../../src/vendors/apinizer/errors';
import { SEED_BODIES } from './support';
import { clientFactory } from '../../../src/vendors/apinizer/client-factory';

let sim: ApinizerSimulator;
beforeAll(async () => {
  sim = await startApinizerSimulator();
});
afterAll(() => sim?.stop());

function clientWith(token: string): ApinizerClient {
  const diags = new Diagnostics();
  const conns = resolveConnections({}, { APINIZER_BASE_URL: sim.url, APINIZER_TOKEN: token }, diags, new AbortController().signal);
  return conns.client(clientFactory, diags)!;
}

const valid: CredentialBody = { ...SEED_BODIES.basic, username: 'errors-user' };

/** The diagnostics for what a call threw, as `path: summary — detail` lines. */
async function diagnosticsOf(call: Promise<unknown>, ctx: Partial<ApinizerErrorContext> = {}): Promise<{ path: string; summary: string; detail: string }[]> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeDefined();
  const diags = new Diagnostics();
  const { action = 'create', project = 'MyProject', username = 'errors-user', ...more } = ctx;
  reportError(diags, error, { ...credentialContext(action, project, username, { passwordAttribute: 'password_wo' }), ...more });
  return diags.items.map((d) => ({ path: d.path ? formatPath(d.path) : '', summary: d.summary, detail: (d.detail ?? '').replace(/\s+/g, ' ') }));
}

describe("Apinizer's 400s", () => {
  const c = () => clientWith(sim.token);

  test.each([
    ['username', { username: '' }, 'username', 'Credential username can not be empty!'],
    ['password', { password: '' }, 'password_wo', 'Credential password can not be empty!'],
    ['full name', { fullName: '' }, 'full_name', 'Credential full name can not be empty!'],
    ['email', { email: '' }, 'email', 'Credential email can not be empty!'],
  ])('an empty %s is an error on that attribute', async (_what, change, path, said) => {
    const [d, ...more] = await diagnosticsOf(c().createCredential('MyProject', { ...valid, ...change }));
    expect(more).toEqual([]);
    expect(d).toMatchObject({ path, summary: `Apinizer refused an empty ${path}` });
    expect(d!.detail).toContain(`"${said}"`);
  });

  test('a taken username is an error on username with the import command', async () => {
    await c().createCredential('OtherProject', { ...valid, username: 'elsewhere' });
    // Usernames are unique across projects: the list of MyProject cannot show this one during plan.
    const [d] = await diagnosticsOf(c().createCredential('MyProject', { ...valid, username: 'elsewhere' }), { username: 'elsewhere' });
    expect(d).toMatchObject({ path: 'username', summary: 'Username already taken' });
    expect(d!.detail).toContain('"There is already a credential has this name!"');
    expect(d!.detail).toContain('terraform import <resource address> MyProject/elsewhere');
  });

  test("the context's extra sentence ends the detail", async () => {
    const [d, ...more] = await diagnosticsOf(c().createCredential('MyProject', { ...valid, email: '' }), { extra: 'One more sentence.' });
    expect(more).toEqual([]);
    expect(d).toMatchObject({ path: 'email', summary: 'Apinizer refused an empty email' });
    expect(d!.detail).toMatch(/"Credential email can not be empty!" .* Set a non-empty value\. One more sentence\.$/);
  });

  test('validation_errors land on each attribute, list elements by index', async () => {
    const roleNames = ['API_USER', 'NOT_A_ROLE'];
    const ipList = ['192.168.1.100', '10.0.0.0/99'];
    const items = await diagnosticsOf(
      c().createCredential('MyProject', { ...valid, email: 'nobody', roleNameList: roleNames, ipList, expireDate: '2024-12-31' }),
      { roleNames, ipList },
    );
    expect(items.map((i) => i.path).sort()).toEqual(['email', 'expire_date', 'ip_list[1]', 'role_names[1]']);
    const role = items.find((i) => i.path === 'role_names[1]')!;
    expect(role.summary).toBe('Apinizer refused role_names');
    expect(role.detail).toContain('Role (NOT_A_ROLE) does not exist');
    expect(role.detail).toContain('case-sensitive');
    expect(items.find((i) => i.path === 'ip_list[1]')!.detail).toContain('(10.0.0.0/99) is not a valid IP address or CIDR range');
  });

  test('a credential deleted meanwhile is an error on username saying to apply again', async () => {
    const [d] = await diagnosticsOf(c().changePassword('MyProject', 'errors-user', 'x-password'), { action: 'update' });
    expect(d).toMatchObject({ path: 'username', summary: 'Credential no longer exists' });
    expect(d!.detail).toContain('"Credential (username: errors-user) was not found!"');
    expect(d!.detail).toContain('Run terraform apply again');
  });
});

describe('401 and 404', () => {
  test('a missing project is an error on project_name in Apinizer\'s words', async () => {
    const [d] = await diagnosticsOf(clientWith(sim.token).listCredentials('NoSuchProject'), { project: 'NoSuchProject' });
    expect(d).toMatchObject({ path: 'project_name', summary: 'Apinizer project not found' });
    expect(d!.detail).toContain('"Project(NoSuchProject) was not found or user does not have privilege to access it!"');
  });

  test('a refused token says which setting to check, without echoing it', async () => {
    const [d] = await diagnosticsOf(clientWith('wrong-token-value').listCredentials('MyProject'), { action: 'read' });
    expect(d!.summary).toBe("Cannot read Apinizer credential MyProject/errors-user: Apinizer did not accept the provider's credentials");
    expect(d!.detail).toContain('HTTP 401 unauthorized_client: "Invalid token"');
    expect(d!.detail).toContain('APINIZER_TOKEN');
    expect(JSON.stringify(d)).not.toContain('wrong-token-value');
  });
});
