// The import preview and its choices (electron/services/import-preview.ts, import-apply.ts)
// on a real SQLite file with a two-unit 主管部门 book made by LibreOffice: the book split by its
// unit lines, each value traced to its source cells, corrections (template, amount unit),
// replace / keep both / skip per table, a missing unit created only when confirmed, a year
// other than the printed one stored as carried over, 撤销导入 over the whole import, and
// hostile choices refused with the database unchanged.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPlan, importPlanSchema, type ImportFilePreview, type ImportPlanInput } from '../../shared/api/import-preview.ts';
import { getAt } from '../../shared/model/field-path.ts';
import { FilingStore } from '../../electron/store/store.ts';
import { buildPreview, readImportFile } from '../../electron/services/import-preview.ts';
import { applyImport } from '../../electron/services/import-apply.ts';
import { undoLastImport } from '../../electron/services/file-import.ts';
import { previewBlocks, readDocxBody } from '../../electron/import/docx/docx-read.ts';
import type { Block } from '../../electron/import/recognise/book.ts';
import { ensureTwoUnitBook, type TwoUnitBook } from '../fixtures/foreign/two-unit.ts';
import { corpusBook, ensureCorpus } from '../fixtures/foreign/generate.ts';
import { filing, snapshot, tempDirs } from '../store/helpers.ts';
import { twoSides } from './review-helpers.ts';
import { submitToFolder } from '../../electron/services/submit.ts';
import { importPackageFile } from '../../electron/handover/receive.ts';

const dirs = tempDirs();
afterAll(() => dirs.cleanup());
let book: TwoUnitBook;
let bytes: Uint8Array;
beforeAll(() => {
  book = ensureTwoUnitBook();
  bytes = new Uint8Array(readFileSync(book.file));
}, 300_000);

const [U1, U2] = ['619001', '619003'];
const names = () => book.projects.map((p) => p.name);

async function setup() {
  const file = path.join(dirs.make(), 'f.sqlite');
  const store = await FilingStore.open(file, { dailyBackup: false });
  store.upsertUnit({ code: U1, name: '唐山市医疗保障局本级' });
  // 2026 already holds a table named as the book's second one (replaced) and one as its third (kept both).
  store.createProject(filing('old-2', { templateId: 'B', unitCode: U1, year: 2026, name: names()[1]!, seq: 1 }));
  store.createProject(filing('old-3', { templateId: 'B', unitCode: U1, year: 2026, name: names()[2]!, seq: 2 }));
  return { store, file };
}

async function preview(store: FilingStore, year: number | null, plan: ImportPlanInput = {}): Promise<ImportFilePreview> {
  const p = importPlanSchema.parse(plan);
  const read = await readImportFile('docx', bytes, U1, p);
  return buildPreview(store, read, { fileName: '两个单位.docx', defaultUnit: U1, year, plan: p, bytes });
}
const tables = (p: ImportFilePreview) => p.units.flatMap((u) => u.tables);
const apply = (store: FilingStore, p: ImportFilePreview, plan: ImportPlanInput, extra: { year?: number; sha256?: string } = {}) =>
  applyImport(store, { kind: 'docx', bytes, fileName: '两个单位.docx', sha256: extra.sha256 ?? p.sha256, defaultUnit: U1, year: extra.year ?? p.year, plan: importPlanSchema.parse(plan) });

