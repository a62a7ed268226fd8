/**
 * How a provider process lives and dies beside Terraform: Ctrl-C reaches the whole process group, so
 * SIGINT is ignored and Terraform's StopProvider does the stopping, as with Go providers; when
 * Terraform dies by SIGKILL nobody calls Shutdown, so the provider notices its parent is gone and
 * exits; the socket directory is removed on every way out.
 */
import { rmSync } from 'node:fs';

export interface LifecycleOptions {
  /** Removed on exit. */
  readonly socketDir: string;
  /** Called once, whatever ends the process. */
  readonly onExit: () => void;
  /** How often to look for the parent, in ms. */
  readonly parentPollMs?: number;
}

export function manageLifecycle({ socketDir, onExit, parentPollMs = 500 }: LifecycleOptions): (code?: number) => void {
  let done = false;
  const exit = (code = 0) => {
    if (done) return;
    done = true;
    try {
      onExit();
    } finally {
      rmSync(socketDir, { recursive: true, force: true });
      process.exit(code);
    }
  };
  process.on('SIGINT', () => {
    /* ignored on purpose: Terraform sends StopProvider */
  });
  process.on('SIGTERM', () => exit(0));
  process.on('SIGHUP', () => exit(0));
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid !== parent || !alive(parent)) exit(0);
  }, parentPollMs);
  timer.unref();
  return exit;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
