// The target a later form is measured against: the filed 年度 indicator rows with the
// 调整绩效目标 records applied in order up to the one the form names. Never written back.
import type { IndicatorRow, PeriodData, ProjectFiling } from '../model/filing.ts';
import type { TargetAdjustment } from './model.ts';

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

/** Applies the adjustments with seq ≤ that of `adjustmentId` (all of the project's, sorted by seq). */
export function resolveTarget(
  filing: ProjectFiling,
  adjustments: readonly TargetAdjustment[] = [],
  adjustmentId: string | null = null,
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
  let versionLabel = '按原绩效目标';
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
    versionLabel = `按第 ${upto.seq} 次调整后的绩效目标（调整原因：${upto.reason}）`;
  }
  return { projectId: filing.id, name: filing.name, rows, byId, budget, goal: period?.goal ?? '', versionLabel };
}
