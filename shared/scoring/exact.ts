// Exact decimal arithmetic for scores: numbers are read from their decimal text into
// (integer, scale) pairs and every ratio is computed on BigInt, rounded half-up once.

/** value = int / 10^scale. */
export interface Decimal {
  int: bigint;
  scale: number;
}

/** `95.5` → {955n, 1}. Null when the text is not a plain non-negative decimal. */
export function decimalOf(text: string): Decimal | null {
  const t = text.replace(/,/g, '').trim();
  if (!/^\d+(?:\.\d+)?$/.test(t)) return null;
  const [i = '', f = ''] = t.split('.');
  return { int: BigInt(i + f), scale: f.length };
}

const pow10 = (n: number): bigint => 10n ** BigInt(n);

/** Round num/den half-up (both non-negative, den > 0). */
export function divHalfUp(num: bigint, den: bigint): bigint {
  return (2n * num + den) / (2n * den);
}

/** a and b on a common scale. */
export function aligned(a: Decimal, b: Decimal): [bigint, bigint] {
  const s = Math.max(a.scale, b.scale);
  return [a.int * pow10(s - a.scale), b.int * pow10(s - b.scale)];
}

/** points × num ÷ den, half-up, as an integer (points in hundredths → hundredths). */
export function scaleHalfUp(points: number, num: bigint, den: bigint): number {
  return Number(divHalfUp(BigInt(points) * num, den));
}

/** Hundredths as `16.67`. */
export function hundredthsText(h: number): string {
  const neg = h < 0;
  const a = Math.abs(h);
  return `${neg ? '-' : ''}${Math.trunc(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}

/** num ÷ den as a percentage with two decimals, half-up (`58.33%`); den > 0. */
export function percentText(num: bigint, den: bigint): string {
  return `${hundredthsText(Number(divHalfUp(num * 10000n, den)))}%`;
}

/** Splits `total` hundredths over `n` rows: equal shares, the remainder one hundredth each to the first rows. */
export function splitEvenly(total: number, n: number): number[] {
  if (n <= 0) return [];
  const base = Math.floor(total / n);
  const rest = total - base * n;
  return Array.from({ length: n }, (_, i) => base + (i < rest ? 1 : 0));
}
