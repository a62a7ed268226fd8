// The least any Node.js provider does before its handshake line, for comparison with credform's
// start: a fresh certificate (credform's own code for it), an HTTP/2 server with mutual TLS trusting
// the client certificate Terraform passes, listening on a unix socket. No gRPC, no protocol, no
// provider. Run by bench/startup.mjs with the same environment as the provider.
'use strict';
const { mkdtempSync, rmSync } = require('node:fs');
const http2 = require('node:http2');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { createSelfSignedCertificate, handshakeCertField } = require('../lib/tfplugin/transport/certificate.js');

const cert = createSelfSignedCertificate();
const dir = mkdtempSync(join(tmpdir(), 'tls-floor-'));
const socket = join(dir, 'plugin.sock');
const server = http2.createSecureServer({ key: cert.keyPem, cert: cert.certPem, ca: process.env.PLUGIN_CLIENT_CERT, requestCert: true, rejectUnauthorized: true });
server.listen(socket, () => process.stdout.write(`1|6|unix|${socket}|grpc|${handshakeCertField(cert.certDer)}\n`));
process.on('SIGTERM', () => {
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
});
