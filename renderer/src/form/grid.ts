// The form is the template's printed-table layout turned into a grid of cells: the same
// grid columns, the same merged cells, the same labels. Fixed rows come straight from the
// layout's rows; an indicator block is expanded from the filing (one grid row per 三级,
// 一级 merged vertically over its group, the periods of a dual table side by side).
// Pure: no React, no DOM — navigation is computed on this model.
import type { IndicatorRow, PeriodKey, ProjectFiling } from '../../../shared/model/filing.ts';
import type { BlockSpec, CellSpec, IndicatorColumn, TemplateDef } from '../../../shared/templates/types.ts';
import { INDICATOR_COLUMN_LABELS } from '../../../shared/templates/index.ts';
import { screenOnlyBlocks } from './sign-rows.ts';

export type CellKind =
  | { t: 'label'; text: string; header?: boolean }
  /** A value bound to a filing path (`name`, `periods.annual.funding.total`). */
  | { t: 'field'; path: string; money: boolean; prefix?: string; suffix?: string; blank?: string; readOnly: boolean; multiline: boolean }
  /** One cell of an indicator row; `index` may be past the end of a shorter period. */
  | { t: 'ind'; period: PeriodKey; index: number; rowId: string | null; col: Exclude<IndicatorColumn, 'level1'>; block: number }
  /** A 一级 (or merged 二级) cell over a group of consecutive rows with the same text. */
  | { t: 'grp'; col: 'level1' | 'level2'; indexes: number[]; periods: PeriodKey[]; block: number }
  /** The one row an empty indicator table shows: buttons to start it. */
  | { t: 'indEmpty'; block: number };

export interface GridCell {
  /** Stable identity for React keys and focus (`f:name`, `i:annual:<rowId>:value`, `l1:<rowId>`). */
  key: string;
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  kind: CellKind;
  editable: boolean;
  /** Filing path of the value (for findings and carried-over marks); '' for labels. */
  path: string;
}

export interface IndicatorBlockInfo {
  block: number;
  periods: PeriodKey[];
  columns: IndicatorColumn[];
  /** Grid rows of the indicator rows (first, count). */
  firstRow: number;
  count: number;
}

export interface GridModel {
  cols: number;
  /** Relative widths (mm on paper). */
  widths: number[];
  rowCount: number;
  cells: GridCell[];
  /** Cell indexes anchored in each grid row, left to right. */
  rows: number[][];
  /** occ[row * cols + col] = index of the cell covering that slot, -1 when none. */
  occ: Int32Array;
  byKey: Map<string, number>;
  /** Path (and aliases such as every row of a merged 一级) → cell key. */
  byPath: Map<string, string>;
  /** Editable cells in reading order. */
  order: string[];
  indicatorBlocks: IndicatorBlockInfo[];
}

const MULTILINE = /^(fundUse|prose\.\w+|periods\.\w+\.goal)$/;

function isLabel(c: CellSpec): c is Extract<CellSpec, { text: string }> {
  return 'text' in c;
}

/** Indicator rows of the periods of a block, as the visual rows pair them (by index). */
export function indicatorRowCount(filing: ProjectFiling, periods: readonly PeriodKey[]): number {
  let n = 0;
  for (const p of periods) n = Math.max(n, filing.periods[p]?.indicators.length ?? 0);
  return n;
}

function rowAt(filing: ProjectFiling, p: PeriodKey, i: number): IndicatorRow | undefined {
  return filing.periods[p]?.indicators[i];
}

/** The 一级 a visual row shows: the first period's, else the next period's that has the row. */
export function level1At(filing: ProjectFiling, periods: readonly PeriodKey[], i: number): string {
  for (const p of periods) {
    const r = rowAt(filing, p, i);
    if (r) return r.level1;
  }
  return '';
}

/** Groups of consecutive visual rows with the same 一级: [start, end) pairs. */
export function level1Groups(filing: ProjectFiling, periods: readonly PeriodKey[]): Array<[number, number]> {
  const n = indicatorRowCount(filing, periods);
  const groups: Array<[number, number]> = [];
  let start = 0;
  for (let i = 1; i <= n; i++) {
    if (i === n || level1At(filing, periods, i).trim() !== level1At(filing, periods, start).trim()) {
      groups.push([start, i]);
      start = i;
    }
  }
  return groups;
}

