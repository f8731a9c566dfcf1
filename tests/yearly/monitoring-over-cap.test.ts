// 绩效运行监控: a 1—7月实际完成值 already over a ≤ target (a cost or rate cap: 1500元/小时
// against ≤1000元/小时) is a deviation that needs its 偏差原因 and 原因说明, whatever is
// projected; it passed 审核 without a word when 全年预计完成值 was left empty.
import { describe, expect, it } from 'vitest';
import { projectFilingSchema } from '../../shared/model/filing.ts';
import { MONITORING_FORM } from '../../shared/yearly/monitoring-form.ts';
import { SELF_EVALUATION_FORM } from '../../shared/yearly/self-evaluation-form.ts';
import { createYearlyForms } from '../../shared/yearly/create.ts';
import { auditMonitoring } from '../../shared/scoring/monitoring-rules.ts';

const target = projectFilingSchema.parse({
  id: 'p1', templateId: 'B', unitCode: '619901', year: 2025, name: '法律顾问费',
  periods: { annual: { funding: { total: 5_000_000 }, goal: '法律服务', indicators: [
    { id: 'a', level1: '产出指标', level2: '成本指标', name: '单次咨询平均成本', value: '≤1000元/小时' },
    { id: 'b', level1: '产出指标', level2: '数量指标', name: '工作完成率', value: '≥100%' },
    { id: 'c', level1: '产出指标', level2: '成本指标', name: '成本区间', value: '800-1000元' },
  ] } },
});

const audit = (actual: string, extra: Record<string, unknown> = {}) => {
  const { monitoring: mo } = createYearlyForms(target, { monitoring: MONITORING_FORM, selfEvaluation: SELF_EVALUATION_FORM }, { monitoring: 'm', selfEvaluation: 's' });
  mo.rows.forEach((r) => Object.assign(r, { actual: '900元', likelihood: '确定能' }));
  Object.assign(mo.rows[1]!, { actual: '40%' });
  Object.assign(mo.rows[0]!, { actual, ...extra });
  return auditMonitoring(mo, target, MONITORING_FORM).findings.filter((f) => f.code === 'Y-MO-DEVIATION');
};

describe('monitoring: over a cap at mid-year', () => {
  it('an actual over a ≤ target asks for 偏差原因 and 原因说明, saying why', () => {
    const f = audit('1500元/小时');
    expect(f.map((x) => x.location.field)).toEqual(['rows[0].reasons', 'rows[0].explanation']);
    expect(f[0]!.message).toBe('第 1 行“单次咨询平均成本”1—7月实际完成值“1500元/小时”已超过指标值“≤1000元/小时”，请选择偏差原因（经费保障 / 制度保障 / 人员保障 / 硬件条件保障 / 其他）');
  });

  it('within the cap, or explained, nothing; a ≥ target is judged by what is projected', () => {
    expect(audit('1000元/小时')).toEqual([]);
    expect(audit('1500元/小时', { reasons: ['其他'], explanation: '律师费标准上调' })).toEqual([]);
  });
});
