// Search of the indicator library while typing a 三级 name: Chinese substring, pinyin
// initials (`myd` → 满意度, also mixed: `满yd`) and full pinyin (`manyi` → 满意度).
// Ranked by match quality, then the unit's own indicators, then uses.
import type { LibraryEntry } from '../api/contract.ts';
import { foldKey, renderYear, type LibraryRecord } from './records.ts';
import { pinyinKey, type PinyinKey } from './pinyin.ts';

export interface SearchOptions {
  level1?: string;
  level2?: string;
  limit?: number;
  /** Fiscal year the values are proposed for (`{Y}` in stored values). */
  year: number;
  /** Most values / bases / descriptions in each result. */
  maxValues?: number;
  /** The 指标值 to propose for a value of a record (审核's fix of it), null to leave it out. */
  vetValue?: (row: LibraryRecord, value: string) => string | null;
}

/** Match quality, lower is better. */
export const TIER = {
  exact: 0,
  prefix: 1,
  substring: 2,
  /** Initials of the readings in context, from the first character. */
  initialsPrefix: 3,
  initials: 4,
  /** Only through another reading of a polyphone (信 read shēn). */
  altInitialsPrefix: 5,
  altInitials: 6,
  pinyinPrefix: 7,
  pinyin: 8,
} as const;

interface Indexed {
  record: LibraryRecord;
  folded: string;
  py: PinyinKey | null;
}

const HAS_LATIN = /[a-z]/;
const ONLY_LATIN = /^[a-z]+$/;

function initialsMatch(py: PinyinKey, q: string[], anyReading: boolean): number {
  const n = py.chars.length;
  for (let i = 0; i + q.length <= n; i++) {
    let ok = true;
    for (let j = 0; j < q.length; j++) {
      const c = q[j] as string;
      const hit = anyReading ? (py.initials[i + j] as string[]).includes(c) : py.primary[i + j] === c;
      if (py.chars[i + j] !== c && !hit) {
        ok = false;
        break;
      }
    }
    if (ok) return i;
  }
  return -1;
}

function pinyinMatch(py: PinyinKey, q: string): number {
  for (let s = 0; s < py.syllables.length; s++) {
    let joined = '';
    for (let k = s; k < py.syllables.length && joined.length < q.length; k++) joined += py.syllables[k];
    if (joined.startsWith(q)) return s;
  }
  return -1;
}

/** Tier of `q` (folded) against an entry, or -1 when it does not match. */
export function matchTier(folded: string, py: PinyinKey | null, q: string): number {
  if (q === '') return TIER.exact;
  if (folded === q) return TIER.exact;
  if (folded.startsWith(q)) return TIER.prefix;
  if (folded.includes(q)) return TIER.substring;
  if (!py || !HAS_LATIN.test(q)) return -1;
  const qs = Array.from(q);
  const at = initialsMatch(py, qs, false);
  if (at === 0) return TIER.initialsPrefix;
  if (at > 0) return TIER.initials;
  const alt = initialsMatch(py, qs, true);
  if (alt === 0) return TIER.altInitialsPrefix;
  if (alt > 0) return TIER.altInitials;
  if (q.length >= 2 && ONLY_LATIN.test(q)) {
    const s = pinyinMatch(py, q);
    if (s === 0) return TIER.pinyinPrefix;
    if (s > 0) return TIER.pinyin;
  }
  return -1;
}

export class IndicatorLibrary {
  private readonly items: Indexed[];

  constructor(records: readonly LibraryRecord[]) {
    this.items = records.map((record) => {
      const folded = foldKey(record.name);
      return { record, folded, py: null };
    });
  }

  get size(): number {
    return this.items.length;
  }

  get records(): LibraryRecord[] {
    return this.items.map((i) => i.record);
  }

  /** Computes every pinyin key now (otherwise on the first search that needs it). */
  warm(): this {
    for (const it of this.items) it.py ??= pinyinKey(it.folded);
    return this;
  }

  search(query: string, opts: SearchOptions): LibraryEntry[] {
    const q = foldKey(query);
    const limit = opts.limit ?? 20;
    const max = opts.maxValues ?? 8;
    const l1 = opts.level1?.trim() || undefined;
    const l2 = opts.level2?.trim() || undefined;
    const hits: Array<{ it: Indexed; tier: number }> = [];
    for (const it of this.items) {
      if (l1 !== undefined && it.record.level1 !== l1) continue;
      if (l2 !== undefined && it.record.level2 !== l2) continue;
      if (q !== '' && HAS_LATIN.test(q)) it.py ??= pinyinKey(it.folded);
      const tier = matchTier(it.folded, it.py, q);
      if (tier >= 0) hits.push({ it, tier });
    }
    hits.sort(
      (a, b) =>
        a.tier - b.tier ||
        Number(b.it.record.source === 'unit') - Number(a.it.record.source === 'unit') ||
        b.it.record.uses - a.it.record.uses ||
        a.it.folded.length - b.it.folded.length ||
        (a.it.record.name < b.it.record.name ? -1 : a.it.record.name > b.it.record.name ? 1 : 0),
    );
    const render = (list: LibraryRecord['values'], vet?: (t: string) => string | null) => {
      const out: string[] = [];
      for (const c of list) {
        const t = vet ? vet(renderYear(c.text, opts.year)) : renderYear(c.text, opts.year);
        if (t !== null && !out.includes(t)) out.push(t);
        if (out.length >= max) break;
      }
      return out;
    };
    const found = hits.slice(0, limit).map(({ it }) => ({
      level1: it.record.level1,
      level2: it.record.level2,
      name: it.record.name,
      values: render(it.record.values, opts.vetValue && ((t) => opts.vetValue!(it.record, t))),
      bases: render(it.record.bases),
      descriptions: render(it.record.descriptions).slice(0, 3),
      source: it.record.source,
      uses: it.record.uses,
    }));
    // Vetted: an indicator with a value to propose comes before one whose values 审核 refused.
    return opts.vetValue ? [...found.filter((e) => e.values.length), ...found.filter((e) => !e.values.length)] : found;
  }
}