/** Groups of consecutive rows of one period with the same 一级 and 二级. */
function level2Groups(filing: ProjectFiling, periods: readonly PeriodKey[], p: PeriodKey): Array<[number, number]> {
  const n = indicatorRowCount(filing, periods);
  const key = (i: number) => `${level1At(filing, periods, i).trim()}\u0000${rowAt(filing, p, i)?.level2.trim() ?? '\u0001' + i}`;
  const groups: Array<[number, number]> = [];
  let start = 0;
  for (let i = 1; i <= n; i++) {
    if (i === n || key(i) !== key(start)) {
      groups.push([start, i]);
      start = i;
    }
  }
  return groups;
}

export function buildGrid(template: TemplateDef, filing: ProjectFiling): GridModel {
  const cols = template.layout.grid.length;
  const cells: GridCell[] = [];
  const rows: number[][] = [];
  let rowBase = 0;
  const pending: Array<{ cell: GridCell }> = [];
  const indicatorBlocks: IndicatorBlockInfo[] = [];
  const push = (c: GridCell) => {
    pending.push({ cell: c });
  };

  [...template.layout.blocks, ...screenOnlyBlocks(template)].forEach((block, bi) => {
    if (block.kind === 'rows') {
      rowBase = placeRows(block, bi, rowBase, cols, push);
    } else {
      const info = placeIndicators(template, block, bi, rowBase, filing, push);
      indicatorBlocks.push(info.info);
      rowBase = info.next;
    }
  });

  const rowCount = rowBase;
  const occ = new Int32Array(rowCount * cols).fill(-1);
  for (let r = 0; r < rowCount; r++) rows.push([]);
  for (const { cell } of pending) {
    const idx = cells.length;
    cells.push(cell);
    rows[cell.row]?.push(idx);
    for (let r = cell.row; r < cell.row + cell.rowSpan && r < rowCount; r++) {
      for (let c = cell.col; c < cell.col + cell.colSpan && c < cols; c++) occ[r * cols + c] = idx;
    }
  }
  for (const r of rows) r.sort((a, b) => (cells[a]?.col ?? 0) - (cells[b]?.col ?? 0));

  const byKey = new Map<string, number>();
  const byPath = new Map<string, string>();
  const order: string[] = [];
  cells.forEach((c, i) => byKey.set(c.key, i));
  for (const r of rows) {
    for (const i of r) {
      const c = cells[i]!;
      if (c.path && !byPath.has(c.path)) byPath.set(c.path, c.key);
      if (c.kind.t === 'grp') {
        for (const p of c.kind.periods) for (const k of c.kind.indexes) byPath.set(`periods.${p}.indicators[${k}].${c.kind.col}`, c.key);
      }
      if (c.editable) order.push(c.key);
    }
  }
  return { cols, widths: template.layout.grid, rowCount, cells, rows, occ, byKey, byPath, order, indicatorBlocks };
}

function placeRows(
  block: Extract<BlockSpec, { kind: 'rows' }>,
  bi: number,
  rowBase: number,
  width: number,
  push: (c: GridCell) => void,
): number {
  let carry: number[] = new Array(width).fill(0);
  block.rows.forEach((row, ri) => {
    const r = rowBase + ri;
    let col = 0;
    const next = carry.map((n) => Math.max(0, n - 1));
    for (const spec of row.cells) {
      while (col < width && (carry[col] ?? 0) > 0) col++;
      const colSpan = spec.span ?? 1;
      const rowSpan = spec.rowSpan === 'block' ? block.rows.length - ri : (spec.rowSpan ?? 1);
      for (let k = 0; k < colSpan; k++) if (rowSpan > 1 && col + k < width) next[col + k] = rowSpan - 1;
      if (isLabel(spec)) {
        push({ key: `lb:${bi}:${ri}:${col}`, row: r, col, rowSpan, colSpan, kind: { t: 'label', text: spec.text }, editable: false, path: '' });
      } else {
        const external = spec.field.startsWith('$');
        push({
          key: `f:${spec.field}`,
          row: r,
          col,
          rowSpan,
          colSpan,
          kind: {
            t: 'field',
            path: spec.field,
            money: spec.format === 'money',
            prefix: spec.prefix,
            suffix: spec.suffix,
            blank: spec.blank,
            readOnly: external,
            multiline: MULTILINE.test(spec.field),
          },
          editable: !external,
          path: external ? '' : spec.field,
        });
      }
      col += colSpan;
    }
    carry = next;
  });
  return rowBase + block.rows.length;
}

