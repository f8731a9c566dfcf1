// The 元/万元 slip in the yearly forms: an 执行数 typed in 元 into the 万元 table is a warning
// with the ÷ 10,000 fix (thresholds of the rule profile), in 绩效运行监控 and in 绩效自评.
import { afterAll, describe, expect, it } from 'vitest';
import { createUnitYearYearlyForms } from '../../electron/services/yearly-service.ts';
import { applyYearlyFixView, saveYearlyView, yearlyView } from '../../electron/services/yearly-view.ts';
import { storeWith, tempDirs } from '../handover/helpers.ts';
import { changeUnitYearSettings, unitYearSettingsOf } from '../../electron/services/unit-year-settings.ts';
import { createDeptSelfEvaluationForm, saveDeptSelfEvaluation } from '../../electron/services/dept-self-evaluation.ts';
import { projectFilingSchema } from '../../shared/model/filing.ts';
import { parseMoney } from '../../shared/model/money.ts';
import { MONITORING_FORM } from '../../shared/yearly/monitoring-form.ts';
import { SELF_EVALUATION_FORM } from '../../shared/yearly/self-evaluation-form.ts';
import { createYearlyForms } from '../../shared/yearly/create.ts';
import { DEFAULT_PROFILE } from '../../shared/scoring/profiles.ts';
import { auditMonitoring } from '../../shared/scoring/monitoring-rules.ts';
import { auditSelfEvaluation } from '../../shared/scoring/self-evaluation-rules.ts';
import { applyYearlyFix, type YearlyFinding } from '../../shared/scoring/rules-common.ts';

const target = projectFilingSchema.parse({
  id: 'p1', templateId: 'A', unitCode: '382101', year: 2025, name: '医保经办服务',
  periods: { annual: { funding: { total: 100_0000_00 }, goal: '提升经办服务', indicators: [{ id: 'a', level1: '产出指标', level2: '数量指标', name: '参保人数', value: '≥90%' }] } },
});
const forms = { monitoring: MONITORING_FORM, selfEvaluation: SELF_EVALUATION_FORM };
/** What the cell stores for a text typed into a 万元 cell. */
const typed = (t: string): number => parseMoney(t, '万元')!;
const magnitude = (fs: YearlyFinding[]) => fs.filter((f) => f.code.endsWith('-MAGNITUDE'));

describe('monitoring: 执行数 typed in 元', () => {
  const made = () => createYearlyForms(target, forms, { monitoring: 'm', selfEvaluation: 's' }).monitoring;

  it('600000 (元) against 100 万元 is a warning with the ÷10000 fix; 60 (万元) is not', () => {
    const mo = made();
    expect(mo.funds.budget).toBe(typed('100'));
    mo.funds.executed = typed('600000');
    mo.funds.projected = typed('90');
    const found = magnitude(auditMonitoring(mo, target, MONITORING_FORM).findings);
    expect(found.map((f) => [f.code, f.severity, f.location.field])).toEqual([['Y-MO-MAGNITUDE', 'warning', 'funds.executed']]);
    expect(found[0]!.message).toBe('1—7月执行数 600000 万元 执行率 600000.00% 超过 1000%，是年初预算数 100 万元 的 100 倍以上，可能是按元填写的（本表金额单位为万元，应为 60 万元）');
    const fixed = applyYearlyFix(mo, found[0]!.fix!);
    expect(fixed.funds.executed).toBe(typed('60'));
    expect(magnitude(auditMonitoring(fixed, target, MONITORING_FORM).findings)).toEqual([]);
  });

  it('an 执行率 over 1000 % alone, and 全年预计执行数 100 times the budget', () => {
    const mo = made();
    mo.funds.executed = typed('3000'); // 0.3 万元 typed in 元: 3000 %
    mo.funds.projected = typed('900000');
    const found = magnitude(auditMonitoring(mo, target, MONITORING_FORM).findings);
    expect(found.map((f) => [f.location.field, f.fix!.patch.value])).toEqual([['funds.executed', typed('0.3')], ['funds.projected', typed('90')]]);
    expect(found[1]!.message).toContain('是年初预算数 100 万元 的 100 倍以上');
    mo.funds.executed = typed('900'); // 900 %: over the budget, not over the bound
    expect(magnitude(auditMonitoring(mo, target, MONITORING_FORM).findings).map((f) => f.location.field)).toEqual(['funds.projected']);
  });

  it('takes its thresholds from the rule profile; without a budget, 1 亿元 and more', () => {
    const mo = made();
    mo.funds.executed = typed('3000');
    expect(magnitude(auditMonitoring(mo, target, MONITORING_FORM, { config: { params: { magnitudeRatePct: 5000 } } }).findings)).toEqual([]);
    mo.funds.budget = null;
    expect(magnitude(auditMonitoring(mo, target, MONITORING_FORM).findings)).toEqual([]);
    mo.funds.executed = typed('600000');
    expect(magnitude(auditMonitoring(mo, target, MONITORING_FORM).findings)[0]!.message).toContain('达到 10000 万元 以上');
    // An amount that ÷ 10,000 is no whole 分 cannot have been typed in 元.
    mo.funds.executed = typed('600000.000001');
    expect(magnitude(auditMonitoring(mo, target, MONITORING_FORM).findings)).toEqual([]);
  });
});

