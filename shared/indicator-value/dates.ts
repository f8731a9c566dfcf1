// Dates in 指标值: the date forms, deadline suffixes, and whether a date is a real one.
import type { Comparator } from './types.ts';

// ---------------------------------------------------------------------------------------
// Dates

export const DATE_SUFFIXES = ['之前', '以前', '以内', '之内', '为止', '中旬', '上旬', '下旬', '度', '底', '末', '初', '前', '内', '止'];
export const DEADLINE_SUFFIXES = new Set(['之前', '以前', '以内', '之内', '为止', '底', '末', '前', '内', '止']);

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

export function readDateCore(n: string, pos: number, cmp: Comparator | null): DateCore | null {
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

export function validateDate(c: DateCore): { valid: boolean; problem?: string } {
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
