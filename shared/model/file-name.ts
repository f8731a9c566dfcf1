// The one sanitiser for file names we write or offer: safe on Windows, macOS and Linux.

/** Characters Windows refuses in file names, and control characters. */
const BAD_FILE_CHARS = /[<>:"/\\|?*\u0000-\u001f\u007f]/g;
/** Device names Windows reserves, with or without an extension (`CON`, `nul.txt`, `COM1`, `LPT9.docx`). */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[1-9¹²³]|lpt[1-9¹²³])(\..*)?$/i;

export interface SafeFileNameOptions {
  /** At most this many characters before the extension (default 120). */
  maxChars?: number;
  /** The name when nothing usable is left (default `未命名`). */
  fallback?: string;
}

/**
 * One plain file name: no folder, no separators, no character Windows refuses, no leading
 * or trailing dot or space, not a reserved device name, with `ext` (`.docx`) unless it
 * already ends with it.
 */
export function safeFileName(name: string, ext = '', opts: SafeFileNameOptions = {}): string {
  const trimEnds = (s: string) => s.replace(/^[.\s]+|[.\s]+$/g, '');
  let n = trimEnds(name.replace(BAD_FILE_CHARS, '_').replace(/\s+/g, ' '));
  n = trimEnds([...n].slice(0, opts.maxChars ?? 120).join(''));
  if (/^_*$/.test(n)) n = opts.fallback ?? '未命名';
  if (WINDOWS_RESERVED.test(n)) n = `_${n}`;
  return ext && !n.toLowerCase().endsWith(ext.toLowerCase()) ? n + ext : n;
}
