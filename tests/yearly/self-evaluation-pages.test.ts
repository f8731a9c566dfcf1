// The pages of a 绩效自评表 as LibreOffice renders the DOCX (once for the file): a form that fits
// one A4 page (the 6 rows of the seed's 办公楼维修（护）费) is on one page; a longer one (10, 30
// rows) breaks between indicator rows, every later page opening with the repeated indicator
// header, no row cut, and 总分 never alone: indicator rows of its form are on its page.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docxBytes } from '../../electron/export/docx/writer.ts';
import { buildYearlyLayout, type YearlyPrintItem } from '../../shared/layout/yearly.ts';
import type { Unit } from '../../shared/model/filing.ts';
import type { SelfEvaluationScore } from '../../shared/scoring/score.ts';
import { SELF_EVALUATION_FORM } from '../../shared/yearly/self-evaluation-form.ts';
import { selfEvaluationFilingSchema } from '../../shared/yearly/model.ts';
import { tempDirs } from '../handover/helpers.ts';

const dirs = tempDirs();
const OUT = path.join(import.meta.dirname, '..', '..', 'out', 'self-evaluation-pages');
const unit = { code: '619001', name: '唐山市医疗保障局本级', supervisor: null } as unknown as Unit;
/** The seed's form (唐山市 2025, 办公楼维修（护）费): 产出 rows of four kinds, then 效益 and 满意度. */
const OUTPUT = [
  ['数量指标', '工程量完成率', '≥100%', '100%'],
  ['质量指标', '设备和专用材料购置完成率', '≥100%', '80%'],
  ['成本指标', '单位面积平均维修成本', '≤20元/平米', '20元/平米'],
  ['时效指标', '维修维护完成时限', '2025.12.31', '2025年11月'],
] as const;

/** A self-evaluation of `n` indicator rows: n − 2 产出 rows, one 效益, one 满意度. */
function selfEvaluationItem(n: number): YearlyPrintItem {
  const rows = Array.from({ length: n }, (_, i) => {
    const [level1, level2, name, value] =
      i === n - 2 ? ['效益指标', '社会效益指标', '安全性', '提高安全性保障'] : i === n - 1 ? ['满意度指标', '服务对象满意度指标', '服务对象满意度', '≥90%'] : ['产出指标', ...OUTPUT[i % 4]!.slice(0, 3)];
    return { id: `r${i}`, level1: level1!, level2: level2!, name: `${name}${i >= 4 && i < n - 2 ? i : ''}`, value: value!, index: i };
  });
  const actual = (i: number) => (i === n - 2 ? '' : i === n - 1 ? '90%' : OUTPUT[i % 4]![3]);
  const money = { initialBudget: 3_0000_00, budget: 3_0000_00, executed: 2_5500_00 };
  const none = { initialBudget: null, budget: null, executed: null };
  const filing = selfEvaluationFilingSchema.parse({
    id: 's', projectId: 'p', unitCode: unit.code, year: 2025, formId: SELF_EVALUATION_FORM.id, kind: 'self-evaluation',
    funds: { total: money, fiscal: money, carryOver: none, other: none },
    goal: { expected: '1.用于办公楼修护，保障局机关办公正常运转', achieved: '年度目标基本完成' },
    rows: rows.map((r, i) => ({ indicatorId: r.id, actual: actual(i), achievement: i === n - 2 ? { level: '部分达成', percent: 75 } : null, deviation: i % 3 === 1 ? '进度滞后，下半年加快' : '' })),
  });
  const points = Math.floor(9000 / n);
  const score = {
    rows: rows.map((r) => ({ indicatorId: r.id, points, score: points - 100 })),
    execution: { rate: '85.00%', points: 1000, score: 850 },
    pointsTotal: 1000 + points * n,
    total: 850 + (points - 100) * n,
    grade: '良',
    deduction: 0,
    cap: null,
    explanation: '',
  } as unknown as SelfEvaluationScore;
  const target = { rows, budget: 3_0000_00, goal: filing.goal.expected, versionLabel: '按原绩效目标' };
  return { unit, projectId: `p${n}`, name: '办公楼维修（护）费', selfEvaluation: { filing, target, template: SELF_EVALUATION_FORM, score } };
}

const SIZES = [6, 10, 30] as const;
const pagesOf = new Map<number, string[]>();

beforeAll(async () => {
  const dir = OUT;
  fs.rmSync(OUT, { recursive: true, force: true });
  fs.mkdirSync(OUT, { recursive: true });
  const files: string[] = [];
  for (const n of SIZES) {
    const file = path.join(dir, `se${n}.docx`);
    fs.writeFileSync(file, await docxBytes(buildYearlyLayout([selfEvaluationItem(n)], 'self-evaluation', 2025)));
    files.push(file);
  }
  execFileSync('soffice', [`-env:UserInstallation=file://${path.join(dirs.make(), 'lo')}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', dir, ...files], { stdio: 'ignore', timeout: 240_000 });
  for (const n of SIZES) {
    const pdf = path.join(dir, `se${n}.pdf`);
    const count = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
    const pages = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).split('\f').slice(0, count);
    pagesOf.set(n, pages);
    execFileSync('pdftoppm', ['-r', '50', '-png', pdf, path.join(dir, `se${n}`)], { stdio: 'ignore', timeout: 60_000 });
  }
}, 300_000);
afterAll(() => dirs.cleanup());

/** Indicator rows on a page: lines with the 分值 of a row (points of the item, two decimals). */
const rowLines = (page: string, n: number): number => {
  const p = (Math.floor(9000 / n) / 100).toFixed(2);
  return page.split('\n').filter((l) => l.includes(` ${p} `) && !l.includes('总分')).length;
};

describe('the pages of a 绩效自评表 (LibreOffice)', () => {
  it('6 rows: the whole form, 总分 included, on one page', () => {
    const pages = pagesOf.get(6)!;
    expect(pages).toHaveLength(1);
    expect(pages[0]).toContain('总分');
    expect(rowLines(pages[0]!, 6)).toBe(6);
  });

  for (const n of [10, 30] as const) {
    it(`${n} rows: page 1 is filled, later pages open with the indicator header, no row is cut, 总分 has rows above it`, () => {
      const pages = pagesOf.get(n)!;
      expect(pages.length).toBeGreaterThanOrEqual(2);
      expect(pages[0]).toContain('年度总体目标');
      // Page 1 holds rows, not only the head.
      expect(rowLines(pages[0]!, n)).toBeGreaterThanOrEqual(n === 10 ? 4 : 6);
      for (const p of pages.slice(1)) expect(p.trimStart().startsWith('一级指标')).toBe(true);
      // Each row is on one page (a cut row would show its 分值 line twice or not at all).
      expect(pages.reduce((s, p) => s + rowLines(p, n), 0)).toBe(n);
      const withTotal = pages.map((p, i) => (p.includes('总分') ? i : -1)).filter((i) => i >= 0);
      expect(withTotal).toEqual([pages.length - 1]);
      expect(rowLines(pages.at(-1)!, n)).toBeGreaterThanOrEqual(2);
      // No page of the form left near empty but the last: each holds at least a third of a page of rows.
      for (const p of pages.slice(1, -1)) expect(rowLines(p, n)).toBeGreaterThanOrEqual(5);
    });
  }
});
