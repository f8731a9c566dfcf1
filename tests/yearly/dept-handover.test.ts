// The handover carries the 部门整体绩效自评表 and the passed versions the project forms score
// against: the receiver shows the dept form read-only with the unit's 总分 and grade (also in
// the 汇总), and scores a project form made from a passed version (edited since) on that same
// version, not on its received current table. Packages without either still read.
import { afterEach, describe, expect, it } from 'vitest';
import { saveFiling } from '../../electron/services/filing-edit.ts';
import { submitToFolder } from '../../electron/services/submit.ts';
import { importPackageFile } from '../../electron/handover/receive.ts';
import { summaryRows } from '../../electron/handover/summary.ts';
import { importReturn } from '../../electron/services/review-return.ts';
import { createProjectYearlyForms, validateYearlyForm } from '../../electron/services/yearly-service.ts';
import { yearlyView } from '../../electron/services/yearly-view.ts';
import { changeUnitYearSettings, unitYearSettingsOf } from '../../electron/services/unit-year-settings.ts';
import { createDeptSelfEvaluationForm, deptSelfEvaluationView, saveDeptSelfEvaluation } from '../../electron/services/dept-self-evaluation.ts';
import { parseIndicatorValue } from '../../shared/indicator-value/index.ts';
import { yearlyMemberSchema, yearlyProblems } from '../../shared/handover/extras.ts';
import { createDeptSelfEvaluation } from '../../shared/yearly/dept-create.ts';
import { DEPT_SELF_EVALUATION_FORM } from '../../shared/yearly/dept-form.ts';
import { deptTargetSchema } from '../../shared/model/filing.ts';
import { tempDirs } from '../handover/helpers.ts';
import { submitAndReturn, twoSides } from '../services/review-helpers.ts';

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

describe('部门整体绩效自评表 and passed versions in the handover', () => {
  it('the receiver shows the dept form and its score, and scores project forms on the passed version', async () => {
    const s = await twoSides(dirs.make());
    try {
      const { unit, recv, unitCode, year } = s;
      const { bytes } = await submitAndReturn(s, 'pass');
      importReturn(unit, bytes);
      // The first package had neither the dept form nor versions: received and shown without them.
      expect(deptSelfEvaluationView(recv, unitCode, year).stored).toBeNull();

      // After 通过 a row is edited; the forms are made from (and score against) the passed version.
      const [p] = unit.projectsOfUnitYear(unitCode, year);
      const rec = unit.getProjectRecord(p!.id)!;
      const f = structuredClone(rec.filing);
      const row = f.periods.annual!.indicators.find((r) => {
        const v = parseIndicatorValue(r.value);
        return v.kind === 'quantity' && v.percent && v.comparator === '≥';
      })!;
      const passedValue = row.value;
      const edited = passedValue === '≥99%' ? '≥98%' : '≥99%';
      row.value = edited;
      saveFiling(unit, rec, f, rec.revision, { force: true });
      createProjectYearlyForms(unit, p!.id);
      const v = yearlyView(unit, p!.id);
      const se = structuredClone(v.selfEvaluation!.form);
      se.rows.find((r) => r.indicatorId === row.id)!.actual = passedValue.replace(/^[≥≤]/, '');
      unit.yearly.put(se, v.selfEvaluation!.revision);
      const unitScore = validateYearlyForm(unit, 'self-evaluation', p!.id).score!;

      changeUnitYearSettings(unit, { ...unitYearSettingsOf(unit, unitCode, year).settings, ruleProfile: 'dept-whole' });
      const d = structuredClone(createDeptSelfEvaluationForm(unit, unitCode, year).stored!.form);
      d.funds = { initialBudget: 100_000, budget: 100_000, executed: 95_000 };
      d.rows.forEach((r) => (r.name === r.target ? (r.achievement = { level: '达成', percent: null }) : (r.actual = '100%')));
      const unitDept = saveDeptSelfEvaluation(unit, d, 1).score!;

      const sub = await submitToFolder(unit, { unitCode, year, outDir: s.stick, book: null });
      const r = await importPackageFile(recv, sub.path, { noBackup: true });
      expect(r).toMatchObject({ outcome: 'newer' });

      // The receiver scores on the passed version the unit scored against.
      const rv = yearlyView(recv, p!.id);
      expect(recv.getProject(p!.id)!.periods.annual!.indicators.find((x) => x.id === row.id)!.value).toBe(edited);
      expect(rv.selfEvaluation!.target.rows.find((x) => x.id === row.id)!.value).toBe(passedValue);
      expect(rv.selfEvaluation!.target.versionLabel).toBe(v.selfEvaluation!.target.versionLabel);
      expect(validateYearlyForm(recv, 'self-evaluation', p!.id).score!.total).toBe(unitScore.total);
      expect(rv.readOnly).toBe(true);

      // The dept form: read-only, the same 总分 and grade, in the 汇总 beside the projects'.
      const dv = deptSelfEvaluationView(recv, unitCode, year);
      expect(dv.readOnly).toBe(true);
      expect(dv.score!.total).toBe(unitDept.total);
      expect(dv.score!.grade).toBe(unitDept.grade);
      expect(() => saveDeptSelfEvaluation(recv, dv.stored!.form, dv.stored!.revision)).toThrow('只读');
      const row0 = summaryRows(recv).rows.find((x) => x.unitCode === unitCode && x.year === year)!;
      expect(row0.dept).toEqual({ total: unitDept.total, grade: unitDept.grade });
      expect(row0.yearly).not.toBeNull();
    } finally {
      s.close();
    }
  });

  it('a dept form of another unit-year or of a form this program does not know is refused', () => {
    const dept = createDeptSelfEvaluation(deptTargetSchema.parse({ unitCode: '619001', year: 2025, items: [{ title: '1.分项', indicators: '结案率达到100%' }] }), 1, DEPT_SELF_EVALUATION_FORM);
    expect(yearlyProblems({ forms: [], adjustments: [], dept }, '619001', 2025, [])).toEqual([]);
    expect(yearlyProblems({ forms: [], adjustments: [], dept }, '619001', 2024, [])).toEqual(['部门整体绩效自评表属于 619001 2025 年度，不属于本包']);
    expect(yearlyProblems({ forms: [], adjustments: [], dept: { ...dept, formId: 'region-x' } }, '619001', 2025, [])).toEqual(['部门整体绩效自评表的表样“region-x”本程序没有，请升级后再接收']);
  });

  it('a yearly member from before (no dept, no versions) still parses; a version that is no filing is refused', () => {
    expect(yearlyMemberSchema.safeParse({ forms: [], adjustments: [] }).success).toBe(true);
    expect(yearlyMemberSchema.safeParse({ forms: [], adjustments: [], versions: [{ projectId: 'x', revision: 1, filing: {} }] }).success).toBe(false);
  });
});
