// Measurable values to propose for an indicator written in words: the library's typical
// values for that 三级 name (else for its 二级 in the standard library), each checked to
// pass 审核 on its own in that row. Indexed once by name: a look-up, not a scan.
import { baseRecords, foldKey, renderYear, standardRecords, type LibraryRecord } from '../../library/index.ts';
import { parseIndicatorValue, suggestValueFixes } from '../../indicator-value/index.ts';
import type { IndicatorEntry, ProjectContext } from '../types.ts';
import { budgetCeiling, squash } from './common.ts';

interface SuggestionIndex {
  byName: Map<string, string[]>;
  byLevel2: Map<string, string[]>;
}

let index: SuggestionIndex | null = null;

function add(m: Map<string, string[]>, key: string, r: LibraryRecord): void {
  const list = m.get(key) ?? [];
  for (const v of r.values) if (!list.includes(v.text)) list.push(v.text);
  m.set(key, list);
}

function buildIndex(): SuggestionIndex {
  const byName = new Map<string, string[]>();
  const byLevel2 = new Map<string, string[]>();
  for (const r of baseRecords()) add(byName, foldKey(r.name), r);
  for (const r of standardRecords()) add(byLevel2, squash(r.level2), r);
  return { byName, byLevel2 };
}

const needsFix = new Map<string, boolean>();
/** The library's values are few: whether one needs a normalisation is computed once. */
function needsNormalising(raw: string): boolean {
  let b = needsFix.get(raw);
  if (b === undefined) needsFix.set(raw, (b = suggestValueFixes(raw).length > 0));
  return b;
}

/** Whether `raw` is a measurable value that raises nothing in this row of this table. */
export function passesInRow(ctx: ProjectContext, e: IndicatorEntry, raw: string): boolean {
  const v = parseIndicatorValue(raw);
  if (needsNormalising(raw)) return false;
  const group = e.group;
  const fy = ctx.filing.year;
  if (v.kind === 'date') {
    if (!v.valid || v.note !== undefined || v.year === undefined) return false;
    return e.period === 'annual' ? v.year === fy : v.year >= fy - ctx.params.dateYearsBefore && v.year <= fy + ctx.params.dateYearsAfter;
  }
  if (v.kind === 'duration') return v.note === undefined && v.unit !== '' && group !== 'cost' && group !== 'satisfaction';
  if (v.kind !== 'quantity' || v.note !== undefined || v.unit === '') return false;
  if (v.percent && (v.upper?.number ?? v.number) > 100) return false;
  if (group === 'satisfaction') return v.percent && v.comparator !== '≤' && v.comparator !== '<' && v.number >= ctx.params.satisfactionMin;
  if (group === 'timeliness') return v.percent;
  if (group === 'cost') {
    if (!v.money || v.comparator === '≥' || v.comparator === '>') return false;
    const budget = ctx.filing.periods[e.period]?.funding.total ?? null;
    return v.money.perUnit || budget === null || (v.money.upperFen ?? v.money.fen) <= budget;
  }
  return !v.money;
}

export interface Suggestions {
  values: string[];
  /** The values are the library's for this very 三级 name (else generic ones of its 二级). */
  sameName: boolean;
}

const memo = new Map<string, Suggestions>();
/** Up to `max` values to propose for the row, most common first (memoised on what decides them). */
export function suggestValues(ctx: ProjectContext, e: IndicatorEntry, max = 3): Suggestions {
  const p = ctx.params;
  const budget = ctx.filing.periods[e.period]?.funding.total ?? null;
  const key = [e.row.level1, e.row.level2, e.row.name, e.period, ctx.filing.year, budget, max, p.satisfactionMin, p.dateYearsBefore, p.dateYearsAfter, ctx.template.id].join('\u0000');
  let hit = memo.get(key);
  if (!hit) {
    if (memo.size > 5000) memo.clear();
    memo.set(key, (hit = computeSuggestions(ctx, e, max)));
  }
  return hit;
}

function computeSuggestions(ctx: ProjectContext, e: IndicatorEntry, max: number): Suggestions {
  index ??= buildIndex();
  const year = ctx.filing.year;
  if (e.group === 'cost') {
    // Another project's ceiling says nothing about this one: propose this table's budget.
    const budget = ctx.filing.periods[e.period]?.funding.total ?? null;
    return { values: budget ? [budgetCeiling(ctx, budget)] : [], sameName: budget !== null };
  }
  const lists = [index.byName.get(foldKey(e.row.name)), index.byLevel2.get(squash(e.row.level2))];
  for (const [i, list] of lists.entries()) {
    const values: string[] = [];
    for (const text of list ?? []) {
      const v = renderYear(text, year);
      if (values.length < max && !values.includes(v) && passesInRow(ctx, e, v)) values.push(v);
    }
    if (values.length > 0) return { values, sameName: i === 0 };
  }
  return { values: [], sameName: false };
}
