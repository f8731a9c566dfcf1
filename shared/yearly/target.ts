// The target a later form is measured against: the filed 年度 indicator rows with the
// 调整绩效目标 records applied in order up to the one the form names. Never written back.
import type { IndicatorRow, PeriodData, ProjectFiling } from '../model/filing.ts';
import type { TargetAdjustment, YearlyBasis } from './model.ts';

export interface TargetRow {
  id: string;
  level1: string;
  level2: string;
  name: string;
  /** 指标值 in force (adjusted where an adjustment changed it). */
  value: string;
  /** The value as filed, when an adjustment changed it. */
  filedValue?: string;
  index: number;
}

export interface ResolvedTarget {
  projectId: string;
  name: string;
  rows: TargetRow[];
  byId: Map<string, TargetRow>;
  /** 预算数 in force (分). */
  budget: number | null;
  goal: string;
  /** `按原绩效目标` or `按第 2 次调整后的绩效目标（2025年7月…）`. */
  versionLabel: string;
}

/** The period a year's forms measure: 年度 where the template has it, else the last one filed. */
export function yearPeriod(filing: ProjectFiling): PeriodData | undefined {
  return filing.periods.annual ?? filing.periods.implementation ?? filing.periods.midterm;
}

/** `2025年3月1日` (Beijing time) of an ISO time; the text itself when it is not one. */
function beijingDate(iso: string): string {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return iso;
  const d = new Date(t + 8 * 3600_000);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

/** The passed version a form scores against, in words: `已通过审核的绩效目标（第 2 次报送，2025年3月1日；第 1 次退回通过；修订 5）`. */
export function approvedVersionText(basis: YearlyBasis): string | null {
  const a = basis.approved;
  return a ? `已通过审核的绩效目标（第 ${a.submissionNo} 次报送，${beijingDate(a.submittedAt)}；第 ${a.returnNo} 次退回通过；修订 ${basis.revision}）` : null;
}

/**
 * Applies the adjustments with seq ≤ that of `adjustmentId` (all of the project's, sorted by
 * seq); `basis` names the passed version when the form was made from one (the label says so).
 */
export function resolveTarget(
  filing: ProjectFiling,
  adjustments: readonly TargetAdjustment[] = [],
  adjustmentId: string | null = null,
  basis: YearlyBasis | null = null,
): ResolvedTarget {
  const period = yearPeriod(filing);
  const rows: TargetRow[] = (period?.indicators ?? []).map((r: IndicatorRow, index) => ({
    id: r.id,
    level1: r.level1,
    level2: r.level2,
    name: r.name,
    value: r.value,
    index,
  }));
  const byId = new Map(rows.map((r) => [r.id, r]));
  let budget = period?.funding.total ?? null;
  const approved = basis ? approvedVersionText(basis) : null;
  let versionLabel = approved ? `按${approved}` : '按原绩效目标';
  if (adjustmentId !== null) {
    const own = adjustments.filter((a) => a.projectId === filing.id).sort((a, b) => a.seq - b.seq);
    const upto = own.find((a) => a.id === adjustmentId);
    if (!upto) throw new Error(`调整记录 ${adjustmentId} 不属于项目「${filing.name}」`);
    for (const a of own.filter((x) => x.seq <= upto.seq)) {
      for (const c of a.changes) {
        const row = byId.get(c.indicatorId);
        if (!row) continue;
        row.filedValue ??= row.value;
        row.value = c.value;
      }
      if (a.budget !== null) budget = a.budget;
    }
    versionLabel = approved
      ? `按${approved}，经第 ${upto.seq} 次调整（调整原因：${upto.reason}）`
      : `按第 ${upto.seq} 次调整后的绩效目标（调整原因：${upto.reason}）`;
  }
  return { projectId: filing.id, name: filing.name, rows, byId, budget, goal: period?.goal ?? '', versionLabel };
}
