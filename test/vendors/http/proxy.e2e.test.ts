/**
 * Proxies in the provider Terraform runs (the bundle, not lib/): `proxy_url`, then `HTTP_PROXY` from
 * the environment, tunnel every vendor call through a CONNECT proxy; `NO_PROXY` sends it around the
 * proxy. The vendor's host name exists only for the proxy (it tunnels every CONNECT to the Tines
 * simulator), so a call that skipped the proxy could not have reached the vendor at all.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Simulators } from '../../../src/simulators';
import { credformTerraform } from '../../support/credform-terraform';
import { startConnectProxy } from '../../support/http-server';
import { startTestSimulators } from '../../support/simulators';
import type { TerraformDir } from '../../support/terraform';

const HOST = 'tines.proxied.test';

let sims: Simulators;
let proxy: http.Server;
let proxyUrl: string;
const connects: string[] = [];

beforeAll(async () => {
  ({ sims } = await startTestSimulators());
  const tinesPort = Number(new URL(sims.tines.url).port);
  proxy = await startConnectProxy(tinesPort, connects);
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});

afterAll(async () => {
  proxy.closeAllConnections();
  await new Promise<void>((resolve) => proxy.close(() => resolve()));
  await sims.stop();
});

function configure(tf: TerraformDir, name: string, tinesBlock: string): void {
  const port = new URL(sims.tines.url).port;
  tf.write(
    'main.tf',
    `provider "credform" {
  tines {
    base_url            = "http://${HOST}:${port}"
    allow_insecure_http = true
${tinesBlock}  }
}
resource "credform_tines_text_credential" "c" {
  name     = "${name}"
  team_id  = 2
  value_wo = "proxied-value-${name}"
}
`,
  );
}

const made = (name: string) => sims.tines.snapshot().credentials.filter((c) => c.name === name);

test('proxy_url: create, refresh and destroy all go through the proxy', async () => {
  const tf = await credformTerraform('credform-proxy-', { TINES_API_KEY: sims.tines.token });
  configure(tf, 'via-proxy-url', `    proxy_url           = "${proxyUrl}"\n`);
  connects.length = 0;
  await tf.ok(['apply', '-auto-approve', '-input=false']);
  expect(made('via-proxy-url')).toHaveLength(1);
  expect(connects.length).toBeGreaterThan(0);
  expect(new Set(connects)).toEqual(new Set([`${HOST}:${new URL(sims.tines.url).port}`]));
  const plan = await tf.run(['plan', '-detailed-exitcode', '-input=false']);
  expect(plan.code).toBe(0);
  await tf.ok(['destroy', '-auto-approve', '-input=false']);
  expect(made('via-proxy-url')).toHaveLength(0);
});

test('HTTP_PROXY from the environment is used, and NO_PROXY goes around it', async () => {
  const tf = await credformTerraform('credform-proxy-env-', { TINES_API_KEY: sims.tines.token });
  configure(tf, 'via-env-proxy', '');
  connects.length = 0;
  await tf.ok(['apply', '-auto-approve', '-input=false'], { HTTP_PROXY: proxyUrl });
  expect(made('via-env-proxy')).toHaveLength(1);
  expect(connects.length).toBeGreaterThan(0);

  connects.length = 0;
  // Around the proxy the made-up host cannot be reached: the refresh fails, and the proxy saw nothing.
  const around = await tf.run(['plan', '-input=false'], { HTTP_PROXY: proxyUrl, NO_PROXY: HOST });
  expect(around.code).not.toBe(0);
  expect(around.stderr).toMatch(/tines\.proxied\.test/);
  expect(connects).toEqual([]);
  await tf.ok(['destroy', '-auto-approve', '-input=false'], { HTTP_PROXY: proxyUrl });
  expect(made('via-env-proxy')).toHaveLength(0);
});
