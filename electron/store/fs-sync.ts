// File helpers for the store's crash-safe writes (temp name, fsync, rename). The async
// fsyncs run on libuv's thread pool: the main thread answers calls while the disk syncs.
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

/** fsyncFile without blocking the event loop. */
export async function fsyncFileAsync(p: string): Promise<void> {
  const h = await fs.promises.open(p, 'r+');
  try {
    await h.sync();
  } finally {
    await h.close();
  }
}

/** fsyncDir without blocking the event loop (ignored where directories cannot be synced). */
export async function fsyncDirAsync(dir: string): Promise<void> {
  let h: fs.promises.FileHandle | undefined;
  try {
    h = await fs.promises.open(dir, 'r');
    await h.sync();
  } catch {
    // not supported on this platform / filesystem
  } finally {
    await h?.close();
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
