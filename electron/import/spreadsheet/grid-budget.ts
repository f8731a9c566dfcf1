// The plain sheet and the cell budget of a parsed sheet, shared by the xlsx worker (which refuses over-budget
// files before returning anything) and its caller (which checks the returned data again).
// No side effects: the worker bundles this file.

export type Merge = [number, number, number, number];

export type CellValue = string | number | boolean | null;
/** A sheet as the xlsx worker reads it: plain values, merges clipped to the grid. */
export interface PlainSheet {
  name: string;
  hidden: number;
  rows: CellValue[][];
  merges: Merge[];
  /** Cells holding a formula (read by their saved value): the count and the first few names; those without a saved value (read as blank), counted and named. */
  formulas?: { count: number; cells: string[]; noValue: number; noValueCells?: string[] };
}

/**
 * Merges cut to the sheet's effective width (the widest row of values, or where a merge
 * starts) and its rows: a merge A1:XFD1 covers 16,384 columns of nothing. Inverted ones go.
 */
export function clipMerges(rows: readonly unknown[][], merges: readonly Merge[]): Merge[] {
  let width = 0;
  for (const r of rows) width = Math.max(width, r.length);
  for (const m of merges) if (m[0] < rows.length) width = Math.max(width, m[1] + 1);
  const out: Merge[] = [];
  for (const [r1, c1, r2, c2] of merges) {
    if (r2 < r1 || c2 < c1 || r1 >= rows.length || c1 >= width) continue;
    out.push([r1, c1, Math.min(r2, rows.length - 1), Math.min(c2, width - 1)]);
  }
  return out;
}

/** Cells a grid of these rows and merges takes: rows × effective width plus every merge's area. */
export function gridCells(rows: readonly unknown[][], merges: readonly Merge[]): number {
  let width = 0;
  for (const r of rows) width = Math.max(width, r.length);
  for (const m of merges) width = Math.max(width, m[3] + 1);
  let n = rows.length * width;
  for (const [r1, c1, r2, c2] of merges) n += (r2 - r1 + 1) * (c2 - c1 + 1);
  return n;
}