function placeIndicators(
  template: TemplateDef,
  block: Extract<BlockSpec, { kind: 'indicators' }>,
  bi: number,
  rowBase: number,
  filing: ProjectFiling,
  push: (c: GridCell) => void,
): { next: number; info: IndicatorBlockInfo } {
  const spanOf = (c: IndicatorColumn) => block.spans?.[c] ?? 1;
  const periods = block.periods;
  const n = indicatorRowCount(filing, periods);
  const bodyRows = Math.max(1, n);
  let r = rowBase;
  let col0 = 0;
  const total = (block.header ? 1 : 0) + bodyRows;
  if (block.sideLabel) {
    push({ key: `ls:${bi}`, row: r, col: 0, rowSpan: total, colSpan: 1, kind: { t: 'label', text: block.sideLabel }, editable: false, path: '' });
    col0 = 1;
  }
  if (block.header) {
    let c = col0;
    periods.forEach((_, pi) => {
      for (const column of block.columns) {
        if (column === 'level1' && pi > 0) continue;
        push({ key: `lh:${bi}:${c}`, row: r, col: c, rowSpan: 1, colSpan: spanOf(column), kind: { t: 'label', text: INDICATOR_COLUMN_LABELS[column], header: true }, editable: false, path: '' });
        c += spanOf(column);
      }
    });
    r++;
  }
  const first = r;
  if (n === 0) {
    push({ key: `empty:${bi}`, row: r, col: col0, rowSpan: 1, colSpan: template.layout.grid.length - col0, kind: { t: 'indEmpty', block: bi }, editable: true, path: `periods.${periods[0]}.indicators` });
    return { next: r + 1, info: { block: bi, periods, columns: block.columns, firstRow: first, count: 0 } };
  }
  const merge = block.merge ?? ['level1'];
  const starts = (groups: Array<[number, number]>) => new Map<number, number>(groups.map(([a, e]) => [a, e - a]));
  const l1Start = merge.includes('level1') ? starts(level1Groups(filing, periods)) : null;
  const l2Start = new Map<PeriodKey, Map<number, number>>();
  if (merge.includes('level2')) for (const p of periods) l2Start.set(p, starts(level2Groups(filing, periods, p)));
  const anchorOf = (p: PeriodKey, i: number) =>
    rowAt(filing, p, i)?.id ?? periods.map((q) => rowAt(filing, q, i)?.id).find(Boolean) ?? `#${i}`;
  for (let i = 0; i < n; i++) {
    let c = col0;
    periods.forEach((p, pi) => {
      const row = rowAt(filing, p, i);
      for (const column of block.columns) {
        if (column === 'level1' && pi > 0) continue;
        const w = spanOf(column);
        if (column === 'level1' || (column === 'level2' && merge.includes('level2'))) {
          const starts = column === 'level1' ? l1Start : (l2Start.get(p) ?? null);
          const len = starts ? starts.get(i) : 1;
          if (len !== undefined) {
            const scope = column === 'level1' ? periods : [p];
            push({
              key: `g:${column}:${column === 'level1' ? '' : p}:${anchorOf(p, i)}`,
              row: r + i,
              col: c,
              rowSpan: len,
              colSpan: w,
              kind: { t: 'grp', col: column, indexes: Array.from({ length: len }, (_, k) => i + k), periods: scope, block: bi },
              editable: true,
              path: `periods.${p}.indicators[${i}].${column}`,
            });
          }
          c += w;
          continue;
        }
        push({
          key: `i:${p}:${row ? row.id : `#${i}`}:${column}`,
          row: r + i,
          col: c,
          rowSpan: 1,
          colSpan: w,
          kind: { t: 'ind', period: p, index: i, rowId: row?.id ?? null, col: column as Exclude<IndicatorColumn, 'level1'>, block: bi },
          editable: true,
          path: `periods.${p}.indicators[${i}].${column}`,
        });
        c += w;
      }
    });
  }
  return { next: r + n, info: { block: bi, periods, columns: block.columns, firstRow: first, count: n } };
}

