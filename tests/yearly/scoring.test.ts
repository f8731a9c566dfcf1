// Hand-computed scores of small tables, the two regional variants of each form (template
// data), the profile's caps and deduction, the 调整绩效目标 and the monitoring 审核.
import { describe, expect, it } from 'vitest';
import { projectFilingSchema, type ProjectFiling } from '../../shared/model/filing.ts';
import { monitoringFormSchema, selfEvaluationFormSchema } from '../../shared/yearly/form-types.ts';
import { MONITORING_FORM } from '../../shared/yearly/monitoring-form.ts';
import { SELF_EVALUATION_FORM } from '../../shared/yearly/self-evaluation-form.ts';
import { createYearlyForms } from '../../shared/yearly/create.ts';
import { targetAdjustmentSchema } from '../../shared/yearly/model.ts';
import { CAIYU2021_PROFILE, DEFAULT_PROFILE, scoringProfileSchema } from '../../shared/scoring/profiles.ts';
import { auditSelfEvaluation } from '../../shared/scoring/self-evaluation-rules.ts';
import { auditMonitoring } from '../../shared/scoring/monitoring-rules.ts';

const row = (id: string, level1: string, level2: string, name: string, value: string) => ({ id, level1, level2, name, value });
const target: ProjectFiling = projectFilingSchema.parse({
  id: 'p1', templateId: 'A', unitCode: '382101', year: 2025, name: '医保经办服务',
  periods: { annual: { funding: { total: 1_000_000_00 }, goal: '1.提升经办服务', indicators: [
    row('a', '产出指标', '数量指标', '参保人数', '≥90%'),
    row('b', '产出指标', '时效指标', '完成时间', '2025年12月底前'),
    row('c', '产出指标', '成本指标', '人均成本', '≤10万元'),
    row('d', '效益指标', '社会效益指标', '政策知晓', '有所提升'),
    row('e', '效益指标', '社会效益指标', '差错率', '0%'),
    row('f', '满意度指标', '服务对象满意度指标', '满意度', '≥95%'),
  ] } },
});
const forms = { monitoring: MONITORING_FORM, selfEvaluation: SELF_EVALUATION_FORM };

function filled() {
  const { selfEvaluation: se } = createYearlyForms(target, forms, { monitoring: 'm1', selfEvaluation: 's1' });
  const set = (id: string, v: Partial<(typeof se.rows)[number]>) => Object.assign(se.rows.find((r) => r.indicatorId === id)!, v);
  set('a', { actual: '85%', deviation: '部分人员未参保' }); // 16.67 × 85 / 90 = 15.743… → 15.74
  set('b', { actual: '2025年11月30日' }); // met → 16.67
  set('c', { actual: '12万元', deviation: '材料涨价' }); // 16.66 × 10 / 12 = 13.883… → 13.88
  set('d', { actual: '知晓率提高', achievement: { level: '部分达成', percent: 75 }, deviation: '宣传不足' }); // 15 × 75% = 11.25
  set('e', { actual: '0%' }); // = 0 → 15
  set('f', { actual: '96%' }); // 10
  se.funds.total.executed = 875_432_10; // 8.7543210 → 8.75
  return se;
}

