/**
 * The DX client and its error mapping against the DX simulator, for the answers terraform can hardly
 * provoke (the plan-time check catches a missing connection first; credform never sends bad JSON).
 */
import { Diagnostics, formatPath } from '../../../src/tfplugin/diagnostics';
import { HttpClient, VendorHttpError } from '../../../src/vendors/http';
import { DxClient } from '../../../src/vendors/dx/client';
import { dxContext, reportError } from '../../../src/vendors/dx/errors';
import { modelOf, parseImportId, stateFromRead } from '../../../src/vendors/dx/mapping';
import { sameSettings } from '../../../src/vendors/dx/json-settings';
import { dxVendor } from '../../../src/vendors/dx/vendor';
import { useDxClient } from './support';

const world = useDxClient();
const sim = () => world.sim();
const dx = () => world.dx();
const http = () => world.http();

async function diagnosticOf(call: () => Promise<unknown>, ctx: Parameters<typeof reportError>[2]) {
  const diags = new Diagnostics();
  try {
    await call();
  } catch (e) {
    reportError(diags, e, ctx);
  }
  expect(diags.items).toHaveLength(1);
  const d = diags.items[0]!;
  return { ...d, path: d.path ? formatPath(d.path) : undefined };
}

describe('DxClient against the simulator', () => {
  test('the seed example round-trips: create, info, list, update, delete', async () => {
    const made = await dx().createCredential(123, { label: 'Automation user — myfakecompany', settings: { jira_user: 'dx-automation@myfakecompany.atlassian.net' }, secrets: { api_token: 'ATATT3xFakeExampleToken000000000000000123abc=' } });
    expect(made).toMatchObject({ type: 'jira_cloud', label: 'Automation user — myfakecompany' });
    expect(await dx().credentialInfo(123, made.id)).toMatchObject({ id: made.id, settings: { jira_user: 'dx-automation@myfakecompany.atlassian.net' }, deleted_at: null });
    const updated = await dx().updateCredential(123, { id: made.id, label: 'Automation user — myfakecompany (updated)' });
    expect(updated.label).toBe('Automation user — myfakecompany (updated)');
    expect((await dx().listCredentials(123)).map((c) => c.id)).toContain(made.id);
    await dx().deleteCredential(123, made.id);
    expect((await dx().credentialInfo(123, made.id)).deleted_at).not.toBeNull();
    expect(await dx().listCredentials(123)).toEqual([]);
  });

  test('connections.list is asked once per client', async () => {
    sim().clearRequestLog();
    const [a, b] = await Promise.all([dx().listConnections(), dx().listConnections()]);
    await dx().listConnections();
    expect(a).toBe(b);
    expect(sim().requestLog().filter((r) => r.path === '/api/connections.list')).toHaveLength(1);
  });

  test('connection_not_found at create: an error on connection_id saying how to find the id', async () => {
    const d = await diagnosticOf(() => dx().createCredential(999, { settings: {}, secrets: { t: 'x' } }), dxContext('create', 999));
    expect(d).toMatchObject({ severity: 'error', summary: 'DX connection not found', path: 'connection_id' });
    expect(d.detail).toContain('DX answered connection_not_found: it has no connection with id 999');
    expect(d.detail).toContain('credform_dx_connections');
    expect(d.detail).toContain('Nothing was created.');
  });

  test('credential_not_found at update and delete', async () => {
    const d = await diagnosticOf(() => dx().updateCredential(125, { id: 4242, label: 'x' }), dxContext('update', 125, 4242));
    expect(d.summary).toBe('DX credential not found');
    expect(d.detail).toContain('credential 4242 no longer exists on connection 125');
    await expect(dx().deleteCredential(125, 4242)).rejects.toMatchObject({ code: 'credential_not_found', status: 422 });
  });

  test('not_authed keeps its status and code, and never echoes the token', async () => {
    const bad = new HttpClient({ vendor: dxVendor, baseUrl: sim().url, auth: () => ({ Authorization: 'Bearer not-the-token' }), retry: { maxAttempts: 1 } });
    try {
      const err = await new DxClient(bad).listConnections().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(VendorHttpError);
      expect(err).toMatchObject({ status: 422, code: 'not_authed' });
      const d = await diagnosticOf(() => Promise.reject(err), dxContext('plan'));
      expect(d.summary).toBe('DX rejected the API token (not_authed)');
      expect(JSON.stringify(d)).not.toContain('not-the-token');
    } finally {
      await bad.close();
    }
  });

  test("invalid_json: DX's answer to an unparsable body is explained", async () => {
    // A body DX cannot parse, as a proxy mangling requests would deliver it.
    const res = await http().request({ method: 'POST', path: '/api/connections/125/credentials.create', form: { '{"settings"': '' }, headers: { 'content-type': 'application/json' }, idempotent: false, acceptErrorStatus: true });
    expect(res.ok).toBe(false);
    const d = await diagnosticOf(() => Promise.reject((res as { error: unknown }).error), dxContext('create', 125));
    expect(d.summary).toBe('DX could not parse the request (invalid_json)');
  });
});

describe('mapping', () => {
  test('import ids', () => {
    expect(parseImportId('123/456')).toEqual({ connectionId: 123, credentialId: 456 });
    expect(parseImportId(' 123 / 456 ')).toEqual({ connectionId: 123, credentialId: 456 });
    for (const bad of ['123', '123/', '/456', 'a/b', '0/1', '1/2/3', '123/4.5', '99999999999999999999/1']) expect(parseImportId(bad)).toBeUndefined();
  });

  test('settings compare as JSON; read keeps the stored text when it means the same', () => {
    expect(sameSettings('{"a":1,"b":[1,2]}', '{ "b": [1, 2.0], "a": 1 }')).toBe(true);
    expect(sameSettings('{"a":1}', '{"a":"1"}')).toBe(false);
    expect(sameSettings('{"a":[1,2]}', '{"a":[2,1]}')).toBe(false);
    const remote = { id: 7, type: 'linear', label: 'L', created_at: 't', settings: { b: 2, a: 1 }, expiration_date: '2027-01-31T00:00:00.000Z', deleted_at: null };
    const kept = stateFromRead(modelOf({ settings_json: '{ "a": 1, "b": 2 }', expiration_date: '2027-01-31' }), 125, remote);
    expect(kept).toMatchObject({ settings_json: '{ "a": 1, "b": 2 }', expiration_date: '2027-01-31', id: '125/7' });
    const drifted = stateFromRead(modelOf({ settings_json: '{"a":1}', expiration_date: null }), 125, remote);
    expect(drifted).toMatchObject({ settings_json: '{"a":1,"b":2}', expiration_date: '2027-01-31' });
  });
});
