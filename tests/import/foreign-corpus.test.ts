// Import of documents made by other programs (LibreOffice from our HTML books, python-docx,
// the docx npm library; tests/fixtures/foreign): every cell of every published table is
// stored, the department text too, and 审核 afterwards reports exactly what it reports on
// the seed tables themselves.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { previewDocx } from '../../electron/import/docx/docx-read.ts';
import { importWorkbook } from '../../electron/import/spreadsheet/workbook.ts';
import { FilingStore } from '../../electron/store/store.ts';
import { getTemplate } from '../../shared/templates/index.ts';
import { auditUnitYear } from '../../shared/rules/index.ts';
import type { ProjectFiling } from '../../shared/model/filing.ts';
import { CORPUS_TOOLS, corpusBook, ensureCorpus, SEEDS } from '../fixtures/foreign/generate.ts';
import { tempDirs } from '../store/helpers.ts';
import { printedCells } from './printed-cells.ts';

const dirs = tempDirs();
afterAll(() => dirs.cleanup());
let dir = '';
beforeAll(async () => {
  dir = await ensureCorpus();
}, 600_000);

const FORMATS = [
  ...(CORPUS_TOOLS.libreoffice ? (['lo.docx', 'lo.doc', 'lo.xlsx', 'lo.xls'] as const) : []),
  ...(CORPUS_TOOLS.pythonDocx ? (['py.docx'] as const) : []),
  'npm.docx',
] as const;
const isSheet = (fmt: string) => fmt.endsWith('xlsx') || fmt.endsWith('xls');
const UNIT_NOTE = /金额单位按表上标注的“(万元|元)”读取/;

const audit = (ps: readonly ProjectFiling[], t: ReturnType<typeof getTemplate>) =>
  Object.values(auditUnitYear(ps, null, t!).byProject)
    .flat()
    .map((f) => `${f.code} ${f.location.field} ${f.message}`)
    .sort();

describe('import of documents made elsewhere', () => {
  for (const seed of SEEDS) {
    for (const fmt of FORMATS) {
      // Layouts B, C and D still differ in some cells (C: 联系电话 read as a number from
      // the sheet, D: 项目 heading, B: a value of a continued table); not yet done.
      it(`seed ${seed} as ${fmt}: every cell stored, 审核 as on the seed tables`, async () => {
        const book = corpusBook(seed);
        const t = getTemplate(book.templateId)!;
        const bytes = fs.readFileSync(path.join(dir, `seed-${seed}.${fmt}`));
        // A book without unit lines (layouts C and D) goes to the unit chosen, as a sheet does.
        const opts = { year: book.year, ...(t.book.style === 'numbered' ? {} : { unitCode: book.units[0]!.code }) };
        const r = isSheet(fmt)
          ? await importWorkbook(bytes, { ...opts, unitCode: book.units[0]!.code })
          : previewDocx(bytes, opts);
        expect(r.notes.filter((n) => !UNIT_NOTE.test(n))).toEqual([]);
        expect(r.projects).toHaveLength(book.projects.length);
        // Store each table under the unit printed above it (a sheet goes to the unit given).
        const units = 'units' in r ? r.units : [];
        if (!isSheet(fmt) && t.book.style === 'numbered') expect(units.map((u) => u.code)).toEqual(book.units.filter((u) => book.projects.some((p) => p.unitCode === u.code)).map((u) => u.code).filter((c, i, a) => a.indexOf(c) === i));
        const store = await FilingStore.open(path.join(dirs.make(), 'f.sqlite'));
        try {
          // Tables are numbered through the book, as in the seeds.
          const projects = r.projects.map((x, i) => ({ ...x.filing, unitCode: isSheet(fmt) ? book.projects[i]!.unitCode : x.filing.unitCode, seq: i + 1 }));
          const dept = 'dept' in r && r.dept ? { unitCode: book.units[0]!.code, year: book.year, ...r.dept } : null;
          store.importBatch({ units: book.units, projects, deptTargets: dept ? [dept] : [] });
          const stored = projects.map((p) => store.getProject(p.id)!);
          stored.forEach((s, i) => {
            const want = book.projects[i]!;
            expect({ seq: `${want.unitCode}/${want.seq}`, ...printedCells(t, s) }).toEqual({ seq: `${s.unitCode}/${s.seq}`, ...printedCells(t, want) });
            expect(s.headingName).toBe(want.headingName);
          });
          if (book.dept) {
            const d = store.getDeptTarget(book.dept.unitCode, book.year)!;
            expect({ overall: d.overall, items: d.items, measures: d.measures }).toEqual({ overall: book.dept.overall, items: book.dept.items, measures: book.dept.measures });
          }
          for (const u of book.units) {
            const mine = stored.filter((p) => p.unitCode === u.code);
            const theirs = book.projects.filter((p) => p.unitCode === u.code).map((p) => ({ ...p, status: 'draft' as const }));
            expect(audit(mine, t)).toEqual(audit(theirs, t));
          }
        } finally {
          store.close();
        }
      }, 120_000);
    }
  }
});
