/**
 * Serves a provider to Terraform: handshake, automatic mutual TLS, gRPC on a unix socket, and the
 * go-plugin controller. Everything on stdout except the handshake line would break the start, so
 * all logging goes to stderr.
 */
import * as grpc from '@grpc/grpc-js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from './logging';
import type { ProviderDefinition } from './provider';
import { PreEncoded } from './protocol/codec';
import { controllerService, providerMethodNames, providerService } from './protocol/services';
import type { ProviderMethodName, ProviderRpcTypes } from './protocol/types';
import type { ProviderServer } from './server/provider-server';
import { createSelfSignedCertificate, handshakeCertField } from './transport/certificate';
import { checkHandshakeEnv, handshakeLine, MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE } from './transport/handshake';
import { listenPinnedTls } from './transport/pinned-tls';
import { manageLifecycle } from './transport/lifecycle';

// Terraform's own limit for a single message is 256 MiB; large plans need more than grpc's 4 MiB.
const MAX_MESSAGE_BYTES = 256 * 1024 * 1024;

type RpcRequest<K extends ProviderMethodName> = ProviderRpcTypes[K]['request'];
type RpcResponse<K extends ProviderMethodName> = ProviderRpcTypes[K]['response'];

/** Serves one RPC: the request as the codec decoded it, the response for it to encode. */
type Handler<K extends ProviderMethodName> = (server: ProviderServer<unknown>, req: RpcRequest<K>) => RpcResponse<K> | Promise<RpcResponse<K>>;

/** The RPCs this provider serves; the others answer UNIMPLEMENTED. */
const handlers: { readonly [K in ProviderMethodName]?: Handler<K> } = {
  GetMetadata: (s) => s.getMetadata(),
  GetProviderSchema: (s) => s.getProviderSchema(),
  ValidateProviderConfig: (s, r) => s.validateProviderConfig(r),
  ValidateResourceConfig: (s, r) => s.validateResourceConfig(r),
  ValidateDataResourceConfig: (s, r) => s.validateDataResourceConfig(r),
  UpgradeResourceState: (s, r) => s.upgradeResourceState(r),
  ConfigureProvider: (s, r) => s.configureProvider(r),
  ReadResource: (s, r) => s.readResource(r),
  PlanResourceChange: (s, r) => s.planResourceChange(r),
  ApplyResourceChange: (s, r) => s.applyResourceChange(r),
  ImportResourceState: (s, r) => s.importResourceState(r),
  ReadDataSource: (s, r) => s.readDataSource(r),
  ValidateEphemeralResourceConfig: (s, r) => s.validateEphemeralResourceConfig(r),
  OpenEphemeralResource: (s, r) => s.openEphemeralResource(r),
  RenewEphemeralResource: (s) => s.renewEphemeralResource(),
  CloseEphemeralResource: (s) => s.closeEphemeralResource(),
  StopProvider: (s) => s.stopProvider(),
};

/** Encoded answers to the two RPCs that depend on nothing but the provider's code. */
export interface SchemaAnswers {
  readonly GetMetadata: Buffer;
  readonly GetProviderSchema: Buffer;
}

export interface ServeOptions<P> {
  /** The provider's type name (for log lines and the socket directory), known without loading it. */
  readonly typeName: string;
  /**
   * Loads the provider definition. Terraform waits for the handshake line before anything else, and
   * starts the provider 3-4 times per command, so the definition (vendor schemas, zod, clients) is
   * loaded after the handshake, while Terraform is still connecting.
   */
  readonly load: () => ProviderDefinition<P> | Promise<ProviderDefinition<P>>;
  /**
   * GetMetadata and GetProviderSchema answered without loading the definition (computed from it at
   * build time). With them, the definition loads on the first other call: a process Terraform starts
   * only to read the schema never loads it.
   */
  readonly schemaAnswers?: SchemaAnswers;
  readonly env?: NodeJS.ProcessEnv;
}

/** Answers `method` with bytes encoded beforehand. */
function preEncodedCall(method: string, bytes: Buffer, log: Logger): grpc.handleUnaryCall<unknown, unknown> {
  const answer = new PreEncoded(bytes);
  return (_call, callback) => {
    log.trace(`served ${method}`, { precomputed: true });
    callback(null, answer);
  };
}

