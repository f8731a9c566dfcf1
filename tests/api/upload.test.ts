// Uploaded bytes: what the worker is sent is the file and nothing else; a large file is not copied twice.
import { describe, expect, it } from 'vitest';
import { uploadBytes, uploadBytesBetweenTurns } from '../../electron/api/upload.ts';

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

describe('uploadBytes', () => {
  it('a small file gets an ArrayBuffer of its own (not Buffer’s shared pool)', () => {
    const file = new Uint8Array([1, 2, 3, 250]);
    const bytes = uploadBytes({ base64: b64(file) });
    expect([...bytes]).toEqual([...file]);
    expect(bytes.byteOffset).toBe(0);
    expect(bytes.buffer.byteLength).toBe(4);
  });

  it('a large file keeps the buffer it was decoded into, exactly its size; padding of every length decodes right', () => {
    for (const n of [1 << 20, (1 << 20) + 1, (1 << 20) + 2]) {
      const file = new Uint8Array(n).map((_, i) => (i * 31) % 256);
      const bytes = uploadBytes({ base64: b64(file) });
      expect(bytes.buffer.byteLength).toBe(n);
      expect(Buffer.compare(Buffer.from(bytes), Buffer.from(file))).toBe(0);
    }
  });

  it('between turns: timers and I/O callbacks waiting run before the bytes come back', async () => {
    const order: string[] = [];
    setImmediate(() => order.push('other call'));
    const p = uploadBytesBetweenTurns({ base64: b64(new Uint8Array(8)) }).then(() => order.push('bytes'));
    await p;
    expect(order).toEqual(['other call', 'bytes']);
  });
});
