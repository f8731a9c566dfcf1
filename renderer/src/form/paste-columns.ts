// Which indicator column each pasted column goes to: the block's columns in visual order
// (一级 once, then each period's columns side by side) from the cell pasted into, or, when
// the paste starts with a header row (一级指标 | 二级指标 | 三级指标 | 指标值 …), by its labels.
import type { PeriodKey } from '../../../shared/model/filing.ts';
import { INDICATOR_COLUMN_LABELS } from '../../../shared/templates/index.ts';
import { INDICATOR_LABEL_SYNONYMS } from '../../../shared/templates/label-synonyms.ts';
import type { IndicatorColumn } from '../../../shared/templates/types.ts';
import type { IndicatorBlockInfo } from './grid.ts';

/** One column of an indicator block; 一级 has no period (it is shared by the periods of the row). */
export interface Slot {
  period: PeriodKey | null;
  col: IndicatorColumn;
}

/** Compared as printed labels are: full-width → half-width, no spaces or line breaks, no trailing colon. */
export const normText = (s: string): string =>
  s
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/:$/, '');

const HEADER = new Map<string, IndicatorColumn>();
for (const c of Object.keys(INDICATOR_COLUMN_LABELS) as IndicatorColumn[]) {
  HEADER.set(normText(INDICATOR_COLUMN_LABELS[c]), c);
  for (const v of INDICATOR_LABEL_SYNONYMS[c]) if (!HEADER.has(normText(v))) HEADER.set(normText(v), c);
}
/** Words of a header row that are no column of the form (`绩效指标` over the columns, the period titles, 序号). */
const HEADER_WORDS = new Set(['绩效指标', '年度绩效指标', '实施期绩效指标', '中期绩效指标', '绩效指标体系', '实施期目标', '中期目标', '年度目标', '年度', '实施期', '中期', '序号', '备注'].map(normText));

export function slotsOf(info: IndicatorBlockInfo): Slot[] {
  const out: Slot[] = [];
  info.periods.forEach((p, pi) => {
    for (const col of info.columns) {
      if (col === 'level1') {
        if (pi === 0) out.push({ period: null, col });
        continue;
      }
      out.push({ period: p, col });
    }
  });
  return out;
}

export interface ColumnMap {
  /** Leading rows that are a header (not pasted). */
  skip: number;
  /** Slot of each pasted column; null: not pasted. */
  map: Array<Slot | null>;
  /** Labels of header columns the table does not have. */
  missing: string[];
  /** Pasted columns past the table's last column. */
  beyond: number;
}

/**
 * A header row: its cells are column labels (at least two, or all that are filled), other
 * filled cells (序号, 备注) being columns not pasted; or only words over the labels (`绩效指标`).
 */
function headerRow(row: readonly string[]): { cols: number } | null {
  let cols = 0;
  let words = 0;
  let other = 0;
  for (const cell of row) {
    const n = normText(cell);
    if (!n) continue;
    if (HEADER.has(n)) cols++;
    else if (HEADER_WORDS.has(n)) words++;
    else other++;
  }
  if (cols >= 2 || (cols === 1 && other === 0)) return { cols };
  // Words only (a title row over the labels).
  return words > 0 && cols === 0 && other === 0 ? { cols: 0 } : null;
}

/** The columns of a pasted block: by its header row if it has one, else from the slot pasted into. */
export function mapColumns(rows: readonly string[][], slots: readonly Slot[], start: number, period: PeriodKey): ColumnMap {
  const width = rows.reduce((m, r) => Math.max(m, r.length), 0);
  let skip = 0;
  let labels: readonly string[] | null = null;
  let labelRow = -1;
  for (let i = 0; i < rows.length - 1; i++) {
    const h = headerRow(rows[i]!);
    if (!h) break;
    if (h.cols > 0) labelRow = i;
  }
  // Rows over the labels are skipped with them; without labels nothing is a header.
  if (labelRow >= 0) {
    labels = rows[labelRow]!;
    skip = labelRow + 1;
  }
  if (!labels) {
    const map = Array.from({ length: width }, (_, j) => slots[start + j] ?? null);
    return { skip: 0, map, missing: [], beyond: Math.max(0, start + width - slots.length) };
  }
  // The target cell's period first (a 年度 header pasted into the 年度 half goes there), unless
  // the header names a column twice (both halves of a dual table): then in the form's order.
  const named = labels.map((l) => HEADER.get(normText(l))).filter(Boolean);
  const both = new Set(named).size < named.length;
  const order = both ? slots : [...slots.filter((s) => s.period === null || s.period === period), ...slots.filter((s) => s.period !== null && s.period !== period)];
  const used = new Set<Slot>();
  const missing: string[] = [];
  const map = Array.from({ length: width }, (_, j) => {
    const label = labels[j]?.trim() ?? '';
    const col = HEADER.get(normText(label));
    if (!col) {
      if (label && !missing.includes(label)) missing.push(label);
      return null;
    }
    const slot = order.find((s) => s.col === col && !used.has(s));
    if (!slot) {
      if (!missing.includes(INDICATOR_COLUMN_LABELS[col])) missing.push(INDICATOR_COLUMN_LABELS[col]);
      return null;
    }
    used.add(slot);
    return slot;
  });
  return { skip, map, missing, beyond: 0 };
}
