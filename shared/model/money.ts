// Exact money: amounts are integers of 分 (fen). Parsing and printing go through
// strings and integer arithmetic only, never through floating-point sums.
import type { AmountFormat } from '../templates/types.ts';

export type MoneyUnit = '元' | '千元' | '万元' | '亿元';

/** Powers of ten from one unit to 分. */
export const FEN_EXPONENT: Record<MoneyUnit, number> = { 元: 2, 千元: 5, 万元: 6, 亿元: 10 };

export function templateMoneyUnit(unit: AmountFormat['unit']): MoneyUnit {
  return unit === 'wanyuan' ? '万元' : '元';
}

/**
 * Parse a non-negative decimal string (`1,147,100`, `280.50`) and multiply it by
 * 10^exponent exactly. Null when the text is not such a number, the result is not an
 * integer, or it is not a safe integer.
 */
export function decimalToScaledInt(text: string, exponent: number): number | null {
  const t = text.trim();
  // Thousands separators only in groups of three.
  if (!/^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/.test(t)) return null;
  const [intPart = '', fracPart = ''] = t.replace(/,/g, '').split('.');
  let digits: string;
  if (fracPart.length <= exponent) digits = intPart + fracPart.padEnd(exponent, '0');
  else {
    if (/[^0]/.test(fracPart.slice(exponent))) return null; // a fraction of a 分
    digits = intPart + fracPart.slice(0, exponent);
  }
  const n = BigInt(digits === '' ? '0' : digits);
  if (n > BigInt(Number.MAX_SAFE_INTEGER)) return null;
  return Number(n);
}

/** 分 as a decimal string in the given unit, exact (280500000 in 万元 → `280.5`, or `280.50` with decimals 2). */
export function fenToDecimalText(fen: number, unit: MoneyUnit, decimals?: number): string {
  const exp = FEN_EXPONENT[unit];
  const neg = fen < 0;
  const s = BigInt(Math.abs(Math.trunc(fen))).toString().padStart(exp + 1, '0');
  let int = s.slice(0, s.length - exp);
  let frac = s.slice(s.length - exp);
  if (decimals !== undefined) {
    if (decimals < frac.length) {
      // Only trims zeros: a value that needs more digits keeps them (money is never rounded away).
      while (frac.length > decimals && frac.endsWith('0')) frac = frac.slice(0, -1);
    } else frac = frac.padEnd(decimals, '0');
  } else frac = frac.replace(/0+$/, '');
  int = int.replace(/^0+(?=\d)/, '');
  return (neg ? '-' : '') + int + (frac.length > 0 ? '.' + frac : '');
}

const group = (int: string) => int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** 分 as decimal text in `unit` with `decimals` (see fenToDecimalText), thousands grouped when asked. */
function printFen(fen: number, unit: MoneyUnit, decimals: number, thousands: boolean): string {
  const text = fenToDecimalText(fen, unit, decimals);
  if (!thousands) return text;
  const neg = text.startsWith('-');
  const [i = '0', f] = (neg ? text.slice(1) : text).split('.');
  return (neg ? '-' : '') + group(i) + (f !== undefined ? '.' + f : '');
}

/** 分 as `1,234.56 万元`-style text for messages. */
export function formatFen(fen: number, unit: '元' | '万元'): string {
  return `${printFen(fen, unit, 2, true)} ${unit}`;
}

/**
 * Parses an amount typed in a table (`280.50` in 万元, `1,147,100` in 元) into fen.
 * Null for blank; RangeError with a Chinese message for anything that is not an exact amount.
 */
export function parseMoney(text: string, unit: MoneyUnit | AmountFormat['unit']): number | null {
  const t = text.trim().replace(/[，\s]/g, (c) => (c === '，' ? ',' : ''));
  if (t === '' || t === '-' || t === '—') return null;
  const mu = unit === 'yuan' || unit === 'wanyuan' ? templateMoneyUnit(unit) : unit;
  const neg = t.startsWith('-');
  const body = neg || t.startsWith('+') ? t.slice(1) : t;
  if (!/^[\d,]+(?:\.\d+)?$/.test(body)) throw new RangeError(`“${text}”不是金额`);
  const exp = FEN_EXPONENT[mu];
  const frac = body.split('.')[1] ?? '';
  if (frac.length > exp && /[1-9]/.test(frac.slice(exp))) throw new RangeError(`“${text}”的小数位数过多（最小到 1 分）`);
  const fen = decimalToScaledInt(body.replace(/,/g, ''), exp);
  if (fen === null) throw new RangeError(`“${text}”超出可表示的金额范围`);
  return neg ? -fen : fen;
}

/** An amount typed in a table's cell, with what was done to understand it. */
export interface MoneyInput {
  fen: number | null;
  /** Chinese, when a unit word was stripped or converted (`“30万元”按 30 万元填写`). */
  hint?: string;
  /** The amount was converted from another unit (its precision is checked against the table's). */
  converted?: boolean;
}

const UNIT_WORD = /^(.*?)\s*(亿元|万元|千元|元)$/;

/**
 * parseMoney that also understands a unit word after the number: `30万元` in a 万元 table is
 * 30 (the word stripped), `30000元` in a 万元 table is converted to 3 万元; both with a hint.
 */
export function parseMoneyInput(text: string, unit: AmountFormat['unit']): MoneyInput {
  const m = UNIT_WORD.exec(text.trim());
  const tableUnit = templateMoneyUnit(unit);
  if (!m || m[1]!.trim() === '') return { fen: parseMoney(text, unit) };
  const typed = m[2] as MoneyUnit;
  const fen = parseMoney(m[1]!, typed);
  if (fen === null) return { fen };
  const shown = `${fenToDecimalText(fen, tableUnit)} ${tableUnit}`;
  if (typed === tableUnit) return { fen, hint: `“${text.trim()}”按 ${shown}填写（本表金额单位为${tableUnit}，只填数字即可）` };
  return { fen, converted: true, hint: `“${text.trim()}”已换算为 ${shown}（本表金额单位为${tableUnit}）` };
}

/**
 * Prints fen as the template shows money: `280.50` (万元, 2 decimals), `1,147,100` (元),
 * or `4000` where the template trims zeros (a fraction that is there is always printed).
 */
export function formatMoney(fen: number | null, fmt: AmountFormat): string {
  if (fen === null) return '';
  if (!Number.isSafeInteger(fen)) throw new RangeError('金额必须是整数（分）');
  return printFen(fen, templateMoneyUnit(fmt.unit), fmt.trimZeros ? 0 : fmt.decimals, fmt.thousands);
}

/**
 * Money with its unit word. `table`: as the table prints it (`280.5 万元`); `message`: as a
 * 审核 message quotes it (万元 to at least 2 decimals, never grouped; 元 whole or to the 分).
 */
export function formatMoneyWithUnit(fen: number, fmt: AmountFormat, style: 'table' | 'message' = 'table'): string {
  const unit = templateMoneyUnit(fmt.unit);
  if (style === 'table') return `${formatMoney(fen, fmt)} ${unit}`;
  const wan = fmt.unit === 'wanyuan';
  return `${printFen(fen, unit, wan ? Math.max(2, fmt.decimals) : fen % 100 === 0 ? 0 : 2, !wan && fmt.thousands)} ${unit}`;
}

/** Exact sum of amounts; null when every part is null. */
export function sumMoney(values: ReadonlyArray<number | null>): number | null {
  let total: number | null = null;
  for (const v of values) {
    if (v === null) continue;
    total = (total ?? 0) + v;
    if (!Number.isSafeInteger(total)) throw new RangeError('金额合计超出可表示的范围');
  }
  return total;
}