/** The gRPC handler for `method`: its entry in `handlers` on the (lazily loaded) server, or UNIMPLEMENTED. */
function unaryCall<K extends ProviderMethodName>(method: K, server: () => Promise<ProviderServer<unknown>>, log: Logger): grpc.handleUnaryCall<RpcRequest<K>, RpcResponse<K>> {
  const handler = handlers[method];
  if (!handler) return (_call, callback) => callback({ code: grpc.status.UNIMPLEMENTED, details: `${method} is not implemented` });
  return (call, callback) => {
    const started = process.hrtime.bigint();
    server()
      .then((s) => handler(s, call.request))
      .then(
        (res) => {
          log.trace(`served ${method}`, { ms: Number(process.hrtime.bigint() - started) / 1e6 });
          callback(null, res);
        },
        (err: unknown) => callback({ code: grpc.status.INTERNAL, details: err instanceof Error ? err.message : String(err) }),
      );
  };
}

export async function serveProvider<P>(opts: ServeOptions<P>): Promise<number> {
  const env = opts.env ?? process.env;
  const check = checkHandshakeEnv(env);
  if (!check.ok) {
    // Started by Terraform (its cookie is there), stdout is what Terraform shows of a plugin that
    // fails before its handshake; started by hand, the message is for the person at the terminal.
    (env[MAGIC_COOKIE_KEY] === MAGIC_COOKIE_VALUE ? process.stdout : process.stderr).write(check.message);
    return 1;
  }
  const log = new Logger(`provider.terraform-provider-${opts.typeName}`, env);
  let serverPromise: Promise<ProviderServer<unknown>> | undefined;
  const server = () =>
    (serverPromise ??= Promise.all([import('./server/provider-server'), opts.load()]).then(
      ([m, def]) => new m.ProviderServer(def as ProviderDefinition<unknown>, log),
    ));

  const grpcServer = new grpc.Server({
    'grpc.max_receive_message_length': MAX_MESSAGE_BYTES,
    'grpc.max_send_message_length': MAX_MESSAGE_BYTES,
    // Channelz keeps per-call statistics for its admin service, which this server does not offer:
    // bookkeeping on every call that nobody can read.
    'grpc.enable_channelz': 0,
  });
  const implementation: grpc.UntypedServiceImplementation = {};
  for (const method of providerMethodNames) implementation[method] = unaryCall(method, server, log);
  if (opts.schemaAnswers) {
    implementation.GetMetadata = preEncodedCall('GetMetadata', opts.schemaAnswers.GetMetadata, log);
    implementation.GetProviderSchema = preEncodedCall('GetProviderSchema', opts.schemaAnswers.GetProviderSchema, log);
  }
  grpcServer.addService(providerService, implementation);

  const socketDir = mkdtempSync(join(tmpdir(), `tf-provider-${opts.typeName}-`));
  const socketPath = join(socketDir, 'plugin.sock');
  let tlsServer: { close(): unknown } | undefined;
  const exit = manageLifecycle({
    socketDir,
    onExit: () => {
      tlsServer?.close();
      grpcServer.forceShutdown();
    },
  });
  grpcServer.addService(controllerService, {
    Shutdown: (_call: unknown, callback: grpc.sendUnaryData<object>) => {
      callback(null, {});
      // Let the answer leave before the process ends; Terraform otherwise waits 2 s to kill us.
      setImmediate(() => exit(0));
    },
  });

  let certField = '';
  const clientCert = env.PLUGIN_CLIENT_CERT;
  if (clientCert) {
    // Terraform's auto-mTLS: a fresh self-signed certificate of our own, announced in the handshake
    // line, and only Terraform's own client certificate accepted (transport/pinned-tls.ts); gRPC
    // gets the connections that passed, already decrypted.
    const cert = createSelfSignedCertificate();
    const injector = grpcServer.createConnectionInjector(grpc.ServerCredentials.createInsecure());
    tlsServer = await listenPinnedTls({
      keyPem: cert.keyPem,
      certPem: cert.certPem,
      clientCertPem: clientCert,
      listenPath: socketPath,
      onConnection: (socket) => injector.injectConnection(socket),
      onRefused: (reason) => log.debug('connection refused', { reason }),
    });
    certField = handshakeCertField(cert.certDer);
  } else {
    await new Promise<void>((resolve, reject) =>
      grpcServer.bindAsync(`unix://${socketPath}`, grpc.ServerCredentials.createInsecure(), (err) => (err ? reject(err) : resolve())),
    );
  }
  process.stdout.write(handshakeLine(socketPath, certField));
  log.debug('provider started', { socket: socketPath });
  // Without answers computed beforehand the first call needs the definition anyway: load it while
  // Terraform connects (a failure shows up on the first call instead).
  if (!opts.schemaAnswers) setImmediate(() => server().catch(() => undefined));
  return new Promise<number>(() => {
    /* runs until Shutdown, a signal, or the parent's death ends the process */
  });
}
