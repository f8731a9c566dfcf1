// Reads a JSON file from outside (a USB stick, another office) with a size limit and
// Chinese messages for every way it can be wrong.
import { UserFileError } from './errors.ts';
import { readFileLimited } from './read-limited.ts';

export const DEFAULT_JSON_LIMIT = 64 * 1024 * 1024;

export async function readJsonFile(path: string, maxBytes = DEFAULT_JSON_LIMIT): Promise<unknown> {
  const bytes = await readFileLimited(path, {
    maxBytes,
    tooLarge: (size) =>
      new UserFileError(
        `文件过大：${(size / 1024 / 1024).toFixed(1)} MB，超过上限 ${(maxBytes / 1024 / 1024).toFixed(0)} MB。请确认选择的是本程序导出的交换文件`,
        'TOO_LARGE',
      ),
    empty: () => new UserFileError(`文件“${path}”是空的`, 'EMPTY'),
  });
  return parseJsonText(new TextDecoder().decode(bytes), path);
}

export function parseJsonText(text: string, label = '文件'): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // BOM from Windows editors
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
