// The cut-off month of the monitoring is template data: forms made from a half-year template
// (1—6月) say 1—6月 wherever the month shows: the list (`yearly.list`, for the import choice),
// the printed form (DOCX read back) and the yearly workbook's header (read back with openpyxl).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docxBytes } from '../../electron/export/docx/writer.ts';
import { exportYearlyWorkbook } from '../../electron/import/spreadsheet/yearly-workbook.ts';
import { yearlyLayout } from '../../electron/services/yearly-print.ts';
import { createUnitYearYearlyForms, DEFAULT_YEARLY_FORMS } from '../../electron/services/yearly-service.ts';
import { yearlyRows } from '../../electron/services/yearly-view.ts';
import type { FilingStore } from '../../electron/store/store.ts';
import { monitoringFormSchema } from '../../shared/yearly/form-types.ts';
import { MONITORING_FORM } from '../../shared/yearly/monitoring-form.ts';
import { readDocx, type DocxTable } from '../export/docx-reader.ts';
import { storeWith, tempDirs } from '../handover/helpers.ts';

const dirs = tempDirs();
const U = '619001';
const Y = 2025;
const HALF_YEAR = monitoringFormSchema.parse({ ...MONITORING_FORM, id: 'mo-h1', name: '项目绩效运行监控表（半年）', cutOffMonth: 6 });
let store: FilingStore;

beforeAll(async () => {
  store = (await storeWith(dirs.make(), [U])).store;
  createUnitYearYearlyForms(store, U, Y, { ...DEFAULT_YEARLY_FORMS, monitoring: HALF_YEAR });
});
afterAll(() => {
  store?.close();
  dirs.cleanup();
});

describe('a half-year monitoring says 1—6月 everywhere', () => {
  it('yearly.list gives each form its month and its 执行数 words', () => {
    const rows = yearlyRows(store, U, Y);
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => JSON.stringify(r.monitoringExecuted)))).toEqual(new Set([JSON.stringify({ month: 6, label: '1—6月执行数' })]));
  });

  it('the printed form and the workbook header', async () => {
    const docx = readDocx(await docxBytes(yearlyLayout(store, { kind: 'unitYear', unitCode: U, year: Y }, 'monitoring')));
    const head = docx.body.find((b): b is DocxTable => b.kind === 'tbl')!;
    expect(head.rows[2]!.cells.map((c) => c.text)).toContain('1—6月执行数');
    expect(docx.body.filter((b) => b.kind === 'p').map((p) => p.text)).toContain('2025年度项目支出绩效目标执行监控表（1—6月）');
    const file = path.join(dirs.make(), 'yearly.xlsx');
    fs.writeFileSync(file, (await exportYearlyWorkbook(store, U, Y)).bytes);
    const py = 'import json,sys,openpyxl\nwb=openpyxl.load_workbook(sys.argv[1])\nprint(json.dumps([list(r) for r in wb["绩效运行监控"].iter_rows(max_row=2, values_only=True)], ensure_ascii=False))';
    const [title, header] = JSON.parse(execFileSync(fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3', ['-c', py, file], { encoding: 'utf8' })) as string[][];
    expect(title![0]).toContain('绩效运行监控（1—6月）');
    expect(header!.filter((h) => h?.startsWith('1—'))).toEqual(['1—6月执行数', '1—6月实际完成值']);
  });
});
