// The 部门整体绩效自评表 made in one step from the unit-year's 部门整体绩效目标: every 分项's
// 绩效指标 text split into its sentences (；。; and line breaks), each one row. A sentence that
// ends in a value the 指标值 grammar reads (`结案率达到100%`, `激活使用率60%以上`) becomes
// 指标 + 年度指标值; any other sentence is a qualitative target (its own 年度指标值).
import { parseIndicatorValue } from '../indicator-value/parse.ts';
import type { DeptTarget } from '../model/filing.ts';
import type { DeptSelfEvaluationForm } from './dept-form.ts';
import { deptSelfEvaluationSchema, type DeptSelfEvaluation } from './dept-model.ts';

export interface DeptTargetRow {
  id: string;
  item: string;
  name: string;
  target: string;
}

/** A value on its own: the grammar also reads `满意度≥90%` as a value with a label in front, which is the name's part. */
const measurable = (s: string): boolean => {
  const v = parseIndicatorValue(s);
  return (v.kind === 'quantity' || v.kind === 'date' || v.kind === 'duration') && !('label' in v && v.label);
};

/** `对辖区内定点机构现场检查率达到100%` → [`对辖区内定点机构现场检查率`, `达到100%`]: the longest measurable tail after a name. */
export function splitStatement(sentence: string): { name: string; target: string } {
  const s = sentence.trim();
  const chars = [...s];
  for (let i = 1; i < chars.length; i++) {
    const tail = chars.slice(i).join('');
    if (measurable(tail)) return { name: chars.slice(0, i).join('').replace(/[，,：:]+$/u, ''), target: tail };
  }
  return { name: s, target: s };
}

/** The indicator rows of a 部门整体绩效目标, in order, with ids by position (`i1-2`: 分项 1, sentence 2). */
export function deptTargetRows(t: DeptTarget): DeptTargetRow[] {
  return t.items.flatMap((item, i) =>
    item.indicators
      .split(/[；;。\n]+/u)
      .map((x) => x.trim())
      .filter((x) => x !== '')
      .map((sentence, j) => ({ id: `i${i + 1}-${j + 1}`, item: item.title.trim(), ...splitStatement(sentence) })),
  );
}

/** The form of a unit-year from its target (revision `revision`); 预期目标 is the 总体绩效目标. */
export function createDeptSelfEvaluation(t: DeptTarget, revision: number, form: DeptSelfEvaluationForm): DeptSelfEvaluation {
  return deptSelfEvaluationSchema.parse({
    kind: 'dept-self-evaluation',
    unitCode: t.unitCode,
    year: t.year,
    formId: form.id,
    profileId: form.scoringProfile,
    basis: { revision },
    goal: { expected: t.overall, achieved: '' },
    rows: deptTargetRows(t).map((r) => ({ ...r, level1: form.defaultLevel1 })),
  });
}
