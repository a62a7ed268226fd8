/**
 * Terraform's automatic mutual TLS, with Terraform's client certificate PINNED rather than trusted
 * as a certificate authority.
 *
 * Why: Node builds OpenSSL's store of its ~140 bundled root certificates (~20 ms) the first time a
 * secure context is given a CA, which is what grpc-js `ServerCredentials.createSsl(clientCert, …,
 * true)` does, and every provider start (3–4 per Terraform command) paid for it. Here the TLS
 * server is given no CA at all (`ca: []`, so no root store is built), asks for a client certificate
 * without judging its chain (`rejectUnauthorized: false`), and keeps a connection only when the
 * certificate the client presented — and proved it holds the private key of, in TLS's
 * CertificateVerify, which OpenSSL checks whatever the chain — is byte for byte the one Terraform
 * put in PLUGIN_CLIENT_CERT. Only then is the connection handed to gRPC, so not one HTTP/2 frame
 * of any other peer is read. This is stricter than the CA check it replaces, which would also have
 * accepted any certificate signed with Terraform's key.
 */
import { X509Certificate } from 'node:crypto';
import { createServer, type Server, type TLSSocket } from 'node:tls';

export interface PinnedTlsOptions {
  /** Our own certificate and key (PEM), as announced in the handshake line. */
  readonly keyPem: string;
  readonly certPem: string;
  /** PLUGIN_CLIENT_CERT: the only client certificate accepted (PEM). */
  readonly clientCertPem: string;
  /** A unix socket path. */
  readonly listenPath: string;
  /** Gets every connection whose client certificate matched, after its handshake. */
  readonly onConnection: (socket: TLSSocket) => void;
  /** Told about every connection refused, and why (for debug logs). */
  readonly onRefused?: (reason: string) => void;
}

/** Why a finished handshake must not reach gRPC, or undefined when it may. */
export function refusalReason(socket: Pick<TLSSocket, 'getPeerCertificate' | 'alpnProtocol'>, expectedDer: Buffer): string | undefined {
  const presented = socket.getPeerCertificate(false);
  if (!presented || !presented.raw) return 'the client presented no certificate';
  if (!presented.raw.equals(expectedDer)) return 'the client certificate is not the one Terraform announced';
  if (socket.alpnProtocol !== 'h2') return 'the client did not negotiate HTTP/2 (ALPN h2)';
  return undefined;
}

/** Listens on `listenPath`; resolves once listening. */
export function listenPinnedTls(opts: PinnedTlsOptions): Promise<Server> {
  const expectedDer = new X509Certificate(opts.clientCertPem).raw;
  const server = createServer({
    key: opts.keyPem,
    cert: opts.certPem,
    ca: [], // no CA: nothing to verify a chain against, and no root store built (see above)
    requestCert: true,
    rejectUnauthorized: false, // the pin below decides, on the certificate itself
    ALPNProtocols: ['h2'],
    minVersion: 'TLSv1.2',
  });
  server.on('secureConnection', (socket: TLSSocket) => {
    // A reset after the handshake must not become an unhandled 'error' event (a crash).
    socket.on('error', (err) => opts.onRefused?.(`connection error: ${err.message}`));
    const reason = refusalReason(socket, expectedDer);
    if (reason) {
      opts.onRefused?.(reason);
      socket.destroy();
      return;
    }
    opts.onConnection(socket);
  });
  server.on('tlsClientError', (err) => opts.onRefused?.(`TLS handshake failed: ${err.message}`));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.listenPath, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}
