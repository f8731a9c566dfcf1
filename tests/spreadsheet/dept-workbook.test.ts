// The 第一部分 部门整体绩效目标 from a workbook made by another program (openpyxl, from the
// seed text of layout B: tests/fixtures/foreign/dept-sheet.py), in the shapes offices keep it:
// a sheet of its own with merged paragraphs, or text rows in column A above the tables.
// Through the preview (shown, import / replace / skip) and the store step, the stored text
// equals the published seed text; the lo.xlsx corpus book (rows above the tables) is covered
// in tests/import/foreign-corpus.test.ts.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultPlan, importPlanSchema } from '../../shared/api/import-preview.ts';
import { FilingStore } from '../../electron/store/store.ts';
import { buildPreview, readImportFile } from '../../electron/services/import-preview.ts';
import { applyImport } from '../../electron/services/import-apply.ts';
import { corpusBook } from '../fixtures/foreign/generate.ts';
import { tempDirs } from '../store/helpers.ts';

const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const hasOpenpyxl = (() => {
  try {
    execFileSync(PYTHON, ['-c', 'import openpyxl'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const dirs = tempDirs();
afterAll(() => dirs.cleanup());

const book = corpusBook('002');
const want = book.dept!;
const unit = book.units[0]!;

function makeFiles(): string {
  const dir = dirs.make();
  writeFileSync(path.join(dir, 'dept.json'), JSON.stringify({ ...want, unitName: unit.name }));
  execFileSync(PYTHON, [path.join(import.meta.dirname, '../fixtures/foreign/dept-sheet.py'), path.join(dir, 'dept.json'), dir], { stdio: 'pipe', timeout: 60_000 });
  return dir;
}

describe.runIf(hasOpenpyxl)('部门整体绩效目标 from a workbook', () => {
  const files = hasOpenpyxl ? makeFiles() : '';
  for (const name of ['own-sheet.xlsx', 'above-tables.xlsx']) {
    it(`${name}: previewed, stored with the seed text; over an existing one: skip leaves it, replace takes it`, async () => {
      const bytes = new Uint8Array(readFileSync(path.join(files, name)));
      const store = await FilingStore.open(path.join(dirs.make(), 'f.sqlite'), { dailyBackup: false });
      try {
        store.upsertUnit({ code: unit.code, name: unit.name });
        const empty = importPlanSchema.parse({});
        const read = await readImportFile('xlsx', bytes, unit.code, empty);
        expect(read.tables).toEqual([]);
        expect(read.notes).toEqual(name === 'own-sheet.xlsx' ? ['工作表“填表说明”不是绩效目标表，已跳过'] : []);
        expect(read.dept).toEqual({ overall: want.overall, items: want.items, measures: want.measures });
        const p = buildPreview(store, read, { fileName: name, defaultUnit: unit.code, year: 2025, plan: empty, bytes });
        expect(p.dept).toMatchObject({ unitCode: unit.code, existing: false });
        expect(await applyImport(store, { kind: 'xlsx', bytes, fileName: name, sha256: p.sha256, defaultUnit: unit.code, year: 2025, plan: defaultPlan(p) })).toMatchObject({ projects: 0, deptTargets: 1 });
        const d = store.getDeptTarget(unit.code, 2025)!;
        expect({ overall: d.overall, items: d.items, measures: d.measures }).toEqual({ overall: want.overall, items: want.items, measures: want.measures });
      } finally {
        store.close();
      }
      // A unit-year with a department target of its own: shown as existing; skip stores nothing, replace takes the file's.
      const other = await FilingStore.open(path.join(dirs.make(), 'f.sqlite'), { dailyBackup: false });
      try {
        other.upsertUnit({ code: unit.code, name: unit.name });
        other.importBatch({ deptTargets: [{ unitCode: unit.code, year: 2025, overall: '原有的总体目标', items: [], measures: [], carriedOver: [] }] });
        const empty = importPlanSchema.parse({});
        const read = await readImportFile('xlsx', bytes, unit.code, empty);
        const p = buildPreview(other, read, { fileName: name, defaultUnit: unit.code, year: 2025, plan: empty, bytes });
        expect(p.dept).toMatchObject({ unitCode: unit.code, existing: true });
        const skip = defaultPlan(p);
        expect(skip.dept).toEqual({ unitCode: unit.code, action: 'skip' });
        await expect(applyImport(other, { kind: 'xlsx', bytes, fileName: name, sha256: p.sha256, defaultUnit: unit.code, year: 2025, plan: skip })).rejects.toThrow(/没有选择要导入的表格/);
        expect(other.getDeptTarget(unit.code, 2025)!.overall).toBe('原有的总体目标');
        await applyImport(other, { kind: 'xlsx', bytes, fileName: name, sha256: p.sha256, defaultUnit: unit.code, year: 2025, plan: { ...skip, dept: { unitCode: unit.code, action: 'replace' } } });
        const d = other.getDeptTarget(unit.code, 2025)!;
        expect({ overall: d.overall, items: d.items, measures: d.measures }).toEqual({ overall: want.overall, items: want.items, measures: want.measures });
      } finally {
        store.close();
      }
    }, 120_000);
  }
});
