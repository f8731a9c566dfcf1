// The formats around the corpus: formulas (read by their saved value, with a note), date
// cells and float artefacts in money cells (notes), the refusals of RTF, OpenDocument, PDF,
// web pages and encrypted or pre-97 Word files, files given to the wrong import, and
// damaged .doc files (a Chinese refusal, never a crash).
import fs from 'node:fs';
import path from 'node:path';
import CFB from 'cfb';
import XLSX from 'xlsx';
import { beforeAll, describe, expect, it } from 'vitest';
import { previewDocx } from '../../electron/import/docx/docx-read.ts';
import { readDocBlocks } from '../../electron/import/doc/doc-read.ts';
import { importWorkbook } from '../../electron/import/spreadsheet/workbook.ts';
import { UserError } from '../../shared/errors.ts';
import { getTemplate } from '../../shared/templates/index.ts';
import { CORPUS_TOOLS, corpusBook, ensureCorpus } from '../fixtures/foreign/generate.ts';
import { rawZip } from '../handover/helpers.ts';
import { editZip } from '../spreadsheet/helpers.ts';
import { HAS_CHINESE } from '../store/helpers.ts';
import { printedCells } from './printed-cells.ts';

let dir = '';
beforeAll(async () => {
  dir = await ensureCorpus();
}, 600_000);
const corpus = (f: string) => new Uint8Array(fs.readFileSync(path.join(dir, f)));
const lo = CORPUS_TOOLS.libreoffice ? describe : describe.skip;

/** The corpus workbook of seed 001 (layout C) with every 资金总额 a SUM over the five lines below it. */
function withFormulas(edit?: (ws: XLSX.WorkSheet) => void): { bytes: Uint8Array; sums: number } {
  const wb = XLSX.read(corpus('seed-001.lo.xlsx'));
  const ws = wb.Sheets[wb.SheetNames[0]!]!;
  let sums = 0;
  for (const key of Object.keys(ws)) {
    if (key.startsWith('!')) continue;
    const cell = ws[key] as XLSX.CellObject;
    if (typeof cell.v !== 'string' || !/资金总额/.test(cell.v)) continue;
    const at = XLSX.utils.decode_cell(key);
    // The value is the next filled cell on the right.
    for (let c = at.c + 1; c < at.c + 8; c++) {
      const vk = XLSX.utils.encode_cell({ r: at.r, c });
      const v = ws[vk] as XLSX.CellObject | undefined;
      if (v?.t !== 'n') continue;
      const from = XLSX.utils.encode_cell({ r: at.r + 1, c });
      const to = XLSX.utils.encode_cell({ r: at.r + 5, c });
      ws[vk] = { t: 'n', v: v.v, f: `SUM(${from}:${to})` };
      sums++;
      break;
    }
  }
  edit?.(ws);
  return { bytes: new Uint8Array(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer), sums };
}

lo('formulas, dates and float artefacts in sheets', () => {
  const book = () => corpusBook('001');
  const opts = () => ({ unitCode: book().units[0]!.code, year: book().year });

  it('a formula is read by the value saved with it, with a note; every cell as published', async () => {
    const { bytes, sums } = withFormulas();
    expect(sums).toBe(2 * book().projects.length);
    const r = await importWorkbook(bytes, opts());
    const t = getTemplate('C')!;
    expect(r.projects.map((p) => printedCells(t, p.filing))).toEqual(book().projects.map((p) => printedCells(t, p)));
    const notes = r.notes.filter((n) => !/金额单位按表上标注的/.test(n));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(new RegExp(`有 ${sums} 个单元格含公式（[A-Z]+\\d+(、[A-Z]+\\d+){4} 等），已按文件中保存的计算结果读取；公式本身不导入，也不计算`));
  });

  it('a formula without a saved value is read as empty, with a note saying how to fix it', async () => {
    // The first formula loses its saved value, as files written by some programs have it.
    const bytes = editZip(withFormulas().bytes, (name, text) => (name.startsWith('xl/worksheets/') ? text.replace(/(<f>[^<]*<\/f>)<v>[^<]*<\/v>/, '$1') : undefined));
    const r = await importWorkbook(bytes, opts());
    expect(r.notes.some((n) => /有 1 个公式没有保存计算结果，读作空白/.test(n))).toBe(true);
    expect(r.projects[0]!.filing.periods.implementation!.funding.total).toBeNull();
  });

  it('a float artefact in a money cell is read to the 分 with a note; a date in a money cell is not read', async () => {
    const { bytes } = withFormulas((ws) => {
      const keys = Object.keys(ws).filter((k) => (ws[k] as XLSX.CellObject).f);
      const a = ws[keys[0]!] as XLSX.CellObject;
      a.v = (a.v as number) + 0.0000001; // 1000000.0000001
      const b = ws[keys[1]!] as XLSX.CellObject;
      ws[keys[1]!] = { t: 'n', v: 45292, z: 'yyyy-mm-dd', ...(b.f ? { f: b.f } : {}) };
    });
    const r = await importWorkbook(bytes, opts());
    const f = r.projects[0]!.filing;
    const want = book().projects[0]!;
    expect(f.periods.implementation!.funding.total).toBe(want.periods.implementation!.funding.total);
    expect(f.periods.annual!.funding.total).toBeNull();
    expect(r.notes.filter((n) => /浮点误差/.test(n))).toEqual([expect.stringMatching(/金额“1000000\.0000001”带有表格计算留下的浮点误差，已按“1000000”读取，请核对/)]);
    expect(r.notes.filter((n) => /日期格式/.test(n))).toEqual([expect.stringMatching(/金额单元格是日期格式（显示为“2024-01-01”），不能作为金额读取/)]);
  });
});

