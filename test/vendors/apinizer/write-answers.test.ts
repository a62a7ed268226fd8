/**
 * An Apinizer write counts only when the answer says `success: true`: an HTTP 200 with
 * `success: false`, without `success`, or of another shape is an error naming what came back — the
 * outside review saw "Creation complete" while nothing existed. The answers come from a scripted
 * local server standing in for a misbehaving manager (the simulator always answers as documented).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApinizerClient, type CredentialBody } from '../../../src/vendors/apinizer/client';
import { staticToken } from '../../../src/vendors/apinizer/auth';
import { apinizerVendor } from '../../../src/vendors/apinizer/vendor';
import { HttpClient, ResponseBodyError } from '../../../src/vendors/http';
import { rejection } from '../../support/http-server';

let answer: unknown;
let server: http.Server;
let client: ApinizerClient;
let http_: HttpClient;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const token = staticToken('personal-token');
  http_ = new HttpClient({ vendor: apinizerVendor, baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, auth: () => token.headers(), retry: { maxAttempts: 1 } });
  client = new ApinizerClient(http_, token);
});
afterAll(async () => {
  await http_.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const body: CredentialBody = { email: 'a@example.com', fullName: 'A', description: null, username: 'a', password: 'Secret123!', roleNameList: ['API_USER'], enabled: true, ipList: [], expireDate: null };
const deployment = { success: true, message: 'Deployment completed successfully', environmentResults: [] };

test.each([
  ['success: false', { success: false, deploymentResult: deployment }, 'Apinizer did not report success (got false)'],
  ['no success field', { deploymentResult: deployment }, 'Apinizer did not report success (got no success field)'],
  ['another shape', { ok: true }, 'Apinizer did not report success (got no success field)'],
])('an HTTP 200 with %s is an error for create, replace, password change and delete', async (_what, reply, message) => {
  answer = reply;
  for (const call of [
    () => client.createCredential('P', body),
    () => client.replaceCredential('P', body),
    () => client.changePassword('P', 'a', 'Secret123!'),
    () => client.deleteCredential('P', 'a'),
  ]) {
    const error = await rejection(call());
    expect(error).toBeInstanceOf(ResponseBodyError);
    expect(error.message).toContain(message);
    expect(error.message).not.toContain('Secret123!');
  }
});

test('the documented answer is a success', async () => {
  answer = { success: true, deploymentResult: deployment };
  await expect(client.createCredential('P', body)).resolves.toMatchObject({ success: true });
});
