/**
 * A throwaway PostgreSQL server for the pg-backend tests: initdb into a temp directory and start it
 * on a free port (unix socket and TCP on 127.0.0.1). PostgreSQL refuses to run as root, so as root
 * it runs as the `postgres` system user.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

export interface Postgres {
  readonly port: number;
  /** A libpq URL for Terraform's pg backend (`conn_str`). */
  readonly connStr: string;
  stop(): void;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** Debian installs the server binaries outside PATH (/usr/lib/postgresql/<v>/bin). */
function pgBin(name: string): string {
  if (spawnSync('sh', ['-c', `command -v ${name}`]).status === 0) return name;
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base) ? readdirSync(base).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) if (existsSync(join(base, v, 'bin', name))) return join(base, v, 'bin', name);
  return name;
}

function asPostgres(cmd: string, args: string[]): string[] {
  const bin = pgBin(cmd);
  return userInfo().uid === 0 ? ['runuser', '-u', 'postgres', '--', bin, ...args] : [bin, ...args];
}

function run(argv: string[]): void {
  const r = spawnSync(argv[0], argv.slice(1), { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${argv.join(' ')} failed (${r.status}): ${r.stderr || r.stdout}`);
}

export function postgresAvailable(): boolean {
  return spawnSync(pgBin('initdb'), ['--version']).status === 0;
}

export async function startPostgres(): Promise<Postgres> {
  const dir = mkdtempSync(join(tmpdir(), 'credform-pg-'));
  chmodSync(dir, 0o755);
  const data = join(dir, 'data');
  if (userInfo().uid === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }));
    chownSync(dir, uid, gid);
  }
  run(asPostgres('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']));
  const port = await freePort();
  run(asPostgres('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, 'start']));
  run(['psql', '-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-c', 'CREATE DATABASE terraform_state']);
  return {
    port,
    connStr: `postgres://postgres@127.0.0.1:${port}/terraform_state?sslmode=disable`,
    stop() {
      spawnSync(asPostgres('pg_ctl', ['-D', data, '-m', 'immediate', 'stop'])[0], asPostgres('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']).slice(1));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
