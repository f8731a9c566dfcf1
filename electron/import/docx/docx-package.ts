// The parts of a DOCX from outside before its body is read: the main document is the part
// the package's relationships name (`_rels/.rels`, officeDocument), else word/document.xml;
// its declared content type must be a Word document's (an Excel or PowerPoint file renamed
// .docx is told so); its XML must not declare a DTD (Word never writes one: entity
// expansion and external entities are refused outright, not merely left unexpanded);
// invalid UTF-8 is a note, never replaced silently. External relationships (templates,
// links, pictures) are never followed: only the main part is read.
import type { ZipEntry } from '../../files/zip.ts';
import { WordImportError } from './word-error.ts';

const WORD_MAIN = /^application\/vnd\.(openxmlformats-officedocument\.wordprocessingml\.(document|template)\.main\+xml|ms-word\.(document|template)\.macroenabled(template)?\.main\+xml)$/i;
const OTHER_MAIN: Array<[RegExp, string]> = [
  [/spreadsheetml|ms-excel/i, '这是 Excel 工作簿（扩展名是 .docx，内容却是表格），请用“导入表格”导入'],
  [/presentationml|ms-powerpoint/i, '这是 PowerPoint 演示文稿，不是 Word 文档，不能导入'],
];

const attrOf = (tag: string, name: string): string | null => new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(tag)?.slice(1).find((v) => v !== undefined) ?? null;
const tags = (xml: string, name: string): string[] => xml.match(new RegExp(`<(?:\\w+:)?${name}\\b[^>]*>`, 'g')) ?? [];

/** Decodes an XML part: by its byte-order mark (UTF-16 too), invalid UTF-8 noted. */
export function decodeXmlPart(bytes: Uint8Array, part: string, notes: string[]): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const text = new TextDecoder('utf-8').decode(bytes);
    const genuine = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1').split('\xef\xbf\xbd').length - 1;
    const count = text.split('\ufffd').length - 1 - genuine;
    notes.push(`Word 文件的 ${part} 中有 ${count} 处不是有效的 UTF-8 编码，已替换为“\ufffd”：请核对导入的文字（文件可能已损坏）`);
    return text;
  }
}

/** Refuses an XML part that declares a DTD or entities. */
export function refuseDtd(xml: string, part: string): void {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) {
    throw new WordImportError(`Word 文件的 ${part} 中含有 DTD 或实体声明（<!DOCTYPE>/<!ENTITY>）：Word 和 WPS 不会写这种内容，文件可能是恶意构造的，已拒绝`, 'UNSAFE');
  }
}

/** The main document part's name, its content type checked. `read` inflates a small part. */
export function mainDocumentPart(entries: readonly ZipEntry[], read: (e: ZipEntry) => string): ZipEntry {
  const byName = new Map(entries.map((e) => [e.name.toLowerCase(), e]));
  const small = (name: string): string | null => {
    const e = byName.get(name.toLowerCase());
    if (!e || e.size > 4 * 1024 * 1024) return null;
    const xml = read(e);
    refuseDtd(xml, name);
    return xml;
  };
  let main = 'word/document.xml';
  const rels = small('_rels/.rels');
  const officeDoc = rels && tags(rels, 'Relationship').find((t) => /\/officeDocument$/.test(attrOf(t, 'Type') ?? '') && attrOf(t, 'TargetMode') !== 'External');
  const target = officeDoc ? attrOf(officeDoc, 'Target') : null;
  if (target && byName.has(target.replace(/^\//, '').toLowerCase())) main = target.replace(/^\//, '');
  const types = small('[Content_Types].xml') ?? '';
  // Only an Override names a part's own type (a Default of application/xml says nothing).
  const typeOf = (part: string): string | null => {
    const override = tags(types, 'Override').find((t) => (attrOf(t, 'PartName') ?? '').replace(/^\//, '').toLowerCase() === part.toLowerCase());
    return override ? attrOf(override, 'ContentType') : null;
  };
  const other = (type: string) => OTHER_MAIN.find(([re]) => re.test(type))?.[1];
  const e = byName.get(main.toLowerCase());
  if (!e) {
    const mainTypes = tags(types, 'Override').map((t) => attrOf(t, 'ContentType') ?? '').filter((c) => /\.main\+xml$/i.test(c));
    const why = mainTypes.map(other).find(Boolean) ?? (byName.has('xl/workbook.xml') ? OTHER_MAIN[0]![1] : null);
    throw new WordImportError(why ?? '不是 Word 文档（缺少 word/document.xml）', 'NOT_DOCX');
  }
  const declared = typeOf(main);
  if (declared && !WORD_MAIN.test(declared)) {
    throw new WordImportError(
      other(declared) ?? `Word 文件的内容类型不对：主文档 ${main} 声明为“${declared.slice(0, 100)}”，不是 Word 文档。文件可能已损坏或被改过，请在 Word/WPS 中打开后另存为 .docx 再导入`,
      'BAD_CONTENT_TYPE',
    );
  }
  return e;
}
