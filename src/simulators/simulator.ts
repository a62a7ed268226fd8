/**
 * What every simulator shares: a node:http server on loopback, the fault injector, the request log
 * (method, path, status — never a body), persistence to the state file, and stop. A vendor plugs in
 * as a `VendorApp`: a synchronous request handler over its own store.
 */
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { FaultInjector, type FaultDecision, type FaultOptions, type FaultOutcome } from './faults';
import { encodeBody, type SimRequest, type SimResponse } from './http-kit';
import { StateFile, type VendorName } from './store-file';
import { now as clockNow } from '../clock';

/** Options every simulator takes. */
export interface SimulatorOptions {
  /** Interface to listen on. @default '127.0.0.1' */
  readonly host?: string;
  /** TCP port; 0 picks a free one. @default 0 */
  readonly port?: number;
  /** The API token (OX: API key) the simulator accepts. @default a fixed string per vendor */
  readonly token?: string;
  /** Faults active from the start; change them later with `setFaults`. @default none */
  readonly faults?: FaultOptions;
  /** Persist the store in this JSON file (loaded at start when it exists). @default in memory only */
  readonly stateFile?: string;
  /** Clock in epoch milliseconds, for timestamps, token expiry and rate windows. @default the credform clock (src/clock.ts) */
  readonly now?: () => number;
}

export interface RequestLogEntry {
  readonly method: string;
  readonly path: string;
  /** The status sent, or null when the socket was destroyed instead (`reset`, `commit-then-drop`). */
  readonly status: number | null;
  /** The injected fault, when one fired. */
  readonly fault?: Exclude<FaultOutcome, 'none'>;
}

/** The handle of a running simulator. */
export interface SimulatorHandle<State> {
  readonly vendor: VendorName;
  /** Origin of the server, e.g. `http://127.0.0.1:40123` (no trailing slash); vendor paths go under it. */
  readonly url: string;
  /** The static token (OX: API key) the simulator accepts. */
  readonly token: string;
  /** Replaces the fault settings (and restarts the fault PRNG); `undefined` turns faults off. */
  setFaults(faults?: FaultOptions): void;
  /** A deep copy of the store, as plain JSON (secret values included: it is a test fixture). */
  snapshot(): State;
  /** Requests received so far, oldest first (the last 10,000). */
  requestLog(): RequestLogEntry[];
  /** How many requests were received since start. */
  requestCount(): number;
  clearRequestLog(): void;
  stop(): Promise<void>;
}

/** A vendor's side of the simulator. */
export interface VendorApp<State> {
  readonly vendor: VendorName;
  /** Answers one request; synchronous, so store reads and writes never interleave. */
  handle(req: SimRequest): SimResponse;
  /** Whether the request writes (used by `writesOnly` faults). */
  isWrite(req: SimRequest): boolean;
  /**
   * Runs on every request before faults: counts real rate limits, adds headers every answer must
   * carry (OX's `RateLimit-*`), or rejects.
   */
  prepare?(req: SimRequest): { headers?: Record<string, string>; reject?: SimResponse };
  /** The vendor's body for an injected 429 or 5xx. */
  faultResponse(kind: 'rate-limit' | 'server-error', decision: FaultDecision): SimResponse;
  /** The store (the simulator deep-copies it for snapshots and the state file). */
  state(): State;
}

const MAX_BODY_BYTES = 1024 * 1024;
const MAX_LOG_ENTRIES = 10_000;

export const DEFAULT_HOST = '127.0.0.1';

/** A vendor's view of the state file: what it held at start, and a synchronous write. */
export interface PersistedState {
  /** The vendor's stored state, or undefined (no state file, or the file does not hold it yet). */
  readonly initial: unknown;
  /** Writes the vendor's state (before the answer leaves); a no-op without a state file. */
  save(state: unknown): void;
  close(): void;
}

export function openPersistedState(options: SimulatorOptions, vendor: VendorName): PersistedState {
  if (options.stateFile === undefined) return { initial: undefined, save: () => undefined, close: () => undefined };
  const file = StateFile.open(options.stateFile);
  return { initial: file.read(vendor), save: (state) => file.write(vendor, state), close: () => file.close() };
}

/** What a vendor's start function hands to `startStoredSimulator`. */
export interface StoredSimulatorSpec<State, Extra extends object> {
  readonly vendor: VendorName;
  readonly defaultToken: string;
  /** Parses (and so validates) the persisted state or the seed. */
  parse(raw: unknown): State;
  readonly defaultSeed: unknown;
  /** Builds the vendor's app around the live state; `save` persists it after every change. */
  build(state: State, ctx: { readonly token: string; readonly now: () => number; readonly save: () => void }): { app: VendorApp<State>; extra: Extra };
}

/**
 * The start-up every vendor shares: state from the state file, else the seed, else the default seed;
 * persisted after every change; the file closed on stop or on a failed start.
 */
