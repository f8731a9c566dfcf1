// Exports from a real store loaded with the demo data: unit-year and 主管部门 books,
// progress per table, cancellation that leaves no file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FilingStore } from '../../electron/store/store.ts';
import { loadDemoData } from '../../electron/services/demo.ts';
import {
  ExportCancelledError,
  ExportError,
  exportProject,
  exportSupervisorBook,
  exportUnitBook,
  progressBar,
  selectUnits,
  type ExportProgress,
} from '../../electron/export/book-export.ts';
import { readDocx, type DocxParagraph } from './docx-reader.ts';

const dir = mkdtempSync(join(tmpdir(), 'jxmb-export-'));
const outDir = join(dir, 'out');
let store: FilingStore;

beforeAll(async () => {
  store = await FilingStore.open(join(dir, 'filings.sqlite'), { dailyBackup: false });
  loadDemoData(store);
  const { mkdirSync } = await import('node:fs');
  mkdirSync(outDir);
});
afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const headingsOf = (file: string) =>
  readDocx(readFileSync(file))
    .body.filter((b): b is DocxParagraph => b.kind === 'p' && b.bookmarks.length > 0)
    .map((p) => p.text);

describe('book export', () => {
  it('exports a unit-year book (B: department part first) reporting progress per table', async () => {
    const out = join(outDir, '619001-2025.docx');
    const events: ExportProgress[] = [];
    const r = await exportUnitBook(store, '619001', 2025, out, { onProgress: (p) => events.push(p) });
    expect(r.tables).toBe(18);
    expect(events.map((e) => e.done)).toEqual(Array.from({ length: 18 }, (_, i) => i + 1));
    expect(events.every((e) => e.total === 18)).toBe(true);
    const hs = headingsOf(out);
    expect(hs.slice(0, 5)).toEqual(['第一部分\n部门整体绩效目标', '一、总体绩效目标', '二、分项绩效目标', '三、工作保障措施', '第二部分\n预算项目绩效目标']);
    expect(hs[5]).toBe('1.办公楼维修（护）费绩效目标表');
    expect(hs).toHaveLength(5 + 18);
  });

  it('a cancelled export leaves no file, not even a temporary one', async () => {
    const out = join(outDir, 'cancelled.docx');
    const ac = new AbortController();
    const done: number[] = [];
    const err = await exportSupervisorBook(store, { units: ['382101', '382201', '382301', '382302', '382303'], year: 2024 }, out, {
      signal: ac.signal,
      onProgress: (p) => {
        done.push(p.done);
        if (p.done === 20) ac.abort();
      },
    }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(ExportCancelledError);
    expect((err as Error).message).toBe('导出已取消，未生成文件');
    expect(done.at(-1)).toBe(20);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(outDir).filter((f) => f.includes('cancelled'))).toEqual([]);
  });

  it('a cancel from outside (a timer, as the UI sends it) stops the export between tables', async () => {
    const out = join(outDir, 'timer.docx');
    const ac = new AbortController();
    let last = 0;
    const err = await exportSupervisorBook(store, { units: ['382101', '382201', '382301', '382302', '382303'], year: 2024 }, out, {
      signal: ac.signal,
      onProgress: (p) => {
        if (p.done === 1) setTimeout(() => ac.abort(), 0);
        last = p.done;
      },
    }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(ExportCancelledError);
    expect(last).toBeLessThan(52);
    expect(existsSync(out)).toBe(false);
  });

  it('an export cancelled before it starts writes nothing', async () => {
    const out = join(outDir, 'early.docx');
    const ac = new AbortController();
    ac.abort();
    await expect(exportUnitBook(store, '382303', 2024, out, { signal: ac.signal })).rejects.toBeInstanceOf(ExportCancelledError);
    expect(readdirSync(outDir).filter((f) => f.includes('early'))).toEqual([]);
  });

  it('gathers the units of a 主管部门 by code, name or 代码-名称', async () => {
    expect(selectUnits(store, { supervisor: '303', year: 2023 }).map((u) => u.code)).toEqual(['303001']);
    expect(selectUnits(store, { supervisor: '忻州市医疗保障局', year: 2023 }).map((u) => u.code)).toEqual(['303001']);
    expect(selectUnits(store, { supervisor: '303-忻州市医疗保障局', year: 2023 }).map((u) => u.code)).toEqual(['303001']);
    const out = join(outDir, 'xinzhou.docx');
    const r = await exportSupervisorBook(store, { supervisor: '303', year: 2023 }, out);
    expect(r.tables).toBe(8);
    expect(headingsOf(out)).toHaveLength(8 + 0);
  });

  it('numbers a book of units chosen by list continuously, in the order given', async () => {
    const out = join(outDir, 'tangshan.docx');
    const r = await exportSupervisorBook(store, { units: ['619003', '619001'], year: 2025 }, out);
    expect(r.tables).toBe(36);
    const tables = headingsOf(out).filter((h) => /绩效目标表$/.test(h));
    expect(tables[0]).toBe(`1.${store.listProjects('619003', 2025)[0]!.name}绩效目标表`);
    expect(tables[18]).toBe('19.办公楼维修（护）费绩效目标表');
    expect(tables.map((h) => Number(h.split('.')[0]))).toEqual(Array.from({ length: 36 }, (_, i) => i + 1));
    const units = readDocx(readFileSync(out)).body.filter((b): b is DocxParagraph => b.kind === 'p' && /\t单位：万元$/.test(b.text)).map((p) => p.text.slice(0, 6));
    expect(units.slice(0, 18).every((u) => u === '619003')).toBe(true);
    expect(units.slice(18).every((u) => u === '619001')).toBe(true);
  });

  it('exports one project, and the HTML print view', async () => {
    const out = join(outDir, 'one.docx');
    expect((await exportProject(store, 'seed003-01', out)).tables).toBe(1);
    expect(headingsOf(out)).toEqual(['1. “2024-城乡医疗救助”项目']);
    const html = join(outDir, 'one.html');
    await exportProject(store, 'seed001-01', html, { format: 'html' });
    expect(readFileSync(html, 'utf8')).toContain('忻州市市级预算部门（单位）项目支出绩效目标申报表');
  });

  it('refuses impossible exports in Chinese', async () => {
    const out = join(outDir, 'x.docx');
    await expect(exportProject(store, 'nope', out)).rejects.toThrow('项目 nope 不存在');
    await expect(exportUnitBook(store, '999999', 2025, out)).rejects.toThrow('单位 999999 不存在');
    await expect(exportUnitBook(store, '619001', 2019, out)).rejects.toThrow('在 2019 年度没有项目');
    await expect(exportSupervisorBook(store, { supervisor: '999', year: 2025 }, out)).rejects.toThrow('没有主管部门为“999”的单位');
    await expect(exportSupervisorBook(store, { supervisor: '303', units: ['619001'], year: 2023 }, out)).rejects.toThrow('不属于主管部门');
    await expect(exportSupervisorBook(store, { year: 2025 }, out)).rejects.toBeInstanceOf(ExportError);
    expect(existsSync(out)).toBe(false);
  });

  it('draws a progress bar', () => {
    expect(progressBar(0, 54, 10)).toBe('[░░░░░░░░░░] 0/54');
    expect(progressBar(27, 54, 10)).toBe('[█████░░░░░] 27/54');
    expect(progressBar(54, 54, 10)).toBe('[██████████] 54/54');
  });
});