// ---------------------------------------------------------------------------------------
// Navigation

export type Direction = 'up' | 'down' | 'left' | 'right';

function cellAt(m: GridModel, row: number, col: number): GridCell | undefined {
  if (row < 0 || row >= m.rowCount || col < 0 || col >= m.cols) return undefined;
  const i = m.occ[row * m.cols + col] ?? -1;
  return i >= 0 ? m.cells[i] : undefined;
}

/** The editable cell next to `key` in a direction, skipping labels; null at the edge. */
export function neighbour(m: GridModel, key: string, dir: Direction): string | null {
  const i = m.byKey.get(key);
  if (i === undefined) return null;
  const cell = m.cells[i]!;
  if (dir === 'left' || dir === 'right') {
    const step = dir === 'left' ? -1 : 1;
    for (let c = dir === 'left' ? cell.col - 1 : cell.col + cell.colSpan; c >= 0 && c < m.cols; c += step) {
      const x = cellAt(m, cell.row, c) ?? cellAt(m, cell.row + cell.rowSpan - 1, c);
      if (x && x !== cell && x.editable) return x.key;
    }
    return null;
  }
  const step = dir === 'up' ? -1 : 1;
  for (let r = dir === 'up' ? cell.row - 1 : cell.row + cell.rowSpan; r >= 0 && r < m.rowCount; r += step) {
    // Prefer the cell straight above/below the cell's left edge, then anything under its span.
    for (let c = cell.col; c < cell.col + cell.colSpan; c++) {
      const x = cellAt(m, r, c);
      if (x && x !== cell && x.editable) return x.key;
    }
  }
  return null;
}

/** A 一级 / 二级 cell: a label of the indicator rows, typed once per group. */
export const isGroupLabel = (c: GridCell): boolean =>
  c.kind.t === 'grp' || (c.kind.t === 'ind' && c.kind.col === 'level2');

/**
 * Tab / Shift-Tab: the next editable cell in reading order, passing over the cells `skip`
 * names (the form: 一级 / 二级 already filled, so that Tab after a row's last cell always
 * lands on the next row's 三级, whatever group it starts; arrows and clicks still reach them).
 */
export function nextInOrder(m: GridModel, key: string, backwards: boolean, skip: (c: GridCell) => boolean = () => false): string | null {
  const k = m.order.indexOf(key);
  if (k < 0) return m.order[0] ?? null;
  const step = backwards ? -1 : 1;
  for (let i = k + step; i >= 0 && i < m.order.length; i += step) {
    const next = m.order[i]!;
    if (!skip(m.cells[m.byKey.get(next)!]!)) return next;
  }
  return null;
}

/** Enter: the cell below, else the first editable cell of the next row that has one. */
export function nextRow(m: GridModel, key: string): string | null {
  const below = neighbour(m, key, 'down');
  if (below) return below;
  const i = m.byKey.get(key);
  if (i === undefined) return null;
  const cell = m.cells[i]!;
  for (let r = cell.row + cell.rowSpan; r < m.rowCount; r++) {
    for (const ci of m.rows[r] ?? []) if (m.cells[ci]!.editable) return m.cells[ci]!.key;
  }
  return null;
}

/**
 * The cell for a finding's field path: exact, an alias, `[id=…]` resolved, `[*]` as the
 * first row, else the nearest enclosing path (`spendingPlan` → its first cell).
 */
export function cellForPath(m: GridModel, filing: ProjectFiling, path: string): string | null {
  let p = path.replace(/\[id=([^\]]+)\]/g, (_, id: string) => {
    for (const per of Object.values(filing.periods)) {
      const k = per?.indicators.findIndex((r) => r.id === id) ?? -1;
      if (k >= 0) return `[${k}]`;
    }
    return '[0]';
  });
  p = p.replace(/\[\*\]/g, '[0]');
  for (;;) {
    const exact = m.byPath.get(p);
    if (exact) return exact;
    for (const k of m.order) {
      const c = m.cells[m.byKey.get(k)!]!;
      if (c.path.startsWith(p + '.') || c.path.startsWith(p + '[')) return k;
    }
    const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
    if (cut <= 0) return null;
    p = p.slice(0, cut);
  }
}
