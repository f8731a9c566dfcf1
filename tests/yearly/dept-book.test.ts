// The 部门整体绩效自评表 where the project self-evaluations are: first in the unit-year book of
// self-evaluations (DOCX read back) and on a sheet of its own in the yearly workbook (read back
// with openpyxl); not in a monitoring book nor in one project's print.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docxBytes } from '../../electron/export/docx/writer.ts';
import { changeUnitYearSettings, unitYearSettingsOf } from '../../electron/services/unit-year-settings.ts';
import { createDeptSelfEvaluationForm, deptSelfEvaluationView, saveDeptSelfEvaluation } from '../../electron/services/dept-self-evaluation.ts';
import { createUnitYearYearlyForms } from '../../electron/services/yearly-service.ts';
import { yearlyLayout } from '../../electron/services/yearly-print.ts';
import { exportYearlyWorkbook } from '../../electron/import/spreadsheet/yearly-workbook.ts';
import type { FilingStore } from '../../electron/store/store.ts';
import { hundredthsText } from '../../shared/scoring/exact.ts';
import { readDocx, type DocxTable } from '../export/docx-reader.ts';
import { storeWith, tempDirs } from '../handover/helpers.ts';

const PYTHON = fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const dirs = tempDirs();
const U = '619001';
const Y = 2025;
let store: FilingStore;
let projects: number;

beforeAll(async () => {
  store = (await storeWith(dirs.make(), [U])).store;
  changeUnitYearSettings(store, { ...unitYearSettingsOf(store, U, Y).settings, ruleProfile: 'dept-whole' });
  const f = structuredClone(createDeptSelfEvaluationForm(store, U, Y).stored!.form);
  f.funds = { initialBudget: 123_456_700, budget: 130_000_000, executed: 117_000_000 };
  f.rows.forEach((r, i) => {
    if (r.name === r.target) r.achievement = { level: i % 2 ? '部分达成' : '达成', percent: null };
    else r.actual = i % 3 === 1 ? '5%' : '100%';
    r.deviation = i % 3 === 1 ? '抽查进度滞后' : '';
  });
  saveDeptSelfEvaluation(store, f, 1);
  projects = createUnitYearYearlyForms(store, U, Y).created;
}, 120_000);
afterAll(() => {
  store?.close();
  dirs.cleanup();
});

const docxOf = async (kind: 'monitoring' | 'self-evaluation' | 'both', scope: Parameters<typeof yearlyLayout>[1] = { kind: 'unitYear', unitCode: U, year: Y }) =>
  readDocx(await docxBytes(yearlyLayout(store, scope, kind))).body;
const tables = (body: ReturnType<typeof readDocx>['body']): DocxTable[] => body.filter((b): b is DocxTable => b.kind === 'tbl');
const titles = (body: ReturnType<typeof readDocx>['body']): string[] => body.filter((b) => b.kind === 'p' && b.style === 'JxFormTitle').map((p) => (p as { text: string }).text);

describe('the 部门整体绩效自评表 in the unit-year book and the workbook', () => {
  it('opens the book of self-evaluations, with its own pages, rows and scores', async () => {
    expect(projects).toBeGreaterThan(0);
    const body = await docxOf('self-evaluation');
    expect(titles(body)).toEqual(['部门整体绩效自评表（2025年度）', ...Array(projects).fill('项目支出绩效自评表（2025年度）')]);
    const all = tables(body);
    expect(all).toHaveLength(2 + 2 * projects);
    const v = deptSelfEvaluationView(store, U, Y);
    const [head, rows] = all.map((t) => t.rows.map((r) => r.cells.map((c) => c.text)));
    expect(head![1]![0]).toBe('部门预算（万元）');
    expect(head![2]!.slice(2)).toEqual(['123.4567', '130', '117', '90.00%', '10.00', '9.00']);
    const scored = rows!.slice(1, -1);
    expect(scored.map((r) => r.at(-2))).toEqual(v.score!.rows.map((r) => hundredthsText(r.score)));
    expect(rows!.at(-1)!.slice(0, 3)).toEqual(['总分', '100.00', hundredthsText(v.score!.total)]);
    // The first project starts on a new page.
    const firstProject = body.findIndex((b) => b.kind === 'p' && b.text === '项目支出绩效自评表（2025年度）');
    expect(body[firstProject]).toMatchObject({ pageBreakBefore: true });
  });

  it('is in the book of both forms, not in a monitoring book nor in one project', async () => {
    expect(titles(await docxOf('both'))[0]).toBe('部门整体绩效自评表（2025年度）');
    expect(titles(await docxOf('monitoring'))).not.toContain('部门整体绩效自评表（2025年度）');
    const one = store.projectsOfUnitYear(U, Y)[0]!.id;
    expect(titles(await docxOf('self-evaluation', { kind: 'project', id: one }))).toEqual(['项目支出绩效自评表（2025年度）']);
  });

  it('has a sheet of its own in the yearly workbook, read back with openpyxl', async () => {
    const { bytes } = await exportYearlyWorkbook(store, U, Y);
    const file = path.join(dirs.make(), 'yearly.xlsx');
    fs.writeFileSync(file, bytes);
    const py = `import json,sys,openpyxl\nwb=openpyxl.load_workbook(sys.argv[1])\nprint(json.dumps({n: [[c for c in r] for r in wb[n].iter_rows(values_only=True)] for n in wb.sheetnames}, ensure_ascii=False))`;
    const book = JSON.parse(execFileSync(PYTHON, ['-c', py, file], { encoding: 'utf8' })) as Record<string, (string | number | null)[][]>;
    expect(Object.keys(book)).toEqual(['绩效运行监控', '绩效自评', '部门整体绩效自评']);
    const sheet = book['部门整体绩效自评']!;
    const v = deptSelfEvaluationView(store, U, Y);
    const f = v.stored!.form;
    expect(sheet[0]![0]).toBe('619001唐山市医疗保障局本级　2025年度部门整体绩效自评表　单位：万元');
    const lines = sheet.slice(2);
    expect(lines).toHaveLength(f.rows.length);
    expect(lines.map((l) => [l[6], l[7], l[8]])).toEqual(f.rows.map((r) => [r.item, r.name, r.target]));
    expect(lines.map((l) => l[11])).toEqual(v.score!.rows.map((r) => hundredthsText(r.score)));
    expect(lines[0]!.slice(0, 5)).toEqual(['123.4567', '130', '117', '90.00%', '9.00']);
    expect(new Set(lines.map((l) => `${l[13]} ${l[14]}`))).toEqual(new Set([`${hundredthsText(v.score!.total)} ${v.score!.grade}`]));
  });
});
