/**
 * DX's refusals through `terraform apply`: each verification failure and each documented error shows
 * DX's words and a next step; after a failed create nothing is in state, after a failed update the
 * state (and DX) are unchanged.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { credentialRow, dxCall, expectConverged, liveCredentials, startDxWorld, stateOf, type DxWorld } from './support';

let w: DxWorld;
beforeAll(async () => {
  w = await startDxWorld('credform-dx-err-');
});
afterAll(async () => {
  await w?.sims.stop();
});

const PROVIDER = 'provider "credform" {}\n';

function credential(name: string, body: string): string {
  return `resource "credform_dx_credential" "${name}" {\n${body}\n}\n`;
}

/** Terraform wraps diagnostics in a box: strip the frame to match sentences. */
const unboxed = (text: string) => text.replace(/^[│╷╵]\s?/gm, '').replace(/\s*\n\s*/g, ' ');

async function applyFails(env: Record<string, string> = {}, args: string[] = []): Promise<string> {
  const r = await w.tf.run(['apply', '-input=false', '-auto-approve', ...args], env);
  expect(r.code).not.toBe(0);
  return unboxed(r.stderr);
}

describe('verification failures at create', () => {
  test('each one carries display_message and raw_message; nothing is stored or in state', async () => {
    // Held by another credential on connection 125, made outside Terraform.
    const other = await dxCall(w.sims, 'POST', '/api/connections/125/credentials.create', { label: 'other', settings: { team: 'payments' }, secrets: { token: 'taken-secret' } });
    expect(other.status).toBe(201);
    w.tf.write(
      'main.tf',
      PROVIDER +
        credential('invalid', `connection_id = 123\nsettings_json = jsonencode({ jira_user = "a@example.com" })\nsecrets_wo = { api_token = "invalid-token-1" }`) +
        credential('noperm', `connection_id = 123\nsettings_json = jsonencode({ jira_user = "b@example.com" })\nsecrets_wo = { api_token = "noperm-token-2" }`) +
        credential('dup_secrets', `connection_id = 125\nsettings_json = jsonencode({ team = "search" })\nsecrets_wo = { token = "taken-secret" }`) +
        credential('dup_settings', `connection_id = 125\nsettings_json = jsonencode({ team = "payments" })\nsecrets_wo = { token = "fresh-secret" }`),
    );
    const err = await applyFails();
    expect(err).toContain('Error: DX refused the credential: Invalid credentials');
    expect(err).toContain('DX says: The API token provided is invalid.');
    expect(err).toContain("Connector's message (raw_message): 401 Unauthorized");
    expect(err).toContain('Error: DX refused the credential: Invalid permissions');
    expect(err).toContain('DX says: The API token lacks the scopes or permissions this connector requires.');
    expect(err).toContain('raw_message): 403 Forbidden');
    expect(err).toContain('Error: DX refused the credential: Duplicate secrets');
    expect(err).toContain('DX says: These secrets are already used by another credential on this connection.');
    expect(err).toContain('Error: DX refused the credential: Duplicate settings');
    expect(err).toContain('DX says: These settings are already used by another credential on this connection.');
    expect(err).toContain('settings_json = jsonencode({ team = "payments" })'); // points at the attribute
    expect(err).toContain('DX stored nothing, and nothing was added to the Terraform state.');
    expect(err).not.toContain('fresh-secret');
    expect(await w.tf.resources()).toHaveLength(0);
    expect(liveCredentials(w.sims).map((c) => c.label)).toEqual(['other']);
  });
});

describe('a failed update', () => {
  test('leaves DX and the state unchanged, and is planned again', async () => {
    const cfg = (label: string, token: string) =>
      PROVIDER + credential('c', `connection_id = 125\nlabel = "${label}"\nsettings_json = jsonencode({ team = "update-test" })\nsecrets_wo = { token = "${token}" }`);
    w.tf.write('main.tf', cfg('first', 'good-secret-1'));
    await w.tf.ok(['apply', '-input=false', '-auto-approve']);
    const before = await stateOf(w.tf, 'credform_dx_credential.c');
    const id = before!.credential_id as number;

    w.tf.write('main.tf', cfg('second', 'invalid-secret-2'));
    const err = await applyFails();
    expect(err).toContain('Error: DX refused the credential: Invalid credentials');
    expect(err).toContain('DX says: The API token provided is invalid.');
    expect(err).toContain('Neither the credential in DX nor the Terraform state was changed.');
    expect(await stateOf(w.tf, 'credform_dx_credential.c')).toEqual(before);
    expect(credentialRow(w.sims, id)).toMatchObject({ label: 'first', secrets: { token: 'good-secret-1' } });
    // The rejected secret was not recorded as applied: the plan still wants to send it.
    const again = await w.tf.run(['plan', '-detailed-exitcode', '-input=false']);
    expect(again.code).toBe(2);
    expect(again.stdout).toMatch(/~ secrets_revision\s+= 1 -> \(known after apply\)/);

    w.tf.write('main.tf', cfg('second', 'good-secret-3'));
    await w.tf.ok(['apply', '-input=false', '-auto-approve']);
    expect(credentialRow(w.sims, id)).toMatchObject({ label: 'second', secrets: { token: 'good-secret-3' } });
    await expectConverged(w.tf);
  });
});