describe('import preview', () => {
  it('splits the book by its unit lines and shows each table under its unit; nothing stored', async () => {
    const { store, file } = await setup();
    const before = snapshot(file);
    const p = await preview(store, null);
    expect(p.printedYear).toBe(book.year);
    expect(p.units.map((u) => ({ code: u.unitCode, exists: u.exists, name: u.unitName, tables: u.tables.map((t) => t.filing.name) }))).toEqual([
      { code: U1, exists: true, name: '唐山市医疗保障局本级', tables: names().slice(0, 3) },
      { code: U2, exists: false, name: '唐山市医疗保险服务中心', tables: names().slice(3) },
    ]);
    expect(p.dept).toMatchObject({ unitCode: U1, existing: false, target: { overall: book.dept.overall } });
    expect(p.carriedOver).toBe(false);
    // In 2026 the same names are found.
    const p26 = await preview(store, 2026);
    expect(p26.carriedOver).toBe(true);
    expect(tables(p26).map((t) => t.existing.map((e) => e.id))).toEqual([[], ['old-2'], ['old-3'], [], []]);
    expect(snapshot(file)).toEqual(before);
    store.close();
  });

  it('traces every value to the source cells it was read from', async () => {
    const { store } = await setup();
    const p = await preview(store, null);
    for (const t of tables(p)) {
      const s = t.source;
      expect(s.template).toEqual({ id: 'B', from: 'detected', matched: 18, total: 18 });
      expect(s.marks).toEqual([]);
      let checked = 0;
      for (const v of s.values) {
        const value = getAt(t.filing, v.field);
        if (typeof value !== 'string' || !v.cells.length) continue;
        const text = v.cells.map(([r, c]) => s.rows[r]!.cells.find((x) => x.col === c)!.text.trim()).join('\n');
        // Merged-down cells (一级指标) point at the cell where the merge starts.
        expect(text, `${t.key} ${v.field}`).toBe(value.trim());
        checked++;
      }
      expect(checked).toBeGreaterThan(20);
      // Source rows say which table of the document they are.
      expect(new Set(s.rows.map((r) => r.table)).size).toBeGreaterThanOrEqual(1);
      expect(s.rows.every((r) => r.table >= 1)).toBe(true);
    }
    // The table split over two Word tables (third one) comes from two tables of the document.
    expect(new Set(tables(p)[2]!.source.rows.map((r) => r.table)).size).toBe(2);
    store.close();
  });

  it('marks what was not read in place, and takes corrections of template and amount unit', () => {
    // The book's first table with a row no template has, as offices add them.
    const blocks = readDocxBody(bytes).blocks;
    const first = blocks.find((b): b is Extract<Block, { kind: 'table' }> => b.kind === 'table')!;
    const width = first.rows[2]!.at(-1)!.col + 1;
    first.rows.splice(3, 0, [
      { text: '备注', col: 0, span: 1, cont: false },
      { text: '这一行不是表格的内容', col: 1, span: width - 1, cont: false },
    ]);
    const r = previewBlocks(blocks);
    const s = r.projects[0]!.source;
    expect(s.marks).toEqual([{ cells: [[3, 0], [3, 1]], note: '第 4 行无法识别，已跳过：备注 | 这一行不是表格的内容' }]);
    expect(r.notes.some((n) => n.includes('第 4 行无法识别'))).toBe(true);
    expect(s.values.find((v) => v.field === 'name')?.cells).toEqual([[0, 4]]);
    const fixed = previewBlocks(blocks, { adjust: { [s.key]: { templateId: 'A', amountUnit: 'yuan' } } }).projects[0]!;
    expect(fixed.source.template.from).toBe('given');
    expect(fixed.filing.templateId).toBe('A');
    expect(fixed.source.amountUnit).toEqual({ unit: 'yuan', from: 'given' });
    // Read in 元 as chosen: the 万元 printed becomes 1/10000 of it.
    expect(fixed.filing.periods.annual!.funding.total! * 10000).toBe(r.projects[0]!.filing.periods.annual!.funding.total);
  });
});

