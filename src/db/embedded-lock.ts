import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

/**
 * PGlite is one process's database: two processes writing one data directory would corrupt it. The
 * server holds a lock file beside the directory while it runs, naming its pid and URL, so that the
 * CLI can refuse to write and can read through the running server instead.
 */
export interface EmbeddedLock {
  pid: number;
  url: string | null;
}

export function lockPathFor(dataDir: string): string {
  return `${dataDir.replace(/\/+$/, '')}.lock`;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The live lock on a data directory, if another process holds one. */
export function readEmbeddedLock(dataDir: string): EmbeddedLock | null {
  const path = lockPathFor(dataDir);
  if (!existsSync(path)) return null;
  try {
    const lock = JSON.parse(readFileSync(path, 'utf8')) as EmbeddedLock;
    if (lock.pid !== process.pid && isAlive(lock.pid)) return lock;
  } catch {
    // A torn lock file is as good as none.
  }
  return null;
}

export function writeEmbeddedLock(dataDir: string, url: string | null): () => void {
  const path = lockPathFor(dataDir);
  writeFileSync(path, JSON.stringify({ pid: process.pid, url } satisfies EmbeddedLock));
  return () => rmSync(path, { force: true });
}
