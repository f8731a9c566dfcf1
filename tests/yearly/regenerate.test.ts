// 从已通过版本重新生成: forms made before the 通过 are made again from the passed version, the
// entries kept on every row whose indicator is in both (by row id), after a confirmation that
// lists what changes; nothing is written before it, and a stale confirmation is refused.
import { afterEach, describe, expect, it } from 'vitest';
import { saveFiling } from '../../electron/services/filing-edit.ts';
import { importReturn } from '../../electron/services/review-return.ts';
import { createProjectYearlyForms } from '../../electron/services/yearly-service.ts';
import { yearlyView } from '../../electron/services/yearly-view.ts';
import { regenerateFromPassed, regeneratePlan } from '../../electron/services/yearly-regenerate.ts';
import { tempDirs } from '../handover/helpers.ts';
import { submitAndReturn, twoSides } from '../services/review-helpers.ts';

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

describe('从已通过版本重新生成', () => {
  it('lists the changes, then remakes both forms from the passed version keeping the entries of matching rows', async () => {
    const s = await twoSides(dirs.make());
    try {
      const { unit, unitCode, year } = s;
      const [p] = unit.projectsOfUnitYear(unitCode, year);
      createProjectYearlyForms(unit, p!.id);
      const v0 = yearlyView(unit, p!.id);
      expect(v0.selfEvaluation!.form.basis!.approved).toBeNull();
      expect(() => regeneratePlan(unit, p!.id)).toThrow('还没有已通过审核');
      // Entries on the first row, the 执行数 and a monitoring note.
      const se = structuredClone(v0.selfEvaluation!.form);
      const ids = se.rows.map((r) => r.indicatorId);
      se.rows[0]!.actual = '实填一';
      se.funds.total.executed = 12_345;
      unit.yearly.put(se, v0.selfEvaluation!.revision);
      const mo = structuredClone(v0.monitoring!.form);
      mo.rows[0]!.explanation = '监控说明';
      unit.yearly.put(mo, v0.monitoring!.revision);

      // Before the submission the table gains a row; that version is passed.
      const rec = unit.getProjectRecord(p!.id)!;
      const f = structuredClone(rec.filing);
      const list = f.periods.annual!.indicators;
      list.push({ ...list[0]!, id: `${list[0]!.id}-n`, name: '新增测试指标' });
      saveFiling(unit, rec, f, rec.revision, { force: true });
      const { bytes } = await submitAndReturn(s, 'pass');
      importReturn(unit, bytes);
      // After the 通过 the first row's value is edited: the forms scored against it so far.
      const rec2 = unit.getProjectRecord(p!.id)!;
      const f2 = structuredClone(rec2.filing);
      const passedValue = f2.periods.annual!.indicators[0]!.value;
      f2.periods.annual!.indicators[0]!.value = passedValue === '≥99%' ? '≥98%' : '≥99%';
      saveFiling(unit, rec2, f2, rec2.revision, { force: true });

      const before = unit.yearly.get('self-evaluation', p!.id)!;
      const planned = regeneratePlan(unit, p!.id);
      expect(planned.kept).toBe(ids.length);
      const t0 = f2.periods.annual!.indicators[0]!;
      expect(planned.changes.slice(0, 2)).toEqual([
        `指标“${t0.name}”的指标值由“${t0.value}”改为“${passedValue}”（已填的实际完成值保留，按新值评分）`,
        `新增指标“新增测试指标”（${passedValue}）`,
      ]);
      expect(planned.changes.at(-1)).toMatch(/^评分依据改为：按已通过审核的绩效目标（第 1 次报送，/);
      expect(unit.yearly.get('self-evaluation', p!.id)).toEqual(before); // a plan writes nothing

      expect(() => regenerateFromPassed(unit, p!.id, { monitoring: 0, selfEvaluation: before.revision })).toThrow('又被修改过');
      const done = regenerateFromPassed(unit, p!.id, { monitoring: unit.yearly.get('monitoring', p!.id)!.revision, selfEvaluation: before.revision });
      expect(done.changes).toEqual(planned.changes);
      const v = yearlyView(unit, p!.id);
      const after = v.selfEvaluation!.form;
      expect(after.id).toBe(before.form.id);
      expect(after.basis!.approved).toMatchObject({ submissionNo: 1, returnNo: 1 });
      expect(after.rows.map((r) => r.indicatorId)).toEqual([...ids, `${ids[0]}-n`]);
      expect(after.rows[0]!.actual).toBe('实填一');
      expect(v.selfEvaluation!.target.rows[0]!.value).toBe(passedValue);
      expect(after.funds.total.executed).toBe(12_345);
      expect(v.monitoring!.form.rows[0]!.explanation).toBe('监控说明');
      expect(v.monitoring!.form.basis!.approved).toEqual(after.basis!.approved);
      expect(v.selfEvaluation!.findings.some((x) => x.code === 'Y-SE-ORPHAN')).toBe(false);
      expect(() => regeneratePlan(unit, p!.id)).toThrow('已按该已通过版本生成');
    } finally {
      s.close();
    }
  });
});
