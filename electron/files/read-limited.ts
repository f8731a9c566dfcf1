// Reads a file from outside (USB stick, another office) only after checking that it is a
// file and not larger than the caller allows; fs failures become Chinese messages.
import { promises as fs } from 'node:fs';
import { UserFileError, describeFsError } from './errors.ts';

export interface ReadLimits {
  maxBytes: number;
  /** The caller's own error for a file over the limit (its wording, its error class). */
  tooLarge: (size: number) => Error;
  /** The caller's own error for a 0-byte file; omitted: an empty file is read as it is. */
  empty?: () => Error;
}

/**
 * Bytes as a Uint8Array of their own: bytes that are the whole of their ArrayBuffer keep it (no
 * second copy of megabytes); a view into a larger one (Buffer's shared pool, a subarray) is
 * copied out, so that its ArrayBuffer holds nothing else (a worker is sent, or given, the whole of it).
 */
export function ownBytes(b: Uint8Array): Uint8Array {
  return b.byteOffset === 0 && b.buffer.byteLength === b.byteLength && b.buffer instanceof ArrayBuffer ? new Uint8Array(b.buffer, 0, b.byteLength) : new Uint8Array(b);
}

export async function readFileLimited(path: string, limits: ReadLimits): Promise<Uint8Array> {
  let size: number;
  try {
    const st = await fs.stat(path);
    if (!st.isFile()) throw new UserFileError(`“${path}”不是文件`);
    size = st.size;
  } catch (e) {
    if (e instanceof UserFileError) throw e;
    throw describeFsError(e, path, '读取');
  }
  if (size > limits.maxBytes) throw limits.tooLarge(size);
  if (size === 0 && limits.empty) throw limits.empty();
  try {
    return ownBytes(await fs.readFile(path));
  } catch (e) {
    throw describeFsError(e, path, '读取');
  }
}
