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

const CJK_LO = 0x4e00;
const CJK_HI = 0x9fff;
const isCjk = (c: number): boolean => c >= CJK_LO && c <= CJK_HI;
/** A pair of CJK code units as one number (below 2^29): bigrams compared without strings. */
const pairCode = (a: number, b: number): number => (a - CJK_LO) * (CJK_HI - CJK_LO + 1) + (b - CJK_LO);
/** The code of the CJK bigram at `t[i]`, or -1 where the two are not both CJK. */
function bigramAt(t: string, i: number): number {
  const a = t.charCodeAt(i);
  const b = t.charCodeAt(i + 1);
  return isCjk(a) && isCjk(b) ? pairCode(a, b) : -1;
}

const codeSets = new WeakMap<readonly string[], ReadonlySet<number>>();
/** The CJK bigrams of a word list as numbers (other words can never equal a CJK bigram), built once per list. */
export function bigramCodes(list: readonly string[]): ReadonlySet<number> {
  let set = codeSets.get(list);
  if (!set) {
    const codes = new Set<number>();
    for (const w of list) if (w.length === 2 && isCjk(w.charCodeAt(0)) && isCjk(w.charCodeAt(1))) codes.add(pairCode(w.charCodeAt(0), w.charCodeAt(1)));
    codeSets.set(list, (set = codes));
  }
  return set;
}

/** The CJK bigrams of some texts, in an open-addressing table reused from call to call (nothing allocated per call). */
const table = { keys: new Int32Array(1024), marks: new Uint32Array(1024), bits: 10, mark: 0 };
function fillTable(texts: readonly string[]): void {
  let size = 0;
  for (const t of texts) size += t.length;
  let bits = table.bits;
  while (1 << bits < 2 * size) bits++;
  if (bits !== table.bits || table.mark === 0xffffffff) {
    table.keys = new Int32Array(1 << bits);
    table.marks = new Uint32Array(1 << bits);
    table.bits = bits;
    table.mark = 0;
  }
  const mark = ++table.mark;
  const mask = (1 << bits) - 1;
  for (const t of texts) {
    for (let i = 0; i + 1 < t.length; i++) {
      const code = bigramAt(t, i);
      if (code < 0) continue;
      let k = Math.imul(code, 0x9e3779b1) >>> (32 - bits);
      while (table.marks[k] === mark && table.keys[k] !== code) k = (k + 1) & mask;
      table.marks[k] = mark;
      table.keys[k] = code;
    }
  }
}
function inTable(code: number): boolean {
  const mask = (1 << table.bits) - 1;
  let k = Math.imul(code, 0x9e3779b1) >>> (32 - table.bits);
  while (table.marks[k] === table.mark) {
    if (table.keys[k] === code) return true;
    k = (k + 1) & mask;
  }
  return false;
}

/** Whether one of `from` has a CJK bigram, not in `skip`, that one of `texts` has too. */
export function sharesBigram(from: readonly string[], texts: readonly string[], skip: ReadonlySet<number>): boolean {
  fillTable(texts);
  for (const t of from) {
    for (let i = 0; i + 1 < t.length; i++) {
      const code = bigramAt(t, i);
      if (code >= 0 && !skip.has(code) && inTable(code)) return true;
    }
  }
  return false;
}

/** Whether one of `texts` has a CJK bigram not in `skip`. */
export function hasKeyBigram(texts: readonly string[], skip: ReadonlySet<number>): boolean {
  for (const t of texts) {
    for (let i = 0; i + 1 < t.length; i++) {
      const code = bigramAt(t, i);
      if (code >= 0 && !skip.has(code)) return true;
    }
  }
  return false;
}
