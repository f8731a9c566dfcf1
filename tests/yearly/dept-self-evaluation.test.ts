// 部门整体绩效自评表: made from the 部门整体绩效目标 (分项 sentences → rows), scored by the project
// self-evaluation's module against hand-computed expectations (two regional variants as data),
// 审核, and stored: asked only where the unit-year's rule profile says so, bad input changes nothing.
import { afterEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import { FilingStore } from '../../electron/store/store.ts';
import { changeUnitYearSettings, unitYearSettingsOf } from '../../electron/services/unit-year-settings.ts';
import { createDeptSelfEvaluationForm, deptSelfEvaluationView, saveDeptSelfEvaluation, validateDeptSelfEvaluation } from '../../electron/services/dept-self-evaluation.ts';
import { deptTargetSchema, type DeptTarget } from '../../shared/model/filing.ts';
import { createDeptSelfEvaluation, deptTargetRows, splitStatement } from '../../shared/yearly/dept-create.ts';
import { DEPT_SELF_EVALUATION_FORM, deptSelfEvaluationFormSchema } from '../../shared/yearly/dept-form.ts';
import type { DeptSelfEvaluation } from '../../shared/yearly/dept-model.ts';
import { auditDeptSelfEvaluation } from '../../shared/scoring/dept-self-evaluation.ts';
import { DEFAULT_PROFILE, DEPT_PROFILE, scoringProfileSchema } from '../../shared/scoring/profiles.ts';
import { seedCorpus } from '../../tools/seed-corpus.ts';
import { tempDirs } from '../store/helpers.ts';

const target: DeptTarget = deptTargetSchema.parse({
  unitCode: '619001',
  year: 2025,
  overall: '加强基金监管，提升医疗保障服务。',
  items: [
    { title: '1.做好定点医疗机构专项治理工作', goal: '加强检查。', indicators: '对辖区内定点机构现场检查率达到100%；对县（市）区定点医药机构抽查率不低于10%；每年对本级医保经办机构进行督导检查一次。' },
    { title: '2.加强信息平台运维', goal: '完善系统。', indicators: '网络业务系统故障处理率100%；医保电子凭证激活使用率60%以上。' },
    { title: '3.分局工作', goal: '配合局机关。', indicators: '' },
  ],
});

// Region B: 一级指标 chosen per row, the common weights, 等于 within 5 %, total capped at 80 below 90 % 执行率.
const REGION_B_FORM = deptSelfEvaluationFormSchema.parse({
  ...DEPT_SELF_EVALUATION_FORM,
  id: 'dept-b',
  name: '部门整体支出绩效自评表',
  title: '{year}年度部门整体支出绩效自评表',
  fundLine: '部门预算资金',
  scoringProfile: 'dept-b',
  defaultLevel1: '产出指标',
  level1Options: ['产出指标', '效益指标', '满意度指标'],
});
const REGION_B_PROFILE = scoringProfileSchema.parse({
  ...DEFAULT_PROFILE, id: 'dept-b', name: '乙地区部门整体评分方案', equalTolerancePercent: 5,
  executionCaps: [{ belowRatePercent: 90, maxTotal: 8000 }],
});

function fill(d: DeptSelfEvaluation): DeptSelfEvaluation {
  const f = structuredClone(d);
  f.funds = { initialBudget: 100_000_000, budget: 100_000_000, executed: 87_654_321 };
  const actuals = ['100%', '8%', '', '95%', '45%'];
  f.rows.forEach((r, i) => (r.actual = actuals[i]!));
  f.rows[2]!.achievement = { level: '达成', percent: null };
  return f;
}

describe('部门整体绩效自评表 from the 部门整体绩效目标', () => {
  it('splits each 分项 into its sentences, a measurable tail becoming the 年度指标值', () => {
    expect(splitStatement('对辖区内定点机构现场检查率达到100%')).toEqual({ name: '对辖区内定点机构现场检查率', target: '达到100%' });
    expect(splitStatement('医保电子凭证激活使用率60%以上')).toEqual({ name: '医保电子凭证激活使用率', target: '60%以上' });
    // A comparator sign right after the name: the whole name stays the name.
    expect(splitStatement('参保群众满意度≥90%')).toEqual({ name: '参保群众满意度', target: '≥90%' });
    expect(splitStatement('参保群众满意度：不低于90%')).toEqual({ name: '参保群众满意度', target: '不低于90%' });
    expect(splitStatement('持续扩大异地就医直接结算范围')).toEqual({ name: '持续扩大异地就医直接结算范围', target: '持续扩大异地就医直接结算范围' });
    expect(deptTargetRows(target).map((r) => [r.id, r.name, r.target])).toEqual([
      ['i1-1', '对辖区内定点机构现场检查率', '达到100%'],
      ['i1-2', '对县（市）区定点医药机构抽查率', '不低于10%'],
      ['i1-3', '每年对本级医保经办机构进行督导检查一次', '每年对本级医保经办机构进行督导检查一次'],
      ['i2-1', '网络业务系统故障处理率', '100%'],
      ['i2-2', '医保电子凭证激活使用率', '60%以上'],
    ]);
    const made = createDeptSelfEvaluation(target, 3, DEPT_SELF_EVALUATION_FORM);
    expect(made.basis).toEqual({ revision: 3 });
    expect(made.goal.expected).toBe(target.overall);
    expect(made.rows.every((r) => r.level1 === '绩效指标' && r.item !== '')).toBe(true);
  });

  it('region A (绩效指标 90 split evenly, 执行率 10): scores as computed by hand', () => {
    const d = fill(createDeptSelfEvaluation(target, 1, DEPT_SELF_EVALUATION_FORM));
    const { score, findings } = auditDeptSelfEvaluation(d, DEPT_SELF_EVALUATION_FORM, DEPT_PROFILE);
    // 9000 / 5 = 1800 each: 100% ≥ 100% full; 8 ÷ 10 × 18 = 14.40; 达成 100 %; 95 ÷ 100 × 18 = 17.10; 45 ÷ 60 × 18 = 13.50.
    expect(score.rows.map((r) => r.score)).toEqual([1800, 1440, 1800, 1710, 1350]);
    // 执行率 87.654321 % × 10 = 8.7654321 → 8.77.
    expect(score.execution).toMatchObject({ rate: '87.65%', score: 877 });
    expect(score.total).toBe(8977);
    expect(score.grade).toBe('良');
    expect(score.pointsTotal).toBe(10_000);
    // Rows below target without 偏差原因 are 错误, named in the dept form's fields.
    const dev = findings.filter((f) => f.code === 'Y-SE-DEVIATION');
    expect(dev.map((f) => f.location.field)).toEqual(['rows[1].deviation', 'rows[3].deviation', 'rows[4].deviation']);
    expect(dev[0]!.location.table).toBe('部门整体绩效自评表');
    expect(dev[0]!.message).toBe('第 2 行“对县（市）区定点医药机构抽查率”未完成年度指标值（得 14.40 / 18.00 分），请填写偏差原因分析及改进措施');
  });

  it('region B (一级指标 per row, common weights, tolerance, 执行率 cap): scores as computed by hand', () => {
    const d = fill(createDeptSelfEvaluation(target, 1, REGION_B_FORM));
    d.rows[2]!.achievement = { level: '部分达成', percent: 75 };
    d.rows[3]!.level1 = '效益指标';
    d.rows[4]!.level1 = '满意度指标';
    d.rows.forEach((r) => (r.deviation = '已说明'));
    const { score, findings } = auditDeptSelfEvaluation(d, REGION_B_FORM, REGION_B_PROFILE);
    // 产出 5000 over 3 rows: 1667, 1667, 1666. 8 ÷ 10 × 16.67 = 13.336 → 13.34; 部分达成 75 %: 16.66 × 0.75 = 12.495 → 12.50;
    // 效益 30: 95 % vs 100 % is exactly 5 % off, within the tolerance → full; 满意度 10: 45 ÷ 60 × 10 = 7.50.
    expect(score.rows.map((r) => [r.points, r.score])).toEqual([[1667, 1667], [1667, 1334], [1666, 1250], [3000, 3000], [1000, 750]]);
    expect(score.sum).toBe(1667 + 1334 + 1250 + 3000 + 750 + 877);
    expect(score.cap).toBe(8000);
    expect(score.total).toBe(8000);
    expect(score.grade).toBe('良');
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('审核: missing actuals, 执行率 not computable, a wrong 总分 with its fix on the dept field', () => {
    const d = createDeptSelfEvaluation(target, 1, DEPT_SELF_EVALUATION_FORM);
    d.enteredTotal = 5000;
    const { findings, score } = auditDeptSelfEvaluation(d, DEPT_SELF_EVALUATION_FORM, DEPT_PROFILE);
    expect(score.total).toBe(0);
    expect(findings.filter((f) => f.code === 'Y-SE-ACTUAL-MISSING')).toHaveLength(5);
    const ex = findings.find((f) => f.code === 'Y-SE-EXECUTION')!;
    expect(ex.message).toBe('部门预算：全年预算数或全年执行数未填写');
    expect(ex.location.field).toBe('funds');
    const total = findings.find((f) => f.code === 'Y-SE-TOTAL')!;
    expect(total.fix!.patch).toEqual({ path: 'enteredTotal', value: 0, expect: 5000 });
  });
});

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

async function seeded() {
  const store = await FilingStore.open(path.join(dirs.make(), 'd.sqlite'), { dailyBackup: false });
  const seed = seedCorpus('002');
  store.importBatch({ units: seed.units, projects: seed.projects, deptTargets: seed.deptTargets });
  const t = seed.deptTargets[0]!;
  return { store, t };
}

describe('部门整体绩效自评表 in the store', () => {
  it('is refused where the region does not ask; made in one action where it does; saved with revisions; bad input changes nothing', async () => {
    const { store, t } = await seeded();
    expect(deptSelfEvaluationView(store, t.unitCode, t.year)).toMatchObject({ asked: false, stored: null });
    expect(() => createDeptSelfEvaluationForm(store, t.unitCode, t.year)).toThrow('不要求部门整体绩效自评');
    changeUnitYearSettings(store, { ...unitYearSettingsOf(store, t.unitCode, t.year).settings, ruleProfile: 'dept-whole' });
    const v = createDeptSelfEvaluationForm(store, t.unitCode, t.year);
    expect(v.stored!.revision).toBe(1);
    expect(v.stored!.form.rows.length).toBe(deptTargetRows(t).length);
    expect(v.stored!.form.rows[0]).toMatchObject({ id: 'i1-1', name: '对辖区内定点机构现场检查率', target: '达到100%' });
    expect(() => createDeptSelfEvaluationForm(store, t.unitCode, t.year)).toThrow('已有部门整体绩效自评表');

    const f = structuredClone(v.stored!.form);
    f.rows[0]!.actual = '100%';
    f.funds = { initialBudget: 100, budget: 200, executed: 150 };
    const saved = saveDeptSelfEvaluation(store, f, 1);
    expect(saved.stored!.revision).toBe(2);
    expect(saved.score!.execution.rate).toBe('75.00%');
    expect(() => saveDeptSelfEvaluation(store, f, 1)).toThrow('已被修改');
    expect(() => saveDeptSelfEvaluation(store, { ...f, funds: { ...f.funds, executed: 1.5 } }, 2)).toThrow('金额必须是以“分”为单位的整数');
    const moved = structuredClone(f);
    moved.rows[0]!.target = '达到50%';
    expect(() => saveDeptSelfEvaluation(store, moved, 2)).toThrow('第 1 行的指标、年度指标值或一级指标与部门整体绩效目标生成的不一致');
    const level = structuredClone(f);
    level.rows[0]!.level1 = '效益指标';
    expect(() => saveDeptSelfEvaluation(store, level, 2)).toThrow('一级指标只能是 绩效指标');
    expect(store.yearly.dept.get(t.unitCode, t.year)!.revision).toBe(2);
    expect(validateDeptSelfEvaluation(store, t.unitCode, t.year).findings.some((x) => x.code === 'Y-SE-ACTUAL-MISSING')).toBe(true);

    store.close();
  });
});
