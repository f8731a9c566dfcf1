// Structural facts of a printed form, checked on tables read back from a DOCX or an HTML
// page (both normalised to grid rows: each cell with its span and vertical-merge role).
import { expect } from 'vitest';
import { FORM_SPANS, INDICATOR_HEADERS, indicatorRowCount, level1Column, level2Column, runsOf, type SeedCase } from './helpers.ts';
import { squash } from './known-differences.ts';

export interface GridCell {
  text: string;
  gridSpan: number;
  vMerge: 'none' | 'restart' | 'continue';
}
export interface GridRow {
  cells: GridCell[];
  header: boolean;
}
export interface GridTable {
  grid: number[];
  rows: GridRow[];
}

/** Start column of each cell; fails unless every row's spans sum to the grid width. */
export function columnsOf(t: GridTable): number[][] {
  return t.rows.map((r, ri) => {
    let col = 0;
    const starts = r.cells.map((c) => {
      const s = col;
      col += c.gridSpan;
      return s;
    });
    expect(col, `row ${ri + 1} spans sum to the grid width`).toBe(t.grid.length);
    return starts;
  });
}

/** Every continued cell sits under a started (or continued) cell of the same columns; every start is continued. */
export function checkMerges(t: GridTable): void {
  const cols = columnsOf(t);
  t.rows.forEach((r, ri) => {
    r.cells.forEach((c, ci) => {
      const col = cols[ri]![ci]!;
      if (c.vMerge === 'continue') {
        expect(c.text, 'a continued cell is blank').toBe('');
        const above = ri > 0 ? t.rows[ri - 1]!.cells[cols[ri - 1]!.indexOf(col)] : undefined;
        expect(above && above.vMerge !== 'none' && above.gridSpan === c.gridSpan, `row ${ri + 1} col ${col}: continue under a merge`).toBe(true);
      }
      if (c.vMerge === 'restart') {
        const below = t.rows[ri + 1]?.cells[cols[ri + 1]?.indexOf(col) ?? -1];
        expect(below?.vMerge, `row ${ri + 1} col ${col}: restart continued below`).toBe('continue');
      }
    });
  });
}

/** The cell at a grid column of a row. */
function cellAt(t: GridTable, cols: number[][], row: number, col: number): GridCell {
  const i = cols[row]!.indexOf(col);
  expect(i, `row ${row + 1} has a cell starting at column ${col}`).toBeGreaterThanOrEqual(0);
  return t.rows[row]!.cells[i]!;
}

/** Checks that a run of rows is one vertical merge holding `text`. */
function expectMergedRun(t: GridTable, cols: number[][], from: number, len: number, col: number, text: string, what: string): void {
  const first = cellAt(t, cols, from, col);
  expect(squash(first.text), `${what}: text`).toBe(squash(text));
  expect(first.vMerge, `${what}: ${len > 1 ? 'restart' : 'single'}`).toBe(len > 1 ? 'restart' : 'none');
  for (let k = 1; k < len; k++) expect(cellAt(t, cols, from + k, col).vMerge, `${what}: row ${k + 1} continues`).toBe('continue');
  const after = t.rows[from + len] ? cellAt(t, cols, from + len, col) : undefined;
  if (after) expect(after.vMerge, `${what}: merge ends after ${len} rows`).not.toBe('continue');
}

/**
 * The form's structure: two table parts (identification; indicators with the header row
 * repeated), the spans of the identification rows, the indicator header, 一级 merged over
 * each group, 二级 merged where the form merges it, the side label merged over the block.
 */
export function checkFormStructure(c: SeedCase, tables: GridTable[]): void {
  const spec = FORM_SPANS[c.templateId];
  const ind = INDICATOR_HEADERS[c.templateId];
  expect(tables, 'identification part + indicator part').toHaveLength(2);
  for (const t of tables) {
    expect(t.grid).toHaveLength(spec.grid);
    checkMerges(t);
  }
  const [top, bottom] = tables as [GridTable, GridTable];

  // Identification part.
  expect(top.rows.map((r) => r.cells.map((x) => (x.vMerge === 'continue' ? 'v' : x.gridSpan)))).toEqual(spec.rows);
  expect(top.rows.some((r) => r.header)).toBe(false);

  // Indicator part: the header row first, repeated on each page.
  const cols = columnsOf(bottom);
  expect(bottom.rows.map((r) => r.header)).toEqual(bottom.rows.map((_, i) => i === 0));
  const head = bottom.rows[0]!.cells;
  expect(head.map((x) => x.text)).toEqual([...(ind.side ? ['绩效指标'] : []), ...ind.header]);
  expect(head.map((x) => x.gridSpan)).toEqual([...(ind.side ? [1] : []), ...ind.spans]);

  const n = indicatorRowCount(c);
  const footer = c.templateId === 'C' ? 1 : 0;
  expect(bottom.rows).toHaveLength(1 + n + footer);
  const body = 1; // first body row
  const l1col = ind.side ? 1 : 0;

  if (ind.side) {
    // 绩效指标 in the header row; the column below it one merge over all indicator rows
    // (written as a separate merge so that a repeated header row stays whole).
    expect(head[0]!.vMerge).toBe('none');
    expectMergedRun(bottom, cols, body, n, 0, '', '绩效指标 column');
  }

  // 一级: one merged cell per group of equal consecutive values.
  for (const [start, len] of runsOf(level1Column(c))) {
    expectMergedRun(bottom, cols, body + start, len, l1col, level1Column(c)[start]!, `一级 rows ${start + 1}–${start + len}`);
  }

  // 二级 of each period: merged like 一级 in the 申报表, on every row elsewhere.
  const periods = c.templateId === 'C' || c.templateId === 'D' ? 2 : 1;
  const perPeriod = ind.spans.slice(1).reduce((a, b) => a + b, 0) / periods; // grid columns after 一级, per period
  for (let p = 0; p < periods; p++) {
    const col = l1col + 1 + p * perPeriod;
    const values = level2Column(c, p);
    const runs = ind.merge2 ? runsOf(values) : values.map((_, i) => [i, 1] as [number, number]);
    for (const [start, len] of runs) expectMergedRun(bottom, cols, body + start, len, col, values[start]!, `二级 (period ${p + 1}) rows ${start + 1}–${start + len}`);
  }

  if (footer) expect(bottom.rows.at(-1)!.cells.map((x) => x.gridSpan)).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
}
