// Which tables of the book are shown: 查找 by name or 序号, and the summary's badges as filters.
import type { ProjectRow } from '../../../../shared/api/contract.ts';
import { foldKey } from '../../../../shared/library/records.ts';

/** Only the tables with …: 错误, 待说明警告, 上年结转待确认. */
export type Only = 'errors' | 'warnings' | 'carried';
const ONLY_TEST: Record<Only, (r: ProjectRow) => boolean> = {
  errors: (r) => r.errors > 0,
  warnings: (r) => r.openWarnings > 0,
  carried: (r) => r.carriedOver > 0,
};

/** Rows whose name contains the query (NFKC, case and spaces folded) or whose 序号 it is. */
export function filterRows(rows: readonly ProjectRow[], query: string, only: Only | null): ProjectRow[] {
  const q = foldKey(query);
  return rows.filter((r) => (!only || ONLY_TEST[only](r)) && (!q || String(r.seq) === q || foldKey(r.name).includes(q)));
}

export interface BookCounts {
  errors: number;
  warnings: number;
  carried: number;
}

/** The summary line's totals over the whole book. */
export function countFindings(rows: readonly ProjectRow[]): BookCounts {
  const c = { errors: 0, warnings: 0, carried: 0 };
  for (const r of rows) {
    c.errors += r.errors;
    c.warnings += r.openWarnings;
    c.carried += r.carriedOver;
  }
  return c;
}
