// A zip reader for files from outside (packages, DOCX, XLSX): reads the central
// directory itself, refuses unsafe member names, encryption, zip64 and unknown methods,
// and inflates with fflate's streaming inflater while counting output, so a member
// that inflates beyond its declared size or the limits is stopped, whatever its
// headers say. CRC-32 of every member is checked, and every local header (and data
// descriptor) must say what the central directory says, members must not overlap.
import { Inflate, zipSync, type Zippable } from 'fflate';

export class ArchiveError extends Error {
  constructor(
    message: string,
    readonly code: 'CORRUPT' | 'TRUNCATED' | 'UNSAFE_NAME' | 'TOO_LARGE' | 'UNSUPPORTED' = 'CORRUPT',
  ) {
    super(message);
    // defineProperty, not assignment: this also runs in the xlsx worker on frozen prototypes.
    Object.defineProperty(this, 'name', { value: 'ArchiveError' });
  }
}

export interface ZipLimits {
  entries: number;
  memberBytes: number;
  totalBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { entries: 10_000, memberBytes: 100 * 1024 * 1024, totalBytes: 300 * 1024 * 1024 };

export interface ZipEntry {
  name: string;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const CRC_TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

export function crc32(data: Uint8Array, crc = 0): number {
  let c = ~crc;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

/** Why a member name is unsafe, or null. Names are relative, `/`-separated, without `..`. */
export function unsafeNameReason(name: string): string | null {
  if (name === '') return '名称为空';
  if (name.includes('\\')) return '含反斜杠';
  if (name.startsWith('/')) return '是绝对路径';
  if (/^[A-Za-z]:/.test(name) || name.includes(':')) return '含盘符或冒号';
  if (/[\u0000-\u001f]/.test(name)) return '含控制字符';
  if (name.split('/').some((s) => s === '..' || s === '.')) return '含“..”（会跳出目标文件夹）';
  if (name.length > 500) return '名称过长';
  return null;
}

const u16 = (b: Uint8Array, i: number) => b[i]! | (b[i + 1]! << 8);
const u32 = (b: Uint8Array, i: number) => (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24)) >>> 0;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Reads the central directory; throws ArchiveError (Chinese) for anything wrong. */
export function listZip(buf: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipEntry[] {
  if (buf.length < 22) throw new ArchiveError('文件过短，不是完整的压缩包（可能被截断）', 'TRUNCATED');
  let eocd = -1;
  const stop = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= stop; i--) {
    if (buf[i] === 0x50 && buf[i + 1] === 0x4b && buf[i + 2] === 0x05 && buf[i + 3] === 0x06) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) {
    const isZip = buf[0] === 0x50 && buf[1] === 0x4b;
    throw new ArchiveError(isZip ? '压缩包不完整（文件末尾的目录缺失，可能被截断）' : '不是压缩包格式的文件', isZip ? 'TRUNCATED' : 'CORRUPT');
  }
  const count = u16(buf, eocd + 10);
  const cdSize = u32(buf, eocd + 12);
  const cdOffset = u32(buf, eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) throw new ArchiveError('不支持 ZIP64 格式的压缩包', 'UNSUPPORTED');
  if (u16(buf, eocd + 4) !== 0 || u16(buf, eocd + 6) !== 0) throw new ArchiveError('不支持分卷压缩包', 'UNSUPPORTED');
  if (count > limits.entries) throw new ArchiveError(`压缩包内文件过多（${count} 个，上限 ${limits.entries}）`, 'TOO_LARGE');
  if (cdOffset + cdSize > eocd) throw new ArchiveError('压缩包目录位置有误（文件损坏或被截断）', 'TRUNCATED');
  const entries: ZipEntry[] = [];
  const seen = new Set<string>();
  let total = 0;
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > eocd || u32(buf, p) !== 0x02014b50) throw new ArchiveError('压缩包目录已损坏', 'CORRUPT');
    const flags = u16(buf, p + 8);
    const method = u16(buf, p + 10);
    const crc = u32(buf, p + 16);
    const compressedSize = u32(buf, p + 20);
    const size = u32(buf, p + 24);
    const nameLen = u16(buf, p + 28);
    const extraLen = u16(buf, p + 30);
    const commentLen = u16(buf, p + 32);
    const localOffset = u32(buf, p + 42);
    if (p + 46 + nameLen > eocd) throw new ArchiveError('压缩包目录已损坏', 'CORRUPT');
    let name: string;
    try {
      name = utf8.decode(buf.subarray(p + 46, p + 46 + nameLen));
    } catch {
      throw new ArchiveError('压缩包内有文件名编码无法识别', 'UNSAFE_NAME');
    }
    const why = unsafeNameReason(name);
    if (why) throw new ArchiveError(`压缩包内的文件名“${name.slice(0, 80)}”不安全：${why}`, 'UNSAFE_NAME');
    const key = name.toLowerCase();
    if (seen.has(key)) throw new ArchiveError(`压缩包内文件“${name}”重复出现`, 'CORRUPT');
    seen.add(key);
    if (flags & 1) throw new ArchiveError(`压缩包内文件“${name}”已加密，无法读取`, 'UNSUPPORTED');
    if (method !== 0 && method !== 8) throw new ArchiveError(`压缩包内文件“${name}”的压缩方式（${method}）不受支持`, 'UNSUPPORTED');
    if (compressedSize === 0xffffffff || size === 0xffffffff) throw new ArchiveError('不支持 ZIP64 格式的压缩包', 'UNSUPPORTED');
    if (size > limits.memberBytes) {
      throw new ArchiveError(`压缩包内文件“${name}”解压后过大（${mb(size)}，上限 ${mb(limits.memberBytes)}），可能是“压缩炸弹”`, 'TOO_LARGE');
    }
    total += size;
    if (total > limits.totalBytes) throw new ArchiveError(`压缩包解压后总大小超过上限 ${mb(limits.totalBytes)}，可能是“压缩炸弹”`, 'TOO_LARGE');
    if (method === 0 && compressedSize !== size) throw new ArchiveError(`压缩包内文件“${name}”的大小信息不一致`, 'CORRUPT');
    if (localOffset + 30 > cdOffset) throw new ArchiveError(`压缩包内文件“${name}”的位置有误（文件损坏或被截断）`, 'TRUNCATED');
    entries.push({ name, method, crc, compressedSize, size, localOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  refuseOverlaps(buf, entries);
  return entries;
}

/** Members whose local header and data run into the next member's: one reader's member would be part of another's data. */
function refuseOverlaps(buf: Uint8Array, entries: readonly ZipEntry[]): void {
  const byOffset = [...entries].sort((a, b) => a.localOffset - b.localOffset);
  for (let i = 0; i + 1 < byOffset.length; i++) {
    const e = byOffset[i]!;
    const next = byOffset[i + 1]!;
    const end = e.localOffset + 30 + u16(buf, e.localOffset + 26) + u16(buf, e.localOffset + 28) + e.compressedSize;
    if (end > next.localOffset) throw new ArchiveError(`压缩包内文件“${e.name}”与“${next.name}”的数据相互重叠（文件已损坏或被篡改），已拒绝`, 'CORRUPT');
  }
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(n < 1024 * 1024 ? 2 : 0)} MB`;

/**
 * What the local header (and data descriptor) say differently from the central directory, or
 * null. A reader that trusts the local headers (most do, when streaming) would otherwise see
 * other files than this one. Allowed: a header with bit 3 set whose CRC and sizes are 0 (or
 * the right values) followed by a data descriptor of the right values, as LibreOffice, Excel
 * and streaming writers leave them; sizes of 0xFFFFFFFF read from the ZIP64 extra field.
 */
function localHeaderDiffers(buf: Uint8Array, e: ZipEntry, p: number, nameLen: number, extraLen: number, dataEnd: number): string | null {
  const flags = u16(buf, p + 6);
  if ((flags & 1) !== 0 || u16(buf, p + 8) !== e.method) return '加密或压缩方式';
  if (Buffer.compare(buf.subarray(p + 30, p + 30 + nameLen), Buffer.from(e.name, 'utf8')) !== 0) return '文件名';
  let compressed: number = u32(buf, p + 18);
  let size: number = u32(buf, p + 22);
  if (compressed === 0xffffffff || size === 0xffffffff) {
    const z64 = zip64Sizes(buf, p + 30 + nameLen, extraLen);
    if (!z64) return '大小';
    [size, compressed] = z64;
  }
  const crc = u32(buf, p + 14);
  const streamed = (flags & 8) !== 0;
  const same = (local: number, central: number) => local === central || (streamed && local === 0);
  if (!same(crc, e.crc)) return '校验码（CRC）';
  if (!same(compressed, e.compressedSize) || !same(size, e.size)) return '大小';
  if (streamed && !descriptorMatches(buf, e, dataEnd)) return '数据描述符';
  return null;
}

/** [size, compressed] of a local header's ZIP64 extra field (both are there when either is 0xFFFFFFFF), or null. */
function zip64Sizes(buf: Uint8Array, at: number, len: number): [number, number] | null {
  for (let q = at; q + 4 <= at + len; q += 4 + u16(buf, q + 2)) {
    if (u16(buf, q) !== 1) continue;
    if (u16(buf, q + 2) < 16 || q + 20 > at + len) return null;
    const big = (i: number) => (u32(buf, i + 4) === 0 ? u32(buf, i) : -1);
    return [big(q + 4), big(q + 12)];
  }
  return null;
}

/** The data descriptor after a member's data (with or without its signature, 4- or 8-byte sizes) says what the central directory says. */
function descriptorMatches(buf: Uint8Array, e: ZipEntry, at: number): boolean {
  const says = (from: number) => {
    const fits = (n: number) => from + n <= buf.length;
    if (!fits(12) || u32(buf, from) !== e.crc || u32(buf, from + 4) !== e.compressedSize) return false;
    return u32(buf, from + 8) === e.size || (fits(20) && u32(buf, from + 8) === 0 && u32(buf, from + 12) === e.size && u32(buf, from + 16) === 0);
  };
  return says(at) || (at + 4 <= buf.length && u32(buf, at) === 0x08074b50 && says(at + 4));
}

/** Inflates one member, never producing more than its declared size; checks the CRC. */
export function readZipEntry(buf: Uint8Array, e: ZipEntry, cdOffset = buf.length): Uint8Array {
  const p = e.localOffset;
  if (p + 30 > buf.length || u32(buf, p) !== 0x04034b50) throw new ArchiveError(`压缩包内文件“${e.name}”已损坏`, 'CORRUPT');
  const nameLen = u16(buf, p + 26);
  const extraLen = u16(buf, p + 28);
  const start = p + 30 + nameLen + extraLen;
  const end = start + e.compressedSize;
  if (end > Math.min(buf.length, cdOffset)) throw new ArchiveError(`压缩包内文件“${e.name}”不完整（可能被截断）`, 'TRUNCATED');
  const differs = localHeaderDiffers(buf, e, p, nameLen, extraLen, end);
  if (differs) throw new ArchiveError(`压缩包内文件“${e.name}”的本地文件头与目录不一致（${differs}不同，不同的程序会读出不同的内容；文件已损坏或被篡改），已拒绝`, 'CORRUPT');
  const src = buf.subarray(start, end);
  let out: Uint8Array;
  if (e.method === 0) out = src;
  else {
    out = new Uint8Array(e.size);
    let at = 0;
    let over = false;
    let finished = false;
    const inf = new Inflate((chunk, final) => {
      if (at + chunk.length > e.size) {
        over = true;
        throw new ArchiveError(`压缩包内文件“${e.name}”解压后超过声明的大小，可能是“压缩炸弹”`, 'TOO_LARGE');
      }
      out.set(chunk, at);
      at += chunk.length;
      if (final) finished = true;
    });
    try {
      const STEP = 1 << 14; // deflate expands up to ~1000×: one push stays ≤ ~16 MB
      for (let i = 0; i < src.length; i += STEP) inf.push(src.subarray(i, Math.min(src.length, i + STEP)), i + STEP >= src.length);
      if (src.length === 0) inf.push(new Uint8Array(0), true);
    } catch (err) {
      if (err instanceof ArchiveError) throw err;
      throw new ArchiveError(`压缩包内文件“${e.name}”的压缩数据已损坏`, 'CORRUPT');
    }
    if (over) throw new ArchiveError(`压缩包内文件“${e.name}”解压后超过声明的大小`, 'TOO_LARGE');
    if (!finished || at !== e.size) throw new ArchiveError(`压缩包内文件“${e.name}”的数据不完整或大小不符`, 'CORRUPT');
  }
  if (out.length !== e.size) throw new ArchiveError(`压缩包内文件“${e.name}”的大小不符`, 'CORRUPT');
  if (crc32(out) !== e.crc) throw new ArchiveError(`压缩包内文件“${e.name}”的校验码（CRC）不符，文件已损坏`, 'CORRUPT');
  return out;
}

/** Every member, checked; `only` restricts which are inflated (others are listed but skipped). */
export function unzipSafe(
  buf: Uint8Array,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
  only?: (name: string) => boolean,
): { entries: ZipEntry[]; files: Map<string, Uint8Array> } {
  const entries = listZip(buf, limits);
  const files = new Map<string, Uint8Array>();
  for (const e of entries) {
    if (e.name.endsWith('/')) continue;
    if (only && !only(e.name)) continue;
    files.set(e.name, readZipEntry(buf, e));
  }
  return { entries, files };
}

/** Writes a zip (deflate level 6; members stored in the given order). */
export function zipFiles(members: Array<[string, Uint8Array]>, mtime: Date = new Date()): Uint8Array {
  const z: Zippable = {};
  for (const [name, data] of members) z[name] = [data, { level: 6, mtime }];
  return zipSync(z);
}
