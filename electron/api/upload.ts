// Files uploaded in a call's arguments (base64; browser mode and Electron alike) as bytes.
import { ownBytes } from '../files/read-limited.ts';

/** One turn of the event loop: calls waiting meanwhile are answered before the next piece of work. */
export const nextTurn = (): Promise<void> => new Promise((r) => setImmediate(r));

/** An upload's bytes (a large file is not copied a second time: ownBytes). */
export function uploadBytes(file: { base64: string }): Uint8Array {
  return ownBytes(Buffer.from(file.base64, 'base64'));
}

/** uploadBytes with a turn of the event loop before and after the decoding (tens of ms for a large file). */
export async function uploadBytesBetweenTurns(file: { base64: string }): Promise<Uint8Array> {
  await nextTurn();
  const bytes = uploadBytes(file);
  await nextTurn();
  return bytes;
}
