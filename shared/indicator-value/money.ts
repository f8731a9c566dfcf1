// Exact decimal → 分 conversion. Amounts are read from their decimal text with integer
// (BigInt) arithmetic, so `280.50` 万元 is 280500000 分 exactly, with no float error.
// The arithmetic itself lives in shared/model/money.ts (one implementation for the product).
import { FEN_EXPONENT, decimalToScaledInt } from '../model/money.ts';
import type { MoneyUnit } from './types.ts';

export { decimalToScaledInt, fenToDecimalText } from '../model/money.ts';

/** The money unit a unit text starts with (`万元/月` → 万元), or null. */
export function moneyUnitOf(unit: string): MoneyUnit | null {
  const u = unit.trim();
  if (u.startsWith('亿元')) return '亿元';
  if (u.startsWith('万元')) return '万元';
  if (u.startsWith('千元')) return '千元';
  if (u.startsWith('元')) return '元';
  return null;
}

/**
 * `numberText` (ASCII digits, optional `.` and thousands separators `,`) in `unit`
 * (`元`, `千元`, `万元`, `亿元`, or a rate starting with one of them) as an exact
 * integer number of 分. Returns null when the text is not a plain decimal number,
 * the unit is not money, the amount has a fraction of a 分, or it exceeds
 * Number.MAX_SAFE_INTEGER.
 */
export function moneyToFen(numberText: string, unit: string): number | null {
  const mu = moneyUnitOf(unit);
  if (mu === null) return null;
  return decimalToScaledInt(numberText, FEN_EXPONENT[mu]);
}

