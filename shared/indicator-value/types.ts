// The structure read out of a 指标值 cell. The raw text is the record: every parsed
// value keeps it (`raw`) and printing a value prints `raw`, unchanged. The structure is
// what checks and comparisons read; normalisations are only ever offered as fixes.

/** Comparators, canonical forms. Word forms (不低于, 以上 …) map onto these. */
export type Comparator = '≥' | '≤' | '>' | '<' | '=';

/** Half-open range [start, end) of UTF-16 code units in `raw`. */
export type Span = readonly [start: number, end: number];

/** Money units the grammar converts to 分. */
export type { MoneyUnit } from '../model/money.ts';
import type { MoneyUnit } from '../model/money.ts';

/** Time units of a duration, canonical. */
export type TimeUnit = '年' | '季度' | '月' | '周' | '日' | '工作日' | '小时' | '分钟' | '秒';

export interface MoneyAmount {
  /** The amount in 分, exact (from the decimal text, no float arithmetic). */
  fen: number;
  /** Upper bound of a range (`80-100万元`), in 分. */
  upperFen?: number;
  unit: MoneyUnit;
  /** A rate such as `元/人/年`, `万元/月`: not comparable with a budget. */
  perUnit: boolean;
}

interface Measure {
  raw: string;
  /** Canonical comparator; `达到` and `以上` read as ≥, `以内` / `以下` as ≤. */
  comparator: Comparator | null;
  /** The comparator as written (`≥`, `>=`, `＞＝`, `不低于`, `以上`), '' when none. */
  comparatorText: string;
  /** For comparison only. Use `numberText` for exact arithmetic. */
  number: number;
  /** The number in ASCII digits without thousands separators (`280.50`, `5220000`). */
  numberText: string;
  /** A range `80%-90%` / `5~10次`: its upper end. */
  upper?: { number: number; numberText: string };
  /** The unit as written (`%`, `百分比`, `万元`, `元/人/年`, `个工作日`), '' when none. */
  unit: string;
  /** `左右` / `约`: an approximate figure. */
  approximate?: boolean;
  /** Words before the figure that name what is measured (`月度整体接通率≥80%`). */
  label?: string;
  /**
   * Text after the figure that is not part of it (`≥90系统使用人员对…情况`,
   * `3报告按照分类各一份`). The value is still read as a figure, but a checker
   * should ask for the words to move to the indicator's description.
   */
  note?: string;
  /** `comparator`: a comparator before the figure; `suffix`: 以上 / 以内 / 左右 after it. */
  spans: { comparator?: Span; number: Span; upper?: Span; unit?: Span; suffix?: Span };
}

/** A figure with a unit: `≥90%`, `≤10万元`, `≥5220000人`, `≤28000元/人/年`. */
export interface QuantityValue extends Measure {
  kind: 'quantity';
  /** Unit is `%` / `％` / `百分比`. */
  percent: boolean;
  /** The percent sign is written as the word `百分比` (a fix is offered). */
  percentWord: boolean;
  money?: MoneyAmount;
}

/**
 * A length of time: `1年`, `12个月`, `≤30个工作日`, `≤8小时`, `≥6月` (with ≥ / >, a
 * count of months). Kept apart from quantities because 时效指标 read it as a period,
 * not as an amount; it shares the Measure shape, so code that only wants "a figure"
 * can treat both alike (`isMeasure`).
 */
export interface DurationValue extends Measure {
  kind: 'duration';
  timeUnit: TimeUnit;
}

/**
 * A calendar point or deadline: `2024年12月底前`, `2024年底`, `2024年`, `2025.12.31`,
 * `2025年12月31日`, `20221025`, `≤6月`, `2024年1-12月`. `valid: false` when a part
 * is impossible (`1002025年12月31日`, `2025年2月30日`); `problem` says which.
 */
export interface DateValue {
  kind: 'date';
  raw: string;
  year?: number;
  month?: number;
  day?: number;
  /** End of a month range (`1-12月`). */
  toMonth?: number;
  /** `底` / `末`: the end of the year or month named. */
  end?: boolean;
  /** A point by which something is done: `前`, `内`, `底`, `末`, `止`, `≤`, `不晚于`. */
  deadline: boolean;
  /** The comparator as written, if any (`≤6月`). */
  comparator: Comparator | null;
  comparatorText: string;
  /** Hour/minute/second present (`20221025153126`). */
  hasTime?: boolean;
  valid: boolean;
  problem?: string;
  /** Words after the date (`2024年底前完成印刷工作` → `完成印刷工作`). */
  note?: string;
  spans: { comparator?: Span; date: Span };
}

/** Words: `有所提升`, `成效明显`, a sentence, `根据实际情况`, `据实支付`. */
export interface QualitativeValue {
  kind: 'qualitative';
  raw: string;
  /** The raw text without surrounding whitespace. */
  text: string;
}

/** `本项目不适用此指标`, `不适用`, `不涉及`, `无`, `/`, `—`. */
export interface NotApplicableValue {
  kind: 'notApplicable';
  raw: string;
}

/** Blank (only whitespace). */
export interface EmptyValue {
  kind: 'empty';
  raw: string;
}

export type ParsedValue =
  | QuantityValue
  | DurationValue
  | DateValue
  | QualitativeValue
  | NotApplicableValue
  | EmptyValue;

export type ValueKind = ParsedValue['kind'];

/** One text edit on the raw value: replace raw[start, end) (which must read `from`) by `to`. */
export interface TextEdit {
  start: number;
  end: number;
  from: string;
  to: string;
}

export type ValueFixCode =
  | 'percent-word' // 百分比 → %
  | 'comparator-symbol' // >= ＞＝ ≧ → ≥ …
  | 'full-width' // full-width digits / ％ / ．→ half-width
  | 'latex' // `$\geq 95\%$` → `≥95%`
  | 'ge-100' // ≥100% → 100%
  | 'spaces'; // stray spaces

/** A normalisation offered to the user; nothing is applied without their consent. */
export interface ValueFix {
  code: ValueFixCode;
  /** Chinese, for the user. */
  message: string;
  /** The value the fix was computed for. */
  original: string;
  /** The whole value after this fix alone. */
  replacement: string;
  /** The edits that produce `replacement` from `original` (for highlighting the change). */
  edits: TextEdit[];
}
