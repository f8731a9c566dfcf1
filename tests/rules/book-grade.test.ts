// The grade estimate of a book with blank tables: a table with no indicator typed (a blank
// project just created) is not graded; the book's estimate is the one of its filled tables,
// with the blank ones counted apart as 未填写; a book of blank tables only is not estimated.
import { describe, expect, it } from 'vitest';
import { loadSeedCorpus } from '../../tools/seed-corpus.ts';
import { blankFiling } from '../../electron/services/blank.ts';
import { getTemplate } from '../../shared/templates/index.ts';
import { auditUnitYear, describeGrade, estimateBookGrade, indicatorsTyped } from '../../shared/rules/index.ts';
import { RULES } from '../../shared/rules/catalogue/index.ts';

// Seed 001: 8 tables, no 错误 (优 94 in substance-seeds.test.ts).
const seed = loadSeedCorpus().find((c) => c.seed === '001')!;
const template = getTemplate(seed.templateId)!;
const first = seed.projects[0]!;
const unit = { code: first.unitCode, name: '忻州市医疗保障局', supervisor: null, region: '', sample: false };
let n = 0;
const blank = (id: string) => ({ ...blankFiling(template, unit, first.year, '新建项目', { project: id, row: () => `r${++n}` }), seq: 90 + n });

describe('book grade with blank tables', () => {
  const alone = auditUnitYear(seed.projects, null, template);
  const filled = estimateBookGrade(alone.byProject, RULES, alone.unfilled);
  const withBlanks = auditUnitYear([...seed.projects, blank('blank-1'), blank('blank-2')], null, template);

  it('the report names the tables with no indicator typed', () => {
    expect(alone.unfilled).toEqual([]);
    expect(withBlanks.unfilled).toEqual(['blank-1', 'blank-2']);
    expect(indicatorsTyped(blank('x'))).toBe(false);
    const one = blank('y');
    one.periods.annual!.indicators[0]!.value = '≥95%';
    expect(indicatorsTyped(one)).toBe(true);
  });

  it('blank tables do not count: the estimate is the filled tables’, the blank ones said apart', () => {
    expect(filled).toMatchObject({ grade: '优', tables: { 优: 7, 良: 1, 中: 0, 差: 0 } });
    expect(filled.cap).toBeUndefined();
    expect(filled.unfilled).toBeUndefined();
    // Counted as tables (the defect), two blank tables with their 错误 cap the book at 中.
    const counted = estimateBookGrade(withBlanks.byProject);
    expect(counted.cap?.reason).toBe('10 张表中 2 张有错误');
    expect(counted.grade).toBe('中');
    const g = estimateBookGrade(withBlanks.byProject, RULES, withBlanks.unfilled);
    expect(g).toMatchObject({ grade: filled.grade, score: filled.score, tables: filled.tables, unfilled: 2, openErrors: 0 });
    expect(g.cap).toBeUndefined();
    expect(g.withheld).toBeUndefined();
    expect(describeGrade(g)).toMatch(/^审核结果估计：优（\d+ 分），各表：优 7 张、良 1 张；另有 2 张表未填写绩效指标，未计入估计；/);
    // An id that is no table of the book changes nothing.
    expect(estimateBookGrade(alone.byProject, RULES, ['gone'])).toEqual(filled);
  });

  it('a book of blank tables only is not estimated, and says why', () => {
    const r = auditUnitYear([blank('b1')], null, template);
    const one = estimateBookGrade(r.byProject, RULES, r.unfilled);
    expect(one.withheld).toBe('本年度唯一的一张表还没有填写绩效指标，填写后再估计');
    expect(describeGrade(one)).toBe('审核结果估计：暂不估计，本年度唯一的一张表还没有填写绩效指标，填写后再估计。');
    const r2 = auditUnitYear([blank('b2'), blank('b3')], null, template);
    expect(estimateBookGrade(r2.byProject, RULES, r2.unfilled)).toMatchObject({ unfilled: 2, withheld: '本年度的 2 张表都还没有填写绩效指标，填写后再估计' });
  });
});
