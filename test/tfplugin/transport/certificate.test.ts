import { execFileSync } from 'node:child_process';
import { createHash, createPrivateKey, X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tls from 'node:tls';
import { createSelfSignedCertificate, der, handshakeCertField, type SelfSignedCertificate } from '../../../src/tfplugin/transport/certificate';

/** Reads one DER TLV at `at`: tag, content bounds, and where the next value starts. */
function readTlv(buf: Buffer, at: number): { tag: number; start: number; end: number } {
  const first = buf[at + 1];
  let start = at + 2;
  let len = first;
  if (first & 0x80) {
    len = 0;
    for (let i = 0; i < (first & 0x7f); i++) len = len * 256 + buf[at + 2 + i];
    start += first & 0x7f;
  }
  return { tag: buf[at], start, end: start + len };
}

/** The serial number's INTEGER, exactly as encoded. */
function serialTlv(certDer: Buffer): { tag: number; body: Buffer } {
  const cert = readTlv(certDer, 0);
  const tbs = readTlv(certDer, cert.start);
  const version = readTlv(certDer, tbs.start);
  expect(version.tag).toBe(0xa0);
  const serial = readTlv(certDer, version.end);
  return { tag: serial.tag, body: certDer.subarray(serial.start, serial.end) };
}

describe('createSelfSignedCertificate', () => {
  let cert: SelfSignedCertificate;
  let x509: X509Certificate;
  beforeAll(() => {
    cert = createSelfSignedCertificate();
    x509 = new X509Certificate(cert.certPem);
  });

  it('is a self-signed CA for localhost that is valid now', () => {
    expect(x509.ca).toBe(true);
    expect(x509.subjectAltName).toContain('DNS:localhost');
    expect(x509.checkHost('localhost')).toBe('localhost');
    expect(x509.verify(x509.publicKey)).toBe(true);
    expect(x509.checkIssued(x509)).toBe(true);
    expect(x509.subject).toBe(x509.issuer);
    expect(x509.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    const now = Date.now();
    expect(Date.parse(x509.validFrom)).toBeLessThanOrEqual(now);
    expect(Date.parse(x509.validTo)).toBeGreaterThan(now + 365 * 86_400_000);
    expect(x509.keyUsage).toEqual(expect.arrayContaining(['1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.2']));
    expect(Buffer.compare(x509.raw, cert.certDer)).toBe(0);
  });

  it('matches its private key', () => {
    expect(x509.checkPrivateKey(createPrivateKey(cert.keyPem))).toBe(true);
  });

  it('puts base64 DER without padding in the handshake field', () => {
    for (let i = 0; i < 20; i++) {
      const c = createSelfSignedCertificate();
      const field = handshakeCertField(c.certDer);
      expect(field).not.toContain('=');
      expect(field).toMatch(/^[A-Za-z0-9+/]+$/);
      expect(Buffer.compare(Buffer.from(field, 'base64'), c.certDer)).toBe(0);
    }
    // A length that needs padding: 2 bytes → "AQI=" in padded base64.
    expect(handshakeCertField(Buffer.from([1, 2]))).toBe('AQI');
  });

  it('shows the extensions to openssl, which verifies it strictly', () => {
    const dir = mkdtempSync(join(tmpdir(), 'credform-cert-'));
    try {
      const file = join(dir, 'cert.pem');
      writeFileSync(file, cert.certPem);
      const text = execFileSync('openssl', ['x509', '-in', file, '-noout', '-text'], { encoding: 'utf8' });
      expect(text).toContain('Version: 3 (0x2)');
      expect(text).toContain('ecdsa-with-SHA256');
      expect(text).toMatch(/X509v3 Basic Constraints: critical\s+CA:TRUE/);
      expect(text).toMatch(/X509v3 Key Usage: critical\s+Digital Signature, Key Encipherment, Key Agreement, Certificate Sign/);
      expect(text).toMatch(/X509v3 Extended Key Usage:\s*\n\s+TLS Web Server Authentication, TLS Web Client Authentication/);
      expect(text).toMatch(/X509v3 Subject Alternative Name:\s*\n\s+DNS:localhost/);
      expect(text).toContain('X509v3 Subject Key Identifier');
      for (const purpose of ['sslserver', 'sslclient']) {
        const out = execFileSync('openssl', ['verify', '-x509_strict', '-purpose', purpose, '-CAfile', file, file], { encoding: 'utf8' });
        expect(out.trim()).toBe(`${file}: OK`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('has a subject key identifier that is the SHA-1 of the public key', () => {
    const spki = x509.publicKey.export({ type: 'spki', format: 'der' });
    const point = spki.subarray(spki.length - 65); // uncompressed P-256 point
    const ski = createHash('sha1').update(point).digest();
    expect(cert.certDer.includes(Buffer.concat([Buffer.from([0x04, 0x14]), ski]))).toBe(true);
  });

  it('always makes parseable certificates whose serial is a minimal positive INTEGER (2,000 runs)', () => {
    const started = process.hrtime.bigint();
    const serials = new Set<string>();
    let highBitSerials = 0;
    for (let i = 0; i < 2000; i++) {
      const c = createSelfSignedCertificate();
      const parsed = new X509Certificate(c.certDer);
      expect(parsed.ca).toBe(true);
      const { tag, body } = serialTlv(c.certDer);
      expect(tag).toBe(0x02);
      expect(body.length).toBeGreaterThan(0);
      expect(body.length).toBeLessThanOrEqual(17);
      expect(body[0] & 0x80).toBe(0); // positive
      if (body.length > 1) expect(body[0] === 0 && (body[1] & 0x80) === 0).toBe(false); // minimal
      if (body[0] === 0) highBitSerials++;
      expect(body.some((b) => b !== 0)).toBe(true); // not zero
      serials.add(body.toString('hex'));
    }
    const msEach = Number(process.hrtime.bigint() - started) / 1e6 / 2000;
    console.log(`certificate: ${msEach.toFixed(3)} ms per certificate (with parsing and checks)`);
    expect(serials.size).toBe(2000);
    expect(highBitSerials).toBeGreaterThan(500); // about half need the 0x00 in front
    expect(msEach).toBeLessThan(20);
  });

  it('writes INTEGERs minimally, whatever the leading bytes', () => {
    expect(der.integer(Buffer.from([0x00, 0x00, 0x7f]))).toEqual(Buffer.from([0x02, 0x01, 0x7f]));
    expect(der.integer(Buffer.from([0x00, 0x80]))).toEqual(Buffer.from([0x02, 0x02, 0x00, 0x80]));
    expect(der.integer(Buffer.from([0x00, 0x00, 0xff, 0x01]))).toEqual(Buffer.from([0x02, 0x03, 0x00, 0xff, 0x01]));
    expect(der.integer(Buffer.from([0x01, 0x00]))).toEqual(Buffer.from([0x02, 0x02, 0x01, 0x00]));
    expect(der.integer(Buffer.from([0x00, 0x00]))).toEqual(Buffer.from([0x02, 0x01, 0x00]));
    expect(der.namedBits([0, 2, 5])).toEqual(Buffer.from([0x03, 0x02, 0x02, 0xa4]));
    expect(der.namedBits([0])).toEqual(Buffer.from([0x03, 0x02, 0x07, 0x80]));
    expect(der.oid('1.2.840.10045.4.3.2')).toEqual(Buffer.from('06082a8648ce3d040302', 'hex'));
    expect(der.time(new Date('2049-12-31T23:59:59Z')).toString('latin1')).toBe('\x17\x0d491231235959Z');
    expect(der.time(new Date('2050-01-01T00:00:00.999Z')).toString('latin1')).toBe('\x18\x0f20500101000000Z');
  });

  it('takes a validity', () => {
    const c = createSelfSignedCertificate({ now: new Date('2030-06-01T00:00:00Z'), validDays: 1 });
    const x = new X509Certificate(c.certPem);
    expect(new Date(x.validFrom).toISOString()).toBe('2030-05-31T23:59:30.000Z');
    expect(new Date(x.validTo).toISOString()).toBe('2030-06-02T00:00:00.000Z');
  });
});

describe('mutual TLS with these certificates', () => {
  /** A server that requires a client certificate issued by `trusted`; resolves how the client fared. */
  async function handshake(server: SelfSignedCertificate, trusted: SelfSignedCertificate, client: SelfSignedCertificate) {
    const srv = tls.createServer({
      key: server.keyPem,
      cert: server.certPem,
      ca: [trusted.certPem],
      requestCert: true,
      rejectUnauthorized: true,
      minVersion: 'TLSv1.2',
    });
    const serverSide = new Promise<'accepted' | 'rejected'>((resolve) => {
      srv.on('secureConnection', (socket) => {
        socket.end('hello');
        resolve('accepted');
      });
      srv.on('tlsClientError', () => resolve('rejected'));
    });
    await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
    const { port } = srv.address() as AddressInfo;
    const clientSide = new Promise<string>((resolve) => {
      const socket = tls.connect({
        host: '127.0.0.1',
        port,
        servername: 'localhost',
        ca: [server.certPem],
        key: client.keyPem,
        cert: client.certPem,
      });
      let data = '';
      socket.on('data', (d) => (data += d.toString()));
      socket.on('end', () => resolve(data));
      socket.on('error', (e) => resolve(`error: ${e.message}`));
    });
    try {
      return { server: await serverSide, client: await clientSide };
    } finally {
      srv.close();
    }
  }

  it('succeeds when the server trusts the client certificate', async () => {
    const server = createSelfSignedCertificate();
    const client = createSelfSignedCertificate();
    await expect(handshake(server, client, client)).resolves.toEqual({ server: 'accepted', client: 'hello' });
  });

  it('fails for a client certificate the server does not trust', async () => {
    const server = createSelfSignedCertificate();
    const trusted = createSelfSignedCertificate();
    const stranger = createSelfSignedCertificate();
    const result = await handshake(server, trusted, stranger);
    expect(result.server).toBe('rejected');
    expect(result.client).not.toBe('hello');
  });

  it('fails when the client does not trust the server certificate', async () => {
    const server = createSelfSignedCertificate();
    const client = createSelfSignedCertificate();
    const other = createSelfSignedCertificate();
    const srv = tls.createServer({ key: server.keyPem, cert: server.certPem, ca: [client.certPem], requestCert: true });
    await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
    const { port } = srv.address() as AddressInfo;
    try {
      const message = await new Promise<string>((resolve) => {
        const socket = tls.connect({ host: '127.0.0.1', port, servername: 'localhost', ca: [other.certPem], key: client.keyPem, cert: client.certPem });
        socket.on('secureConnect', () => resolve('connected'));
        socket.on('error', (e) => resolve(e.message));
      });
      expect(message).toMatch(/self[- ]signed|unable to verify|certificate/i);
    } finally {
      srv.close();
    }
  });
});
