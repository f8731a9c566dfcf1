// The 指标值 grammar. Every input gets one of the ParsedValue kinds; none is "unknown".
//
//   value      := empty | notApplicable | figure | date | labelled | qualitative
//   figure     := comparator? number unit? range? suffix? note?
//   range      := ('-' | '~' | '至' | '到') number unit?
//   date       := comparator? (Y年M月D日 | Y年 | Y.M.D | YYYYMMDD[hhmmss] | M月 | M-N月) dateSuffix* note?
//   labelled   := words(≤20, no sentence punctuation) figure-or-date without note
//   comparator := ≥ ≤ > < = (any width, >=, ≧, \geq …) | 不低于 不少于 达到 不超过 低于 …
//   suffix     := 以上 | 及以上 | 以下 | 以内 | 内 | 左右
//
// Decisions:
// - a figure with a time unit (`1年`, `≤30个工作日`, `≥6月`, `≤8小时`) is a `duration`,
//   not a quantity: 时效指标 read it as a period; it shares the Measure shape (`isMeasure`);
// - `N月` with N ≤ 12 and no ≥/> is a month of the year (`4月`, `≤6月` = by June);
//   with ≥ or > it is a count of months (`≥6月` 基金静态可支付月数); `N个月` is a count;
// - `N年` is a year only with four digits in 1900–2100, else a count of years (`3年`);
//   `<digits>年<M>月` is always a date, and an impossible year makes it `valid: false`
//   (`1002025年12月31日`) rather than a figure;
// - an 8- or 14-digit run is a date only when it is a real one (`20221025`,
//   `20221025153126`); otherwise it is a number;
// - `底` / `末` / `前` / `内` / `止` / ≤ / `不晚于` / a following `完成` make a date a deadline;
// - word comparators keep their words (`comparatorText`) and map onto symbols:
//   不低于/不少于/至少/达到/以上 → ≥, 不超过/不高于/以内/以下 → ≤, 超过/高于 → >, 低于 → <;
// - money: 元 / 千元 / 万元 / 亿元 and rates starting with one (`元/人/年`, `万元/月`,
//   `perUnit: true`); a bare `万` (`≤5万/月`) is not read as money;
// - a text starting with a figure or date whose remainder is prose (sentence punctuation
//   or a numbered list `1、…`) is qualitative; otherwise the remainder is kept as `note`
//   and the value stays a figure (a comparator always commits to a figure);
// - words before a comparator (`月度整体接通率≥80%`) become a `label`.
import { memoByText } from './memo.ts';
import { moneyToFen, moneyUnitOf } from './money.ts';
import type { Comparator, DateValue, DurationValue, ParsedValue, QuantityValue, Span } from './types.ts';
import { SUFFIX_COMPARATORS, readComparator } from './comparators.ts';
import { DATE_SUFFIXES, DEADLINE_SUFFIXES, readDateCore, validateDate } from './dates.ts';
import { PROSE_PUNCT, normalisedView, skipNoise } from './lexical.ts';
import { TIME_CANON, readNumber, readUnit, type NumberHit } from './units.ts';

// ---------------------------------------------------------------------------------------
// Figures

type Figure =
  | { kind: 'quantity'; value: Omit<QuantityValue, 'raw'> }
  | { kind: 'duration'; value: Omit<DurationValue, 'raw'> }
  | { kind: 'date'; value: Omit<DateValue, 'raw'> };

interface FigureResult {
  figure: Figure;
  /** The figure was introduced by a comparator. */
  hasComparator: boolean;
  /** What follows the figure, trimmed ('' if nothing). */
  rest: string;
  /** The number is followed directly by `、` / `.` + text: a numbered list. */
  numberedList: boolean;
}

