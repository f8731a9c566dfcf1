// The group of an indicator row by its 一级/二级 (either indicator system): 数量, 质量, 时效,
// 成本, 效益, 满意度 or other. Computed once per row when the engine builds its entries.
import type { IndicatorRow } from '../model/filing.ts';

export type IndicatorGroup = 'quantity' | 'quality' | 'timeliness' | 'cost' | 'benefit' | 'satisfaction' | 'other';

function groupOfLevels(l1: string, l2: string): IndicatorGroup {
  if (/满意/.test(l1) || /满意/.test(l2)) return 'satisfaction';
  if (/成本/.test(l1) || /成本/.test(l2)) return 'cost';
  if (/效益/.test(l1) || /效益|可持续/.test(l2)) return 'benefit';
  if (/数量/.test(l2)) return 'quantity';
  if (/质量/.test(l2)) return 'quality';
  if (/时效/.test(l2)) return 'timeliness';
  return 'other';
}

const byLevels = new Map<string, Map<string, IndicatorGroup>>();
/** The group of a row, memoised by the two texts (few distinct pairs in any database). */
export function groupOf(row: Pick<IndicatorRow, 'level1' | 'level2'>): IndicatorGroup {
  let m = byLevels.get(row.level1);
  if (!m) {
    if (byLevels.size > 1000) byLevels.clear();
    byLevels.set(row.level1, (m = new Map()));
  }
  let g = m.get(row.level2);
  if (g === undefined) m.set(row.level2, (g = groupOfLevels(row.level1, row.level2)));
  return g;
}
