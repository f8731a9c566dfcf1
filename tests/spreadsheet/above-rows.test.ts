// Lines above a table in a workbook made by another program (openpyxl): `单位名称：…` and
// `金额单位：元` in cells of one row are read as the lines they are (the amount unit wins
// over the template's), shown above the source table, and the sheet is not called "not a
// table" when its tables were read.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importWorkbook } from '../../electron/import/spreadsheet/workbook.ts';
import { FilingStore } from '../../electron/store/store.ts';
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

type Cell = string | number | null;
function workbook(sheets: Array<{ name: string; rows: Cell[][]; merges?: string[] }>): Uint8Array {
  const d = dirs.make();
  writeFileSync(path.join(d, 's.json'), JSON.stringify({ sheets }));
  execFileSync(PYTHON, [path.join(import.meta.dirname, '../fixtures/foreign/rows-sheet.py'), path.join(d, 's.json'), path.join(d, 's.xlsx')], { stdio: 'pipe', timeout: 60_000 });
  return new Uint8Array(readFileSync(path.join(d, 's.xlsx')));
}

const project = (name: string, amount: number): Cell[][] => [
  ['2025年度项目支出绩效目标表'],
  ['单位名称：宁武县农业农村局', null, null, null, null, null, '金额单位：元'],
  ['项目名称', name],
  ['预算规模及资金用途', '预算数', amount, '其中：财政资金', amount, '其他资金', 0],
  [null, '用于牲畜强制免疫疫苗采购'],
  ['绩效目标', '完成全县牲畜强制免疫。'],
  ['一级指标', '二级指标', '三级指标', '绩效指标描述', '指标值'],
  ['产出指标', '数量指标', '免疫牲畜数量', '免疫数量', '≥12万头'],
];

describe.runIf(hasOpenpyxl)('lines above a table in a sheet (openpyxl)', () => {
  it('金额单位：元 beside the unit name: amounts read in 元, the lines shown above the source, no "not a table" note', async () => {
    const rows = [...project('动物防疫补助经费', 350000), [], [], ...project('农村人居环境整治经费', 800000)];
    const bytes = workbook([{ name: 'Sheet1', rows, merges: ['A4:A5', 'B5:G5', 'B3:G3', 'B6:G6'] }]);
    const r = await importWorkbook(bytes, { unitCode: '420101', year: 2025 });
    expect(r.projects.map((p) => p.filing.name)).toEqual(['动物防疫补助经费', '农村人居环境整治经费']);
    expect(r.notes.join('\n')).not.toMatch(/不是绩效目标表|无法识别/);
    expect(r.projects[0]!.source.amountUnit).toEqual({ unit: 'yuan', from: 'above' });
    expect(r.projects[0]!.source.above).toEqual(['2025年度项目支出绩效目标表', '单位名称：宁武县农业农村局    金额单位：元']);
    const s = await FilingStore.open(path.join(dirs.make(), 'f.sqlite'));
    try {
      s.importBatch({ units: [{ code: '420101', name: '宁武县农业农村局', supervisor: null, region: '', sample: false }], projects: r.projects.map((p) => p.filing), deptTargets: [] });
      const stored = r.projects.map((p) => s.getProject(p.filing.id)!);
      // 350000 元 and 800000 元, in fen.
      expect(stored.map((p) => [p.periods.annual!.funding.total, p.periods.annual!.funding.fiscal, p.periods.annual!.funding.other])).toEqual([
        [35_000_000, 35_000_000, 0],
        [80_000_000, 80_000_000, 0],
      ]);
      expect(stored[0]!.fundUse).toBe('用于牲畜强制免疫疫苗采购');
    } finally {
      s.close();
    }
  });
});
