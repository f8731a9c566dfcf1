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
import type {
  Comparator,
  DateValue,
  DurationValue,
  ParsedValue,
  QuantityValue,
  Span,
  TimeUnit,
} from './types.ts';

// ---------------------------------------------------------------------------------------
// A normalised view of the raw text of the same length (every mapping is one UTF-16 unit
// to one), so that positions found in the view are positions in the raw text.

const WIDTH_MAP: Record<string, string> = {
  '\u3000': ' ',
  '\u00a0': ' ',
  '\t': ' ',
  '\r': ' ',
  '\n': ' ',
  '．': '.',
  '，': ',',
  '％': '%',
  '﹪': '%',
  '＞': '>',
  '＜': '<',
  '＝': '=',
  '／': '/',
  '～': '~',
  '－': '-',
  '—': '-',
  '–': '-',
  '≧': '≥',
  '⩾': '≥',
  '≦': '≤',
  '⩽': '≤',
  '＄': '$',
  '＼': '\\',
  '（': '(',
  '）': ')',
};

export function normalisedView(raw: string): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i] as string;
    const code = ch.charCodeAt(0);
    if (code >= 0xff10 && code <= 0xff19) out += String.fromCharCode(code - 0xff10 + 48);
    else out += WIDTH_MAP[ch] ?? ch;
  }
  return out;
}

const isNoise = (ch: string | undefined): boolean => ch === ' ' || ch === '$';

function skipNoise(n: string, pos: number): number {
  while (pos < n.length && isNoise(n[pos])) pos++;
  return pos;
}

const isCjk = (ch: string | undefined): boolean =>
  ch !== undefined && /[\u3400-\u9fff\uf900-\ufaff]/.test(ch);

/** Sentence punctuation: text that has it is prose, not a figure with a unit. */
const PROSE_PUNCT = /[，。；;！!？?、：:]|,(?!\d{3})/;

// ---------------------------------------------------------------------------------------
// Comparators

const SYMBOL_COMPARATORS: Array<[string, Comparator]> = [
  ['\\geqslant', '≥'],
  ['\\leqslant', '≤'],
  ['\\geq', '≥'],
  ['\\leq', '≤'],
  ['\\ge', '≥'],
  ['\\le', '≤'],
  ['\\gt', '>'],
  ['\\lt', '<'],
  ['≥=', '≥'],
  ['≤=', '≤'],
  ['>=', '≥'],
  ['=>', '≥'],
  ['<=', '≤'],
  ['=<', '≤'],
  ['≥', '≥'],
  ['≤', '≤'],
  ['>', '>'],
  ['<', '<'],
  ['=', '='],
];

const WORD_COMPARATORS: Array<[string, Comparator]> = [
  ['大于或等于', '≥'],
  ['小于或等于', '≤'],
  ['大于等于', '≥'],
  ['小于等于', '≤'],
  ['不低于', '≥'],
  ['不少于', '≥'],
  ['不小于', '≥'],
  ['不短于', '≥'],
  ['不高于', '≤'],
  ['不超过', '≤'],
  ['不多于', '≤'],
  ['不大于', '≤'],
  ['不长于', '≤'],
  ['不晚于', '≤'],
  ['控制在', '≤'],
  ['至少', '≥'],
  ['至多', '≤'],
  ['最多', '≤'],
  ['最少', '≥'],
  ['达到', '≥'],
  ['超过', '>'],
  ['高于', '>'],
  ['大于', '>'],
  ['多于', '>'],
  ['低于', '<'],
  ['小于', '<'],
  ['少于', '<'],
  ['等于', '='],
  ['截止', '≤'],
  ['截至', '≤'],
];

interface ComparatorHit {
  comparator: Comparator;
  text: string;
  span: Span;
  word: boolean;
}

function readComparator(raw: string, n: string, pos: number): ComparatorHit | null {
  for (const [t, c] of SYMBOL_COMPARATORS) {
    if (n.startsWith(t, pos)) {
      // `\ge` must not be the start of another LaTeX word
      if (t.startsWith('\\') && /[a-z]/i.test(n[pos + t.length] ?? '')) continue;
      return { comparator: c, text: raw.slice(pos, pos + t.length), span: [pos, pos + t.length], word: false };
    }
  }
  for (const [t, c] of WORD_COMPARATORS) {
    if (n.startsWith(t, pos)) {
      return { comparator: c, text: raw.slice(pos, pos + t.length), span: [pos, pos + t.length], word: true };
    }
  }
  return null;
}

const SUFFIX_COMPARATORS: Array<[string, Comparator | null]> = [
  ['及以上', '≥'],
  ['及以下', '≤'],
  ['以上', '≥'],
  ['以下', '≤'],
  ['以内', '≤'],
  ['之内', '≤'],
  ['左右', null],
  ['内', '≤'],
];

// ---------------------------------------------------------------------------------------
// Numbers and units

interface NumberHit {
  text: string; // ASCII, no separators
  value: number;
  span: Span;
}

