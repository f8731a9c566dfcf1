// Spreadsheets of an outsider's making that used to hurt (issue 11): each test is named for
// the attack and reproduces it with a file made here.
import XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { parseXlsxInWorker, SpreadsheetError } from '../../electron/import/spreadsheet/xlsx-read.ts';
import { importWorkbook } from '../../electron/import/spreadsheet/workbook.ts';
import { previewFromSheets, sheetToGrid } from '../../electron/import/spreadsheet/sheet-preview.ts';
import { HAS_CHINESE } from '../store/helpers.ts';
import { editZip, seedBook, seedWorkbook } from './helpers.ts';

const valid = await seedWorkbook('382302');

/** A workbook whose second sheet is replaced by `rows` rows, each merged A:XFD (`far`: a value in XFD too). */
export function mergeBomb(rows: number, far = false): Uint8Array {
  const body: string[] = [];
  const merges: string[] = [];
  for (let r = 1; r <= rows; r++) {
    body.push(`<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>x</t></is></c>${far ? `<c r="XFD${r}"><v>1</v></c>` : ''}</row>`);
    merges.push(`<mergeCell ref="A${r}:XFD${r}"/>`);
  }
  const xml = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${body.join('')}</sheetData><mergeCells count="${rows}">${merges.join('')}</mergeCells></worksheet>`;
  return editZip(valid, (name) => (name === 'xl/worksheets/sheet2.xml' ? xml : undefined));
}

function renameSheets(bytes: Uint8Array, names: string[]): Uint8Array {
  const wb = XLSX.read(bytes, { type: 'array' });
  names.forEach((n, i) => {
    const old = wb.SheetNames[i + 1]!;
    wb.Sheets[n] = wb.Sheets[old]!;
    delete wb.Sheets[old];
    wb.SheetNames[i + 1] = n;
  });
  delete wb.Workbook;
  return new Uint8Array(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
}

describe('spreadsheet attacks', () => {
  it('merge bomb: A:XFD merged over 5,000 rows (82 million cells at full width) is read at its real width', async () => {
    const bytes = mergeBomb(5_000);
    const sheets = await parseXlsxInWorker(bytes);
    const bomb = sheets[1]!;
    expect(bomb.rows).toHaveLength(5_000);
    expect(Math.max(...bomb.merges.map((m) => m[3]))).toBe(0); // cut to the one column of values
    const grid = sheetToGrid(bomb);
    expect(grid[0]).toHaveLength(1);
  });

  it('merge bomb with a value in column XFD: refused by the cell budget before any grid is built', async () => {
    const e = await parseXlsxInWorker(mergeBomb(2_000, true)).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(SpreadsheetError);
    expect((e as SpreadsheetError).code).toBe('TOO_MANY_CELLS');
    expect((e as Error).message).toMatch(/单元格.*超过上限 1000000 个/);
  });

  it('a smaller cell budget is honoured for an ordinary workbook', async () => {
    const e = await parseXlsxInWorker(valid, { cells: 100 }).catch((x: unknown) => x);
    expect((e as SpreadsheetError).code).toBe('TOO_MANY_CELLS');
    expect((e as Error).message).toMatch(HAS_CHINESE);
  });

  it('sheets named constructor, hasOwnProperty, toString, valueOf, __proto__ keep their projects', async () => {
    const names = ['constructor', 'hasOwnProperty', 'toString', 'valueOf', '__proto__'];
    const bytes = renameSheets(await seedWorkbook('382101'), names);
    const sheets = await parseXlsxInWorker(bytes);
    for (const n of names) expect(sheets.find((s) => s.name === n)!.rows.length).toBeGreaterThan(5);
    const book = seedBook('382101');
    const r = await importWorkbook(bytes, { unitCode: '382101', year: book.year });
    expect(r.projects).toHaveLength(book.projects.length);
    expect(r.projects.map((p) => p.sheet)).toEqual(expect.arrayContaining(names));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a 100,001-character cell is refused naming the sheet and the cell', async () => {
    const long = 'x'.repeat(100_001);
    const bytes = editZip(valid, (name, text) =>
      name === 'xl/worksheets/sheet2.xml' ? text.replace(/<c r="A1"[^>]*?(\/>|>[\s\S]*?<\/c>)/, `<c r="A1" t="inlineStr"><is><t>${long}</t></is></c>`) : undefined,
    );
    const e = await parseXlsxInWorker(bytes).catch((x: unknown) => x);
    expect((e as SpreadsheetError).code).toBe('CELL_TOO_LONG');
    expect((e as Error).message).toMatch(/单元格 A1 有 100001 个字符，超过上限 100000 个/);
  });

  it('an unreadable amount in our own workbook: the note says the hidden sheet\'s value was kept, and it was', async () => {
    const book = seedBook('382302');
    const sheets = await parseXlsxInWorker(valid);
    const first = book.projects[0]!;
    const sheet = sheets.find((x) => x.rows[0]?.[0] === '项目名称' && x.rows[0][1] === first.name)!;
    const row = sheet.rows.find((r) => r.includes('预算数'))!;
    const col = row.indexOf('预算数') + 1;
    expect(row[col]).toBe('52.50'); // 万元
    row[col] = '约一百万';
    const p = previewFromSheets(sheets, { unitCode: '382302', year: book.year });
    const note = p.notes.find((n) => n.includes('约一百万'))!;
    expect(note).toMatch(new RegExp(`^工作表“${sheet.name}”.*金额“约一百万”无法识别（.*），已保留隐藏工作表中记录的原值 [\\d,.]+ 元$`));
    expect(p.notes.join('\n')).not.toMatch(/该项留空/);
    const got = p.projects.find((x) => x.sheet === sheet.name)!.filing;
    expect(got.periods.annual?.funding).toEqual(first.periods.annual?.funding);
  });
});
