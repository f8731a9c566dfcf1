// Comparators of 指标值: symbols (any width, LaTeX) and words, before or after the figure.
import type { Comparator, Span } from './types.ts';

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

export function readComparator(raw: string, n: string, pos: number): ComparatorHit | null {
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

export const SUFFIX_COMPARATORS: Array<[string, Comparator | null]> = [
  ['及以上', '≥'],
  ['及以下', '≤'],
  ['以上', '≥'],
  ['以下', '≤'],
  ['以内', '≤'],
  ['之内', '≤'],
  ['左右', null],
  ['内', '≤'],
];
