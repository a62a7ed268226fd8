// Measures provider start: spawn → handshake line, beside bare `node -e 0` spawn → exit.
import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function clientCertPem() {
  // Terraform hands the provider a client certificate; the provider's TLS set-up must parse it.
  const { createSelfSignedCertificate } = require('../lib/tfplugin/transport/certificate.js');
  return createSelfSignedCertificate().certPem;
}

export function timeToExit(cmd, args) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(cmd, args, { stdio: 'ignore' });
    child.on('error', reject);
    child.on('close', () => resolve(Number(process.hrtime.bigint() - t0) / 1e6));
  });
}

export function timeToHandshake(executable, env) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(executable, [], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
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

export async function startupFigures(bundle, runs = 15) {
  const env = {
    TF_PLUGIN_MAGIC_COOKIE: 'd602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2',
    PLUGIN_PROTOCOL_VERSIONS: '5,6',
    PLUGIN_CLIENT_CERT: clientCertPem(),
  };
  const node = [];
  const provider = [];
  // Interleave the two so that machine noise hits both alike.
  for (let i = 0; i < runs; i++) {
    node.push(await timeToExit(process.execPath, ['-e', '0']));
    provider.push(await timeToHandshake(bundle, env));
  }
  return { node: median(node), provider: median(provider), runs };
}
