// Reads an 实际完成值 against its 指标值 with the value grammar: the comparable pair of
// exact numbers, or why there is none (missing, not comparable, unit mismatch + fix).
import { isMeasure, parseIndicatorValue } from '../indicator-value/parse.ts';
import { moneyToFen } from '../indicator-value/money.ts';
import { fenToDecimalText, type MoneyUnit } from '../model/money.ts';
import type { Comparator, DateValue, DurationValue, ParsedValue, QuantityValue } from '../indicator-value/types.ts';
import { aligned, decimalOf, type Decimal } from './exact.ts';

export type Measure = QuantityValue | DurationValue;

export interface ActualFix {
  /** Chinese, on the button. */
  description: string;
  replacement: string;
}

export type ActualProblem =
  | { code: 'missing'; message: string }
  | { code: 'not-comparable'; message: string }
  | { code: 'unit-mismatch'; message: string; fix: ActualFix };

export interface MeasurePair {
  comparator: Comparator | null;
  target: Decimal;
  /** Upper end of a range target (`80%-90%`). */
  upper?: Decimal;
  actual: Decimal;
  /** Unit printed in explanations. */
  unit: string;
}

/** The unit as compared: `%` for every percent spelling, the money unit, the time unit; a leading 个 dropped. */
function unitKey(v: Measure): string {
  if (v.kind === 'duration') return v.timeUnit;
  if (v.percent) return '%';
  return v.unit.trim().replace(/^个(?=.)/, '');
}

const shownUnit = (v: Measure): string => (v.kind === 'quantity' && v.percent ? '%' : v.unit.trim());

const MONEY_HEAD = /^(亿元|万元|千元|元|亿|万|千)(.*)$/;
/**
 * Two units that are money (or a money rate, `万元/月`) with the same rest, each as its money
 * unit: a bare 万 / 千 / 亿 (`5万/月`) is 万元 … where the other says 元 and the rest is empty
 * or a rate (`/月`, `每…`), never `万人` against `人`.
 */
function moneyPair(targetUnit: string, actualUnit: string): { tm: MoneyUnit; am: MoneyUnit } | null {
  const t = MONEY_HEAD.exec(targetUnit.trim());
  const a = MONEY_HEAD.exec(actualUnit.trim());
  if (!t || !a || t[2] !== a[2]) return null;
  const named = (h: string) => h.endsWith('元');
  if (!named(t[1]!) && !named(a[1]!)) return null;
  if ((!named(t[1]!) || !named(a[1]!)) && t[2] !== '' && !/^[/／每]/.test(t[2]!)) return null;
  const full = (h: string) => (named(h) ? h : `${h}元`) as MoneyUnit;
  return { tm: full(t[1]!), am: full(a[1]!) };
}

/** Pairs a measured target with the actual text; `what` names the column (`实际完成值`). */
export function pairMeasure(target: Measure, actualText: string, what = '实际完成值'): MeasurePair | ActualProblem {
  const actual: ParsedValue = parseIndicatorValue(actualText);
  if (actual.kind === 'empty') return { code: 'missing', message: `${what}未填写` };
  if (!isMeasure(actual)) {
    return { code: 'not-comparable', message: `${what}“${actualText.trim()}”不是数值，无法与指标值“${target.raw.trim()}”比较` };
  }
  const t = decimalOf(target.numberText);
  const a = decimalOf(actual.numberText);
  if (!t || !a) return { code: 'not-comparable', message: `${what}“${actualText.trim()}”或指标值的数字无法读取` };
  const tu = unitKey(target);
  const au = unitKey(actual);
  const money = target.kind === 'quantity' && actual.kind === 'quantity' && !target.percent && !actual.percent ? moneyPair(target.unit, actual.unit) : null;
  if (au !== '' && tu !== au && !(money && money.tm === money.am)) {
    let fix: ActualFix;
    const fen = money ? moneyToFen(actual.numberText, money.am) : null;
    if (money && fen !== null) {
      const replacement = `${fenToDecimalText(fen, money.tm)}${target.unit.trim()}`;
      fix = { description: `换算为“${replacement}”`, replacement };
    } else {
      const replacement = `${actual.numberText}${shownUnit(target)}`;
      fix = { description: `单位改为“${shownUnit(target)}”（数值不变）：“${replacement}”`, replacement };
    }
    return {
      code: 'unit-mismatch',
      message: `${what}“${actualText.trim()}”的单位“${shownUnit(actual)}”与指标值“${target.raw.trim()}”的单位“${shownUnit(target)}”不一致`,
      fix,
    };
  }
  const upperText = target.upper?.numberText;
  const upper = upperText === undefined ? undefined : decimalOf(upperText) ?? undefined;
  return { comparator: target.comparator, target: t, ...(upper ? { upper } : {}), actual: a, unit: shownUnit(target) };
}

export const isProblem = (x: MeasurePair | ActualProblem): x is ActualProblem => 'code' in x;

/** Whether the actual satisfies the target (`=` or none: within the tolerance, in %). */
export function meets(p: MeasurePair, tolerancePercent: number): boolean {
  const [a, t] = aligned(p.actual, p.target);
  if (p.upper) {
    const [a2, u] = aligned(p.actual, p.upper);
    return a >= t && a2 <= u;
  }
  switch (p.comparator) {
    // A written `>` / `<` is read as `≥` / `≤`: reaching the figure is meeting the target.
    case '≥':
    case '>':
      return a >= t;
    case '≤':
    case '<':
      return a <= t;
    default:
      return absDiff(a, t) * 100n <= BigInt(tolerancePercent) * t;
  }
}

export const absDiff = (a: bigint, b: bigint): bigint => (a > b ? a - b : b - a);

/** Deviation from the target in % is above `percent` (|a − t| > percent% of t; any actual ≠ 0 when t is 0). */
export function deviatesBeyond(p: MeasurePair, percent: number): boolean {
  const [a, t] = aligned(p.actual, p.target);
  if (t === 0n) return a !== 0n;
  return absDiff(a, t) * 100n > BigInt(percent) * t;
}

const lastDay = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** A date as yyyymmdd at the end of the period it names (`2025年11月` → 20251130). */
export function dateOrdinal(d: DateValue, fallbackYear: number): number | null {
  if (!d.valid) return null;
  const y = d.year ?? fallbackYear;
  const m = d.toMonth ?? d.month ?? 12;
  const day = d.day ?? lastDay(y, m);
  return y * 10000 + m * 100 + day;
}
