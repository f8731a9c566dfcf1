// Files uploaded in a call's arguments (shared/api/upload.ts), browser mode and Electron alike:
// the bytes the handlers get, and the arguments of a binary body of browser mode.
import { UPLOAD_WIRE, type FileUpload } from '../../shared/api/upload.ts';
import { UserError } from '../../shared/errors.ts';
import { ownBytes } from '../files/read-limited.ts';

/** One turn of the event loop: calls waiting meanwhile are answered before the next piece of work. */
export const nextTurn = (): Promise<void> => new Promise((r) => setImmediate(r));

/** An upload's bytes with an ArrayBuffer of their own (not copied when they already have one). */
export function uploadBytes(file: FileUpload): Uint8Array {
  return ownBytes(file.bytes);
}

const badBody = (detail: string) => new UserError(`请求内容有误：${detail}`, 'BAD_REQUEST');

/**
 * `x-jxmb-parts` → the byte length of each part (the JSON first, then each file), or the
 * Chinese reason it is refused. Each length a plain decimal number; at most maxParts parts.
 */
export function partSizes(header: string | string[] | undefined): number[] | string {
  if (typeof header !== 'string' || header.length > UPLOAD_WIRE.maxParts * 10) return '缺少或无法识别文件分段说明';
  const parts = header.split(',');
  if (parts.length < 2 || parts.length > UPLOAD_WIRE.maxParts || parts.some((p) => !/^\d{1,9}$/.test(p))) return '缺少或无法识别文件分段说明';
  return parts.map(Number);
}

/**
 * The arguments of a binary body: the JSON part with each {"$bytes": i} replaced by file i.
 * Every file is named exactly once; anything else is refused (BAD_REQUEST, nothing done).
 */
export function argsFromParts(json: Uint8Array, files: readonly Uint8Array[]): unknown {
  const used = new Set<number>();
  let args: unknown;
  try {
    args = JSON.parse(Buffer.from(json.buffer, json.byteOffset, json.byteLength).toString('utf8'), (_k, v: unknown) => {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return v;
      const keys = Object.keys(v);
      if (keys.length !== 1 || keys[0] !== UPLOAD_WIRE.placeholder) return v;
      const i = (v as Record<string, unknown>)[UPLOAD_WIRE.placeholder];
      if (typeof i !== 'number' || !Number.isInteger(i) || i < 0 || i >= files.length || used.has(i)) throw badBody('文件分段编号无效');
      used.add(i);
      return files[i];
    });
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw badBody('参数部分不是有效的 JSON');
  }
  if (used.size !== files.length) throw badBody('有文件分段未被参数使用');
  return args;
}
