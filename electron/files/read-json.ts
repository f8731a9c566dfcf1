// Reads a JSON file from outside (a USB stick, another office) with a size limit and
// Chinese messages for every way it can be wrong.
import { UserFileError } from './errors.ts';
import { readFileLimited } from './read-limited.ts';
import { TOO_MANY_CONTAINERS, tooManyContainers } from './json-budget.ts';

export const DEFAULT_JSON_LIMIT = 64 * 1024 * 1024;

/** Reads a JSON file's bytes with the size limit (parse them with decodeJsonBytes, in a worker). */
export function readJsonBytes(path: string, maxBytes = DEFAULT_JSON_LIMIT): Promise<Uint8Array> {
  return readFileLimited(path, {
    maxBytes,
    tooLarge: (size) =>
      new UserFileError(
        `文件过大：${(size / 1024 / 1024).toFixed(1)} MB，超过上限 ${(maxBytes / 1024 / 1024).toFixed(0)} MB。请确认选择的是本程序导出的交换文件`,
        'TOO_LARGE',
      ),
    empty: () => new UserFileError(`文件“${path}”是空的`, 'EMPTY'),
  });
}

/** A small JSON document read whole (one form): invalid UTF-8 is refused, never replaced. */
export async function readJsonFile(path: string, maxBytes = DEFAULT_JSON_LIMIT): Promise<unknown> {
  const { value, notes } = decodeJsonBytes(await readJsonBytes(path, maxBytes), path);
  if (notes.length) throw new UserFileError(`“${path}”不是有效的 UTF-8 文本，未读取（请用 UTF-8 编码保存后再试）`, 'BAD_ENCODING');
  return value;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes and parses JSON bytes. Invalid UTF-8 is not replaced silently: the text is
 * decoded with U+FFFD in place of each bad sequence and a note says where and how often.
 */
export function decodeJsonBytes(bytes: Uint8Array, label = '文件'): { value: unknown; notes: string[] } {
  const notes: string[] = [];
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    text = new TextDecoder('utf-8').decode(bytes);
    const genuine = Buffer.from(bytes).toString('latin1').split('\xef\xbf\xbd').length - 1; // U+FFFD already in the file
    const count = text.split('\ufffd').length - 1 - genuine;
    const line = text.slice(0, text.indexOf('\ufffd')).split('\n').length;
    notes.push(
      `“${label}”中有 ${count} 处不是有效的 UTF-8 编码（第一处在第 ${line} 行），已替换为“\ufffd”：请核对这些文字（文件可能是用其他编码保存的，应为 UTF-8）`,
    );
  }
  return { value: parseJsonText(text, label), notes };
}

export function parseJsonText(text: string, label = '文件'): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // BOM from Windows editors
  if (tooManyContainers(body)) throw new UserFileError(`“${label}”${TOO_MANY_CONTAINERS}`, 'TOO_COMPLEX');
  try {
    return JSON.parse(body);
  } catch (err) {
    const msg = (err as Error).message;
    const pos = /position (\d+)/.exec(msg);
    let where = '';
    let atEnd = /Unexpected end/i.test(msg);
    if (pos) {
      const offset = Number(pos[1]);
      const line = body.slice(0, offset).split('\n').length;
      where = `（第 ${line} 行附近）`;
      atEnd ||= offset >= body.trimEnd().length - 1;
    }
    // A document that is valid up to its last character was cut off (a pulled USB stick).
    const truncated = atEnd || /nterminated/.test(msg) ? '，文件不完整（被截断）' : '';
    throw new UserFileError(`“${label}”不是有效的 JSON${where}${truncated}`, 'BAD_JSON');
  }
}
