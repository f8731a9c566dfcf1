// Provenance of a recognised filing, for the preview side by side (types in
// shared/api/import-preview.ts): per value the source cells it was read from, the label
// cells, and what was not read, marked in place. A cell is [row, col]: the row within the
// filing's source rows (each knows its table and row in the document or sheet), the grid
// column as the reader gave it.
import type { CellAt, SourceCell, SourceRow, TraceData } from '../../../shared/api/import-preview.ts';

export type { CellAt, FilingSource } from '../../../shared/api/import-preview.ts';

/** Collects the trace while a filing is read. */
export class SourceTrace {
  private readonly values = new Map<string, CellAt[]>();
  private readonly labels: CellAt[] = [];
  private readonly marks: TraceData['marks'] = [];

  value(field: string, cells: readonly CellAt[]): void {
    this.values.set(field, [...cells]);
  }

  label(cell: CellAt): void {
    this.labels.push(cell);
  }

  mark(cells: readonly CellAt[], note: string): void {
    if (cells.length) this.marks.push({ cells: [...cells], note });
  }

  data(): TraceData {
    return { values: [...this.values].map(([field, cells]) => ({ field, cells })), labels: this.labels, marks: this.marks };
  }
}

const MAX_CELL_TEXT = 2000;

/** Source rows from grid rows and their origins (long texts shortened: the preview shows them, the filing keeps them whole). */
export function sourceRows(rows: ReadonlyArray<readonly SourceCell[]>, origins: ReadonlyArray<{ table: number; row: number }>): SourceRow[] {
  return rows.map((cells, i) => ({
    ...origins[i]!,
    cells: cells.map((c) => ({ text: c.text.length > MAX_CELL_TEXT ? `${c.text.slice(0, MAX_CELL_TEXT)}…` : c.text, col: c.col, span: c.span, cont: c.cont })),
  }));
}