describe('a workbook made by LibreOffice', () => {
  it('traces values to sheet cells (the sheet\'s own row numbers) and splits by the unit lines', async () => {
    const dir = await ensureCorpus();
    const xlsx = new Uint8Array(readFileSync(path.join(dir, 'seed-000.lo.xlsx')));
    const read = await readImportFile('xlsx', xlsx, '100001', importPlanSchema.parse({}));
    const want = corpusBook('000');
    expect(read.tables.map((t) => t.printed?.code)).toEqual(want.projects.map((p) => p.unitCode));
    for (const t of read.tables.slice(0, 8)) {
      const s = t.source;
      expect(s.sheet).toBe(true);
      // Rows are numbered as in the sheet: increasing, past the title lines above the table.
      expect(s.rows.every((r, i) => i === 0 || r.row > s.rows[i - 1]!.row)).toBe(true);
      const name = s.values.find((v) => v.field === 'name')!;
      const [r, c] = name.cells[0]!;
      expect(s.rows[r]!.cells.find((x) => x.col === c)!.text.trim()).toBe(t.filing.name);
    }
  }, 300_000);
});

describe('choices per table', () => {
  it('skip, replace, keep both and import into a corrected year; the missing unit created only when confirmed; carried over; 撤销导入 restores all', async () => {
    const { store, file } = await setup();
    const before = snapshot(file);
    const p = await preview(store, 2026);
    const [t1, t2, t3, t4, t5] = tables(p).map((t) => t.key);
    const plan: ImportPlanInput = {
      tables: [
        { key: t1!, unitCode: U1, action: 'skip' },
        { key: t2!, unitCode: U1, action: 'replace' },
        { key: t3!, unitCode: U1, action: 'import' },
        { key: t4!, unitCode: U2, action: 'import', amountUnit: 'yuan' },
        { key: t5!, unitCode: U2, action: 'import' },
      ],
      createUnits: [{ code: U2, name: '唐山市医疗保险服务中心' }],
      dept: { unitCode: U1, action: 'import' },
    };
    // 转到 goes to the first table stored: the replaced one, in its place.
    expect(await apply(store, p, plan)).toEqual({ projects: 4, replaced: 1, deptTargets: 1, createdUnits: 1, carriedOver: true, first: { id: 'old-2', unitCode: U1, name: names()[1] } });
    const u1 = store.projectsOfUnitYear(U1, 2026);
    expect(u1.map((f) => [f.seq, f.name]).sort()).toEqual([
      [1, names()[1]],
      [2, names()[2]],
      [3, names()[2]],
    ]);
    // Replaced in place: same id and place in the book, the book's content.
    const replaced = store.getProject('old-2')!;
    expect(replaced.periods.annual?.funding.total).toBe(book.projects[1]!.periods.annual?.funding.total);
    expect(store.getProject('old-3')!.carriedOver).toEqual([]);
    // Every imported table is marked carried over, as 复制上年 marks it, and 草稿.
    const imported = [...u1.filter((f) => f.id !== 'old-3'), ...store.projectsOfUnitYear(U2, 2026)];
    expect(imported).toHaveLength(4);
    for (const f of imported) {
      expect(f.status).toBe('draft');
      expect(f.carriedOver).toContain('name');
      expect(f.carriedOver.some((m) => m.startsWith('periods.annual.indicators[id='))).toBe(true);
    }
    expect(store.getUnit(U2)?.name).toBe('唐山市医疗保险服务中心');
    const u2 = store.projectsOfUnitYear(U2, 2026);
    expect(u2.map((f) => f.name)).toEqual(names().slice(3));
    // 元 chosen for a table printed in 元 already: read as printed.
    expect(u2[0]!.periods.annual?.funding.total).toBe(book.projects[3]!.periods.annual?.funding.total);
    const dept = store.getDeptTarget(U1, 2026)!;
    expect(dept.overall).toBe(book.dept.overall);
    expect(dept.carriedOver).toContain('overall');
    // Nothing outside the chosen unit-years.
    expect(store.listYears(U1)).toEqual([2026]);

    expect(undoLastImport(store, U2, 2026)).toEqual({ removed: 3, restored: 1, fileName: '两个单位.docx' });
    expect(store.getUnit(U2)).toBeNull();
    expect(store.getDeptTarget(U1, 2026)).toBeNull();
    expect(store.projectsOfUnitYear(U1, 2026).map((f) => f.id).sort()).toEqual(['old-2', 'old-3']);
    expect(store.getProject('old-2')!.name).toBe(names()[1]);
    expect(store.getProject('old-2')!.templateId).toBe('B');
    // As before: the same tables with the same content (a restored table has a new revision).
    const rows = (s: Record<string, unknown[]>, t: string) => s[t]!.map((r) => (r as { data?: string; code?: string }).data ?? (r as { code?: string }).code);
    const after = snapshot(file);
    for (const t of ['projects', 'units', 'dept_targets']) expect(rows(after, t), t).toEqual(rows(before, t));
    store.close();
  });

  it('in the printed year nothing is marked carried over', async () => {
    const { store } = await setup();
    const p = await preview(store, null);
    const r = await apply(store, p, { ...defaultPlan(p), createUnits: [] , tables: defaultPlan(p).tables.map((t) => (t.unitCode === U2 ? { ...t, action: 'skip' as const } : t)) });
    expect(r).toMatchObject({ projects: 3, carriedOver: false });
    expect(store.projectsOfUnitYear(U1, book.year).every((f) => f.carriedOver.length === 0)).toBe(true);
    store.close();
  });
});

