// Writes a file so that a pulled USB stick or a power cut never leaves a file that
// looks complete: write to a temporary name in the same folder, fsync, rename, fsync
// the folder. On any failure the temporary file is removed and nothing else changes.
import { promises as nodeFs } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { describeFsError } from './errors.ts';

/** The subset of fs.promises used, so tests can inject failures. */
export interface WriteFs {
  open: typeof nodeFs.open;
  rename: typeof nodeFs.rename;
  rm: typeof nodeFs.rm;
}

export async function writeFileAtomic(path: string, data: string | Uint8Array, fsImpl: WriteFs = nodeFs): Promise<void> {
  return writeFileAtomicChunks(path, [data], fsImpl);
}

/** Same guarantees for content produced piece by piece (large exports), without holding it all in memory. */
export async function writeFileAtomicChunks(
  path: string,
  chunks: Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>,
  fsImpl: WriteFs = nodeFs,
): Promise<void> {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const fh = await fsImpl.open(tmp, 'wx');
    try {
      let pending: string[] = [];
      let size = 0;
      for await (const chunk of chunks) {
        if (typeof chunk === 'string') {
          pending.push(chunk);
          size += chunk.length;
          if (size < 1 << 20) continue;
        }
        if (pending.length) await fh.writeFile(pending.join(''));
        pending = [];
        size = 0;
        if (typeof chunk !== 'string') await fh.writeFile(chunk);
      }
      if (pending.length) await fh.writeFile(pending.join(''));
      await fh.sync();
    } finally {
      await fh.close();
    }
    await fsImpl.rename(tmp, path);
  } catch (err) {
    await fsImpl.rm(tmp, { force: true }).catch(() => undefined);
    throw describeFsError(err, path, '写入');
  }
  try {
    const dh = await fsImpl.open(dir, 'r');
    try {
      await dh.sync();
    } finally {
      await dh.close();
    }
  } catch {
    // Directory fsync is not supported everywhere (Windows); the rename already happened.
  }
}
