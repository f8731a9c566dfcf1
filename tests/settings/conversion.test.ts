// 转换表样 as a pure mapping: periods (中期 ↔ 实施期, A/B 年度 only), funding lines, fields,
// indicator columns and the two indicator systems; what has no place is listed and cleared.
import { describe, expect, it } from 'vitest';
import { readDemoData } from '../../electron/services/demo.ts';
import { projectFilingSchema, type ProjectFiling } from '../../shared/model/filing.ts';
import { planConversion } from '../../shared/settings/conversion.ts';
import { validateProject } from '../../shared/rules/index.ts';
import { getTemplate } from '../../shared/templates/index.ts';

const demo = readDemoData();
const first = (templateId: string, also: (p: ProjectFiling) => boolean = () => true): ProjectFiling => {
  const p = demo.projects.map((x) => projectFilingSchema.parse(x)).find((x) => x.templateId === templateId && (x.periods.annual?.indicators.length ?? 0) > 3 && also(x));
  if (!p) throw new Error(`no seed table of ${templateId}`);
  return p;
};

describe('转换表样 mapping', () => {
  it('D → C: 中期 becomes 实施期, 绩效标准 and 财政资金 are listed and cleared, the result is a valid table of C', () => {
    const d = first('D');
    d.periods.annual!.indicators[0]!.standard = '国家卫生健康标准';
    const plan = planConversion(d, 'C', 'legacy');
    expect(plan.mapping).toContain('中期 → 实施期');
    expect(plan.mapping).toContain('表样 D → 表样 C');
    const out = plan.filing;
    expect(out.templateId).toBe('C');
    expect(Object.keys(out.periods).sort()).toEqual(['annual', 'implementation']);
    expect(out.periods.implementation!.indicators.map((r) => r.name)).toEqual(d.periods.midterm!.indicators.map((r) => r.name));
    const standards = d.periods.midterm!.indicators.filter((r) => r.standard.trim()).length + d.periods.annual!.indicators.filter((r) => r.standard.trim()).length;
    expect(standards).toBeGreaterThan(0);
    expect(plan.losses.filter((l) => l.path.endsWith('.standard'))).toHaveLength(standards);
    expect(plan.losses.some((l) => l.path === 'periods.annual.funding.fiscal' && /表样 C 无此栏/.test(l.label))).toBe(d.periods.annual!.funding.fiscal !== null);
    for (const p of Object.values(out.periods)) expect(p.indicators.every((r) => r.standard === '')).toBe(true);
    expect(projectFilingSchema.safeParse(out).success).toBe(true);
    // No finding is about the layout any more (R-TEMPLATE), only what C itself requires.
    expect(validateProject(out, getTemplate('C')!).some((f) => f.code === 'R-TEMPLATE')).toBe(false);
  });

  it('C → D: 实施期 becomes 中期 with its date range, the funding sources fold into 财政资金 / 其他资金', () => {
    const c = first('C');
    const plan = planConversion(c, 'D', 'legacy');
    expect(plan.mapping).toContain('实施期 → 中期');
    const out = plan.filing;
    expect(out.periods.midterm?.rangeLabel).toBe(`${c.year} 年 1 月—${c.year} 年 6 月`);
    const f = c.periods.annual!.funding;
    const fiscal = [f.central, f.provincial, f.local].filter((v) => v !== null);
    if (fiscal.length) expect(out.periods.annual!.funding.fiscal).toBe(fiscal.reduce((a, b) => a! + b!, 0));
    expect(out.periods.annual!.funding.total).toBe(f.total);
    // 项目概况 has no place in D (no 资金用途 either): listed.
    if (c.prose.overview.trim()) expect(plan.losses.some((l) => l.path === 'prose.overview')).toBe(true);
    expect(out.prose.overview).toBe('');
  });

  it('D → A: the 中期 has no place (A has 年度 only) and is listed whole', () => {
    const d = first('D');
    const plan = planConversion(d, 'A', 'legacy');
    const mid = plan.losses.find((l) => l.path === 'periods.midterm');
    expect(mid?.label).toBe(`中期的目标、资金和 ${d.periods.midterm!.indicators.length} 行指标（表样 A 只有年度）`);
    expect(Object.keys(plan.filing.periods)).toEqual(['annual']);
  });

  it('A → B keeps everything (B has every column of A), nothing is listed', () => {
    const a = first('A');
    const plan = planConversion(a, 'B', 'legacy');
    expect(plan.losses).toEqual([]);
    expect(plan.filing.fundUse).toBe(a.fundUse);
    expect(plan.filing.periods.annual!.indicators).toEqual(a.periods.annual!.indicators);
  });

  it('the old system ↔ 财预〔2021〕101号: 产出指标/成本指标 ↔ 成本指标/经济成本指标, shown as the mapping', () => {
    const a = first('A');
    const costRows = a.periods.annual!.indicators.filter((r) => r.level2 === '成本指标').length;
    expect(costRows).toBeGreaterThan(0);
    const to2021 = planConversion(a, 'A', 'caiyu2021');
    expect(to2021.mapping).toEqual(['产出指标/成本指标 → 成本指标/经济成本指标', '指标体系 财预〔2015〕88号等 → 财预〔2021〕101号']);
    expect(to2021.filing.indicatorSystem).toBe('caiyu2021');
    expect(to2021.filing.periods.annual!.indicators.filter((r) => r.level1 === '成本指标' && r.level2 === '经济成本指标')).toHaveLength(costRows);
    // Audited under 101号: cost under 成本指标 is no error any more.
    const findings = validateProject(to2021.filing, getTemplate('A')!);
    expect(findings.filter((f) => /L1-UNKNOWN|L2-PARENT/.test(f.code))).toEqual([]);
    const back = planConversion(to2021.filing, 'A', 'legacy');
    expect(back.filing.indicatorSystem).toBeUndefined();
    expect(back.filing.periods.annual!.indicators).toEqual(a.periods.annual!.indicators);
  });
});
