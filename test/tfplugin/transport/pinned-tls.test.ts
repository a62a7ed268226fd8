/**
 * Terraform's client certificate is pinned (src/tfplugin/transport/pinned-tls.ts): only a client
 * holding exactly that certificate and its key, speaking HTTP/2, reaches gRPC. Checked with raw TLS
 * clients against the listener, and with a real gRPC client against the built provider executable.
 */
import * as grpc from '@grpc/grpc-js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tls from 'node:tls';
import { createSelfSignedCertificate, type SelfSignedCertificate } from '../../../src/tfplugin/transport/certificate';
import { listenPinnedTls } from '../../../src/tfplugin/transport/pinned-tls';
import { startBuiltProvider } from '../../support/provider-process';

const terraformSide = createSelfSignedCertificate();
const providerSide = createSelfSignedCertificate();

interface Outcome {
  readonly accepted: boolean;
  readonly refused?: string;
}

/** One connection from a client with `client` (or none) and `alpn`, to a listener pinned to Terraform's certificate. */
async function connect(client: SelfSignedCertificate | undefined, alpn: string[] = ['h2']): Promise<Outcome> {
  const dir = mkdtempSync(join(tmpdir(), 'credform-pinned-'));
  const path = join(dir, 's.sock');
  let settle!: (o: Outcome) => void;
  const outcome = new Promise<Outcome>((resolve) => (settle = resolve));
  const server = await listenPinnedTls({
    keyPem: providerSide.keyPem,
    certPem: providerSide.certPem,
    clientCertPem: terraformSide.certPem,
    listenPath: path,
    onConnection: (socket) => {
      socket.destroy();
      settle({ accepted: true });
    },
    onRefused: (reason) => settle({ accepted: false, refused: reason }),
  });
  const socket = tls.connect({
    path,
    servername: 'localhost',
    ca: [providerSide.certPem],
    ALPNProtocols: alpn,
    ...(client ? { key: client.keyPem, cert: client.certPem } : {}),
  });
  socket.on('error', () => undefined);
  try {
    return await outcome;
  } finally {
    socket.destroy();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('pinned client certificate', () => {
  test("Terraform's own certificate, with HTTP/2, is handed on", async () => {
    await expect(connect(terraformSide)).resolves.toEqual({ accepted: true });
  });

  test('any other certificate is refused, though the client proves it holds its key', async () => {
    await expect(connect(createSelfSignedCertificate())).resolves.toEqual({ accepted: false, refused: 'the client certificate is not the one Terraform announced' });
  });

  test('no certificate is refused', async () => {
    await expect(connect(undefined)).resolves.toEqual({ accepted: false, refused: 'the client presented no certificate' });
  });

  test("Terraform's certificate without HTTP/2 is refused", async () => {
    const o = await connect(terraformSide, ['http/1.1']);
    expect(o.accepted).toBe(false);
  });
});

describe('the provider executable', () => {
  /** Starts the built provider for `terraformSide`, calls GetProviderSchema as `client`. */
  async function schemaAs(client: SelfSignedCertificate): Promise<{ ok: true; resources: string[] } | { ok: false; code: number; providerSaid: string }> {
    const provider = await startBuiltProvider(terraformSide, { TF_LOG_PROVIDER: 'debug' });
    const c = provider.connect(client);
    try {
      const r = await c.call('GetProviderSchema');
      return r.ok ? { ok: true, resources: Object.keys(r.res.resource_schemas).sort() } : { ok: false, code: r.error.code, providerSaid: provider.stderr() };
    } finally {
      c.close();
      provider.child.kill('SIGKILL');
    }
  }

  test('answers gRPC for the client certificate Terraform announced', async () => {
    const r = await schemaAs(terraformSide);
    expect(r.ok && r.resources).toContain('credform_dx_credential');
  }, 30_000);

  test('answers nothing to a client with another certificate', async () => {
    const r = await schemaAs(createSelfSignedCertificate());
    expect(r).toMatchObject({ ok: false, code: grpc.status.UNAVAILABLE });
    // Refused by the provider's pin, not failed on the client's side.
    expect(!r.ok && r.providerSaid).toContain('the client certificate is not the one Terraform announced');
  }, 30_000);
});
