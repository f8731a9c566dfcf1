// Pinyin keys of indicator names for search while typing: each character with the
// initial of its reading in context and those of all its readings (率 → l, s), and the
// full syllables in context. Computed once per name (memoised).
import { pinyin } from 'pinyin-pro';

export interface PinyinKey {
  /** Characters of the folded name (NFKC, lower case, no whitespace). */
  chars: string[];
  /** Per character: the initial of its reading in context (the character itself for non-Han). */
  primary: string[];
  /** Per character: the initials of all its readings (率 → l, s); the character itself for non-Han. */
  initials: string[][];
  /** Per character: its syllable in context (`lv` for 率 in 完成率); the character itself for non-Han. */
  syllables: string[];
}

const HAN = /\p{Script=Han}/u;
const charInitials = new Map<string, string[]>();
const keys = new Map<string, PinyinKey>();
const MAX_KEYS = 50_000;

function initialsOf(ch: string): string[] {
  let v = charInitials.get(ch);
  if (!v) {
    const all = pinyin(ch, { pattern: 'first', toneType: 'none', type: 'array', multiple: true, v: true });
    v = [...new Set(all.map((s) => s.toLowerCase()).filter((s) => /^[a-z]$/.test(s)))];
    charInitials.set(ch, v);
  }
  return v;
}

export function pinyinKey(folded: string): PinyinKey {
  const hit = keys.get(folded);
  if (hit) return hit;
  const chars = Array.from(folded);
  const hasHan = chars.some((c) => HAN.test(c));
  const context = hasHan
    ? pinyin(folded, { toneType: 'none', type: 'array', v: true, nonZh: 'removed' }).map((s) => s.toLowerCase())
    : [];
  const primary: string[] = [];
  const initials: string[][] = [];
  const syllables: string[] = [];
  let ci = 0;
  for (const ch of chars) {
    if (HAN.test(ch)) {
      const syl = context[ci++] ?? '';
      const all = initialsOf(ch);
      const first = syl.charAt(0) || all[0] || ch;
      primary.push(first);
      initials.push([...new Set([first, ...all])]);
      syllables.push(syl || ch);
    } else {
      primary.push(ch);
      initials.push([ch]);
      syllables.push(ch);
    }
  }
  const key = { chars, primary, initials, syllables };
  if (keys.size >= MAX_KEYS) keys.clear();
  keys.set(folded, key);
  return key;
}