const NUMBER_RE = /(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?/y;

function readNumber(n: string, pos: number): NumberHit | null {
  NUMBER_RE.lastIndex = pos;
  const m = NUMBER_RE.exec(n);
  if (!m) return null;
  const text = m[0].replace(/,/g, '');
  return { text, value: Number(text), span: [pos, pos + m[0].length] };
}

type UnitCategory = 'percent' | 'money' | 'time' | 'count';

/** Unit words, longest first within the scan (the list is sorted at load). */
const UNIT_LEXICON: Array<[string, UnitCategory]> = (
  [
    ['\\%', 'percent'],
    ['%', 'percent'],
    ['百分比', 'percent'],
    ['亿元', 'money'],
    ['万元', 'money'],
    ['千元', 'money'],
    ['元', 'money'],
    ['个工作日', 'time'],
    ['工作日', 'time'],
    ['个自然日', 'time'],
    ['自然日', 'time'],
    ['个小时', 'time'],
    ['小时', 'time'],
    ['分钟', 'time'],
    ['个季度', 'time'],
    ['季度', 'time'],
    ['个月', 'time'],
    ['年', 'time'],
    ['月', 'time'],
    ['周', 'time'],
    ['天', 'time'],
    ['日', 'time'],
    ['秒', 'time'],
  ] as Array<[string, UnitCategory]>
)
  .concat(
    [
      '个百分点', '百分点', '万人次', '人次', '万人', '千人', '人', '家次', '家', '次', '个', '项',
      '套', '份', '万份', '台', '组', '万件', '件', '条', '万条', '张', '篇', '场', '期', '户',
      '批', '所', '名', '本', '册', '万册', '平方米', '平米', '㎡', 'm²', '米', '公里', '千米',
      '吨', '辆', '宗', '起', '例', '单', '笔', '部', '间', '座', '处', '款', '种', '类', '轮',
      '课时', '学时', '人日', '床', '岗', '节', '门', '倍', '分', '万', '亿', '页', '块', '支',
      '盒', '箱', '位', '栋', '层', '亩', '公顷', '千瓦', 'GB', 'TB', 'M', 'G',
    ].map((u): [string, UnitCategory] => [u, 'count']),
  )
  .sort((a, b) => b[0].length - a[0].length);

function readUnitCore(n: string, pos: number): { text: string; category: UnitCategory } | null {
  for (const [u, cat] of UNIT_LEXICON) if (n.startsWith(u, pos)) return { text: u, category: cat };
  return null;
}

const TIME_CANON: Record<string, TimeUnit> = {
  个工作日: '工作日',
  工作日: '工作日',
  个自然日: '日',
  自然日: '日',
  个小时: '小时',
  小时: '小时',
  分钟: '分钟',
  个季度: '季度',
  季度: '季度',
  个月: '月',
  月: '月',
  年: '年',
  周: '周',
  天: '日',
  日: '日',
  秒: '秒',
};

interface UnitHit {
  span: Span;
  first: { text: string; category: UnitCategory };
  compound: boolean;
}

/** A character that may follow a unit: end, noise, a separator, punctuation. */
function unitBoundaryOk(n: string, pos: number): boolean {
  const ch = n[pos];
  if (ch === undefined || isNoise(ch)) return true;
  if (/[-~/()（）,.;:，。；：、!?！？]/.test(ch)) return true;
  if (ch === '至' || ch === '到') return /\d/.test(n[skipNoise(n, pos + 1)] ?? '');
  for (const [s] of SUFFIX_COMPARATORS) if (n.startsWith(s, pos)) return true;
  return !isCjk(ch) && !/[A-Za-z0-9]/.test(ch);
}

/**
 * The unit after a number: a lexicon word, or 1–3 unknown CJK characters standing at
 * the end, then `/X`, `.X`, `每X` parts (`元/人/年`, `元/人.年`, `万/月`).
 */
function readUnit(n: string, pos: number): UnitHit | null {
  let first = readUnitCore(n, pos);
  let end: number;
  if (first) {
    end = pos + first.text.length;
  } else {
    // Unknown word unit: a short run of CJK characters followed by a boundary.
    let e = pos;
    while (e < n.length && e - pos < 3 && isCjk(n[e])) e++;
    if (e === pos || !unitBoundaryOk(n, e) || /^(以上|以下|以内|之内|左右|内)/.test(n.slice(pos))) return null;
    first = { text: n.slice(pos, e), category: 'count' };
    end = e;
  }
  let compound = false;
  for (;;) {
    const sep = n[end];
    const isSep = sep === '/' || sep === '每' || sep === '·' || (sep === '.' && isCjk(n[end + 1]));
    if (!isSep) break;
    const core = readUnitCore(n, end + 1);
    if (core) {
      end = end + 1 + core.text.length;
      compound = true;
      continue;
    }
    let e = end + 1;
    while (e < n.length && e - (end + 1) < 2 && isCjk(n[e])) e++;
    if (e === end + 1) break;
    end = e;
    compound = true;
  }
  // A word unit must end at a boundary (`≥0.8月度…` is not “0.8 月”); a sign such as `%`
  // needs none (`100%完成`).
  if (isCjk(n[end - 1]) && !unitBoundaryOk(n, end)) return null;
  return { span: [pos, end], first, compound };
}

// ---------------------------------------------------------------------------------------
// Dates

const DATE_SUFFIXES = ['之前', '以前', '以内', '之内', '为止', '中旬', '上旬', '下旬', '度', '底', '末', '初', '前', '内', '止'];
const DEADLINE_SUFFIXES = new Set(['之前', '以前', '以内', '之内', '为止', '底', '末', '前', '内', '止']);

function daysInMonth(y: number, m: number): number {
  return [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] ?? 0;
}

interface DateCore {
  end: number;
  year?: number;
  yearText?: string;
  month?: number;
  toMonth?: number;
  day?: number;
  time?: [number, number, number];
}

const RE_YMD_CN = /(\d+) *年 *(?:(\d{1,2}) *[-~至到] *)?(\d{1,2}) *月(?: *(\d{1,2}) *[日号])?/y;
const RE_Y_CN = /(\d{4}) *年(?! *\d)/y;
const RE_YMD_SEP = /(\d{4}) *([./-]) *(\d{1,2}) *\2 *(\d{1,2})(?![\d.])/y;
const RE_COMPACT = /(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2}))?(?!\d)/y;
const RE_MONTH_RANGE = /(\d{1,2}) *[-~至到] *(\d{1,2}) *月(?!度)/y;
const RE_MONTH = /(\d{1,2}) *月(?!度)(?: *(\d{1,2}) *[日号])?/y;

