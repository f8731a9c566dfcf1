// Reading a request body of the web host: a JSON body into one buffer, a binary body (a call
// with files, shared/api/upload.ts) into one buffer per part, each file its own ArrayBuffer
// (what a worker is given). The bytes are copied once into buffers grown as they arrive: an
// upload of megabytes is not held as its pieces and their concatenation, and a declared length
// reserves no memory before the bytes come.
import type http from 'node:http';

export type BodyRead = { ok: true; parts: Buffer[] } | { ok: false; code: 'TOO_LARGE' | 'BAD_REQUEST'; message: string };

/**
 * A buffer grown as bytes arrive, to at most `cap` bytes: doubling (from 64 KB), and the
 * declared length at once from a quarter of it. A length that lies reserves at most 4 × what
 * was sent, and a large upload is not held twice over (the old and the doubled buffer).
 */
class GrowingBuffer {
  private buf = Buffer.alloc(0);
  size = 0;
  constructor(
    readonly cap: number,
    private readonly declared: number | null,
  ) {}

  append(chunk: Buffer): void {
    const need = this.size + chunk.length;
    if (need > this.buf.length) {
      const d = this.declared !== null && this.declared >= need ? this.declared : null;
      const next = Buffer.allocUnsafe(d !== null && need * 4 >= d ? d : Math.min(d ?? this.cap, Math.max(need, this.buf.length * 2, 64 * 1024)));
      this.buf.copy(next, 0, 0, this.size);
      this.buf = next;
    }
    chunk.copy(this.buf, this.size);
    this.size = need;
  }

  bytes(): Buffer {
    return this.buf.length === this.size ? this.buf : this.buf.subarray(0, this.size);
  }
}

/**
 * The body's parts. `sizes` null: one part of at most `limit` bytes (`declared`, the
 * Content-Length, only sizes the buffer); more is TOO_LARGE. `sizes` given (their sum checked
 * against the limit by the caller): exactly those parts, in order; a body longer or shorter is
 * BAD_REQUEST. On a refusal the rest of the body is read and dropped.
 */
export function readBody(req: http.IncomingMessage, limit: number, declared: number | null, sizes: readonly number[] | null = null): Promise<BodyRead> {
  return new Promise((resolve, reject) => {
    let parts: GrowingBuffer[] = sizes ? sizes.map((n) => new GrowingBuffer(n, n)) : [new GrowingBuffer(limit, declared)];
    let at = 0; // the part being filled
    let done = false;
    const refuse = (r: BodyRead) => {
      done = true;
      parts = [];
      resolve(r);
    };
    req.on('data', (chunk: Buffer) => {
      let from = 0;
      while (!done && from < chunk.length) {
        while (at < parts.length && parts[at]!.size === parts[at]!.cap) at++;
        const part = parts[at];
        if (!part) {
          if (sizes) refuse({ ok: false, code: 'BAD_REQUEST', message: '请求内容有误：内容比文件分段说明的长' });
          else refuse({ ok: false, code: 'TOO_LARGE', message: `请求内容过大（超过 ${limit / 1024 / 1024} MB）` });
          return;
        }
        const take = Math.min(chunk.length - from, part.cap - part.size);
        part.append(from === 0 && take === chunk.length ? chunk : chunk.subarray(from, from + take));
        from += take;
      }
    });
    req.on('end', () => {
      if (done) return;
      if (sizes && parts.some((p) => p.size !== p.cap)) return refuse({ ok: false, code: 'BAD_REQUEST', message: '请求内容有误：内容不完整（比文件分段说明的短）' });
      done = true;
      resolve({ ok: true, parts: parts.map((p) => p.bytes()) });
    });
    req.on('error', (err) => {
      if (!done) reject(err);
    });
  });
}
