// Last year's file into a new year (issue 10): the two-unit book made by LibreOffice, printed
// for its year, imported into the next one while the unit already has that year's tables of the
// same names. The tables become new projects (new ids), marked carried over; last year's rows
// are not touched; each new table's audit history says which file and year it was copied from.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { carriedOverText, defaultPlan, importPlanSchema } from '../../shared/api/import-preview.ts';
import { FilingStore } from '../../electron/store/store.ts';
import { buildPreview, readImportFile } from '../../electron/services/import-preview.ts';
import { applyImport } from '../../electron/services/import-apply.ts';
import { recentImports } from '../../electron/services/file-import.ts';
import { twoUnitBookBytes, type TwoUnitBook } from '../fixtures/foreign/two-unit.ts';
import { filing, tempDirs } from '../store/helpers.ts';

const dirs = tempDirs();
afterAll(() => dirs.cleanup());
let book: TwoUnitBook;
let bytes: Uint8Array;
beforeAll(() => void ({ book, bytes } = twoUnitBookBytes()), 300_000);
const U1 = '619001';
const FILE = '上年的本子.docx';

async function importInto(store: FilingStore, year: number) {
  const empty = importPlanSchema.parse({});
  const read = await readImportFile('docx', bytes, U1, empty);
  const p = buildPreview(store, read, { fileName: FILE, defaultUnit: U1, year, plan: empty, bytes });
  const plan = defaultPlan(p);
  const r = await applyImport(store, { kind: 'docx', bytes, fileName: FILE, sha256: p.sha256, defaultUnit: U1, year, plan });
  return { p, r };
}

describe('a file of last year imported into the new year', () => {
  it('new projects marked carried over, last year untouched, each copy says in its audit history which file and year it came from', async () => {
    const store = await FilingStore.open(path.join(dirs.make(), 'f.sqlite'), { dailyBackup: false });
    try {
      const last = book.year;
      store.upsertUnit({ code: U1, name: '唐山市医疗保障局本级' });
      // Last year holds the same tables already (typed in by hand, say).
      book.projects.slice(0, 3).forEach((b, i) => store.createProject(filing(`last-${i + 1}`, { templateId: 'B', unitCode: U1, year: last, name: b.name, seq: i + 1 })));
      const lastRows = () => store.projectsOfUnitYear(U1, last).map((f) => ({ id: f.id, revision: store.getProjectRecord(f.id)!.revision, json: JSON.stringify(f) }));
      const before = lastRows();
      const { p, r } = await importInto(store, last + 1);
      expect(p).toMatchObject({ printedYear: last, year: last + 1, carriedOver: true });
      // No table of the new year exists yet: nothing is met by name, everything is new.
      expect(p.units.flatMap((u) => u.tables.map((t) => t.existing))).toEqual(p.units.flatMap((u) => u.tables.map(() => [])));
      expect(carriedOverText(p.printedYear!, p.year)).toBe(`文件为 ${last} 年度，将作为 ${last + 1} 年度的新表导入：与“复制上年”一样，每项内容都标为上年结转，报送前须逐项确认；${last} 年度已有的表不受影响`);
      expect(r).toMatchObject({ projects: 5, carriedOver: true });

      expect(lastRows()).toEqual(before);
      const copies = ['619001', '619003'].flatMap((u) => store.projectsOfUnitYear(u, last + 1));
      expect(copies.map((f) => f.name)).toEqual(book.projects.map((b) => b.name));
      const lastIds = new Set(before.map((b) => b.id));
      expect(new Set(copies.map((f) => f.id)).size).toBe(copies.length);
      for (const f of copies) {
        expect(lastIds.has(f.id)).toBe(false);
        expect(f.carriedOver).toContain('name');
        const carried = store.auditLog(f.id).filter((e) => e.action === 'import.carried');
        expect(carried).toEqual([expect.objectContaining({ entity: 'project', oldValue: { fileName: FILE, sha256: p.sha256, year: last }, newValue: { unitCode: f.unitCode, year: last + 1 } })]);
      }
      expect(store.auditLog(`${U1}/${last + 1}`).filter((e) => e.action === 'import.carried')).toEqual([
        expect.objectContaining({ entity: 'dept_target', oldValue: { fileName: FILE, sha256: p.sha256, year: last } }),
      ]);
      expect(recentImports(store, U1, last + 1)[0]).toMatchObject({ fileName: FILE, carriedFrom: last });
    } finally {
      store.close();
    }
  });

  it('into its printed year: no copy marks, no carried history', async () => {
    const store = await FilingStore.open(path.join(dirs.make(), 'f.sqlite'), { dailyBackup: false });
    try {
      store.upsertUnit({ code: U1, name: '唐山市医疗保障局本级' });
      const { r } = await importInto(store, book.year);
      expect(r).toMatchObject({ projects: 5, carriedOver: false });
      const stored = ['619001', '619003'].flatMap((u) => store.projectsOfUnitYear(u, book.year));
      expect(stored).toHaveLength(5);
      for (const f of stored) {
        expect(f.carriedOver).toEqual([]);
        expect(store.auditLog(f.id).map((e) => e.action)).not.toContain('import.carried');
      }
      expect(recentImports(store, U1, book.year)[0]!.carriedFrom).toBeUndefined();
    } finally {
      store.close();
    }
  });
});
