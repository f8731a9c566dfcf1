// Helpers of the substance rules (明确性, 适当性, 相关性, 可行性): drafts at a value, matching
// rows across tables and years, quantities and their direction, money text, bigrams.
import type { IndicatorRow, PeriodKey, ProjectFiling } from '../../model/filing.ts';
import { decimalToScaledInt, fenToDecimalText, parseIndicatorValue, type ParsedValue, type QuantityValue } from '../../indicator-value/index.ts';
import type { FindingDraft, IndicatorEntry, ProjectContext } from '../types.ts';
import { squash } from '../catalogue/duplicates.ts';

export { squash };

export const q = (s: string): string => `“${s}”`;

const wordRes = new WeakMap<readonly string[], RegExp>();
/** One expression matching any word of a RuleParams word list, built once per list (a region's config brings its own). */
export function anyWord(list: readonly string[]): RegExp {
  let re = wordRes.get(list);
  if (!re) wordRes.set(list, (re = new RegExp(list.length ? list.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|') : '(?!)')));
  return re;
}

/** A draft pointing at the 指标值 of a row. */
export function atValue(e: IndicatorEntry, message: string, fix?: FindingDraft['fix']): FindingDraft {
  return { message, field: `${e.path}.value`, period: e.period, row: e.index, ...(fix ? { fix } : {}) };
}

/** Rows are the same indicator across tables and years by 二级 + 三级 name (ids change on copy). */
export function rowKey(row: Pick<IndicatorRow, 'level2' | 'name'>): string {
  return `${squash(row.level2)}|${squash(row.name)}`;
}

/** Rows of one period of a filing by rowKey (first row of each key), built when first asked for. */
type PeriodIndex = Map<string, IndicatorRow>;
const rowIndexCache = new WeakMap<ProjectFiling, Map<string, PeriodIndex>>();

function periodIndex(f: ProjectFiling, byPeriod: Map<string, PeriodIndex>, period: string): PeriodIndex | undefined {
  let m = byPeriod.get(period);
  if (m === undefined) {
    if (!Object.prototype.hasOwnProperty.call(f.periods, period)) return undefined;
    m = new Map();
    for (const r of f.periods[period as PeriodKey]?.indicators ?? []) {
      const k = rowKey(r);
      if (!m.has(k)) m.set(k, r);
    }
    byPeriod.set(period, m);
  }
  return m;
}

/** The row of `other` matching `row` (same period first, else any period, in the filing's order). */
export function matchingRow(other: ProjectFiling, period: PeriodKey, row: IndicatorRow): IndicatorRow | undefined {
  let byPeriod = rowIndexCache.get(other);
  if (!byPeriod) rowIndexCache.set(other, (byPeriod = new Map()));
  const k = rowKey(row);
  const same = periodIndex(other, byPeriod, period)?.get(k);
  if (same) return same;
  for (const p in other.periods) {
    const r = periodIndex(other, byPeriod, p)?.get(k);
    if (r) return r;
  }
  return undefined;
}

/** A plain quantity (figure with a unit, no range, no trailing words); pass the parsed value where there is one. */
export function plainQuantity(value: string | ParsedValue): QuantityValue | null {
  const v = typeof value === 'string' ? parseIndicatorValue(value) : value;
  if (v.kind !== 'quantity' || v.upper !== undefined || v.note !== undefined || v.unit === '') return null;
  return v;
}

/** Higher is more ambitious (≥, >), lower is (≤, <), or neither (= / none). */
export function direction(v: QuantityValue): 1 | -1 | 0 {
  if (v.comparator === '≥' || v.comparator === '>') return 1;
  if (v.comparator === '≤' || v.comparator === '<') return -1;
  return 0;
}

/** `≤15.00万元` / `≤1147100元`: the budget as a cost ceiling in the template's unit. */
export function budgetCeiling(ctx: ProjectContext, fen: number): string {
  return ctx.template.amount.unit === 'wanyuan'
    ? `≤${fenToDecimalText(fen, '万元', Math.max(2, ctx.template.amount.decimals))}万元`
    : `≤${fenToDecimalText(fen, '元', fen % 100 === 0 ? 0 : 2)}元`;
}

/** `fen` × the decimal `numberText`, exact (BigInt), or null when not a plain number. */
export function fenTimes(fen: number, numberText: string): bigint | null {
  const frac = numberText.split('.')[1]?.length ?? 0;
  const scaled = decimalToScaledInt(numberText, frac);
  if (scaled === null) return null;
  return (BigInt(fen) * BigInt(scaled)) / 10n ** BigInt(frac);
}

const isCjk = (c: number): boolean => c >= 0x4e00 && c <= 0x9fff;

/** Whether `text` contains a CJK character bigram of `from` that is not in `skip` (no sets built). */
export function sharesBigram(from: string, text: string, skip: ReadonlySet<string>): boolean {
  for (let i = 0; i + 1 < from.length; i++) {
    if (!isCjk(from.charCodeAt(i)) || !isCjk(from.charCodeAt(i + 1))) continue;
    const b = from.slice(i, i + 2);
    if (!skip.has(b) && text.includes(b)) return true;
  }
  return false;
}

/** Whether `text` has a CJK bigram not in `skip`. */
export function hasKeyBigram(text: string, skip: ReadonlySet<string>): boolean {
  for (let i = 0; i + 1 < text.length; i++) {
    if (isCjk(text.charCodeAt(i)) && isCjk(text.charCodeAt(i + 1)) && !skip.has(text.slice(i, i + 2))) return true;
  }
  return false;
}
