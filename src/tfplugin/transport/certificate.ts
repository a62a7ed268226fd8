/**
 * The provider's side of go-plugin's automatic mutual TLS: a fresh self-signed certificate at every
 * start, made with node:crypto alone (a certificate library would cost hundreds of milliseconds of
 * start-up, and start-up is the cost that dominates).
 *
 * The certificate is what go-plugin itself makes: an ECDSA key, CA:TRUE (Terraform trusts it as the
 * root of its own chain), SAN DNS:localhost (the name Terraform checks), server and client auth.
 * Go's X.509 parser is strict DER, so every field below is written in its one DER form; the serial
 * in particular is a minimal positive INTEGER (a stray sign bit or redundant zero byte makes Go
 * reject about one certificate in 256).
 */
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';

export interface SelfSignedCertificate {
  /** The certificate, PEM. */
  readonly certPem: string;
  /** Its private key, PKCS#8 PEM. */
  readonly keyPem: string;
  /** The certificate, DER: what the handshake line carries. */
  readonly certDer: Buffer;
}

export interface CertificateOptions {
  /** Validity start (default now); the certificate is valid from 30 s before it. */
  readonly now?: Date;
  /** Validity length in days after `now` (default 30 years, as go-plugin does). */
  readonly validDays?: number;
}

/** A fresh ECDSA P-256 key and a self-signed X.509 v3 certificate for it (~1 ms). */
export function createSelfSignedCertificate(options: CertificateOptions = {}): SelfSignedCertificate {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const certDer = buildCertificate(publicKey, privateKey, options);
  return {
    certPem: toPem('CERTIFICATE', certDer),
    keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    certDer,
  };
}

/** The 6th field of go-plugin's handshake line: standard base64 of the DER, without '=' padding. */
export function handshakeCertField(certDer: Buffer): string {
  return certDer.toString('base64').replace(/=+$/, '');
}

// ---------------------------------------------------------------------------------------------
// The certificate (RFC 5280)

const OID = {
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  organization: '2.5.4.10',
  commonName: '2.5.4.3',
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  extKeyUsage: '2.5.29.37',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
};

const DAY_MS = 86_400_000;
const THIRTY_YEARS_DAYS = 10_957; // go-plugin: 262980 hours

function buildCertificate(publicKey: KeyObject, privateKey: KeyObject, options: CertificateOptions): Buffer {
  // The system clock, not credform's (src/clock.ts): Terraform checks this certificate with its own.
  const now = (options.now ?? new Date()).getTime();
  const notBefore = new Date(now - 30_000);
  const notAfter = new Date(now + (options.validDays ?? THIRTY_YEARS_DAYS) * DAY_MS);
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const name = der.seq(
    der.set(der.seq(der.oid(OID.organization), der.utf8('HashiCorp'))),
    der.set(der.seq(der.oid(OID.commonName), der.utf8('localhost'))),
  );
  const signatureAlgorithm = der.seq(der.oid(OID.ecdsaWithSha256)); // parameters absent (RFC 5758)

  const tbs = der.seq(
    der.explicit(0, der.integer(Buffer.from([2]))), // v3
    der.integer(randomSerial()),
    signatureAlgorithm,
    name,
    der.seq(der.time(notBefore), der.time(notAfter)),
    name,
    spki,
    der.explicit(
      3,
      der.seq(
        extension(OID.basicConstraints, true, der.seq(der.bool(true))),
        // digitalSignature(0), keyEncipherment(2), keyAgreement(4), keyCertSign(5): as go-plugin.
        extension(OID.keyUsage, true, der.namedBits([0, 2, 4, 5])),
        extension(OID.extKeyUsage, false, der.seq(der.oid(OID.serverAuth), der.oid(OID.clientAuth))),
        extension(OID.subjectAltName, false, der.seq(der.tagged(0x82, Buffer.from('localhost', 'ascii')))),
        extension(OID.subjectKeyIdentifier, false, der.octets(subjectKeyId(spki))),
      ),
    ),
  );
  const signature = sign('sha256', tbs, { key: privateKey, dsaEncoding: 'der' });
  return der.seq(tbs, signatureAlgorithm, der.bitString(signature));
}

function extension(oid: string, critical: boolean, value: Buffer): Buffer {
  // DER: a BOOLEAN with its DEFAULT (FALSE) value must be left out.
  return critical ? der.seq(der.oid(oid), der.bool(true), der.octets(value)) : der.seq(der.oid(oid), der.octets(value));
}

/** RFC 5280 4.2.1.2 method 1: SHA-1 of the subjectPublicKey BIT STRING's bits. */
function subjectKeyId(spki: Buffer): Buffer {
  // SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier, subjectPublicKey BIT STRING }
  const algorithm = derHeader(spki, 0).contentStart;
  const algorithmHeader = derHeader(spki, algorithm);
  const bits = derHeader(spki, algorithmHeader.contentStart + algorithmHeader.length);
  // Skip the BIT STRING's unused-bits byte.
  return createHash('sha1').update(spki.subarray(bits.contentStart + 1, bits.contentStart + bits.length)).digest();
}