function exec(re: RegExp, n: string, pos: number): RegExpExecArray | null {
  re.lastIndex = pos;
  return re.exec(n);
}

function plausibleYear(y: number): boolean {
  return y >= 1900 && y <= 2100;
}

function readDateCore(n: string, pos: number, cmp: Comparator | null): DateCore | null {
  let m = exec(RE_YMD_CN, n, pos);
  if (m) {
    return {
      end: pos + m[0].length,
      year: Number(m[1]),
      yearText: m[1],
      month: Number(m[2] ?? m[3]),
      ...(m[2] !== undefined ? { toMonth: Number(m[3]) } : {}),
      ...(m[4] !== undefined ? { day: Number(m[4]) } : {}),
    };
  }
  m = exec(RE_Y_CN, n, pos);
  if (m && plausibleYear(Number(m[1]))) {
    return { end: pos + m[0].length, year: Number(m[1]), yearText: m[1] };
  }
  m = exec(RE_YMD_SEP, n, pos);
  if (m) {
    return { end: pos + m[0].length, year: Number(m[1]), yearText: m[1], month: Number(m[3]), day: Number(m[4]) };
  }
  m = exec(RE_COMPACT, n, pos);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    const d = Number(m[3]);
    const time: [number, number, number] | undefined =
      m[4] !== undefined ? [Number(m[4]), Number(m[5]), Number(m[6])] : undefined;
    const timeOk = !time || (time[0] < 24 && time[1] < 60 && time[2] < 60);
    // Only a clear date: a plausible year, a real month and day.
    if (plausibleYear(y) && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo) && timeOk) {
      return { end: pos + m[0].length, year: y, yearText: m[1], month: mo, day: d, ...(time ? { time } : {}) };
    }
  }
  m = exec(RE_MONTH_RANGE, n, pos);
  if (m && Number(m[1]) >= 1 && Number(m[2]) <= 12 && Number(m[1]) < Number(m[2])) {
    return { end: pos + m[0].length, month: Number(m[1]), toMonth: Number(m[2]) };
  }
  m = exec(RE_MONTH, n, pos);
  if (m && cmp !== '≥' && cmp !== '>' && Number(m[1]) >= 1 && Number(m[1]) <= 12 && n[pos + m[0].length] !== '个') {
    return {
      end: pos + m[0].length,
      month: Number(m[1]),
      ...(m[2] !== undefined ? { day: Number(m[2]) } : {}),
    };
  }
  return null;
}

function validateDate(c: DateCore): { valid: boolean; problem?: string } {
  if (c.yearText !== undefined) {
    const y = c.year ?? 0;
    if (c.yearText.length !== 4 || !plausibleYear(y)) {
      const hint = c.yearText.length > 4 ? `（可能多输入了“${c.yearText.slice(0, c.yearText.length - 4)}”）` : '';
      return { valid: false, problem: `年份“${c.yearText}”不是有效的年份${hint}` };
    }
  }
  if (c.month !== undefined && (c.month < 1 || c.month > 12)) {
    return { valid: false, problem: `月份“${c.month}”不存在` };
  }
  if (c.toMonth !== undefined && (c.toMonth < 1 || c.toMonth > 12 || (c.month !== undefined && c.toMonth < c.month))) {
    return { valid: false, problem: `月份区间“${c.month ?? ''}-${c.toMonth}”不正确` };
  }
  if (c.day !== undefined && c.month !== undefined) {
    const max = c.year !== undefined ? daysInMonth(c.year, c.month) : daysInMonth(2000, c.month);
    if (c.day < 1 || c.day > max) return { valid: false, problem: `${c.month}月没有${c.day}日` };
  }
  return { valid: true };
}

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
