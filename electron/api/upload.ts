// Files uploaded in a call's arguments (base64; browser mode and Electron alike) as bytes.

/** One turn of the event loop: calls waiting meanwhile are answered before the next piece of work. */
export const nextTurn = (): Promise<void> => new Promise((r) => setImmediate(r));

/**
 * An upload's bytes. A large file keeps the buffer it was decoded into (no second copy of
 * up to 20 MB); a small one is copied out of Buffer's shared pool, so that its
 * ArrayBuffer holds nothing else (a worker is sent the whole of it).
 */
export function uploadBytes(file: { base64: string }): Uint8Array {
  const b = Buffer.from(file.base64, 'base64');
  return b.byteOffset === 0 && b.buffer.byteLength === b.length ? new Uint8Array(b.buffer, 0, b.length) : new Uint8Array(b);
}

/** uploadBytes with a turn of the event loop before and after the decoding (tens of ms for a large file). */
export async function uploadBytesBetweenTurns(file: { base64: string }): Promise<Uint8Array> {
  await nextTurn();
  const bytes = uploadBytes(file);
  await nextTurn();
  return bytes;
}
