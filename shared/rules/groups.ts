// The group of an indicator row by its 一级/二级 (either indicator system): 数量, 质量, 时效,
// 成本, 效益, 满意度 or other, and the tests the rules make on the two texts (成本 anywhere,
// 时效 in the 二级). Computed once per distinct pair, read by the engine for each row.
import type { IndicatorRow } from '../model/filing.ts';
import { isCostLevel2 } from '../templates/indicator-systems.ts';

export type IndicatorGroup = 'quantity' | 'quality' | 'timeliness' | 'cost' | 'benefit' | 'satisfaction' | 'other';

/** What the 一级/二级 of a row say about it. */
export interface LevelFacts {
  group: IndicatorGroup;
  /** 成本 in the 二级 or the 一级 (also under 满意度: R-COST-BUDGET's own test). */
  cost: boolean;
  /** 时效 in the 二级. */
  timeliness: boolean;
}

function groupOfLevels(l1: string, l2: string): IndicatorGroup {
  if (/满意/.test(l1) || /满意/.test(l2)) return 'satisfaction';
  if (/成本/.test(l1) || /成本/.test(l2)) return 'cost';
  if (/效益/.test(l1) || /效益|可持续/.test(l2)) return 'benefit';
  if (/数量/.test(l2)) return 'quantity';
  if (/质量/.test(l2)) return 'quality';
  if (/时效/.test(l2)) return 'timeliness';
  return 'other';
}

const byLevels = new Map<string, Map<string, LevelFacts>>();
/** The facts of a row, memoised by the two texts (few distinct pairs in any database); shared, frozen. */
export function levelFacts(row: Pick<IndicatorRow, 'level1' | 'level2'>): LevelFacts {
  let m = byLevels.get(row.level1);
  if (!m) {
    if (byLevels.size > 1000) byLevels.clear();
    byLevels.set(row.level1, (m = new Map()));
  }
  let f = m.get(row.level2);
  if (f === undefined) {
    const { level1: l1, level2: l2 } = row;
    f = Object.freeze({ group: groupOfLevels(l1, l2), cost: isCostLevel2(l2) || /成本/.test(l1), timeliness: /时效/.test(l2) });
    m.set(row.level2, f);
  }
  return f;
}