describe('documented errors', () => {
  const simple = (name: string, connection: string, extra = '') =>
    credential(name, `connection_id = ${connection}\nsettings_json = jsonencode({ team = "${name}" })\nsecrets_wo = { token = "secret-${name}" }${extra}`);

  test('not_authed: a wrong token is explained, at plan and at apply', async () => {
    w.tf.write('main.tf', PROVIDER + simple('auth', '125'));
    const atPlan = await w.tf.run(['plan', '-input=false'], { DX_API_TOKEN: 'wrong-token' });
    expect(atPlan.code).not.toBe(0);
    expect(unboxed(atPlan.stderr)).toContain('Error: DX rejected the API token (not_authed)');
    expect(unboxed(atPlan.stderr)).toContain('Check the token in the DX_API_TOKEN environment variable');

    await w.tf.ok(['plan', '-input=false', '-out=auth.tfplan']);
    const atApply = await w.tf.run(['apply', '-input=false', 'auth.tfplan'], { DX_API_TOKEN: 'wrong-token' });
    expect(atApply.code).not.toBe(0);
    const err = unboxed(atApply.stderr);
    expect(err).toContain('Error: DX rejected the API token (not_authed)');
    expect(err).toContain('DX answered not_authed');
    expect(err).not.toContain('wrong-token');
    expect(await stateOf(w.tf, 'credform_dx_credential.auth')).toBeUndefined();
  });

  test('a missing connection whose id is only known at apply: caught when apply plans the resource again', async () => {
    w.tf.write('main.tf', PROVIDER + 'resource "terraform_data" "conn" {\n  input = 999\n}\n' + credential('nowhere', 'connection_id = terraform_data.conn.output\nsecrets_wo = { token = "x" }'));
    const err = await applyFails();
    expect(err).toContain('Error: DX connection not found');
    // Terraform plans the resource again once the id is known, before creating it: the check runs then.
    expect(err).toContain('DX has no connection with id 999; it has 123 (jira_cloud "Jira Cloud"), 124 (github "GitHub"), 125 (linear "Linear")');
    expect(err).toContain('credform_dx_connections');
    expect(w.sims.dx.requestLog().filter((r) => r.path.startsWith('/api/connections/999/'))).toEqual([]);
    expect(await stateOf(w.tf, 'credform_dx_credential.nowhere')).toBeUndefined();
  });

  test('credential_not_found at update (deleted outside, applied without refresh)', async () => {
    w.tf.write('main.tf', PROVIDER + simple('gone', '125'));
    await w.tf.ok(['apply', '-input=false', '-auto-approve']);
    const before = await stateOf(w.tf, 'credform_dx_credential.gone');
    await dxCall(w.sims, 'POST', '/api/connections/125/credentials.delete', { id: before!.credential_id });
    w.tf.write('main.tf', PROVIDER + simple('gone', '125', '\nlabel = "renamed"'));
    const err = await applyFails({}, ['-refresh=false']);
    expect(err).toContain('Error: DX credential not found');
    expect(err).toContain(`DX answered credential_not_found: credential ${before!.credential_id} no longer exists on connection 125`);
    expect(err).toContain('the refresh removes it from state and the plan creates it again');
    expect(await stateOf(w.tf, 'credform_dx_credential.gone')).toEqual(before);
    // As the message says: a refreshing plan creates it again.
    const plan = await w.tf.ok(['plan', '-input=false']);
    expect(plan.stdout).toContain('credform_dx_credential.gone will be created');
  });

  test('invalid_json (a proxy mangling the body) is explained', async () => {
    const relay = await startCorruptingRelay(w.sims.dx.url, /credentials\.create$/);
    try {
      w.tf.write('main.tf', PROVIDER + simple('mangled', '125'));
      const err = await applyFails({ DX_BASE_URL: relay.url });
      expect(err).toContain('Error: DX could not parse the request (invalid_json)');
      expect(err).toContain('a proxy, a gateway');
      expect(relay.corrupted()).toBe(1);
      expect(await stateOf(w.tf, 'credform_dx_credential.mangled')).toBeUndefined();
      expect(liveCredentials(w.sims).some((c) => c.settings.team === 'mangled')).toBe(false);
    } finally {
      await relay.close();
    }
  });
});

/** Forwards to DX, but cuts the JSON body of the requests whose path matches: DX then answers invalid_json itself. */
async function startCorruptingRelay(target: string, corrupt: RegExp): Promise<{ url: string; corrupted: () => number; close: () => Promise<void> }> {
  let count = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      let body = Buffer.concat(chunks).toString('utf8');
      if (corrupt.test(req.url ?? '') && body) {
        body = body.slice(0, Math.floor(body.length / 2));
        count += 1;
      }
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && k !== 'host' && k !== 'content-length') headers[k] = v;
      const answer = await fetch(`${target}${req.url}`, { method: req.method, headers, body: req.method === 'GET' ? undefined : body });
      res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
      res.end(Buffer.from(await answer.arrayBuffer()));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    corrupted: () => count,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
