// Measures provider start: spawn → handshake line, beside bare `node -e 0` spawn → exit.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { median } from './terraform.mjs';

export { median };

const require = createRequire(import.meta.url);
const TLS_FLOOR = fileURLToPath(new URL('./tls-floor.cjs', import.meta.url));

function clientCertPem() {
  // Terraform hands the provider a client certificate; the provider's TLS set-up must parse it.
  const { createSelfSignedCertificate } = require('../lib/tfplugin/transport/certificate.js');
  return createSelfSignedCertificate().certPem;
}

export function timeToExit(cmd, args, env = process.env) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(cmd, args, { env, stdio: 'ignore' });
    child.on('error', reject);
    child.on('close', () => resolve(Number(process.hrtime.bigint() - t0) / 1e6));
  });
}

export function timeToHandshake(executable, env, args = []) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(executable, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.on('error', reject);
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('\n')) {
        const ms = Number(process.hrtime.bigint() - t0) / 1e6;
        if (!/^1\|6\|unix\|/.test(out)) reject(new Error(`unexpected handshake: ${out}`));
        child.kill('SIGTERM');
        child.on('close', () => resolve(ms));
      }
    });
  });
}

/**
 * Interleaved runs (so machine noise hits both alike) of `node -e 0` and the provider, with its V8
 * code cache in `cacheDir` (one warm-up start writes it first), both with environment `extraEnv`
 * added to this process's. With `cold`, the provider also runs without any code cache
 * (CREDFORM_NO_CODE_CACHE=1): a first start on a machine. With `withFloor`, bench/tls-floor.cjs runs
 * too: what any Node.js provider does before its handshake (certificate, HTTP/2 with mutual TLS).
 */
export async function startupFigures(executable, { runs = 21, cacheDir, cold = 0, extraEnv = {}, withFloor = false, withoutOptions = false } = {}) {
  const base = { ...process.env, ...extraEnv };
  const env = {
    ...extraEnv,
    TF_PLUGIN_MAGIC_COOKIE: 'd602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2',
    PLUGIN_PROTOCOL_VERSIONS: '5,6',
    PLUGIN_CLIENT_CERT: clientCertPem(),
    ...(cacheDir ? { CREDFORM_CACHE_DIR: cacheDir } : {}),
  };
  await timeToHandshake(executable, env);
  // The launcher's node options (see scripts/bundle-provider.js) cost start-up time, since Node's
  // own compiled modules were cached under no options; CREDFORM_NODE_OPTIONS= starts without them.
  const plainEnv = { ...env, CREDFORM_NODE_OPTIONS: '' };
  if (withoutOptions) await timeToHandshake(executable, plainEnv);
  const plain = [];
  const node = [];
  const provider = [];
  const coldRuns = [];
  const floor = [];
  for (let i = 0; i < runs; i++) {
    node.push(await timeToExit(process.execPath, ['-e', '0'], base));
    provider.push(await timeToHandshake(executable, env));
    if (i < cold) coldRuns.push(await timeToHandshake(executable, { ...env, CREDFORM_NO_CODE_CACHE: '1' }));
    if (withFloor) floor.push(await timeToHandshake(process.execPath, env, [TLS_FLOOR]));
    if (withoutOptions) plain.push(await timeToHandshake(executable, plainEnv));
  }
  return {
    node: median(node),
    provider: median(provider),
    cold: cold ? median(coldRuns) : undefined,
    floor: withFloor ? median(floor) : undefined,
    withoutOptions: withoutOptions ? median(plain) : undefined,
    runs,
    coldRuns: cold,
  };
}
