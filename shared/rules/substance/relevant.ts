// 相关性: the targets belong to this project. Indicators copied unchanged from another table
// of the unit-year, a 绩效目标 that shares no key term with the project name and 资金用途,
// and a yearly target that contradicts the whole period's.
import type { PeriodKey, ProjectFiling } from '../../model/filing.ts';
import type { QuantityValue } from '../../indicator-value/index.ts';
import type { FindingDraft, ProjectContext, ProjectRule } from '../types.ts';
import { atValue, bigramCodes, direction, hasKeyBigram, matchingRow, plainQuantity, q, sharesBigram, squash } from './common.ts';

const signatureCache = new WeakMap<ProjectFiling, Map<string, string>>();
/** Each distinct filled row of a filing (一级, 二级, name, value; any period) → its name. */
function signatures(f: ProjectFiling): Map<string, string> {
  let s = signatureCache.get(f);
  if (!s) {
    s = new Map();
    for (const per of Object.values(f.periods)) {
      for (const r of per?.indicators ?? []) {
        const name = squash(r.name);
        const value = squash(r.value);
        if (name === '' || value === '') continue;
        s.set(`${squash(r.level1)}\u0000${squash(r.level2)}\u0000${name}\u0000${value}`, r.name.trim());
      }
    }
    signatureCache.set(f, s);
  }
  return s;
}

