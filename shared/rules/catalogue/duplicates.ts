// Repeated indicator rows and names.
import type { IndicatorEntry, ProjectContext, ProjectRule } from '../types.ts';
import { q } from './helpers.ts';

/** Whether `c` is a code unit `\s` matches (ECMAScript WhiteSpace and LineTerminator). */
const isSpace = (c: number): boolean =>
  c <= 32
    ? c === 32 || (c >= 9 && c <= 13)
    : c >= 0xa0 && (c === 0x3000 || c === 0xfeff || (c < 0x3000 && (c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f)));

/** Whether `s` has whitespace: a loop, cheaper than a regular expression on the short texts of a form. */
function hasSpace(s: string): boolean {
  if (s.length > 64) return /\s/.test(s);
  for (let i = 0; i < s.length; i++) if (isSpace(s.charCodeAt(i))) return true;
  return false;
}

/** Without whitespace (the common text has none: returned as it is, nothing allocated). */
export const squash = (s: string): string => (hasSpace(s) ? s.replace(/\s+/g, '') : s);

/**
 * Duplicates within one period's table. The same 三级 name with the same 指标值 twice is
 * one target stated twice: an error, fixed by deleting the later row. This holds across
 * 二级 too: seed 002 table 51 has “工作完成率 ≥100%” under 数量指标 and again under
 * 质量指标 (the row was copied and only the 二级 changed). The same name with different
 * values is two targets under one name: a warning (it may be meant, e.g. two stages; the
 * user renames, merges or explains).
 */
type Duplicates = { exact: Array<[IndicatorEntry, IndicatorEntry]>; named: Array<[IndicatorEntry, IndicatorEntry]> };
/** Pairs of repeated 三级 (two rules read it; computed once per check). */
const duplicates = (ctx: ProjectContext): Duplicates => ctx.memo('duplicates', () => findDuplicates(ctx));

// A table has a few dozen rows: comparing with the rows before is cheaper than hashing a
// key string per row. The first row of each distinct (name, value) and of each name, in
// arrays reused from table to table (filled up to a count; emptied after each call):
const seenName: string[] = [];
const seenValue: string[] = [];
const seen: Array<IndicatorEntry | undefined> = [];
const firstName: string[] = [];
const firstNamed: Array<IndicatorEntry | undefined> = [];

function findDuplicates(ctx: ProjectContext): Duplicates {
  const exact: Array<[IndicatorEntry, IndicatorEntry]> = [];
  const named: Array<[IndicatorEntry, IndicatorEntry]> = [];
  let most = 0;
  for (const p of ctx.periods) {
    let nSeen = 0;
    let nFirst = 0;
    for (const e of ctx.indicators(p)) {
      if (e.row.name.trim() === '') continue;
      const kName = squash(e.row.name);
      const kValue = squash(e.row.value);
      let i = 0;
      while (i < nSeen && (seenName[i] !== kName || seenValue[i] !== kValue)) i++;
      if (i < nSeen) {
        exact.push([seen[i]!, e]);
        continue;
      }
      seenName[nSeen] = kName;
      seenValue[nSeen] = kValue;
      seen[nSeen++] = e;
      let j = 0;
      while (j < nFirst && firstName[j] !== kName) j++;
      if (j < nFirst) named.push([firstNamed[j]!, e]);
      else {
        firstName[nFirst] = kName;
        firstNamed[nFirst++] = e;
      }
    }
    most = Math.max(most, nSeen);
  }
  for (let i = 0; i < most; i++) seen[i] = firstNamed[i] = undefined; // no entry kept alive by the scratch arrays
  return { exact, named };
}

const where2 = (e: IndicatorEntry): string => `${e.row.level2.trim() || '（二级指标空）'}`;

export const duplicateRow: ProjectRule = {
  code: 'R-IND-DUP',
  severity: 'error',
  scope: 'project',
  title: '同一张表内没有重复的三级指标',
  description: '三级指标名称和指标值都相同的行只能出现一次（即使二级指标不同）。',
  check(ctx) {
    return duplicates(ctx).exact.map(([first, dup]) => {
      const rows = ctx.filing.periods[dup.period]?.indicators ?? [];
      const same2 = squash(first.row.level2) === squash(dup.row.level2);
      return {
        message:
          `${ctx.at(dup)}（第 ${dup.index + 1} 行）与第 ${first.index + 1} 行` +
          (same2 ? '' : `（${where2(first)}）`) +
          `的三级指标和指标值 ${q(dup.row.value)} 相同，是重复行`,
        field: dup.path,
        period: dup.period,
        row: dup.index,
        fix: {
          description: `删除重复的第 ${dup.index + 1} 行`,
          patch: {
            path: `periods.${dup.period}.indicators`,
            value: rows.filter((_, i) => i !== dup.index),
            expect: rows,
          },
        },
      };
    });
  },
};

export const duplicateName: ProjectRule = {
  code: 'R-IND-DUP-NAME',
  severity: 'warning',
  scope: 'project',
  title: '同一张表内三级指标名称不重复',
  check(ctx) {
    return duplicates(ctx).named.map(([first, dup]) => ({
      message: `${ctx.at(dup)}（第 ${dup.index + 1} 行）与第 ${first.index + 1} 行（${where2(first)}）名称相同但指标值不同（${q(first.row.value)} / ${q(dup.row.value)}），请合并或改名`,
      field: `${dup.path}.name`,
      period: dup.period,
      row: dup.index,
    }));
  },
};
