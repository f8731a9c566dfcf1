// 从已通过版本重新生成: forms made before the review loop passed the target are made again from
// the passed version (as its submission packed it), keeping what was entered on every row
// whose indicator (by row id) is in both; a first call lists what changes, the second (confirmed)
// writes both forms in one transaction. The target itself is only read.
import type { FilingStore } from '../store/store.ts';
import { createYearlyForms } from '../../shared/yearly/create.ts';
import type { MonitoringFiling, SelfEvaluationFiling } from '../../shared/yearly/model.ts';
import { resolveTarget } from '../../shared/yearly/target.ts';
import { fenToDecimalText } from '../../shared/model/money.ts';
import { ServiceError } from './service-error.ts';
import { DEFAULT_YEARLY_FORMS, targetBasis, type YearlyForms } from './yearly-service.ts';

export interface RegeneratePlan {
  /** What changes, in words (rows added, removed with what was entered, target values, budget). */
  changes: string[];
  /** Rows kept with their entries (by row identity). */
  kept: number;
}

const filledSe = (r: SelfEvaluationFiling['rows'][number]) => r.actual.trim() !== '' || r.achievement !== null || r.met !== null || r.deviation.trim() !== '' || r.points !== null;
const filledMo = (r: MonitoringFiling['rows'][number]) => r.actual.trim() !== '' || r.projected.trim() !== '' || r.reasons.length > 0 || r.likelihood !== null || r.explanation.trim() !== '' || r.correction.trim() !== '';

function plan(store: FilingStore, projectId: string, forms: YearlyForms) {
  const p = store.getProject(projectId);
  if (!p) throw new ServiceError('该项目表不存在（可能已被删除），请刷新列表', 'NOT_FOUND');
  if (store.received.isReceivedProject(projectId)) throw new ServiceError('这是从报送包接收的数据，只读，不能修改', 'READ_ONLY');
  const mo = store.yearly.get('monitoring', projectId);
  const se = store.yearly.get('self-evaluation', projectId);
  if (!mo || !se) throw new ServiceError(`项目「${p.name}」还没有绩效运行监控表和绩效自评表，请直接生成`, 'NOT_FOUND');
  const { basis, target } = targetBasis(store, p);
  if (!basis.approved) throw new ServiceError(`项目「${p.name}」还没有已通过审核、且本机保存了内容的版本`, 'NOT_FOUND');
  if (se.form.basis?.approved && se.form.basis.revision === basis.revision && mo.form.basis?.approved && mo.form.basis.revision === basis.revision) {
    throw new ServiceError(`项目「${p.name}」的两张表已按该已通过版本生成`, 'EXISTS');
  }
  const adjustments = store.yearly.adjustments(projectId);
  const made = createYearlyForms(target, forms, { monitoring: mo.form.id, selfEvaluation: se.form.id }, adjustments, basis);
  const oldTarget = resolveTarget(store.submissions.version(projectId, se.form.basis?.revision ?? -1) ?? p, adjustments, se.form.adjustmentId, se.form.basis);
  const newTarget = resolveTarget(target, adjustments, made.selfEvaluation.adjustmentId, basis);
  const oldSe = new Map(se.form.rows.map((r) => [r.indicatorId, r]));
  const oldMo = new Map(mo.form.rows.map((r) => [r.indicatorId, r]));
  const changes: string[] = [];
  let kept = 0;
  const rows = made.selfEvaluation.rows.map((r) => {
    const old = oldSe.get(r.indicatorId);
    const t = newTarget.byId.get(r.indicatorId)!;
    if (!old) {
      changes.push(`新增指标“${t.name}”（${t.value}）`);
      return r;
    }
    kept++;
    const before = oldTarget.byId.get(r.indicatorId)?.value;
    if (before !== undefined && before !== t.value) changes.push(`指标“${t.name}”的指标值由“${before}”改为“${t.value}”（已填的实际完成值保留，按新值评分）`);
    return { ...old };
  });
  const newIds = new Set(made.selfEvaluation.rows.map((r) => r.indicatorId));
  for (const r of se.form.rows) {
    if (newIds.has(r.indicatorId)) continue;
    const name = oldTarget.byId.get(r.indicatorId)?.name ?? r.indicatorId;
    const lost = filledSe(r) || (oldMo.get(r.indicatorId) && filledMo(oldMo.get(r.indicatorId)!));
    changes.push(`删除指标“${name}”${lost ? '（已填写的内容随之删除）' : ''}`);
  }
  const nextSe: SelfEvaluationFiling = {
    ...se.form,
    basis,
    adjustmentId: made.selfEvaluation.adjustmentId,
    rows,
    funds: { ...se.form.funds, total: { ...se.form.funds.total, initialBudget: made.selfEvaluation.funds.total.initialBudget, budget: made.selfEvaluation.funds.total.budget } },
    goal: { ...se.form.goal, expected: made.selfEvaluation.goal.expected },
  };
  if (se.form.funds.total.budget !== nextSe.funds.total.budget) {
    const w = (f: number | null) => (f === null ? '空' : `${fenToDecimalText(f, '万元')} 万元`);
    changes.push(`全年预算数由 ${w(se.form.funds.total.budget)} 改为 ${w(nextSe.funds.total.budget)}`);
  }
  const nextMo: MonitoringFiling = {
    ...mo.form,
    basis,
    adjustmentId: made.monitoring.adjustmentId,
    rows: made.monitoring.rows.map((r) => oldMo.get(r.indicatorId) ?? r),
    funds: { ...mo.form.funds, budget: made.monitoring.funds.budget },
  };
  changes.push(`评分依据改为：${basis.label}`);
  return { changes, kept, forms: [nextMo, nextSe], revisions: [mo.revision, se.revision] as const };
}

/** What 重新生成 would change (nothing is written). */
export function regeneratePlan(store: FilingStore, projectId: string, forms = DEFAULT_YEARLY_FORMS): RegeneratePlan {
  const { changes, kept } = plan(store, projectId, forms);
  return { changes, kept };
}

/** Makes both forms again from the passed version (after the user confirmed the plan); refused if either form was saved since `revisions`. */
export function regenerateFromPassed(store: FilingStore, projectId: string, revisions: { monitoring: number; selfEvaluation: number }, forms = DEFAULT_YEARLY_FORMS): RegeneratePlan {
  const made = plan(store, projectId, forms);
  if (made.revisions[0] !== revisions.monitoring || made.revisions[1] !== revisions.selfEvaluation) {
    throw new ServiceError('表在确认之后又被修改过，请重新查看改动后再确认', 'CONFLICT');
  }
  store.yearly.putAll(made.forms);
  return { changes: made.changes, kept: made.kept };
}
