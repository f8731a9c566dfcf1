// Synchronous file helpers for the store's crash-safe writes (temp name, fsync, rename).
import fs from 'node:fs';

export function fsyncFile(p: string): void {
  const fd = fs.openSync(p, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Makes a rename durable. Directories cannot be opened on Windows: ignored there. */
export function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // not supported on this platform / filesystem
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

export function rmIfExists(p: string): void {
  fs.rmSync(p, { force: true });
}

/** Best-effort cleanup (never masks the error being handled). */
export function tryRm(p: string): void {
  try {
    fs.rmSync(p, { force: true });
  } catch {
    // ignore
  }
}
