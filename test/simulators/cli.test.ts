import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runSimulateCommand } from '../../src/simulators';
import { closeClient, send } from './support/http';

afterAll(closeClient);

const VENDOR_KEYS = ['dx', 'apinizer', 'ox', 'tines'];

function expectConnectionLine(line: string): Record<string, { url: string; token: string }> {
  const info = JSON.parse(line) as Record<string, { url: string; token: string }>;
  expect(Object.keys(info)).toEqual(VENDOR_KEYS);
  for (const key of VENDOR_KEYS) {
    expect(info[key]!.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(typeof info[key]!.token).toBe('string');
  }
  return info;
}

describe('runSimulateCommand in-process', () => {
  test('prints one JSON line first, serves, and stops cleanly with 0', async () => {
    const out: string[] = [];
    const abort = new AbortController();
    const done = runSimulateCommand(['--host', '127.0.0.1'], {
      stdout: (t) => out.push(t),
      stderr: () => undefined,
      signal: abort.signal,
    });
    while (out.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(out[0]!.endsWith('\n')).toBe(true);
    expect(out[0]!.trim().split('\n')).toHaveLength(1);
    const info = expectConnectionLine(out[0]!.trim());
    const r = await send(`${info.dx!.url}/api/connections.list`, {
      headers: { Authorization: `Bearer ${info.dx!.token}` },
    });
    expect(r.status).toBe(200);
    abort.abort();
    await expect(done).resolves.toBe(0);
    await expect(send(`${info.dx!.url}/api/connections.list`)).rejects.toThrow();
  });

  test('usage errors answer 2, --help 0, a bad seed file 1', async () => {
    const err: string[] = [];
    const out: string[] = [];
    const io = { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t) };
    const usage = 'usage: credform simulate [--host HOST] [--seed FILE] [--state-file FILE] [--faults FILE] [-h | --help]\n';
    expect(await runSimulateCommand(['--port', '1'], io)).toBe(2);
    expect(err.join('')).toBe(`credform simulate: unknown option "--port"\n${usage}`);
    err.length = 0;
    expect(await runSimulateCommand(['--seed'], io)).toBe(2);
    expect(err.join('')).toBe(`credform simulate: option "--seed" needs a value\n${usage}`);
    expect(out).toEqual([]);
    expect(await runSimulateCommand(['--help'], io)).toBe(0);
    expect(out.join('')).toMatch(/Usage: credform simulate/);
    expect(await runSimulateCommand(['simulate', '--seed', '/nonexistent/seed.json'], io)).toBe(1);
    expect(err.join('')).toMatch(/seed\.json/);
  });
});

describe('credform simulate as a process', () => {
  test('first stdout line is the JSON; SIGTERM stops it with exit code 0; state and faults files work', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'credform-cli-'));
    const stateFile = path.join(dir, 'state.json');
    const faultsFile = path.join(dir, 'faults.json');
    fs.writeFileSync(faultsFile, JSON.stringify({ tines: { serverErrorShare: 1, pathPattern: '^/api/v1/teams' } }));
    const child = spawn(
      process.execPath,
      [
        path.join(__dirname, '..', '..', 'bin', 'credform.js'), // the real binary, built by `npm test`
        'simulate',
        '--host',
        '127.0.0.1',
        '--state-file',
        stateFile,
        '--faults',
        faultsFile,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] }
    );
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const firstLine = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        const nl = stdout.indexOf('\n');
        if (nl >= 0) resolve(stdout.slice(0, nl));
      });
      child.on('exit', (code) => reject(new Error(`exited early (${code}): ${stderr}`)));
    });
    const info = expectConnectionLine(firstLine);
    const created = await send(`${info.tines!.url}/api/v1/user_credentials`, {
      headers: { Authorization: `Bearer ${info.tines!.token}` },
      body: { name: 'from cli', mode: 'TEXT', value: 'v', team_id: 2 },
    });
    expect(created.status).toBe(201);
    const teams = await send(`${info.tines!.url}/api/v1/teams`, {
      headers: { Authorization: `Bearer ${info.tines!.token}` },
    });
    expect(teams.status).toBe(503);
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    const state = JSON.parse(fs.readFileSync(stateFile, 'utf8'));
    expect(state.tines.credentials.map((c: { name: string }) => c.name)).toEqual(['from cli']);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
