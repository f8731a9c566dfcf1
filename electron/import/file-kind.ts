// What a file from outside is, by its first bytes (never by its name): the formats read
// (.docx/.xlsx zips, .doc/.xls compound files, WPS .wps/.et of the same formats) pass; RTF,
// OpenDocument, PDF and web pages are refused with how to save them instead.
import type { UserError } from '../user-error.ts';

const head = (bytes: Uint8Array, n: number) => Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(n, bytes.length)).toString('latin1');

const SAVE_AS = { word: '在 Word 或 WPS 文字中打开，另存为“Word 文档（.docx）”或“Word 97-2003 文档（.doc）”后再导入', sheet: '在 Excel 或 WPS 表格中打开，另存为“Excel 工作簿（.xlsx）”或“Excel 97-2003 工作簿（.xls）”后再导入' };

/** Throws a Chinese refusal (made by `error`) for a format that is not read; returns for the others. */
export function refuseOtherFormats(bytes: Uint8Array, want: 'word' | 'sheet', error: (message: string, code: string) => UserError): void {
  const h = head(bytes, 200);
  const how = SAVE_AS[want];
  if (h.startsWith('{\\rtf')) throw error(`这是 RTF 格式的文件，不能直接导入。请${SAVE_AS.word}`, 'RTF');
  if (h.startsWith('%PDF')) {
    throw error('PDF 文件不能导入：PDF 中只有排好的文字，没有表格的单元格。请找到生成它的 Word 或 Excel 原文件导入；没有原文件时，可在 WPS/Word 中把 PDF 转换为 Word 文档，核对后另存为 .docx 再导入', 'PDF');
  }
  const odf = /^PK\x03\x04[\s\S]{26}mimetypeapplication\/vnd\.oasis\.opendocument\.(text|spreadsheet)/.exec(h);
  if (odf) {
    const what = odf[1] === 'text' ? 'OpenDocument 文本（.odt）' : 'OpenDocument 表格（.ods）';
    throw error(`这是 ${what} 格式的文件，不能直接导入。请${odf[1] === 'text' ? SAVE_AS.word : SAVE_AS.sheet}`, 'ODF');
  }
  if (/^\s*(<!doctype html|<html|<\?xml[^>]*>\s*<(html|w:document|workbook)|mime-version:)/i.test(h.replace(/^\xef\xbb\xbf/, ''))) {
    throw error(`这是网页或 XML 格式的文件（扩展名可能是 .doc/.xls，内容却不是），不能直接导入。请${how}`, 'HTML');
  }
}
