// The 绩效自评表's 资金 lines made from the target: 其中：当年财政拨款 and 其他资金 come from
// the target's funding (they were left empty: the clerk retyped what the target already said).
import { describe, expect, it } from 'vitest';
import { projectFilingSchema } from '../../shared/model/filing.ts';
import { MONITORING_FORM } from '../../shared/yearly/monitoring-form.ts';
import { SELF_EVALUATION_FORM } from '../../shared/yearly/self-evaluation-form.ts';
import { createYearlyForms } from '../../shared/yearly/create.ts';
import { targetAdjustmentSchema } from '../../shared/yearly/model.ts';
import { DEFAULT_PROFILE } from '../../shared/scoring/profiles.ts';
import { auditSelfEvaluation } from '../../shared/scoring/self-evaluation-rules.ts';

const forms = { monitoring: MONITORING_FORM, selfEvaluation: SELF_EVALUATION_FORM };
const target = (funding: Record<string, number>) =>
  projectFilingSchema.parse({
    id: 'p1', templateId: 'B', unitCode: '619901', year: 2025, name: '办公楼维修（护）费',
    periods: { annual: { funding, goal: '保障办公', indicators: [{ id: 'a', level1: '产出指标', level2: '数量指标', name: '工程量完成率', value: '≥100%' }] } },
  });
const make = (funding: Record<string, number>, adj: ReturnType<typeof targetAdjustmentSchema.parse>[] = []) =>
  createYearlyForms(target(funding), forms, { monitoring: 'm', selfEvaluation: 's' }, adj).selfEvaluation;

describe('self-evaluation funds from the target', () => {
  it('其中：当年财政拨款 and 其他资金 take the target\'s 财政资金 / 其他资金 (年初预算数 and 全年预算数)', () => {
    const se = make({ total: 5_000_000, fiscal: 3_000_000, other: 2_000_000 });
    expect(se.funds.fiscal).toEqual({ initialBudget: 3_000_000, budget: 3_000_000, executed: null });
    expect(se.funds.other).toEqual({ initialBudget: 2_000_000, budget: 2_000_000, executed: null });
    expect(se.funds.carryOver).toEqual({ initialBudget: null, budget: null, executed: null });
    const { findings } = auditSelfEvaluation(se, target({ total: 5_000_000, fiscal: 3_000_000, other: 2_000_000 }), SELF_EVALUATION_FORM, DEFAULT_PROFILE);
    expect(findings.filter((f) => f.code === 'Y-SE-FUNDS-SUM')).toEqual([]);
  });

  it('财政资金 by level is summed, 单位自筹 counts as 其他资金', () => {
    const se = make({ total: 1_000_000, central: 500_000, local: 300_000, selfRaised: 200_000 });
    expect(se.funds.fiscal.initialBudget).toBe(800_000);
    expect(se.funds.other.initialBudget).toBe(200_000);
  });

  it('lines that do not add up to the total are left for the clerk', () => {
    const se = make({ total: 1_000_000, fiscal: 900_000 });
    expect(se.funds.fiscal.initialBudget).toBeNull();
    expect(make({ total: 1_000_000 }).funds.fiscal.initialBudget).toBeNull();
  });

  it('after an adjustment of the budget only 年初预算数 is known', () => {
    const adj = targetAdjustmentSchema.parse({ id: 'j', projectId: 'p1', unitCode: '619901', year: 2025, seq: 1, reason: '预算调减', budget: 4_000_000, changes: [] });
    const se = make({ total: 5_000_000, fiscal: 5_000_000 }, [adj]);
    expect(se.funds.total).toEqual({ initialBudget: 5_000_000, budget: 4_000_000, executed: null });
    const { findings } = auditSelfEvaluation(se, target({ total: 5_000_000, fiscal: 5_000_000 }), SELF_EVALUATION_FORM, DEFAULT_PROFILE, { adjustments: [adj] });
    expect(findings.filter((f) => f.code === 'Y-SE-FUNDS-SUM')).toEqual([]);
    expect(se.funds.fiscal).toEqual({ initialBudget: 5_000_000, budget: null, executed: null });
  });
});
