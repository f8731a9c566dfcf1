// Word files (.docx, last year's, ours or made elsewhere): the DOCX is unzipped with the
// bounded reader and word/document.xml scanned for paragraphs and tables (gridSpan, vMerge,
// gridBefore); the recogniser of grids from outside (../recognise/book.ts) turns them into
// filings. Returns a preview; storing is a separate step.
import type { ProjectFiling } from '../../../shared/model/filing.ts';
import { ArchiveError, listZip, readZipEntry } from '../../files/zip.ts';
import type { GridCell, GridRow } from '../recognise/recognise.ts';
import { recogniseBook, type Block, type FilingAdjust } from '../recognise/book.ts';
import type { FilingSource } from '../recognise/source.ts';
import type { DeptTargetText } from '../recognise/dept-target.ts';
import { readFileLimited } from '../../files/read-limited.ts';
import { WordImportError } from './word-error.ts';
import { isCompoundFile } from '../compound-file.ts';
import { readDocBlocks } from '../doc/doc-read.ts';
import { refuseOtherFormats } from '../file-kind.ts';

export { WordImportError };

export const DOCX_LIMITS = { fileBytes: 50 * 1024 * 1024, documentBytes: 100 * 1024 * 1024, entries: 5000 };

export type { Block };

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-z]{2,4});/g, (m, e: string) => {
    if (e[0] === '#') {
      const n = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : '';
    }
    return ENTITIES[e] ?? m;
  });
}

const attr = (attrs: string, name: string): string | null => {
  const m = new RegExp(`\\b${name}="([^"]{0,100})"`).exec(attrs);
  return m ? m[1]! : null;
};

/** Paragraphs and tables of document.xml, in order (nested tables become cell text). */
export function parseDocumentXml(xml: string): Block[] {
  const blocks: Block[] = [];
  const TAG = /<(\/?)([A-Za-z][\w.-]{0,40}:)?([A-Za-z][\w.-]{0,40})([^<>]*?)(\/?)>|([^<]+)/g;
  let depth = 0; // table nesting
  let para: string[] | null = null;
  let inText = false;
  let cellParas: string[] | null = null;
  let cell: (GridCell & { vmerge: 'none' | 'restart' | 'continue' }) | null = null;
  let row: Array<GridCell & { vmerge: 'none' | 'restart' | 'continue' }> | null = null;
  let rows: GridRow[] = [];
  let col = 0;
  let m: RegExpExecArray | null;
  while ((m = TAG.exec(xml))) {
    if (m[6] !== undefined) {
      if (inText && para) para.push(decodeEntities(m[6]));
      continue;
    }
    const close = m[1] === '/';
    const name = m[3]!;
    const attrs = m[4] ?? '';
    const selfClose = m[5] === '/';
    switch (name) {
      case 'tbl':
        if (!close) {
          depth++;
          if (depth === 1) rows = [];
        } else if (depth > 0) {
          depth--;
          if (depth === 0) blocks.push({ kind: 'table', rows });
        }
        break;
      case 'tr':
        if (depth !== 1) break;
        if (!close) {
          row = [];
          col = 0;
        } else if (row) {
          rows.push(row.map(({ vmerge, ...c }) => ({ ...c, cont: vmerge === 'continue' })));
          row = null;
        }
        break;
      case 'gridBefore':
        if (depth === 1 && row && !cell) col += Number(attr(attrs, 'w:val') ?? attr(attrs, 'val') ?? 0) || 0;
        break;
      case 'tc':
        if (depth !== 1) break;
        if (!close) {
          cell = { text: '', col, span: 1, cont: false, vmerge: 'none' };
          cellParas = [];
        } else if (cell && row) {
          cell.text = (cellParas ?? []).join('\n');
          row.push(cell);
          col += cell.span;
          cell = null;
          cellParas = null;
        }
        break;
      case 'gridSpan':
        if (depth === 1 && cell) cell.span = Math.max(1, Math.min(100, Number(attr(attrs, 'w:val') ?? attr(attrs, 'val') ?? 1) || 1));
        break;
      case 'vMerge':
        if (depth === 1 && cell) cell.vmerge = (attr(attrs, 'w:val') ?? attr(attrs, 'val')) === 'restart' ? 'restart' : 'continue';
        break;
      case 'p':
        if (!close && !selfClose) para = [];
        else if (close || selfClose) {
          const text = (para ?? []).join('');
          para = null;
          if (depth === 0) blocks.push({ kind: 'p', text });
          else if (cellParas) cellParas.push(text);
        }
        break;
      case 't':
        inText = !close && !selfClose;
        break;
      case 'tab':
        if (para && !close) para.push('\t');
        break;
      case 'br':
      case 'cr':
        if (para && !close) para.push('\n');
        break;
      default:
        break;
    }
  }
  return blocks;
}

