// Edits of a project form as data. An edit is applied to the newest stored filing when
// its save runs (so queued edits never overwrite each other), and has an exact inverse
// for undo. Indicator rows are addressed by id, not by index, so an undo still finds its
// row after rows were inserted or moved.
import type { IndicatorRow, PeriodData, PeriodKey, ProjectFiling } from '../../../shared/model/filing.ts';
import { getAt, setAt, parsePath } from '../../../shared/model/field-path.ts';
import { sameValue } from '../../../shared/model/same-value.ts';
import { newRowId } from '../../../shared/model/ids.ts';

export type IndicatorKey = keyof Omit<IndicatorRow, 'id'>;

export type Target =
  | { kind: 'path'; path: string }
  /** `rowId` null: the row does not exist yet in this period (a shorter side of a dual table). */
  | { kind: 'ind'; period: PeriodKey; rowId: string | null; index: number; col: IndicatorKey };

export interface Change {
  target: Target;
  before: unknown;
  after: unknown;
}

/** Where to put the focus after applying (or undoing) an edit. */
export interface FocusHint {
  period?: PeriodKey;
  rowId?: string;
  col?: string;
  path?: string;
}

/** A row at its index in one period; items are applied in order (ascending index). */
export interface RowItem {
  period: PeriodKey;
  index: number;
  row: IndicatorRow;
}

export type Edit =
  | { t: 'set'; changes: Change[]; focus?: FocusHint; label: string }
  | { t: 'insert'; items: RowItem[]; focus?: FocusHint; label: string }
  | { t: 'remove'; items: RowItem[]; focus?: FocusHint; label: string }
  | { t: 'move'; ids: Partial<Record<PeriodKey, string>>; from: number; to: number; focus?: FocusHint; label: string }
  /** Several edits as one step (a paste): applied in order, undone in reverse. */
  | { t: 'batch'; edits: Edit[]; focus?: FocusHint; label: string };

export function emptyRow(level1 = '', level2 = ''): IndicatorRow {
  return { id: newRowId(), level1, level2, name: '', description: '', value: '', basis: '', standard: '' };
}

function emptyPeriod(): PeriodData {
  return {
    funding: { total: null, fiscal: null, central: null, provincial: null, local: null, selfRaised: null, other: null },
    goal: '',
    rangeLabel: '',
    indicators: [],
  };
}

function withRows(f: ProjectFiling, p: PeriodKey, rows: IndicatorRow[]): ProjectFiling {
  const per = f.periods[p] ?? emptyPeriod();
  return { ...f, periods: { ...f.periods, [p]: { ...per, indicators: rows } } };
}

function rowsOf(f: ProjectFiling, p: PeriodKey): IndicatorRow[] {
  return f.periods[p]?.indicators ?? [];
}

function writeTarget(f: ProjectFiling, t: Target, value: unknown): ProjectFiling {
  if (t.kind === 'path') {
    if (sameValue(getAt(f, t.path), value)) return f;
    // A period the filing does not have yet is created whole, so it stays valid.
    const segs = parsePath(t.path);
    if (segs[0] === 'periods' && typeof segs[1] === 'string' && !f.periods[segs[1] as PeriodKey]) {
      f = { ...f, periods: { ...f.periods, [segs[1]]: emptyPeriod() } };
    }
    return setAt(f, t.path, value);
  }
  let rows = rowsOf(f, t.period);
  let k = t.rowId ? rows.findIndex((r) => r.id === t.rowId) : t.index;
  if (t.rowId && k < 0) return f; // the row is gone: nothing to change
  if (k >= rows.length) {
    if (value === '' || value === null) return f;
    rows = rows.slice();
    while (rows.length <= k) rows.push(emptyRow());
  }
  const row = rows[k]!;
  if (sameValue(row[t.col], value)) return f;
  const copy = rows.slice();
  copy[k] = { ...row, [t.col]: value };
  return withRows(f, t.period, copy);
}

function insertItems(f: ProjectFiling, items: readonly RowItem[]): ProjectFiling {
  for (const v of [...items].sort((a, b) => a.index - b.index)) {
    const rows = rowsOf(f, v.period).slice();
    if (rows.some((r) => r.id === v.row.id)) continue;
    rows.splice(Math.min(v.index, rows.length), 0, v.row);
    f = withRows(f, v.period, rows);
  }
  return f;
}

function removeItems(f: ProjectFiling, items: readonly RowItem[]): ProjectFiling {
  for (const v of items) {
    const rows = rowsOf(f, v.period);
    const k = rows.findIndex((r) => r.id === v.row.id);
    if (k < 0) continue;
    f = withRows(f, v.period, [...rows.slice(0, k), ...rows.slice(k + 1)]);
  }
  return f;
}

function moveIds(f: ProjectFiling, ids: Partial<Record<PeriodKey, string>>, to: number): ProjectFiling {
  for (const [p, id] of Object.entries(ids) as Array<[PeriodKey, string]>) {
    const rows = rowsOf(f, p).slice();
    const k = rows.findIndex((r) => r.id === id);
    if (k < 0 || k === to) continue;
    const [row] = rows.splice(k, 1);
    rows.splice(Math.min(to, rows.length), 0, row!);
    f = withRows(f, p, rows);
  }
  return f;
}

/** Applies an edit (or its inverse); returns the same object when nothing changes. */
export function applyEdit(f: ProjectFiling, e: Edit, undo = false): ProjectFiling {
  switch (e.t) {
    case 'set': {
      let out = f;
      const list = undo ? [...e.changes].reverse() : e.changes;
      for (const c of list) out = writeTarget(out, c.target, undo ? c.before : c.after);
      return out;
    }
    case 'insert':
      return undo ? removeItems(f, e.items) : insertItems(f, e.items);
    case 'remove':
      return undo ? insertItems(f, e.items) : removeItems(f, e.items);
    case 'move':
      return moveIds(f, e.ids, undo ? e.from : e.to);
    case 'batch': {
      let out = f;
      const list = undo ? [...e.edits].reverse() : e.edits;
      for (const x of list) out = applyEdit(out, x, undo);
      return out;
    }
  }
}

