// Indicator row commands (insert, new 一级 group, remove, move inside the group). In a
// dual table a visual row is the same index in every period of the block, so a command
// acts on all of them together and the halves stay side by side.
import type { PeriodKey, ProjectFiling } from '../../../shared/model/filing.ts';
import { INDICATOR_SYSTEMS } from '../../../shared/templates/index.ts';
import type { TemplateDef } from '../../../shared/templates/types.ts';
import { indicatorRowCount, level1At, level1Groups } from './grid.ts';
import { emptyRow } from './ops.ts';
import { defaultIndicatorGroups } from '../../../shared/library/standard.ts';
import type { Edit, RowItem } from './ops.ts';

const rowOf = (f: ProjectFiling, p: PeriodKey, i: number) => f.periods[p]?.indicators[i];

/** A new row under the current one, in the same 一级 / 二级 group. */
export function insertBelow(f: ProjectFiling, periods: PeriodKey[], i: number): Edit {
  const items: RowItem[] = [];
  const l1 = i >= 0 ? level1At(f, periods, i) : '';
  for (const p of periods) {
    const len = f.periods[p]?.indicators.length ?? 0;
    items.push({ period: p, index: Math.min(i + 1, len), row: emptyRow(l1, i >= 0 ? (rowOf(f, p, i)?.level2 ?? '') : '') });
  }
  const focusId = items[0]!.row.id;
  return { t: 'insert', items, label: '插入指标行', focus: { period: periods[0], rowId: focusId, col: 'name' } };
}

/** A new row starting a new 一级 group after the current group (the next 一级 of the system not yet used). */
export function insertGroup(f: ProjectFiling, t: TemplateDef, periods: PeriodKey[], i: number): Edit {
  const groups = level1Groups(f, periods);
  const g = groups.find(([s, e]) => i >= s && i < e);
  const index = g ? g[1] : indicatorRowCount(f, periods);
  const used = new Set(groups.map(([s]) => level1At(f, periods, s).trim()));
  const next = INDICATOR_SYSTEMS[t.indicatorSystem].level1.find((x) => !used.has(x)) ?? '';
  const items: RowItem[] = [];
  for (const p of periods) {
    const len = f.periods[p]?.indicators.length ?? 0;
    items.push({ period: p, index: Math.min(index, len), row: emptyRow(next, '') });
  }
  const focusId = items[0]!.row.id;
  return { t: 'insert', items, label: '新增一级指标', focus: { period: periods[0], rowId: focusId, col: next ? 'level2' : 'level1' } };
}

export function removeRow(f: ProjectFiling, periods: PeriodKey[], i: number): Edit | null {
  const items: RowItem[] = [];
  for (const p of periods) {
    const row = rowOf(f, p, i);
    if (row) items.push({ period: p, index: i, row });
  }
  if (!items.length) return null;
  // Focus goes to the row that takes its place (or the one above at the end).
  const n = indicatorRowCount(f, periods);
  const j = i + 1 < n ? i + 1 : i - 1;
  const p0 = periods[0]!;
  const other = j >= 0 ? (rowOf(f, p0, j) ?? periods.map((p) => rowOf(f, p, j)).find(Boolean)) : undefined;
  return { t: 'remove', items, label: '删除指标行', focus: other ? { period: p0, rowId: other.id, col: 'name' } : { path: `periods.${p0}.indicators` } };
}

/** Moves row i one place up or down, never out of its 一级 group. */
export function moveRow(f: ProjectFiling, periods: PeriodKey[], i: number, dir: -1 | 1): Edit | null {
  const g = level1Groups(f, periods).find(([s, e]) => i >= s && i < e);
  if (!g) return null;
  const j = i + dir;
  if (j < g[0] || j >= g[1]) return null;
  const ids: Partial<Record<PeriodKey, string>> = {};
  for (const p of periods) {
    const len = f.periods[p]?.indicators.length ?? 0;
    const row = rowOf(f, p, i);
    if (row && j < len) ids[p] = row.id;
  }
  const first = Object.values(ids)[0];
  if (!first) return null;
  return { t: 'move', ids, from: i, to: j, label: dir < 0 ? '上移指标行' : '下移指标行', focus: { period: periods[0], rowId: first } };
}

/** The rows most tables start from (as a new table has them): one per usual 二级 of the system. */
export function starterRows(f: ProjectFiling | null, t: TemplateDef, periods: PeriodKey[]): Edit {
  const plan = defaultIndicatorGroups(t.indicatorSystem).map((g) => [g.level1, g.level2] as const);
  const base = f ? indicatorRowCount(f, periods) : 0;
  const items: RowItem[] = [];
  plan.forEach(([l1, l2], k) => {
    for (const p of periods) items.push({ period: p, index: base + k, row: emptyRow(l1, l2) });
  });
  return { t: 'insert', items, label: '插入常用指标行', focus: { period: periods[0], rowId: items[0]!.row.id, col: 'name' } };
}