describe('scoring by hand', () => {
  it('scores each row, rounds it half-up and adds the rounded rows', () => {
    const { score, findings } = auditSelfEvaluation(filled(), target, SELF_EVALUATION_FORM, DEFAULT_PROFILE);
    expect(score.rows.map((r) => [r.points, r.score])).toEqual([[1667, 1574], [1667, 1667], [1666, 1388], [1500, 1125], [1500, 1500], [1000, 1000]]);
    expect(score.execution).toMatchObject({ rate: '87.54%', score: 875 });
    expect(score.pointsTotal).toBe(10_000);
    expect(score.total).toBe(1574 + 1667 + 1388 + 1125 + 1500 + 1000 + 875);
    expect(score.grade).toBe('优'); // 91.29
    expect(score.rows[0]!.explanation).toBe('实际完成值 85%，指标值 ≥90%，实际 ÷ 目标 × 分值 16.67 = 15.74');
    expect(score.rows[2]!.explanation).toContain('目标 ÷ 实际 × 分值 16.66 = 13.88');
    expect(findings).toEqual([]);
  });

  it('user-set points take their share; the rest of the group is split over the other rows', () => {
    const se = filled();
    se.rows[0]!.points = 2000;
    const { score } = auditSelfEvaluation(se, target, SELF_EVALUATION_FORM, DEFAULT_PROFILE);
    expect(score.rows.slice(0, 3).map((r) => r.points)).toEqual([2000, 1500, 1500]);
  });

  it('reports deviations without 偏差原因, a wrong 总分, a unit mismatch with its fix', () => {
    const se = filled();
    se.rows[0]!.deviation = '';
    se.rows[5]!.actual = '96个';
    se.enteredTotal = 9000;
    const { findings } = auditSelfEvaluation(se, target, SELF_EVALUATION_FORM, DEFAULT_PROFILE);
    expect(findings.map((f) => [f.code, f.location.field])).toEqual([
      ['Y-SE-UNIT', 'rows[5].actual'],
      ['Y-SE-DEVIATION', 'rows[0].deviation'],
      ['Y-SE-TOTAL', 'enteredTotal'],
    ]);
    expect(findings[0]!.message).toBe('第 6 行“满意度”：实际完成值“96个”的单位“个”与指标值“≥95%”的单位“%”不一致');
    expect(findings[0]!.fix!.patch.value).toBe('96%');
    expect(findings[2]!.message).toBe('填写的总分 90.00 与计算的总分 81.29 不符');
  });

  it('a money actual in 元 against 万元 is an error whose fix converts it exactly', () => {
    const se = filled();
    se.rows[2]!.actual = '120000元';
    const { findings, score } = auditSelfEvaluation(se, target, SELF_EVALUATION_FORM, DEFAULT_PROFILE);
    expect(score.rows[2]!.score).toBe(0);
    expect(findings.find((f) => f.code === 'Y-SE-UNIT')!.fix).toMatchObject({ description: '换算为“12万元”', patch: { path: 'rows[2].actual', value: '12万元' } });
  });

  it('scores against the target as adjusted, and says which version', () => {
    const adj = targetAdjustmentSchema.parse({ id: 'adj1', projectId: 'p1', unitCode: '382101', year: 2025, seq: 1, reason: '政策调整，参保目标下调', changes: [{ indicatorId: 'a', value: '≥85%' }] });
    const { selfEvaluation } = createYearlyForms(target, forms, { monitoring: 'm', selfEvaluation: 's' }, [adj]);
    expect(selfEvaluation.adjustmentId).toBe('adj1');
    const se = { ...filled(), adjustmentId: 'adj1' };
    const { score } = auditSelfEvaluation(se, target, SELF_EVALUATION_FORM, DEFAULT_PROFILE, { adjustments: [adj] });
    expect(score.rows[0]!.score).toBe(1667);
    expect(score.versionLabel).toBe('按第 1 次调整后的绩效目标（调整原因：政策调整，参保目标下调）');
    expect(target.periods.annual!.indicators[0]!.value).toBe('≥90%'); // the filed target is not rewritten
    expect(() => targetAdjustmentSchema.parse({ ...adj, reason: '  ' })).toThrow('调整绩效目标必须写明调整原因');
  });
});

// Two regional variants of each form, as data.
const MONITORING_VARIANTS = [
  monitoringFormSchema.parse({ ...MONITORING_FORM, id: 'mo-h1', name: '项目绩效运行监控表（半年）', cutOffMonth: 6, deviationReasons: ['经费保障', '制度保障', '人员保障', '硬件条件保障', '政策调整', '其他'] }),
  monitoringFormSchema.parse({ ...MONITORING_FORM, id: 'mo-q3', title: '{year}年项目绩效监控表（截至{month}月底）', cutOffMonth: 9 }),
];
const SELF_EVALUATION_VARIANTS = [
  selfEvaluationFormSchema.parse({ ...SELF_EVALUATION_FORM, id: 'se-101', scoringProfile: 'caiyu2021' }),
  selfEvaluationFormSchema.parse({ ...SELF_EVALUATION_FORM, id: 'se-dept', name: '部门整体支出绩效自评表', departmentWhole: true, scoringProfile: 'strict' }),
];
const STRICT = scoringProfileSchema.parse({
  ...DEFAULT_PROFILE, id: 'strict', name: '严格方案', equalTolerancePercent: 5,
  executionCaps: [{ belowRatePercent: 60, maxTotal: 6000 }, { belowRatePercent: 90, maxTotal: 8000 }],
  deviationDeduction: { beyondPercent: 30, perRow: 100, max: 500 },
});