function readFigure(raw: string, n: string, start: number): FigureResult | null {
  let pos = skipNoise(n, start);
  const cmpHit = readComparator(raw, n, pos);
  if (cmpHit) pos = skipNoise(n, cmpHit.span[1]);
  const cmp = cmpHit?.comparator ?? null;
  const cmpFields = {
    comparator: cmp,
    comparatorText: cmpHit?.text ?? '',
  };

  // Dates first: `2024年…` starts with digits too.
  const dc = readDateCore(n, pos, cmp);
  if (dc) {
    const dateStart = pos;
    let end = dc.end;
    const suffixes: string[] = [];
    for (;;) {
      const p = skipNoise(n, end);
      const s = DATE_SUFFIXES.find((x) => n.startsWith(x, p));
      if (!s) break;
      suffixes.push(s);
      end = p + s.length;
    }
    const v = validateDate(dc);
    const end2 = skipNoise(n, end);
    const rest = raw.slice(end2).trim();
    // `2024年完成`: done within the year named, a deadline too.
    const deadline =
      cmp === '≤' || cmp === '<' || suffixes.some((s) => DEADLINE_SUFFIXES.has(s)) || /^完成/.test(rest);
    const value: Omit<DateValue, 'raw'> = {
      kind: 'date',
      ...(dc.year !== undefined ? { year: dc.year } : {}),
      ...(dc.month !== undefined ? { month: dc.month } : {}),
      ...(dc.day !== undefined ? { day: dc.day } : {}),
      ...(dc.toMonth !== undefined ? { toMonth: dc.toMonth } : {}),
      ...(suffixes.includes('底') || suffixes.includes('末') ? { end: true } : {}),
      ...(dc.time ? { hasTime: true } : {}),
      deadline,
      ...cmpFields,
      valid: v.valid,
      ...(v.problem !== undefined ? { problem: v.problem } : {}),
      ...(rest ? { note: rest } : {}),
      spans: { ...(cmpHit ? { comparator: cmpHit.span } : {}), date: [dateStart, end] },
    };
    // `2024年底` without month: the end of the year is December.
    if (value.month === undefined && value.end && value.year !== undefined) value.month = 12;
    return { figure: { kind: 'date', value }, hasComparator: cmpHit !== null, rest, numberedList: false };
  }

  const num = readNumber(n, pos);
  if (!num) return null;
  let end = num.span[1];
  const numberedList = /^[、.)．）]\s*\D/.test(n.slice(end)) && !/^\.\d/.test(n.slice(end));

  let unit = readUnit(n, skipNoise(n, end));
  if (unit) end = unit.span[1];

  // Range: `80-90%`, `80%-90%`, `5~10次`, `5至10次`.
  let upper: NumberHit | null = null;
  {
    const q = skipNoise(n, end);
    const sep = n[q];
    if (sep === '-' || sep === '~' || sep === '至' || sep === '到') {
      const u = readNumber(n, skipNoise(n, q + 1));
      if (u) {
        upper = u;
        end = u.span[1];
        const q2 = skipNoise(n, end);
        const unit2 = readUnit(n, q2);
        if (unit2) {
          if (!unit) unit = unit2;
          end = unit2.span[1];
        }
      }
    }
  }

  // Suffix comparator: `100%以上`, `30天内`, `5次左右`.
  let suffix: { text: string; cmp: Comparator | null; span: Span } | null = null;
  {
    const q = skipNoise(n, end);
    for (const [s, c] of SUFFIX_COMPARATORS) {
      if (n.startsWith(s, q)) {
        suffix = { text: raw.slice(q, q + s.length), cmp: c, span: [q, q + s.length] };
        end = q + s.length;
        break;
      }
    }
  }

  const afterEnd = skipNoise(n, end);
  const rest = raw.slice(afterEnd).trim();
  const unitText = unit ? raw.slice(unit.span[0], unit.span[1]) : '';
  const comparator = cmp ?? (suffix && suffix.cmp ? suffix.cmp : null);
  const comparatorText = cmpHit?.text ?? (suffix && suffix.cmp ? suffix.text : '');
  const approximate = suffix?.text === '左右' || undefined;
  const spans: QuantityValue['spans'] = {
    ...(cmpHit ? { comparator: cmpHit.span } : {}),
    number: num.span,
    ...(upper ? { upper: upper.span } : {}),
    ...(unit ? { unit: unit.span } : {}),
    ...(suffix ? { suffix: suffix.span } : {}),
  };
  const base = {
    comparator,
    comparatorText,
    number: num.value,
    numberText: num.text,
    ...(upper ? { upper: { number: upper.value, numberText: upper.text } } : {}),
    unit: unitText,
    ...(approximate ? { approximate: true } : {}),
    ...(rest ? { note: rest } : {}),
    spans,
  };

  if (unit && unit.first.category === 'time' && !unit.compound) {
    const value: Omit<DurationValue, 'raw'> = {
      kind: 'duration',
      ...base,
      timeUnit: TIME_CANON[unit.first.text] ?? '日',
    };
    return { figure: { kind: 'duration', value }, hasComparator: cmpHit !== null, rest, numberedList };
  }
  const percent = unit?.first.category === 'percent';
  const value: Omit<QuantityValue, 'raw'> = {
    kind: 'quantity',
    ...base,
    percent,
    percentWord: percent && unit?.first.text === '百分比',
  };
  if (unit && moneyUnitOf(unitText) !== null) {
    const mu = moneyUnitOf(unitText);
    const fen = moneyToFen(num.text, unitText);
    if (mu !== null && fen !== null) {
      const upperFen = upper ? moneyToFen(upper.text, unitText) : null;
      value.money = {
        fen,
        ...(upperFen !== null ? { upperFen } : {}),
        unit: mu,
        perUnit: unit.compound,
      };
    }
  }
  return { figure: { kind: 'quantity', value }, hasComparator: cmpHit !== null, rest, numberedList };
}