const tooLarge = () => new WordImportError(`Word 文件过大（上限 ${DOCX_LIMITS.fileBytes / 1024 / 1024} MB）`, 'TOO_LARGE');
function refuseTooLarge(bytes: Uint8Array): void {
  if (bytes.length > DOCX_LIMITS.fileBytes) throw tooLarge();
}

/** The body of a DOCX (bytes from outside). */
export function readDocxBlocks(bytes: Uint8Array): Block[] {
  refuseTooLarge(bytes);
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    throw new WordImportError('不是 .docx 格式（也不是 .doc 格式）的 Word 文件，请在 Word/WPS 中打开后另存为 .docx 再导入', 'NOT_DOCX');
  }
  try {
    const entries = listZip(bytes, { entries: DOCX_LIMITS.entries, memberBytes: DOCX_LIMITS.documentBytes, totalBytes: DOCX_LIMITS.documentBytes * 2 });
    const doc = entries.find((e) => e.name === 'word/document.xml');
    if (!doc) throw new WordImportError('不是 Word 文档（缺少 word/document.xml）', 'NOT_DOCX');
    const xml = new TextDecoder('utf-8').decode(readZipEntry(bytes, doc));
    return parseDocumentXml(xml);
  } catch (e) {
    if (e instanceof ArchiveError) throw new WordImportError(`Word 文件已损坏或不安全：${e.message}`, e.code);
    throw e;
  }
}

export interface WordImportPreview {
  templateId: string | null;
  /** Unit code and name found in the text (`382101天津市医疗保障局`), if any. */
  unit: { code: string; name: string } | null;
  /** Every unit line of the document (a 主管部门 book has several). */
  units: Array<{ code: string; name: string }>;
  year: number | null;
  projects: Array<{ heading: string; unit: { code: string; name: string } | null; filing: ProjectFiling; recognised: string[]; source: FilingSource }>;
  /** 第一部分 部门整体绩效目标, when the document has one. */
  dept: DeptTargetText | null;
  notes: string[];
}

/** Reads Word paragraphs and tables into previewed filings; nothing is stored. */
export interface WordPreviewOptions {
  unitCode?: string;
  year?: number;
  /** Corrections made in the preview (template, amount unit), per filing's source key. */
  adjust?: Readonly<Record<string, FilingAdjust>>;
}

export function previewBlocks(blocks: readonly Block[], opts: WordPreviewOptions = {}): WordImportPreview {
  const r = recogniseBook(blocks, { ...opts, trimValues: true, where: (n) => `第 ${n} 个表格` });
  if (r.projects.length === 0 && !r.notes.some((n) => !/不是项目绩效目标表/.test(n))) {
    throw new WordImportError('这个 Word 文件中没有找到绩效目标表（没有含“项目名称”的表格），请确认选择的是项目支出绩效目标表', 'NOT_FILING');
  }
  if (r.projects.length === 0) throw new WordImportError(`没有可以导入的绩效目标表：\n${r.notes.slice(0, 10).join('\n')}`, 'NOT_FILING');
  const notes = [...r.notes];
  if (r.year === null) notes.push('文件中没有找到年度，请在导入时指定年度');
  return {
    templateId: r.templateId,
    unit: r.unit,
    units: r.units,
    year: r.year,
    projects: r.projects.map((p) => ({ heading: p.heading, unit: p.unit, filing: p.filing, recognised: p.recognised, source: p.source })),
    dept: r.dept,
    notes,
  };
}

/** Reads a Word file (.docx, or .doc / WPS .wps of Word 97–2003) into previewed filings; nothing is stored. */
export function previewDocx(bytes: Uint8Array, opts: WordPreviewOptions = {}): WordImportPreview {
  refuseOtherFormats(bytes, 'word', (m, c) => new WordImportError(m, c));
  refuseTooLarge(bytes);
  return previewBlocks(isCompoundFile(bytes) ? readDocBlocks(bytes) : readDocxBlocks(bytes), opts);
}

export async function previewDocxFile(path: string, opts: { unitCode?: string; year?: number } = {}): Promise<WordImportPreview> {
  const bytes = await readFileLimited(path, {
    maxBytes: DOCX_LIMITS.fileBytes,
    tooLarge,
  });
  return previewDocx(bytes, opts);
}
