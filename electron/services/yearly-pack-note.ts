// What a package carries of the yearly forms, in words for the one who packs it: the forms
// travel with their 错误 (a July package has empty self-evaluations), and the receiver's 汇总
// scores them as they are, so the sender is told before the stick leaves.
import type { FilingStore } from '../store/store.ts';
import { yearlyRows } from './yearly-view.ts';
import { validateDeptSelfEvaluation } from './dept-self-evaluation.ts';


/** One line (or none when the unit-year has no yearly forms). */
export function yearlyPackNote(store: FilingStore, unitCode: string, year: number): string[] {
  const rows = yearlyRows(store, unitCode, year);
  const mo = rows.filter((r) => r.monitoringErrors !== null);
  const se = rows.filter((r) => r.selfEvaluationErrors !== null);
  const dept = store.yearly.dept.get(unitCode, year) ? validateDeptSelfEvaluation(store, unitCode, year).findings.filter((f) => f.severity === 'error').length : null;
  if (!mo.length && !se.length && dept === null) return [];
  const sum = (xs: Array<number | null>) => xs.reduce<number>((a, x) => a + (x ?? 0), 0);
  const moErr = sum(mo.map((r) => r.monitoringErrors));
  const seErr = sum(se.map((r) => r.selfEvaluationErrors));
  const parts = [
    mo.length ? `绩效运行监控表 ${mo.length} 张${moErr ? `（错误 ${moErr} 个）` : ''}` : '',
    se.length ? `绩效自评表 ${se.length} 张（已填写完 ${se.filter((r) => r.filled).length} 张${seErr ? `，错误 ${seErr} 个` : ''}）` : '',
    dept !== null ? `部门整体绩效自评表${dept ? `（错误 ${dept} 个）` : ''}` : '',
  ].filter(Boolean);
  return [`同时报送：${parts.join('、')}${moErr + seErr + (dept ?? 0) ? '。接收方按表中现有内容计分，未填完的表得分偏低；填完后可再次打包报送' : ''}`];
}