/** Where a DER value's content starts and how long it is. */
function derHeader(buf: Buffer, at: number): { contentStart: number; length: number } {
  const first = buf[at + 1];
  if (first < 0x80) return { contentStart: at + 2, length: first };
  let length = 0;
  for (let i = 0; i < (first & 0x7f); i++) length = length * 256 + buf[at + 2 + i];
  return { contentStart: at + 2 + (first & 0x7f), length };
}

/** 128 random bits as a positive serial; `der.integer` makes its encoding minimal. */
function randomSerial(): Buffer {
  const bytes = randomBytes(16);
  if (bytes.every((b) => b === 0)) bytes[15] = 1; // a serial must be positive, never zero
  return bytes;
}

function toPem(label: string, body: Buffer): string {
  const b64 = body.toString('base64');
  let out = `-----BEGIN ${label}-----\n`;
  for (let i = 0; i < b64.length; i += 64) out += `${b64.slice(i, i + 64)}\n`;
  return `${out}-----END ${label}-----\n`;
}

// ---------------------------------------------------------------------------------------------
// A small DER writer (X.690): just the types a certificate needs.

function tlv(tag: number, content: Buffer): Buffer {
  const n = content.length;
  let header: Buffer;
  if (n < 0x80) header = Buffer.from([tag, n]);
  else if (n < 0x100) header = Buffer.from([tag, 0x81, n]);
  else if (n < 0x10000) header = Buffer.from([tag, 0x82, n >> 8, n & 0xff]);
  else if (n < 0x1000000) header = Buffer.from([tag, 0x83, n >> 16, (n >> 8) & 0xff, n & 0xff]);
  else throw new RangeError('DER value too long');
  return Buffer.concat([header, content]);
}

/** Exported for tests only. */
export const der = {
  seq: (...items: Buffer[]): Buffer => tlv(0x30, Buffer.concat(items)),
  set: (...items: Buffer[]): Buffer => tlv(0x31, Buffer.concat(items)),
  bool: (v: boolean): Buffer => Buffer.from([0x01, 0x01, v ? 0xff : 0x00]),
  /** A non-negative INTEGER from big-endian magnitude bytes, in its minimal encoding. */
  integer(magnitude: Uint8Array): Buffer {
    let start = 0;
    while (start < magnitude.length - 1 && magnitude[start] === 0) start++;
    const body = Buffer.from(magnitude.subarray(start));
    if (body.length === 0) return Buffer.from([0x02, 0x01, 0x00]);
    // A set top bit would make it negative: one 0x00 in front keeps it positive (and still minimal).
    return tlv(0x02, body[0] & 0x80 ? Buffer.concat([Buffer.from([0]), body]) : body);
  },
  oid(dotted: string): Buffer {
    const arcs = dotted.split('.').map(Number);
    const bytes = [40 * arcs[0] + arcs[1]];
    for (const arc of arcs.slice(2)) {
      const chunk = [arc & 0x7f];
      for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift((v & 0x7f) | 0x80);
      bytes.push(...chunk);
    }
    return tlv(0x06, Buffer.from(bytes));
  },
  utf8: (s: string): Buffer => tlv(0x0c, Buffer.from(s, 'utf8')),
  octets: (b: Uint8Array): Buffer => tlv(0x04, Buffer.from(b)),
  bitString: (b: Uint8Array): Buffer => tlv(0x03, Buffer.concat([Buffer.from([0]), b])),
  /** A named-bit BIT STRING (e.g. KeyUsage): DER drops trailing zero bits and counts them as unused. */
  namedBits(bits: number[]): Buffer {
    const top = Math.max(...bits);
    const bytes = Buffer.alloc((top >> 3) + 1);
    for (const b of bits) bytes[b >> 3] |= 0x80 >> (b & 7);
    return tlv(0x03, Buffer.concat([Buffer.from([7 - (top & 7)]), bytes]));
  },
  /** RFC 5280 4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050; whole seconds, 'Z'. */
  time(d: Date): Buffer {
    const iso = d.toISOString(); // YYYY-MM-DDTHH:MM:SS.sssZ
    const digits = iso.slice(0, 19).replace(/[-T:]/g, '');
    const year = d.getUTCFullYear();
    if (year < 1950 || year > 9999) throw new RangeError(`certificate date out of range: ${iso}`);
    return year < 2050 ? tlv(0x17, Buffer.from(`${digits.slice(2)}Z`, 'ascii')) : tlv(0x18, Buffer.from(`${digits}Z`, 'ascii'));
  },
  explicit: (n: number, content: Buffer): Buffer => tlv(0xa0 | n, content),
  tagged: (tag: number, content: Buffer): Buffer => tlv(tag, content),
};