describe('hostile choices are refused and change nothing', () => {
  const cases: Array<[string, (p: ImportFilePreview) => ImportPlanInput | { plan: ImportPlanInput; sha256?: string; year?: number }, RegExp]> = [
    ['a table not in the file', (p) => ({ ...defaultPlan(p), tables: [...defaultPlan(p).tables, { key: '99.1', unitCode: U1, action: 'import' }] }), /选择中的表格“99\.1”不在这个文件中/],
    ['a table named twice', (p) => ({ ...defaultPlan(p), tables: [...defaultPlan(p).tables, defaultPlan(p).tables[0]!] }), /选择了两次/],
    ['a table left out', (p) => ({ ...defaultPlan(p), tables: defaultPlan(p).tables.slice(1) }), /没有选择1 张表格怎样处理/],
    ['a table sent to another unit', (p) => ({ ...defaultPlan(p), tables: defaultPlan(p).tables.map((t, i) => (i === 3 ? { ...t, unitCode: U1 } : t)) }), /在预览中属于单位 619003，不能导入到单位 619001/],
    ['replace where no table of that name is', (p) => ({ ...defaultPlan(p), tables: defaultPlan(p).tables.map((t, i) => (i === 0 ? { ...t, action: 'replace' as const } : t)) }), /没有名为“办公楼维修（护）费”的表可以替换/],
    ['a missing unit not confirmed', (p) => ({ ...defaultPlan(p), createUnits: [] }), /单位 619003 在本机还没有：请在预览中确认新建该单位/],
    ['an existing unit to be created', (p) => ({ ...defaultPlan(p), createUnits: [...defaultPlan(p).createUnits, { code: U1, name: '又一个' }] }), /单位 619001 已经存在/],
    ['the department target given to another unit', (p) => ({ ...defaultPlan(p), dept: { unitCode: U2, action: 'import' } }), /部门整体绩效目标在预览中属于单位 619001/],
    ['another file than previewed', (p) => ({ plan: defaultPlan(p), sha256: 'a'.repeat(64) }), /文件与预览时的文件不同/],
    ['a template that does not exist', (p) => ({ ...defaultPlan(p), tables: defaultPlan(p).tables.map((t, i) => (i === 0 ? { ...t, templateId: 'Z' } : t)) }), /没有表样“Z”/],
  ];
  for (const [what, make, message] of cases) {
    it(what, async () => {
      const { store, file } = await setup();
      const p = await preview(store, 2026);
      const made = make(p);
      const { plan, ...extra } = 'plan' in made ? made : { plan: made };
      const before = snapshot(file);
      await expect(apply(store, p, plan, extra)).rejects.toThrow(message);
      expect(snapshot(file)).toEqual(before);
      store.close();
    });
  }
});

