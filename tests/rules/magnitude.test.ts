// R-FUND-MAGNITUDE: a budget typed in 元 into a 万元 table is a 警告 with the ÷10,000 fix;
// the thresholds come from the region's RuleConfig.
import { describe, expect, it } from 'vitest';
import { projectFilingSchema, type IndicatorRow, type ProjectFiling } from '../../shared/model/filing.ts';
import { getTemplate } from '../../shared/templates/index.ts';
import { applyFix, validateProject, type AuditContext, type Finding, type RuleConfig } from '../../shared/rules/index.ts';

const WAN = 1_000_000;
let seq = 0;
const row = (level1: string, level2: string, name: string, value: string): IndicatorRow => ({
  id: `m${++seq}`, level1, level2, name, description: name, value, basis: '工作计划', standard: '',
});

function tableB(name: string, budgetFen: number, cost = '≤8万元'): ProjectFiling {
  return projectFilingSchema.parse({
    id: `b-${name}`,
    templateId: 'B',
    unitCode: '619001',
    year: 2025,
    seq: 1,
    name,
    projectCode: '13020025P00682510503U',
    fundUse: '用于办公楼窗户维修',
    spendingPlan: { mar: '20%', jun: '50%', oct: '80%', dec: '100%' },
    periods: {
      annual: {
        funding: { total: budgetFen, fiscal: budgetFen },
        goal: '1.保障局机关办公正常运转',
        indicators: [
          row('产出指标', '数量指标', '维修窗户数量', '≥20扇'),
          row('产出指标', '质量指标', '验收合格率', '≥95%'),
          row('产出指标', '时效指标', '完成时间', '2025年12月31日前'),
          row('产出指标', '成本指标', '窗户维修费用', cost),
          row('效益指标', '社会效益指标', '办公环境', '有所改善'),
          row('满意度指标', '服务对象满意度指标', '干部职工满意度', '≥90%'),
        ],
      },
    },
  });
}

const B = getTemplate('B')!;
const magnitude = (f: ProjectFiling, context?: AuditContext, config?: RuleConfig): Finding[] =>
  validateProject(f, B, { context, config }).filter((x) => x.code === 'R-FUND-MAGNITUDE');

describe('R-FUND-MAGNITUDE', () => {
  it('80000 typed into a 万元 table: a warning naming the amount, with the ÷10000 fix that clears it', () => {
    const bad = tableB('办公楼窗户维修', 80_000 * WAN);
    const found = magnitude(bad);
    const total = found.find((f) => f.location.field === 'periods.annual.funding.total')!;
    expect(total.severity).toBe('warning');
    expect(total.message).toBe(
      '「办公楼窗户维修」第 1 张表 “预算数” 80000.00 万元 达到 10000.00 万元 以上，是成本指标“窗户维修费用”“≤8万元”的 10000 倍以上，可能是按元填写的（本表金额单位为万元，应为 8.00 万元）；如金额无误，请填写说明',
    );
    // Both lines typed in 元: one fix divides them both (the sum stays right) and clears every warning.
    expect(total.fix).toMatchObject({ description: '改为 预算数 8.00 万元、财政资金 8.00 万元（各 ÷10000）', patch: { path: 'periods.annual.funding', expect: bad.periods.annual!.funding } });
    const both = applyFix(bad, total.fix!);
    expect(both.periods.annual!.funding).toMatchObject({ total: 8 * WAN, fiscal: 8 * WAN });
    expect(magnitude(both)).toEqual([]);
    expect(validateProject(both, B).filter((x) => x.severity === 'error')).toEqual([]);
    // A line that cannot have been typed in 元 (8.01 万元 ÷ 10,000 is no 分): no fix for the lines.
    const mixed = projectFilingSchema.parse({ ...bad, periods: { annual: { ...bad.periods.annual!, funding: { total: 80_000 * WAN, fiscal: 79_999.99 * WAN, other: 0.01 * WAN } } } });
    expect(magnitude(mixed).filter((f) => f.fix)).toEqual([]);
    const alone = projectFilingSchema.parse({ ...bad, periods: { annual: { ...bad.periods.annual!, funding: { total: 80_000 * WAN } } } });
    const f1 = magnitude(alone)[0]!;
    expect(f1.fix).toMatchObject({ description: '改为 8.00 万元（÷10000）', patch: { path: 'periods.annual.funding.total', value: 8 * WAN, expect: 80_000 * WAN } });
    expect(magnitude(applyFix(alone, f1.fix!))).toEqual([]);
    // The fiscal line is flagged too.
    expect(found).toHaveLength(2);
  });

  it('a budget 100 times the median of the other tables, from the audit context', () => {
    const siblings = [tableB('一', 5 * WAN), tableB('二', 8 * WAN), tableB('三', 12 * WAN)];
    const big = tableB('大额', 900 * WAN, '≤900万元');
    expect(magnitude(big, { siblings: siblings.slice(0, 1) })).toEqual([]); // one other table says nothing
    const [f] = magnitude(big, { siblings });
    expect(f!.message).toContain('超过本单位本年度其他 3 张表预算中位数 8.00 万元 的 100 倍');
    expect(magnitude(tableB('正常', 50 * WAN, '≤50万元'), { siblings })).toEqual([]);
  });

  it('a cost indicator 10000 times the budget flags the cost value', () => {
    const f = magnitude(tableB('窗户', 8 * WAN, '≤80000万元'));
    expect(f.map((x) => x.location.field)).toEqual(['periods.annual.indicators[3].value']);
    expect(f[0]!.message).toMatch(/“≤80000万元”（即 80000.00 万元）是本表“预算数” 8.00 万元 的 10000 倍以上，请核对单位/);
  });

  it('thresholds come from the RuleConfig', () => {
    const bad = tableB('窗户', 80_000 * WAN);
    expect(magnitude(bad, undefined, { params: { magnitudeWanyuanMax: 100_000, magnitudeCostFactor: 1e9 } })).toEqual([]);
  });
});
