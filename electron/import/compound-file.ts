// Compound files (OLE2: Word 97–2003 .doc, Excel 97–2003 .xls, WPS .wps/.et of the same
// formats) from outside, checked before anything reads their streams: the header, the
// sector size, the directory's size, and every stream no larger than the file (a compound
// file is not compressed, so a longer stream means a broken or looping sector chain).
import CFB from 'cfb';

export const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] as const;

export const isCompoundFile = (bytes: Uint8Array): boolean => bytes.length >= 512 && CFB_MAGIC.every((b, i) => bytes[i] === b);

export class CompoundFileError extends Error {
  constructor(
    message: string,
    readonly code = 'CORRUPT',
  ) {
    super(message);
  }
}

export interface CompoundFile {
  /** Stream names (last path part), as stored. */
  names: string[];
  /** A stream's bytes by name (case-insensitive), or null. */
  stream(name: string): Uint8Array | null;
}

/** Opens a compound file (bytes from outside) with its structure checked; messages in Chinese. */
export function openCompoundFile(bytes: Uint8Array, limits: { entries: number } = { entries: 5000 }): CompoundFile {
  if (!isCompoundFile(bytes)) throw new CompoundFileError('不是 Office 97–2003 格式的文件', 'NOT_CFB');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const major = view.getUint16(26, true);
  const shift = view.getUint16(30, true);
  if (!((major === 3 && shift === 9) || (major === 4 && shift === 12)) || view.getUint16(32, true) !== 6) {
    throw new CompoundFileError('文件头无效（扇区大小不对）');
  }
  const fatSectors = view.getUint32(44, true);
  if (fatSectors * (1 << shift) > bytes.length) throw new CompoundFileError('文件分配表比文件本身还大');
  let cfb: CFB.CFB$Container;
  try {
    cfb = CFB.read(bytes, { type: 'buffer' });
  } catch {
    // The library's own message names its internals (`reading 'L'`): not for the user.
    throw new CompoundFileError('文件结构已损坏（扇区链或目录无法读取）');
  }
  if (cfb.FileIndex.length > limits.entries) throw new CompoundFileError(`文件中的条目过多（${cfb.FileIndex.length} 个）`, 'TOO_MANY');
  const streams = new Map<string, Uint8Array>();
  for (const e of cfb.FileIndex) {
    if (e.type !== 2) continue;
    const size = e.size ?? 0;
    const content = e.content as Uint8Array | number[] | undefined;
    if (size > bytes.length || (content?.length ?? 0) > bytes.length) throw new CompoundFileError(`流“${e.name}”的长度超出文件本身`);
    const data = content instanceof Uint8Array ? content : new Uint8Array(content ?? []);
    streams.set(e.name.toLowerCase(), data.subarray(0, Math.min(size, data.length)));
  }
  return { names: cfb.FileIndex.filter((e) => e.type === 2).map((e) => e.name), stream: (n) => streams.get(n.toLowerCase()) ?? null };
}
