// A normalised view of a value's raw text, and the character classes the grammar reads by.

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

export const isNoise = (ch: string | undefined): boolean => ch === ' ' || ch === '$';

export function skipNoise(n: string, pos: number): number {
  while (pos < n.length && isNoise(n[pos])) pos++;
  return pos;
}

export const isCjk = (ch: string | undefined): boolean =>
  ch !== undefined && /[\u3400-\u9fff\uf900-\ufaff]/.test(ch);

/** Sentence punctuation: text that has it is prose, not a figure with a unit. */
export const PROSE_PUNCT = /[，。；;！!？?、：:]|,(?!\d{3})/;
