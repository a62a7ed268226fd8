// The least any Node.js provider does before its handshake line, for comparison with credform's
// start: a fresh certificate (credform's own code for it), an HTTP/2 server with mutual TLS that
// accepts only the client certificate Terraform passes, listening on a unix socket. No gRPC, no
// protocol, no provider. Run by bench/startup.mjs with the same environment as the provider.
// Like the provider (src/tfplugin/transport/pinned-tls.ts) it pins the certificate instead of
// trusting it as a CA, which would make Node build its root store (~20 ms).
'use strict';
const { X509Certificate } = require('node:crypto');
const { mkdtempSync, rmSync } = require('node:fs');
const http2 = require('node:http2');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { createSelfSignedCertificate, handshakeCertField } = require('../lib/tfplugin/transport/certificate.js');

const cert = createSelfSignedCertificate();
const dir = mkdtempSync(join(tmpdir(), 'tls-floor-'));
const socket = join(dir, 'plugin.sock');
const pinned = new X509Certificate(process.env.PLUGIN_CLIENT_CERT).raw;
const server = http2.createSecureServer({ key: cert.keyPem, cert: cert.certPem, ca: [], requestCert: true, rejectUnauthorized: false });
server.on('secureConnection', (s) => {
  if (!s.getPeerCertificate().raw?.equals(pinned)) s.destroy();
});
server.listen(socket, () => process.stdout.write(`1|6|unix|${socket}|grpc|${handshakeCertField(cert.certDer)}\n`));
process.on('SIGTERM', () => {
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
});