describe('a 示例 unit takes no file of the office', () => {
  it('the preview marks a 示例 target unit and the store step refuses it; nothing changes', async () => {
    const { store, file } = await setup();
    store.upsertUnit({ code: U1, name: '唐山市医疗保障局本级', sample: true });
    const p = await preview(store, 2026);
    expect(p.units.map((u) => [u.unitCode, u.sample])).toEqual([
      [U1, true],
      [U2, false],
    ]);
    const before = snapshot(file);
    await expect(apply(store, p, defaultPlan(p))).rejects.toThrow(/单位 619001 是示例单位（唐山市医疗保障局本级），不能把您的文件导入示例单位/);
    expect(snapshot(file)).toEqual(before);
    // Sent to the other (own) unit only, the import goes through.
    const plan = defaultPlan(p);
    const onlyOwn = { ...plan, dept: plan.dept ? { ...plan.dept, action: 'skip' as const } : undefined, tables: plan.tables.map((t) => (t.unitCode === U1 ? { ...t, action: 'skip' as const } : t)) };
    const r = await apply(store, p, onlyOwn);
    expect(r.projects).toBeGreaterThan(0);
    expect(store.listProjects(U1, 2026).map((x) => x.name).sort()).toEqual([names()[1]!, names()[2]!].sort());
    store.close();
  });
});

describe('a received unit-year stays read-only', () => {
  it('tables and the department target going into a unit-year received from a package are refused; nothing changes', async () => {
    const s = await twoSides(dirs.make());
    try {
      expect(s.unitCode).toBe(U1);
      const sub = await submitToFolder(s.unit, { unitCode: s.unitCode, year: s.year, outDir: s.stick, book: null });
      await importPackageFile(s.recv, sub.path, { noBackup: true });
      const p = await preview(s.recv, s.year);
      const plan = defaultPlan(p);
      const before = s.recv.projectsOfUnitYear(U1, s.year).map((f) => [f.id, f.name]);
      await expect(applyImport(s.recv, { kind: 'docx', bytes, fileName: 'b.docx', sha256: p.sha256, defaultUnit: U1, year: s.year, plan: importPlanSchema.parse(plan) })).rejects.toThrow(
        /单位 619001 \d{4} 年度的数据是从报送包接收的，只读，不能导入/,
      );
      const onlyDept = { ...plan, createUnits: [], dept: { unitCode: U1, action: 'import' as const }, tables: plan.tables.map((t) => ({ ...t, action: 'skip' as const })) };
      await expect(applyImport(s.recv, { kind: 'docx', bytes, fileName: 'b.docx', sha256: p.sha256, defaultUnit: U1, year: s.year, plan: importPlanSchema.parse(onlyDept) })).rejects.toThrow(/只读，不能导入部门整体绩效目标/);
      expect(s.recv.projectsOfUnitYear(U1, s.year).map((f) => [f.id, f.name])).toEqual(before);
    } finally {
      s.close();
    }
  });
});

describe('the store step', () => {
  it('reads the same bytes once: the preview\'s reading is reused for the same hash and corrections', async () => {
    const { store } = await setup();
    const plan = importPlanSchema.parse({});
    const a = await readImportFile('docx', bytes, U1, plan);
    const b = await readImportFile('docx', bytes, U1, importPlanSchema.parse({ tables: a.tables.map((t) => ({ key: t.key, unitCode: U1, action: 'skip' })) }));
    expect(b).toBe(a);
    // A correction reads the file again.
    const c = await readImportFile('docx', bytes, U1, importPlanSchema.parse({ tables: [{ key: a.tables[0]!.key, amountUnit: 'yuan' }] }));
    expect(c).not.toBe(a);
    expect(c.tables[0]!.source.amountUnit.from).toBe('given');
    store.close();
  });
});
