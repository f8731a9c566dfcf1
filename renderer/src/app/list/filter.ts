// Which tables of the book are shown: 查找 by name or 序号, and the summary's badges as filters.
import type { ProjectRow } from '../../../../shared/api/contract.ts';
import { foldKey } from '../../../../shared/library/records.ts';
import { matchTier } from '../../../../shared/library/search.ts';
import type { PinyinKey } from '../../../../shared/library/pinyin.ts';

/** Pinyin keys of names (loaded on the first query with Latin letters: the dictionary is large). */
export type PinyinOf = (folded: string) => PinyinKey;

/** Only the tables with …: 错误, 待说明警告, 上年结转待确认. */
export type Only = 'errors' | 'warnings' | 'carried';
const ONLY_TEST: Record<Only, (r: ProjectRow) => boolean> = {
  errors: (r) => r.errors > 0,
  warnings: (r) => r.openWarnings > 0,
  carried: (r) => r.carriedOver > 0,
};

/**
 * Rows whose name contains the query (NFKC, case and spaces folded), matches it by pinyin
 * initials or syllables (`ylbz` → 医疗保障, as the indicator library) once `pinyinOf` is
 * given, or whose 序号 it is.
 */
export function filterRows(rows: readonly ProjectRow[], query: string, only: Only | null, pinyinOf?: PinyinOf): ProjectRow[] {
  const q = foldKey(query);
  const latin = /[a-z]/.test(q);
  const nameMatches = (name: string): boolean => {
    const folded = foldKey(name);
    if (folded.includes(q)) return true;
    return latin && !!pinyinOf && matchTier(folded, pinyinOf(folded), q) >= 0;
  };
  return rows.filter((r) => (!only || ONLY_TEST[only](r)) && (!q || String(r.seq) === q || nameMatches(r.name)));
}

/** True when the 查找 text needs the pinyin keys. */
export const needsPinyin = (query: string): boolean => /[a-z]/i.test(query);

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