describe('self-evaluation: 全年执行数 typed in 元', () => {
  it('each fund line is checked against its 全年预算数, with the fix', () => {
    const se = createYearlyForms(target, forms, { monitoring: 'm', selfEvaluation: 's' }).selfEvaluation;
    se.rows[0]!.actual = '95%';
    Object.assign(se.funds.total, { budget: typed('100'), executed: typed('950000') });
    Object.assign(se.funds.fiscal, { initialBudget: typed('100'), budget: typed('100'), executed: typed('95') });
    const { findings } = auditSelfEvaluation(se, target, SELF_EVALUATION_FORM, DEFAULT_PROFILE);
    const found = magnitude(findings);
    expect(found.map((f) => [f.code, f.location.field, f.fix!.patch.value])).toEqual([['Y-SE-MAGNITUDE', 'funds.total.executed', typed('95')]]);
    expect(found[0]!.message).toMatch(/^年度资金总额全年执行数 950000 万元 执行率 950000\.00% 超过 1000%/);
    const fixed = applyYearlyFix(se, found[0]!.fix!);
    expect(magnitude(auditSelfEvaluation(fixed, target, SELF_EVALUATION_FORM, DEFAULT_PROFILE).findings)).toEqual([]);
  });

  it('a 全年预算数 100 times the 年初预算数', () => {
    const se = createYearlyForms(target, forms, { monitoring: 'm', selfEvaluation: 's' }).selfEvaluation;
    Object.assign(se.funds.total, { initialBudget: typed('100'), budget: typed('1000000'), executed: typed('95') });
    const found = magnitude(auditSelfEvaluation(se, target, SELF_EVALUATION_FORM, DEFAULT_PROFILE).findings);
    expect(found.map((f) => f.location.field)).toEqual(['funds.total.budget']);
  });
});

describe('through the service (what the 审核 panel shows and its fix button does)', () => {
  const dirs = tempDirs();
  afterAll(() => dirs.cleanup());

  it('a saved 1—7月执行数 in 元 is a warning; its fix stores the amount ÷ 10,000', async () => {
    const { store } = await storeWith(dirs.make(), ['619001']);
    try {
      createUnitYearYearlyForms(store, '619001', 2025);
      const id = store.projectsOfUnitYear('619001', 2025)[0]!.id;
      const v = yearlyView(store, id);
      const mo = structuredClone(v.monitoring!.form);
      const budget = mo.funds.budget!;
      mo.funds.executed = budget * 5_000; // half the budget, typed in 元
      const saved = saveYearlyView(store, mo, v.monitoring!.revision).monitoring!;
      const f = saved.findings.find((x) => x.code === 'Y-MO-MAGNITUDE')!;
      expect(f).toMatchObject({ severity: 'warning', location: { field: 'funds.executed' } });
      const fixed = applyYearlyFixView(store, 'monitoring', id, f.fix!, saved.revision).monitoring!;
      expect(fixed.form.funds.executed).toBe(budget / 2);
      expect(fixed.rate).toBe(5000);
      expect(fixed.findings.some((x) => x.code === 'Y-MO-MAGNITUDE')).toBe(false);
    } finally {
      store.close();
    }
  }, 60_000);

  it('the 部门整体绩效自评表 too: the warning names 部门预算, its fix on the dept form field', async () => {
    const { store } = await storeWith(dirs.make(), ['619001']);
    try {
      changeUnitYearSettings(store, { ...unitYearSettingsOf(store, '619001', 2025).settings, ruleProfile: 'dept-whole' });
      const f = structuredClone(createDeptSelfEvaluationForm(store, '619001', 2025).stored!.form);
      f.funds = { initialBudget: typed('130'), budget: typed('130'), executed: typed('1170000') };
      const v = saveDeptSelfEvaluation(store, f, 1);
      const w = v.findings.find((x) => x.code === 'Y-SE-MAGNITUDE')!;
      expect(w.message).toMatch(/^部门预算全年执行数 1170000 万元 执行率 900000\.00% 超过 1000%/);
      expect(w.location.field).toBe('funds.executed');
      expect(w.fix!.patch).toEqual({ path: 'funds.executed', value: typed('117'), expect: typed('1170000') });
    } finally {
      store.close();
    }
  }, 60_000);
});
