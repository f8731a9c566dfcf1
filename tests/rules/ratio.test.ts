// R-VALUE-RATIO: a rate typed as a ratio (`≥0.9%`, a bare `0.9` on a 完成率) is a 警告 with
// the ×100 fix; small rates that are normal (差错率 ≤0.5%, 发生率 <1%) are left alone.
import { describe, expect, it } from 'vitest';
import { projectFilingSchema, type IndicatorRow, type ProjectFiling } from '../../shared/model/filing.ts';
import { getTemplate } from '../../shared/templates/index.ts';
import { applyFix, validateProject, type AuditContext, type Finding, type RuleConfig } from '../../shared/rules/index.ts';
import { times100 } from '../../shared/rules/catalogue/ratio.ts';

let seq = 0;
const row = (level1: string, level2: string, name: string, value: string): IndicatorRow => ({
  id: `r${++seq}`, level1, level2, name, description: '', value, basis: '工作计划', standard: '',
});

/** A table of layout B whose 质量指标 row is `name` / `value` (and the satisfaction value `sat`). */
function table(name: string, value: string, sat = '≥90%'): ProjectFiling {
  return projectFilingSchema.parse({
    id: 'b-1', templateId: 'B', unitCode: '619001', year: 2025, seq: 1,
    name: '医保经办窗口服务', projectCode: '13020025P00682510503U', fundUse: '用于医保经办窗口服务',
    spendingPlan: { mar: '20%', jun: '50%', oct: '80%', dec: '100%' },
    periods: {
      annual: {
        funding: { total: 8_000_000, fiscal: 8_000_000 },
        goal: '1.做好医保经办窗口服务',
        indicators: [
          row('产出指标', '数量指标', '服务人次', '≥2000人次'),
          row('产出指标', '质量指标', name, value),
          row('产出指标', '时效指标', '完成时间', '2025年12月31日前'),
          row('产出指标', '成本指标', '窗口服务费用', '≤8万元'),
          row('效益指标', '社会效益指标', '群众办事便利度', '有所提升'),
          row('满意度指标', '服务对象满意度指标', '参保群众满意度', sat),
        ],
      },
    },
  });
}

const B = getTemplate('B')!;
const run = (f: ProjectFiling, context?: AuditContext, config?: RuleConfig): Finding[] => validateProject(f, B, { context, config });
const ratio = (f: ProjectFiling, context?: AuditContext, config?: RuleConfig) => run(f, context, config).filter((x) => x.code === 'R-VALUE-RATIO');

describe('R-VALUE-RATIO', () => {
  it('≥0.9% on a 合格率: a warning saying what was read and what was meant, the ×100 fix clears it', () => {
    const bad = table('验收合格率', '≥0.9%');
    const [f, ...more] = ratio(bad);
    expect(more).toEqual([]);
    expect(f!.severity).toBe('warning');
    expect(f!.message).toBe(
      '「医保经办窗口服务」第 1 张表 产出指标/质量指标/“验收合格率” 的指标值 “≥0.9%” 按百分数是 0.9%，指标“验收合格率”是“率”，' +
        '像是按比例填写的（0.9 即 90%），应为 “≥90%”；如确为 0.9%，请填写说明',
    );
    expect(f!.fix).toEqual({ description: '改为“≥90%”（×100）', patch: { path: 'periods.annual.indicators[1].value', value: '≥90%', expect: '≥0.9%' } });
    const fixed = applyFix(bad, f!.fix!);
    expect(fixed.periods.annual!.indicators[1]!.value).toBe('≥90%');
    expect(ratio(fixed)).toEqual([]);
  });

  it('a bare 0.9 / 1 on a 完成率: one warning (not also 缺少计量单位), fixed to a percentage', () => {
    const bare = run(table('任务完成率', '0.9'));
    expect(bare.filter((x) => x.location.field === 'periods.annual.indicators[1].value').map((x) => x.code)).toEqual(['R-VALUE-RATIO']);
    const [f] = bare.filter((x) => x.code === 'R-VALUE-RATIO');
    expect(f!.message).toContain('“0.9” 没有计量单位');
    expect(f!.fix!.patch.value).toBe('90%');
    expect(ratio(table('任务完成率', '≥1'))[0]!.fix!.patch.value).toBe('≥100%');
    expect(ratio(table('资金到位比例', '0.95％'))[0]!.fix!.patch.value).toBe('95％');
    expect(ratio(table('验收合格率', '0.8-0.9'))[0]!.fix!.patch.value).toBe('80-90%');
    // A figure with no rate in sight keeps the plain format warning.
    const count = run(table('验收合格', '≥0.9'));
    expect(count.map((x) => x.code)).toContain('R-VALUE-FORMAT');
    expect(count.map((x) => x.code)).not.toContain('R-VALUE-RATIO');
  });

  it('a 满意度 of 0.9%: the ratio warning with its fix instead of “低于 80%”', () => {
    const codes = run(table('验收合格', '≥95%', '≥0.9%')).map((x) => x.code);
    expect(codes).toContain('R-VALUE-RATIO');
    expect(codes).not.toContain('R-SAT-LOW');
    expect(run(table('验收合格', '≥95%', '≥70%')).map((x) => x.code)).toContain('R-SAT-LOW');
  });

  it('a name without 率: flagged when last year the same indicator was about 100 times the figure', () => {
    const now = table('验收情况', '≥0.95%');
    expect(ratio(now)).toEqual([]);
    const lastYear = { ...table('验收情况', '≥95%'), year: 2024 };
    const [f] = ratio(now, { lastYear });
    expect(f!.message).toContain('上年同一指标为“≥95%”');
    expect(f!.fix!.patch.value).toBe('≥95%');
    // Last year's 0.5% says the figure is meant small.
    expect(ratio(table('验收情况', '≥0.5%'), { lastYear: { ...table('验收情况', '≥0.5%'), year: 2024 } })).toEqual([]);
  });

  it('never flags small rates that are normal: ceilings, error and incident rates, changes, 0%', () => {
    for (const [name, value] of [
      ['业务差错率', '≤0.5%'],
      ['业务差错率', '0.5%'],
      ['安全事故发生率', '<1%'],
      ['安全事故发生率', '0.1%'],
      ['基金支出增长率', '≥1%'],
      ['投诉率', '≤0.9%'],
      ['验收合格率', '≤1%'],
      ['验收合格率', '0%'],
      ['验收合格率', '≥5%'],
      ['验收合格率', '≥90%'],
    ]) {
      expect(ratio(table(name!, value!)), `${name} ${value}`).toEqual([]);
    }
  });

  it('the threshold and the words come from the rule profile', () => {
    const bad = table('验收合格率', '≥0.9%');
    expect(ratio(bad, undefined, { params: { ratioMax: 0.5 } })).toEqual([]);
    expect(ratio(bad, undefined, { params: { ratioSmallWords: ['合格'] } })).toEqual([]);
    expect(ratio(table('验收达成度', '≥0.9%'), undefined, { params: { ratioWords: ['达成度'] } })).toHaveLength(1);
  });

  it('times100 moves the decimal point exactly', () => {
    expect(['0.9', '0.95', '0.955', '1', '0.05', '0.005', '.5'].map(times100)).toEqual(['90', '95', '95.5', '100', '5', '0.5', '50']);
  });
});
