// Uploaded bytes: what the worker is sent is the file and nothing else, never copied when it
// need not be; the binary body of browser mode round-trips, and a body that lies is refused.
import { describe, expect, it } from 'vitest';
import { argsFromParts, partSizes, uploadBytes } from '../../electron/api/upload.ts';
import { encodeCallBody, UPLOAD_WIRE } from '../../shared/api/upload.ts';
import { UserError } from '../../shared/errors.ts';

describe('uploadBytes', () => {
  it('bytes that are the whole of their ArrayBuffer keep it (no copy)', () => {
    const file = new Uint8Array(1 << 20).map((_, i) => i % 251);
    const bytes = uploadBytes({ name: 'a', bytes: file });
    expect(bytes.buffer).toBe(file.buffer);
    expect(bytes.byteLength).toBe(file.byteLength);
  });

  it('a view into a larger buffer (Buffer’s shared pool, a subarray) is copied out into one of its own', () => {
    const pooled = Buffer.from([1, 2, 3, 250]);
    const big = new Uint8Array(1000).map((_, i) => i % 256);
    for (const file of [pooled, big.subarray(10, 20)]) {
      const bytes = uploadBytes({ name: 'a', bytes: file });
      expect([...bytes]).toEqual([...file]);
      expect({ offset: bytes.byteOffset, whole: bytes.buffer.byteLength }).toEqual({ offset: 0, whole: file.byteLength });
    }
  });
});

/** What the host gets: the body of encodeCallBody cut into parts by its header. */
async function throughWire(args: unknown): Promise<{ args: unknown; sizes: number[] }> {
  const req = encodeCallBody(args);
  expect(req.headers['content-type']).toBe(UPLOAD_WIRE.contentType);
  const body = new Uint8Array(await (req.body as Blob).arrayBuffer());
  const sizes = partSizes(req.headers[UPLOAD_WIRE.partsHeader]);
  if (typeof sizes === 'string') throw new Error(sizes);
  expect(sizes.reduce((a, b) => a + b, 0)).toBe(body.byteLength);
  const parts: Uint8Array[] = [];
  let at = 0;
  for (const n of sizes) parts.push(body.slice(at, (at += n)));
  return { args: argsFromParts(parts[0]!, parts.slice(1)), sizes };
}

describe('the binary body of browser mode', () => {
  it('a call without files stays a JSON body', () => {
    expect(encodeCallBody({ unitCode: '619001', year: 2025 })).toEqual({ headers: { 'content-type': 'application/json' }, body: '{"unitCode":"619001","year":2025}' });
    expect(encodeCallBody(undefined).body).toBe('{}');
  });

  it('files (a Buffer, a Uint8Array, an empty one) come back as the same bytes in the same places, the rest as it was', async () => {
    const a = Buffer.from('PK\u0003\u0004 一个报送包', 'utf8');
    const b = new Uint8Array(70_000).map((_, i) => (i * 7) % 256);
    const args = { files: [{ name: '甲.jxmb', bytes: a }, { name: '乙.jxmb', bytes: b }, { name: '丙', bytes: new Uint8Array(0) }], expectYear: 2025 };
    const { args: got, sizes } = await throughWire(args);
    expect(sizes.slice(1)).toEqual([a.byteLength, b.byteLength, 0]);
    const files = (got as typeof args).files;
    expect(files.map((f) => f.name)).toEqual(['甲.jxmb', '乙.jxmb', '丙']);
    expect(files.map((f) => Buffer.from(f.bytes).toString('hex'))).toEqual([a, b, new Uint8Array(0)].map((x) => Buffer.from(x).toString('hex')));
    expect((got as typeof args).expectYear).toBe(2025);
  });

  it('a placeholder that names no file, a file twice or a file never, and JSON that is not: refused in Chinese', () => {
    const json = (s: string) => Buffer.from(s, 'utf8');
    const f = [new Uint8Array([1])];
    const refused = (j: string, files: Uint8Array[]) => {
      try {
        argsFromParts(json(j), files);
      } catch (e) {
        expect(e).toBeInstanceOf(UserError);
        return (e as UserError).message;
      }
      return 'accepted';
    };
    expect(refused('{"file":{"$bytes":1}}', f)).toBe('请求内容有误：文件分段编号无效');
    expect(refused('{"file":{"$bytes":-1}}', f)).toBe('请求内容有误：文件分段编号无效');
    expect(refused('{"file":{"$bytes":0.5}}', f)).toBe('请求内容有误：文件分段编号无效');
    expect(refused('{"file":{"$bytes":"0"}}', f)).toBe('请求内容有误：文件分段编号无效');
    expect(refused('{"a":{"$bytes":0},"b":{"$bytes":0}}', f)).toBe('请求内容有误：文件分段编号无效');
    expect(refused('{"a":1}', f)).toBe('请求内容有误：有文件分段未被参数使用');
    expect(refused('{"a":', f)).toBe('请求内容有误：参数部分不是有效的 JSON');
    // Not a placeholder (another key beside it): left as it is, for the call's schema to refuse.
    expect(argsFromParts(json('{"file":{"$bytes":0,"x":1},"f":{"$bytes":0}}'), f)).toEqual({ file: { $bytes: 0, x: 1 }, f: f[0] });
  });

  it('the parts header: plain lengths only, the JSON and at least one file, at most 501 parts', () => {
    expect(partSizes('12,3,0')).toEqual([12, 3, 0]);
    for (const bad of [undefined, ['1,2'], '', '12', '12,', '1,-2', '1,2.5', '1, 2', '1,0x10', '1,1e3', '1,9999999999', Array(502).fill('1').join(',')]) {
      expect(partSizes(bad as string | undefined), String(bad).slice(0, 20)).toBe('缺少或无法识别文件分段说明');
    }
    expect(partSizes(Array(501).fill('1').join(','))).toHaveLength(501);
  });
});