export async function startStoredSimulator<State, Extra extends object>(
  options: SimulatorOptions & { readonly seed?: unknown },
  spec: StoredSimulatorSpec<State, Extra>,
): Promise<SimulatorHandle<State> & Extra> {
  const token = options.token ?? spec.defaultToken;
  const persisted = openPersistedState(options, spec.vendor);
  try {
    const state = spec.parse(persisted.initial ?? options.seed ?? spec.defaultSeed);
    const save = (): void => persisted.save(state);
    const { app, extra } = spec.build(state, { token, now: options.now ?? clockNow, save });
    save();
    return await startSimulator(app, options, token, extra, () => persisted.close());
  } catch (err) {
    persisted.close();
    throw err;
  }
}

export async function startSimulator<State, Extra extends object>(
  app: VendorApp<State>,
  options: SimulatorOptions,
  token: string,
  extra: Extra,
  onStop?: () => void
): Promise<SimulatorHandle<State> & Extra> {
  const faults = new FaultInjector(options.faults);
  let stopped: Promise<void> | undefined;
  const log: RequestLogEntry[] = [];
  let count = 0;
  const record = (entry: RequestLogEntry): void => {
    count += 1;
    log.push(entry);
    if (log.length > MAX_LOG_ENTRIES) log.splice(0, log.length - MAX_LOG_ENTRIES);
  };

  const server = http.createServer((req, res) => {
    void serve(req, res).catch((err: unknown) => {
      // A bug in a simulator must show as one, not as a vendor answer or a silent hang.
      if (res.headersSent || res.destroyed) res.destroy();
      else send(res, { status: 500, body: `credform simulator error: ${(err as Error)?.message ?? String(err)}` });
    });
  });
  server.on('clientError', (_err, socket: Socket) => socket.destroy());

  async function serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://simulator.invalid');
    // Not decoded here: the router decodes each route parameter once (http-kit.ts).
    const path = url.pathname;
    const body = await readBody(req);
    if (body === 'too-large') {
      send(res, { status: 413, body: 'Payload Too Large' });
      record({ method, path, status: 413 });
      return;
    }
    const simReq: SimRequest = {
      method,
      path,
      query: url.searchParams,
      headers: req.headers,
      rawBody: body,
      params: {},
      remoteAddress: req.socket.remoteAddress ?? '',
    };
    const prepared = app.prepare?.(simReq) ?? {};
    const decision = faults.decide({ path, isWrite: app.isWrite(simReq) });
    if (decision.latencyMs > 0) await sleep(decision.latencyMs);
    if (stopped) {
      // Stopped while waiting: perform nothing.
      destroy(req.socket, false);
      return;
    }
    const withHeaders = (r: SimResponse): SimResponse => ({ ...r, headers: { ...prepared.headers, ...r.headers } });

    switch (decision.outcome) {
      case 'reset':
        record({ method, path, status: null, fault: 'reset' });
        destroy(req.socket, true);
        return;
      case 'rate-limit':
      case 'server-error': {
        const r = withHeaders(app.faultResponse(decision.outcome, decision));
        send(res, r);
        record({ method, path, status: r.status, fault: decision.outcome });
        return;
      }
      default:
        break;
    }
    if (prepared.reject) {
      const r = withHeaders(prepared.reject);
      send(res, r);
      record({ method, path, status: r.status });
      return;
    }
    const answer = withHeaders(app.handle(simReq));
    if (decision.outcome === 'commit-then-drop') {
      record({ method, path, status: null, fault: 'commit-then-drop' });
      destroy(req.socket, false);
      return;
    }
    send(res, answer);
    record({ method, path, status: answer.status });
  }

  const host = options.host ?? DEFAULT_HOST;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;

  const handle: SimulatorHandle<State> = {
    vendor: app.vendor,
    url,
    token,
    setFaults: (f) => faults.set(f),
    snapshot: () => structuredClone(app.state()),
    requestLog: () => log.slice(),
    requestCount: () => count,
    clearRequestLog: () => {
      log.length = 0;
    },
    stop: () => {
      stopped ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        onStop?.();
      });
      return stopped;
    },
  };
  return Object.assign(handle, extra);
}

function send(res: http.ServerResponse, r: SimResponse): void {
  const { contentType, bytes } = encodeBody(r);
  const headers: Record<string, string | number> = { ...r.headers, 'content-length': bytes.length };
  if (contentType && !hasHeader(r.headers, 'content-type')) headers['content-type'] = contentType;
  res.writeHead(r.status, headers);
  res.end(bytes);
}

function hasHeader(headers: Readonly<Record<string, string>> | undefined, name: string): boolean {
  return headers !== undefined && Object.keys(headers).some((k) => k.toLowerCase() === name);
}

function destroy(socket: Socket, reset: boolean): void {
  // A reset sends RST (the client sees ECONNRESET); a drop just closes without an answer.
  if (reset && typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
  else socket.destroy();
}

function readBody(req: http.IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