/** Text without digits, punctuation and batch words: `…-2023年…（第二批）` = `…-2024年…`. */
const batchless = (t: string): string => t.replace(/[\s\d０-９.,，。、;；:：()（）【】\[\]“”"'‘’\-—_/]|第.批|[年批号]/g, '');

/** A filing's name and goals without batch words, each computed when first compared (once per filing). */
const batchKeys = new WeakMap<ProjectFiling, { name: string; goal?: string }>();
function batchKeysOf(f: ProjectFiling): { name: string; goal?: string } {
  let k = batchKeys.get(f);
  if (!k) batchKeys.set(f, (k = { name: batchless(f.name) }));
  return k;
}
function batchlessGoal(f: ProjectFiling): string {
  const k = batchKeysOf(f);
  return (k.goal ??= batchless(Object.values(f.periods).map((p) => p?.goal ?? '').join('')));
}

/** Another batch of the same project (same name but for year and batch, or the same goal): copying is expected. */
function sameProject(a: ProjectFiling, b: ProjectFiling): boolean {
  const name = batchKeysOf(a).name;
  if (name !== '' && name === batchKeysOf(b).name) return true;
  const goal = batchlessGoal(a);
  return goal !== '' && goal === batchlessGoal(b);
}

/** The tables of a book (by position) holding each row signature, built once per book (ctx.audit.book). */
interface SignatureIndex {
  tables: readonly ProjectFiling[];
  position: ReadonlyMap<ProjectFiling, number>;
  holders: ReadonlyMap<string, readonly number[]>;
}
const bookIndexes = new WeakMap<readonly ProjectFiling[], SignatureIndex>();
function signatureIndex(book: readonly ProjectFiling[]): SignatureIndex {
  let idx = bookIndexes.get(book);
  if (!idx) {
    const tables = [...new Set(book)]; // each table once, even if the caller listed one twice
    const holders = new Map<string, number[]>();
    tables.forEach((f, i) => {
      for (const sig of signatures(f).keys()) {
        const list = holders.get(sig);
        if (list) list.push(i);
        else holders.set(sig, [i]);
      }
    });
    bookIndexes.set(book, (idx = { tables, position: new Map(tables.map((f, i) => [f, i])), holders }));
  }
  return idx;
}

/** The tables to compare with, in `others`' order, each with how many of `own`'s signatures it has too. */
function candidates(ctx: ProjectContext, own: Map<string, string>, others: readonly ProjectFiling[]): Array<[ProjectFiling, number]> {
  const book = ctx.audit.book;
  const idx = book ? signatureIndex(book) : null;
  if (!idx || others.some((o) => !idx.position.has(o))) {
    // No index for these tables: count per table.
    return others.map((other) => {
      const theirs = signatures(other);
      let n = 0;
      for (const sig of own.keys()) if (theirs.has(sig)) n++;
      return [other, n];
    });
  }
  // From the index: only the tables sharing at least `copiedRowsMin` rows (the rest cannot count).
  const counts = new Int32Array(idx.tables.length);
  const touched: number[] = [];
  for (const sig of own.keys()) {
    for (const i of idx.holders.get(sig) ?? []) if (counts[i]!++ === 0) touched.push(i);
  }
  const out: Array<[ProjectFiling, number, number]> = [];
  for (const i of touched) {
    if (counts[i]! < ctx.params.copiedRowsMin) continue;
    const f = idx.tables[i]!;
    const at = others.indexOf(f);
    if (at >= 0) out.push([f, counts[i]!, at]);
  }
  return out.sort((a, b) => a[2] - b[2]).map(([f, n]) => [f, n]);
}

export const copiedRows: ProjectRule = {
  code: 'R-COPIED-ROWS',
  severity: 'hint',
  scope: 'project',
  criterion: '相关性',
  explainable: true,
  title: '指标不照搬同年度其他项目表',
  description: '与本单位同年度另一个项目的表有 3 条以上指标（名称和指标值）完全相同，多是照搬：指标应反映本项目的产出和效益。同一项目的不同批次资金不算。',
  check(ctx) {
    // The unit's own tables of the year (a department book may hold several units).
    const others = (ctx.audit.siblings ?? []).filter((o) => o.unitCode === ctx.filing.unitCode && o.year === ctx.filing.year);
    if (others.length === 0) return [];
    const own = signatures(ctx.filing);
    const min = ctx.params.copiedRowsMin;
    if (own.size < min) return [];
    let best: { other: ProjectFiling; count: number } | null = null;
    for (const [other, count] of candidates(ctx, own, others)) {
      if (signatures(other).size < min || count < min || (best && count <= best.count)) continue;
      if (!sameProject(ctx.filing, other)) best = { other, count };
    }
    if (!best) return [];
    const theirs = signatures(best.other);
    const names: string[] = [];
    for (const [sig, name] of own) if (theirs.has(sig)) names.push(name);
    const shown = names.slice(0, 4).map(q).join('、') + (names.length > 4 ? ' 等' : '');
    return [
      {
        message: `${ctx.table} 有 ${names.length} 条指标与第 ${best.other.seq} 张「${best.other.name.trim()}」完全相同（${shown}）：请确认这些指标和指标值是针对本项目设置的`,
        field: `periods.${ctx.periods[0] ?? 'annual'}.indicators`,
        keyPath: 'indicators:copied',
      },
    ];
  },
};

/** A text that is not blank (squash(t) !== '' without the copy). */
const NON_SPACE = /\S/;

export const goalTerms: ProjectRule = {
  code: 'R-GOAL-TERMS',
  severity: 'hint',
  scope: 'project',
  criterion: '相关性',
  explainable: true,
  title: '绩效目标与项目名称、资金用途相关',
  description: '绩效目标应说明本项目资金要达到的产出和效果；与项目名称、资金用途（按两字词比较）和本表指标都没有一个共同的关键词时，多半是套用了别的目标。',
  check(ctx) {
    const f = ctx.filing;
    const generic = bigramCodes(ctx.params.genericBigrams);
    // The texts one by one: a bigram never spans two of them (they were joined by a line break).
    const about = [f.name, f.fundUse];
    if (!hasKeyBigram(about, generic)) return [];
    const goals = ctx.periods.filter((p) => NON_SPACE.test(f.periods[p]?.goal ?? ''));
    const first = goals[0];
    if (first === undefined) return []; // R-REQUIRED
    const goalTexts = goals.map((p) => f.periods[p]?.goal ?? '');
    if (sharesBigram(about, goalTexts, generic)) return [];
    // Nor with the table's own indicators: then the goal at least states what the table measures.
    if (sharesBigram(ctx.rows().map((e) => e.row.name), goalTexts, generic)) return [];
    return [
      {
        message: `${ctx.table} 的${q(ctx.fieldLabel(`periods.${first}.goal`))}与项目名称、资金用途和本表的指标都没有共同的关键词：请写明本项目资金要达到的产出和效果`,
        field: `periods.${first}.goal`,
        period: first,
      },
    ];
  },
};

const LONG_PERIODS: PeriodKey[] = ['implementation', 'midterm'];

/** Two figures of the same kind: money in 分, else numbers with the same unit; null if not comparable. */
function comparable(a: QuantityValue, b: QuantityValue): [number, number] | null {
  if (a.percent || b.percent || direction(a) !== direction(b)) return null;
  if (a.money && b.money) return a.money.perUnit || b.money.perUnit ? null : [a.money.fen, b.money.fen];
  if (a.money || b.money || a.unit !== b.unit || /[/／]/.test(a.unit)) return null;
  return [a.number, b.number];
}

export const periodsConsistent: ProjectRule = {
  code: 'R-PERIOD-CONTRADICT',
  severity: 'warning',
  scope: 'project',
  criterion: '相关性',
  title: '年度目标与实施期（中期）目标不矛盾',
  description: '年度是实施期的一部分：同一指标的年度数量或金额不应大于整个实施期（中期）的。',
  check(ctx) {
    const long = LONG_PERIODS.find((p) => ctx.periods.includes(p));
    const whole = long ? ctx.filing.periods[long] : undefined;
    if (!long || !whole || !ctx.periods.includes('annual')) return [];
    const out: FindingDraft[] = [];
    for (const e of ctx.indicators('annual')) {
      const a = plainQuantity(e.value);
      const other = a ? matchingRow(ctx.filing, long, e.row) : undefined;
      const b = other ? plainQuantity(other.value) : null;
      const pair = a && b ? comparable(a, b) : null;
      if (!pair || !other || pair[0] <= pair[1]) continue;
      out.push(
        atValue(
          e,
          `${ctx.at(e)} 的年度指标值 ${q(e.row.value)} 大于${ctx.periodLabel(long).trim()}的 ${q(other.value)}：年度是${ctx.periodLabel(long).trim()}的一部分，请核对`,
        ),
      );
    }
    return out;
  },
};

export const RELEVANT_RULES: readonly ProjectRule[] = [copiedRows, goalTerms, periodsConsistent];
