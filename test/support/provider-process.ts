/**
 * The built provider executable started the way Terraform starts it (magic cookie, protocol
 * versions, auto-mTLS client certificate), and a gRPC client talking to it as a given certificate.
 */
import * as grpc from '@grpc/grpc-js';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { controllerService, providerService } from '../../src/tfplugin/protocol/services';
import type { SelfSignedCertificate } from '../../src/tfplugin/transport/certificate';
import { CREDFORM_BUNDLE_DIR } from './provider-build';

export interface ProviderProcess {
  readonly child: ChildProcess;
  /** Everything the provider wrote to stderr so far. */
  stderr(): string;
  /** A client of `tfplugin6.Provider` (and the go-plugin controller) presenting `client`'s certificate. */
  connect(client: SelfSignedCertificate): ProviderClient;
  /** Resolves once the process has exited. */
  readonly exited: Promise<number | null>;
}

export interface ProviderClient {
  /** Calls `method` with `request`; resolves with the answer or the gRPC error. */
  call(method: string, request?: object): Promise<{ ok: true; res: any } | { ok: false; error: grpc.ServiceError }>;
  /** go-plugin's Shutdown, as Terraform ends a provider. */
  shutdown(): Promise<void>;
  close(): void;
}

/** Starts the built provider for Terraform holding `terraformSide`; resolves after its handshake line. */
export async function startBuiltProvider(terraformSide: SelfSignedCertificate, extraEnv: Record<string, string> = {}): Promise<ProviderProcess> {
  const child = spawn(join(CREDFORM_BUNDLE_DIR, 'terraform-provider'), [], {
    env: {
      PATH: process.env.PATH ?? '',
      TF_PLUGIN_MAGIC_COOKIE: 'd602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2',
      PLUGIN_PROTOCOL_VERSIONS: '5,6',
      PLUGIN_CLIENT_CERT: terraformSide.certPem,
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      if (out.includes('\n')) resolve(out.split('\n')[0]!);
    });
    child.on('exit', (code) => reject(new Error(`provider exited ${code}: ${stderr}`)));
  });
  const [, , , socket, , certField] = line.split('|');
  // The handshake line carries base64 without its `=` padding (go-plugin's format); PEM needs it.
  const b64 = certField!.padEnd(Math.ceil(certField!.length / 4) * 4, '=');
  const serverCertPem = Buffer.from(`-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`);

  const connect = (client: SelfSignedCertificate): ProviderClient => {
    const credentials = grpc.credentials.createSsl(serverCertPem, Buffer.from(client.keyPem), Buffer.from(client.certPem));
    const options = { 'grpc.ssl_target_name_override': 'localhost' };
    const Provider = grpc.makeGenericClientConstructor(providerService, 'Provider');
    const Controller = grpc.makeGenericClientConstructor(controllerService, 'Controller');
    const provider = new Provider(`unix://${socket}`, credentials, options) as unknown as Record<string, Function> & grpc.Client;
    const controller = new Controller(`unix://${socket}`, credentials, options) as unknown as Record<string, Function> & grpc.Client;
    const invoke = (c: Record<string, Function>, method: string, request: object) =>
      new Promise<{ ok: true; res: any } | { ok: false; error: grpc.ServiceError }>((resolve) =>
        c[method]!(request, { deadline: Date.now() + 10_000 }, (error: grpc.ServiceError | null, res: unknown) => resolve(error ? { ok: false, error } : { ok: true, res })),
      );
    return {
      call: (method, request = {}) => invoke(provider, method, request),
      shutdown: async () => {
        await invoke(controller, 'Shutdown', {});
      },
      close: () => {
        provider.close();
        controller.close();
      },
    };
  };
  return { child, stderr: () => stderr, connect, exited };
}