// ---------------------------------------------------------------------------------------

const NA_RE =
  /^(?:本项目|该项目|本指标)?(?:不适用|不涉及|无此项|无此指标|无该指标)(?:此|该|本)?(?:项|类)?(?:指标)?[。.]?$|^(?:无|\/|-+|－+|—+|_+|\\)$/;

/** Figures without a unit that are really sentences are prose, and so is a numbered list. */
function isProseRest(r: FigureResult): boolean {
  if (r.numberedList) return true;
  if (!r.rest) return false;
  if (r.hasComparator) return false; // a comparator commits to a figure
  return PROSE_PUNCT.test(r.rest) || (r.figure.kind === 'date' && r.rest.length > 12);
}

function withRaw(f: Figure, raw: string): ParsedValue {
  return { ...f.value, raw } as ParsedValue;
}

/** Read a 指标值. Total: every string gets a kind; the raw text is kept as is. */
/** Parses a 指标值 (memoised: the result is frozen and shared). */
export const parseIndicatorValue: (raw: string) => ParsedValue = memoByText(parseIndicatorValueUncached);

function parseIndicatorValueUncached(raw: string): ParsedValue {
  const trimmed = raw.trim();
  if (trimmed === '') return { kind: 'empty', raw };
  const n = normalisedView(raw);
  const compact = n.replace(/[ $]/g, '');
  if (NA_RE.test(compact) || (/不适用/.test(compact) && compact.length <= 16)) {
    return { kind: 'notApplicable', raw };
  }

  const lead = readFigure(raw, n, 0);
  if (lead && !isProseRest(lead)) return withRaw(lead.figure, raw);

  if (!lead) {
    // Labelled figure: `月度整体接通率≥80%`.
    const m = /[≥≤<>=]|\\[gl]e/.exec(n);
    if (m && m.index > 0) {
      const label = raw.slice(0, m.index).trim();
      if (label.length <= 20 && !PROSE_PUNCT.test(label)) {
        const r = readFigure(raw, n, m.index);
        if (r && !r.rest) {
          return { ...withRaw(r.figure, raw), label } as ParsedValue;
        }
      }
    }
    // A time limit after its starting event: `收到委托后5个工作日内`, `接到投诉之日起3日内`.
    const after = /^([^\d≥≤<>=]{1,20}?(?:后|起))(?=\d)/.exec(n);
    if (after && !PROSE_PUNCT.test(after[1]!)) {
      const r = readFigure(raw, n, after[1]!.length);
      if (r && !r.rest && r.figure.kind === 'duration') return { ...withRaw(r.figure, raw), label: raw.slice(0, after[1]!.length).trim() } as ParsedValue;
    }
  }
  return { kind: 'qualitative', raw, text: trimmed };
}

/** Printing is the identity on the raw text: a value prints as the user wrote it. */
export function printIndicatorValue(v: ParsedValue): string {
  return v.raw;
}

/** Quantity or duration: a figure with comparator, number and unit. */
export function isMeasure(v: ParsedValue): v is QuantityValue | DurationValue {
  return v.kind === 'quantity' || v.kind === 'duration';
}

/** Parse a stand-alone date such as a 填报日期 (`2022-10-25`, `20221025153126`). */
export function parseDateText(raw: string): DateValue | null {
  const v = parseIndicatorValue(raw);
  return v.kind === 'date' && v.note === undefined ? v : null;
}
