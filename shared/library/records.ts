// Indicator library records: one 三级 indicator under its 一级/二级 with the values, bases
// and descriptions seen for it, counted. Built from filings (the published seeds once, a
// unit's own filings at query time) and merged with the standard entries. Pure.
import type { ProjectFiling } from '../model/filing.ts';

export type LibrarySource = 'standard' | 'seed' | 'unit';

export interface Counted {
  text: string;
  count: number;
}

export interface LibraryRecord {
  level1: string;
  level2: string;
  name: string;
  /** 指标值 seen, most frequent first. The filing's own year is written `{Y}`. */
  values: Counted[];
  /** 指标值确定依据, most frequent first (`{Y}` as for values). */
  bases: Counted[];
  /** 绩效指标描述, most frequent first. */
  descriptions: Counted[];
  source: LibrarySource;
  /** Indicator rows this record was built from. */
  uses: number;
}

/** Placeholder for the fiscal year in stored values: `{Y}.12.31`, `{Y}年12月底前`. */
export const YEAR_TOKEN = '{Y}';

/** Tidy text: NFKC would change what the user wrote, so only trim and fold whitespace runs. */
export function tidy(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** Comparison key: width-folded (NFKC), no whitespace, lower case. */
export function foldKey(s: string): string {
  return s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

export function recordKey(r: Pick<LibraryRecord, 'level1' | 'level2' | 'name'>): string {
  return `${foldKey(r.level1)}|${foldKey(r.level2)}|${foldKey(r.name)}`;
}

/** Replaces the fiscal year where it stands as a year (`2025.12.31`, `2025年`) by `{Y}`. */
export function templateYear(text: string, year: number): string {
  const re = new RegExp(`(?<!\\d)${year}(?=\\s*[年.\\-/－—]|$)`, 'g');
  return text.replace(re, YEAR_TOKEN);
}

export function renderYear(text: string, year: number): string {
  return text.split(YEAR_TOKEN).join(String(year));
}

class Counter {
  private readonly m = new Map<string, Counted & { order: number }>();
  add(text: string, n = 1): void {
    const t = tidy(text);
    if (!t) return;
    const k = foldKey(t);
    const cur = this.m.get(k);
    if (cur) cur.count += n;
    else this.m.set(k, { text: t, count: n, order: this.m.size });
  }
  list(max: number): Counted[] {
    return [...this.m.values()]
      .sort((a, b) => b.count - a.count || a.order - b.order)
      .slice(0, max)
      .map(({ text, count }) => ({ text, count }));
  }
}

export interface CollectOptions {
  /** Most values / bases / descriptions kept per record (default 12). */
  maxPerList?: number;
}

/** Records of every indicator row of `filings`, one per 一级/二级/三级 name. */
export function collectIndicators(
  filings: Iterable<ProjectFiling>,
  source: LibrarySource,
  opts: CollectOptions = {},
): LibraryRecord[] {
  const max = opts.maxPerList ?? 12;
  const acc = new Map<
    string,
    { level1: string; level2: string; names: Counter; values: Counter; bases: Counter; descriptions: Counter; uses: number }
  >();
  for (const f of filings) {
    for (const period of Object.values(f.periods)) {
      for (const row of period?.indicators ?? []) {
        const name = tidy(row.name);
        const level1 = tidy(row.level1);
        const level2 = tidy(row.level2);
        if (!name || !level1) continue;
        const key = recordKey({ level1, level2, name });
        let a = acc.get(key);
        if (!a) {
          a = { level1, level2, names: new Counter(), values: new Counter(), bases: new Counter(), descriptions: new Counter(), uses: 0 };
          acc.set(key, a);
        }
        a.uses++;
        a.names.add(name);
        a.values.add(templateYear(row.value, f.year));
        a.bases.add(templateYear(row.basis, f.year));
        a.descriptions.add(templateYear(row.description, f.year));
      }
    }
  }
  return [...acc.values()].map((a) => ({
    level1: a.level1,
    level2: a.level2,
    name: a.names.list(1)[0]?.text ?? '',
    values: a.values.list(max),
    bases: a.bases.list(max),
    descriptions: a.descriptions.list(max),
    source,
    uses: a.uses,
  }));
}

const SOURCE_RANK: Record<LibrarySource, number> = { standard: 0, seed: 1, unit: 2 };

/** `primary` first (its order kept), then what only `secondary` has. */
function mergeCounted(primary: Counted[], secondary: Counted[], max: number): Counted[] {
  const out = primary.map((c) => ({ ...c }));
  const idx = new Map(out.map((c, i) => [foldKey(c.text), i]));
  const extra: Counted[] = [];
  for (const c of secondary) {
    const i = idx.get(foldKey(c.text));
    if (i !== undefined) (out[i] as Counted).count += c.count;
    else extra.push({ ...c });
  }
  return [...out, ...extra].slice(0, max);
}

/**
 * One record per indicator: the record of the more specific source (unit > seed >
 * standard) leads; uses add up; its values come first, then the others'.
 */
export function mergeRecords(lists: ReadonlyArray<readonly LibraryRecord[]>, max = 12): LibraryRecord[] {
  const byKey = new Map<string, LibraryRecord>();
  for (const list of lists) {
    for (const r of list) {
      const key = recordKey(r);
      const cur = byKey.get(key);
      if (!cur) {
        byKey.set(key, { ...r, values: [...r.values], bases: [...r.bases], descriptions: [...r.descriptions] });
        continue;
      }
      const [hi, lo] = SOURCE_RANK[r.source] > SOURCE_RANK[cur.source] ? [r, cur] : [cur, r];
      byKey.set(key, {
        level1: hi.level1,
        level2: hi.level2,
        name: hi.name,
        values: mergeCounted(hi.values, lo.values, max),
        bases: mergeCounted(hi.bases, lo.bases, max),
        descriptions: mergeCounted(hi.descriptions, lo.descriptions, max),
        source: hi.source,
        uses: hi.uses + lo.uses,
      });
    }
  }
  return [...byKey.values()];
}