describe('regional variants', () => {
  it('a bad variant is refused with a Chinese message', () => {
    expect(() => monitoringFormSchema.parse({ ...MONITORING_FORM, cutOffMonth: 12 })).toThrow('截止月份须在 1—11 之间');
  });

  it('monitoring variants carry their cut-off month and reason options into the form and its 审核', () => {
    for (const form of MONITORING_VARIANTS) {
      const { monitoring } = createYearlyForms(target, { ...forms, monitoring: form }, { monitoring: 'm', selfEvaluation: 's' });
      expect(monitoring.cutOffMonth).toBe(form.cutOffMonth);
      monitoring.rows[0]!.reasons = ['政策调整'];
      const { findings } = auditMonitoring(monitoring, target, form);
      expect(findings.filter((f) => f.code === 'Y-MO-REASON-UNKNOWN').length).toBe(form.id === 'mo-h1' ? 0 : 1);
      expect(findings.find((f) => f.code === 'Y-MO-ACTUAL-MISSING')!.message).toBe(`第 1 行“参保人数”：1—${form.cutOffMonth}月实际完成值未填写`);
    }
  });

  it('under 101号 成本 has its own 20 points out of 产出', () => {
    const { score } = auditSelfEvaluation(filled(), target, SELF_EVALUATION_VARIANTS[0]!, CAIYU2021_PROFILE);
    // 产出 30 over a, b (15 each); 成本 group (level1 成本指标) has no rows here: c is a 产出 row under the old system.
    expect(score.rows.slice(0, 3).map((r) => r.points)).toEqual([1000, 1000, 1000]);
    expect(score.pointsTotal).toBe(8000);
  });

  it('the strict variant: = within 5 %, deduction beyond 30 % deviation, cap by 执行率', () => {
    const se = filled();
    se.rows[4]!.actual = '0%';
    se.rows[0]!.actual = '50%'; // 50 vs 90: 44 % off → deduction 1
    se.funds.total.executed = 500_000_00; // 50 % → cap 60
    const { score } = auditSelfEvaluation(se, target, SELF_EVALUATION_VARIANTS[1]!, STRICT);
    expect(score.rows[0]!.score).toBe(926); // 16.67 × 50 / 90 = 9.261…
    expect(score.deduction).toBe(100);
    expect(score.cap).toBe(6000);
    expect(score.total).toBe(6000);
    expect(score.grade).toBe('中');
    expect(score.explanation).toContain('执行率低于 60%，总分不超过 60.00');
  });
});

describe('monitoring 审核', () => {
  it('deviation without reasons, 完全不可能 without 纠偏措施, 执行率 against the amounts', () => {
    const { monitoring: mo } = createYearlyForms(target, forms, { monitoring: 'm', selfEvaluation: 's' });
    mo.rows.forEach((r) => { r.actual = '1'; r.projected = ''; r.likelihood = '确定能'; });
    Object.assign(mo.rows[0]!, { actual: '50%', projected: '80%' });
    Object.assign(mo.rows[1]!, { actual: '进行中', likelihood: '完全不可能', reasons: ['经费保障'], explanation: '资金未到位' });
    Object.assign(mo.rows[3]!, { actual: '开展宣传' });
    Object.assign(mo.rows[4]!, { actual: '0%' });
    Object.assign(mo.rows[5]!, { actual: '90%' });
    Object.assign(mo.rows[2]!, { actual: '3万元' });
    mo.funds = { budget: 1_000_000_00, executed: 583_333_33, rate: '60%', projected: 1_100_000_00 };
    const { findings } = auditMonitoring(mo, target, MONITORING_FORM);
    expect(findings.map((f) => [f.code, f.location.field])).toEqual([
      ['Y-MO-DEVIATION', 'rows[0].reasons'],
      ['Y-MO-DEVIATION', 'rows[0].explanation'],
      ['Y-MO-CORRECTION', 'rows[1].correction'],
      ['Y-MO-RATE', 'funds.rate'],
      ['Y-MO-EXECUTION-OVER', 'funds.projected'],
    ]);
    expect(findings[3]!.message).toBe('执行率“60%”与执行数 ÷ 年初预算数（58.33%）不符');
    mo.funds.rate = '58.3%';
    expect(auditMonitoring(mo, target, MONITORING_FORM).findings.some((f) => f.code === 'Y-MO-RATE')).toBe(false);
  });
});
