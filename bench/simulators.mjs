// The four vendor simulators in a child process of their own, so that their CPU time is theirs alone.
//
//   child:  node bench/simulators.mjs [--no-rate-limits]
//           prints one JSON line: { env } (the provider's DX_BASE_URL, DX_API_TOKEN, ...), then reads
//           commands on stdin, one a line: `mark` (start counting), `stats` (print what was counted
//           since the mark as one JSON line). stdin closing stops the simulators and ends the process.
//   parent: `await startSimulatorsProcess()` gives { env, mark(), stats(), stop() }.
//
// `stats()`: cpuMs (the process's user+system CPU time: request handling, the vendor logic, JSON),
// requests, connections (TCP connections accepted), handlingMs (sum over requests of request-received → response-finished), busyMs (the wall
// time during which at least one request was being handled), and the count per HTTP status.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

export function startSimulatorsProcess({ rateLimits = true } = {}) {
  const child = spawn(process.execPath, [join(here, 'simulators.mjs'), ...(rateLimits ? [] : ['--no-rate-limits'])], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const waiting = [];
  lines.on('line', (line) => waiting.shift()?.resolve(JSON.parse(line)));
  child.on('exit', (code) => {
    for (const w of waiting.splice(0)) w.reject(new Error(`simulators exited (${code})`));
  });
  const next = () => new Promise((resolve, reject) => waiting.push({ resolve, reject }));
  const command = (c) => {
    const answer = next();
    child.stdin.write(`${c}\n`);
    return answer;
  };
  return next().then(({ env }) => ({
    env,
    mark: () => command('mark'),
    stats: () => command('stats'),
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.stdin.end();
      }),
  }));
}

async function runChild() {
  const require = createRequire(import.meta.url);
  const http = require('node:http');
  // Time every request the simulators' node:http servers handle.
  let requests = 0;
  let connections = 0;
  let handlingNs = 0n;
  let busyNs = 0n;
  let open = 0;
  let busySince = 0n;
  let statuses = {};
  let routes = {};
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (event, req, res) {
    if (event === 'connection') connections++;
    if (event === 'request') {
      const t0 = process.hrtime.bigint();
      if (open++ === 0) busySince = t0;
      res.once('close', () => {
        const t1 = process.hrtime.bigint();
        requests++;
        handlingNs += t1 - t0;
        if (--open === 0) busyNs += t1 - busySince;
        statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
        const route = `${req.method} ${req.url.split('?')[0].replace(/\/\d+(?=\/|$)/g, '/:id').replace(/\/bench-user-\d+/g, '/:user')}`;
        routes[route] = (routes[route] ?? 0) + 1;
      });
    }
    return emit.apply(this, arguments);
  };

  const sims = require('../lib/simulators/index.js');
  // Real rate limits are the vendors' (DX 1,000/min, OX 1,000/hour, Tines 5,000/min); `--no-rate-limits`
  // turns the simulators' counting off for runs that would only measure a vendor's quota.
  const started = await sims.startSimulators({ host: '127.0.0.1', rateLimits: !process.argv.includes('--no-rate-limits') });
  const env = started.providerEnv();
  let cpu = process.cpuUsage();
  const reset = () => {
    cpu = process.cpuUsage();
    requests = 0;
    connections = 0;
    handlingNs = 0n;
    busyNs = 0n;
    statuses = {};
    routes = {};
  };
  process.stdout.write(`${JSON.stringify({ env })}\n`);
  const rl = createInterface({ input: process.stdin });
  rl.on('line', (line) => {
    if (line === 'mark') {
      reset();
      process.stdout.write('{}\n');
    } else if (line === 'stats') {
      const d = process.cpuUsage(cpu);
      process.stdout.write(
        `${JSON.stringify({ cpuMs: (d.user + d.system) / 1000, requests, connections, handlingMs: Number(handlingNs) / 1e6, busyMs: Number(busyNs) / 1e6, statuses, routes })}\n`,
      );
    }
  });
  rl.on('close', async () => {
    await started.stop();
    process.exit(0);
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await runChild();