const refused = async (f: () => unknown): Promise<string> => {
  try {
    await f();
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return (e as Error).message;
  }
  throw new Error('not refused');
};

describe('formats that are not read: a Chinese refusal saying how to save the file', () => {
  const enc = (s: string) => new TextEncoder().encode(s);
  const odf = (kind: string) => rawZip([{ name: 'mimetype', data: enc(`application/vnd.oasis.opendocument.${kind}`), method: 0 }, { name: 'content.xml', data: enc('<x/>') }]);
  it('RTF, OpenDocument, PDF and web pages saved as .doc/.xls', async () => {
    expect(await refused(() => previewDocx(enc('{\\rtf1\\ansi 项目名称}')))).toMatch(/RTF 格式.*另存为“Word 文档（\.docx）”/);
    expect(await refused(() => previewDocx(odf('text')))).toMatch(/OpenDocument 文本（\.odt）.*另存为“Word 文档/);
    expect(await refused(() => importWorkbook(odf('spreadsheet'), { unitCode: '303001', year: 2023 }))).toMatch(/OpenDocument 表格（\.ods）.*另存为“Excel 工作簿（\.xlsx）”/);
    expect(await refused(() => previewDocx(enc('%PDF-1.7\n')))).toMatch(/PDF 文件不能导入.*原文件/);
    expect(await refused(() => importWorkbook(enc('%PDF-1.7\n'), { unitCode: '303001', year: 2023 }))).toMatch(/PDF 文件不能导入/);
    expect(await refused(() => previewDocx(enc('<html><body><table><tr><td>项目名称</td></tr></table></body></html>')))).toMatch(/网页或 XML 格式/);
  });

  lo('a workbook given to the Word import and a Word file to the sheet import', () => {
    it('says which import to use', async () => {
      expect(await refused(() => previewDocx(corpus('seed-000.lo.xls')))).toMatch(/这是 Excel 97–2003 表格文件.*导入表格/);
      expect(await refused(() => importWorkbook(corpus('seed-000.lo.doc'), { unitCode: '303001', year: 2023 }))).toMatch(/这是 Word 文件/);
    });
  });
});

/** A .doc with its WordDocument stream changed. */
function editDoc(edit: (word: Uint8Array) => void): Uint8Array {
  const cfb = CFB.read(corpus('seed-001.lo.doc'), { type: 'buffer' });
  const e = CFB.find(cfb, 'WordDocument')!;
  const word = new Uint8Array(e.content as Uint8Array);
  edit(word);
  e.content = word as unknown as CFB.CFB$Blob;
  return new Uint8Array(CFB.write(cfb, { type: 'buffer' }) as Buffer);
}

lo('.doc files refused', () => {
  it('encrypted, Word 6/95, and a file that is not a .doc', async () => {
    expect(await refused(() => previewDocx(editDoc((w) => void (w[0x0b] = w[0x0b]! | 0x01))))).toMatch(/设置了密码/);
    expect(await refused(() => previewDocx(editDoc((w) => void w.set([0x65, 0], 2))))).toMatch(/Word 6\.0\/95/);
    expect(await refused(() => readDocBlocks(corpus('seed-000.lo.docx')))).toMatch(/不是 Word 97–2003/);
  });

  it('fuzz: byte flips and truncations of a .doc are read or refused in Chinese, never a crash', () => {
    const good = corpus('seed-003.lo.doc');
    let seed = 20251202;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    let refusedN = 0;
    for (let i = 0; i < 300; i++) {
      const b = new Uint8Array(good);
      for (let k = 0; k < 1 + rnd(4); k++) {
        const at = rnd(b.length);
        b[at] = b[at]! ^ (1 + rnd(255));
      }
      const bytes = i % 3 === 0 ? b.subarray(0, rnd(b.length)) : b;
      try {
        readDocBlocks(bytes);
      } catch (e) {
        expect(e).toBeInstanceOf(UserError);
        expect((e as Error).message).toMatch(HAS_CHINESE);
        refusedN++;
      }
    }
    expect(refusedN).toBeGreaterThan(50);
  });
});
