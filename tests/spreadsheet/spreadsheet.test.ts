import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import XLSX from 'xlsx';
import { exportUnitYearWorkbook, importWorkbook, storeImported } from '../../electron/import/spreadsheet/workbook.ts';
import { previewFromSheets, META_SHEET } from '../../electron/import/spreadsheet/sheet-preview.ts';
import { parseXlsxBatch, parseXlsxInWorker } from '../../electron/import/spreadsheet/xlsx-read.ts';
import { projectFilingSchema } from '../../shared/model/filing.ts';
import { FilingStore } from '../../electron/store/store.ts';
import { seedBook } from './helpers.ts';
import { tempDirs } from '../store/helpers.ts';

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

describe('spreadsheet export → import', () => {
  it('gives back equal filings for every layout, money exact and 指标值 as written', async () => {
    const codes = ['382201', '619001', '303001', '341182', '382303'];
    const books = codes.map((code) => {
      const book = seedBook(code);
      // Values that must survive: money to the 分, odd 指标值 text, multi-line goals.
      const p0 = structuredClone(book.projects[0]!);
      const last = p0.periods.annual!;
      last.funding.total = 123_456_789_01;
      last.goal = '1.第一行\n2.第二行  带空格';
      if (last.indicators[0]) last.indicators[0].value = ' ≥90百分比 ';
      book.projects[0] = p0;
      return book;
    });
    // One worker for the five files (each parsed on its own).
    const parsed = await parseXlsxBatch(await Promise.all(books.map((b) => exportUnitYearWorkbook(b))));
    parsed.forEach((res, i) => {
      if (!res.ok) throw new Error(res.message);
      const r = previewFromSheets(res.sheets);
      expect(r.unitCode).toBe(codes[i]);
      expect(r.notes).toEqual([]);
      const got = r.projects.map((x) => x.filing).sort((a, b) => a.seq - b.seq);
      const want = books[i]!.projects.map((p) => projectFilingSchema.parse(p)).sort((a, b) => a.seq - b.seq);
      expect(got).toEqual(want);
    });
    // And once through the whole path (file bytes → worker → preview).
    expect((await importWorkbook(await exportUnitYearWorkbook(books[0]!))).projects).toHaveLength(books[0]!.projects.length);
  });

  it('the sheets show the table as on paper (labels, values, merges)', async () => {
    const book = seedBook('619001');
    const wb = XLSX.read(await exportUnitYearWorkbook(book), { type: 'array' });
    expect(wb.SheetNames[0]).toBe('汇总');
    expect(wb.SheetNames.at(-1)).toBe(META_SHEET);
    expect(wb.Workbook?.Sheets?.at(-1)?.Hidden).toBe(1);
    const ws = wb.Sheets[wb.SheetNames[1]!]!;
    const aoa = XLSX.utils.sheet_to_json<string[]>(ws, { header: 1, defval: '' });
    expect(aoa[0]![0]).toBe('项目编码');
    expect(aoa[0]![3]).toBe('项目名称');
    expect(aoa.some((r) => r.includes('预算规模及资金用途') && r.includes('预算数'))).toBe(true);
    expect(aoa.some((r) => r.join('|').startsWith('一级指标|二级指标|三级指标'))).toBe(true);
    expect(ws['!merges']!.length).toBeGreaterThan(3);
  });

  it('a workbook filled in without the hidden sheet: content equal, new ids, unit and year asked for', async () => {
    const book = seedBook('382201');
    const wb = XLSX.read(await exportUnitYearWorkbook(book), { type: 'array' });
    wb.SheetNames = wb.SheetNames.filter((n) => n !== META_SHEET);
    delete wb.Workbook;
    const bytes = new Uint8Array(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    await expect(importWorkbook(bytes)).rejects.toThrow(/请指定要导入到哪个单位/);
    const r = await importWorkbook(bytes, { unitCode: '382201', year: 2024 });
    expect(r.projects).toHaveLength(book.projects.length);
    const strip = (p: ReturnType<typeof projectFilingSchema.parse>) => ({
      name: p.name,
      fundUse: p.fundUse,
      periods: Object.fromEntries(Object.entries(p.periods).map(([k, v]) => [k, { ...v, indicators: v!.indicators.map(({ id: _id, ...rest }) => rest) }])),
    });
    const want = book.projects.map((p) => strip(projectFilingSchema.parse(p)));
    expect(r.projects.map((x) => strip(x.filing))).toEqual(want);
  });

  it('stores a preview as a separate step', async () => {
    const dir = dirs.make();
    const store = await FilingStore.open(path.join(dir, 'db.sqlite'), { dailyBackup: false });
    const book = seedBook('341182');
    store.upsertUnit(book.unit);
    const r = await importWorkbook(await exportUnitYearWorkbook(book));
    expect(store.listProjects('341182', 2024)).toHaveLength(0);
    storeImported(store, r.unitCode, r.projects.map((x) => x.filing));
    expect(store.listProjects('341182', 2024)).toHaveLength(book.projects.length);
    store.close();
  });

  it('names sheets that are not tables in notes, and refuses a workbook with none', async () => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['工资表'], ['张三', '100']]), '工资');
    const bytes = new Uint8Array(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    await expect(importWorkbook(bytes, { unitCode: '382201', year: 2024 })).rejects.toThrow(/没有可以识别的绩效目标表[\s\S]*工作表“工资”不是绩效目标表/);
    const sheets = await parseXlsxInWorker(await exportUnitYearWorkbook(seedBook('382201')));
    sheets.push({ name: '备注', hidden: 0, rows: [['随便写的']], merges: [] });
    expect(previewFromSheets(sheets).notes).toEqual(['工作表“备注”不是绩效目标表，已跳过']);
  });
});
