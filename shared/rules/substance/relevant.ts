// 相关性: the targets belong to this project. Indicators copied unchanged from another table
// of the unit-year, a 绩效目标 that shares no key term with the project name and 资金用途,
// and a yearly target that contradicts the whole period's.
import type { PeriodKey, ProjectFiling } from '../../model/filing.ts';
import type { QuantityValue } from '../../indicator-value/index.ts';
import type { FindingDraft, ProjectRule } from '../types.ts';
import { atValue, direction, hasKeyBigram, matchingRow, plainQuantity, q, sharesBigram, squash } from './common.ts';

const signatureCache = new WeakMap<ProjectFiling, Map<string, string>>();
/** Each distinct filled row of a filing (一级, 二级, name, value; any period) → its name. */
function signatures(f: ProjectFiling): Map<string, string> {
  let s = signatureCache.get(f);
  if (!s) {
    s = new Map();
    for (const per of Object.values(f.periods)) {
      for (const r of per?.indicators ?? []) {
        if (squash(r.name) === '' || squash(r.value) === '') continue;
        s.set([squash(r.level1), squash(r.level2), squash(r.name), squash(r.value)].join('\u0000'), r.name.trim());
      }
    }
    signatureCache.set(f, s);
  }
  return s;
}

/** Text without digits, punctuation and batch words: `…-2023年…（第二批）` = `…-2024年…`. */
const batchless = (t: string): string => t.replace(/[\s\d０-９.,，。、;；:：()（）【】\[\]“”"'‘’\-—_/]|第.批|[年批号]/g, '');

/** Another batch of the same project (same name but for year and batch, or the same goal): copying is expected. */
function sameProject(a: ProjectFiling, b: ProjectFiling): boolean {
  if (batchless(a.name) !== '' && batchless(a.name) === batchless(b.name)) return true;
  const goal = (f: ProjectFiling) => batchless(Object.values(f.periods).map((p) => p?.goal ?? '').join(''));
  return goal(a) !== '' && goal(a) === goal(b);
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
    if (own.size < ctx.params.copiedRowsMin) return [];
    let best: { other: ProjectFiling; names: string[] } | null = null;
    for (const other of others) {
      const theirs = signatures(other);
      if (theirs.size < ctx.params.copiedRowsMin) continue;
      const names: string[] = [];
      for (const [sig, name] of own) if (theirs.has(sig)) names.push(name);
      if (names.length < ctx.params.copiedRowsMin || (best && names.length <= best.names.length)) continue;
      if (!sameProject(ctx.filing, other)) best = { other, names };
    }
    if (!best) return [];
    const shown = best.names.slice(0, 4).map(q).join('、') + (best.names.length > 4 ? ' 等' : '');
    return [
      {
        message: `${ctx.table} 有 ${best.names.length} 条指标与第 ${best.other.seq} 张「${best.other.name.trim()}」完全相同（${shown}）：请确认这些指标和指标值是针对本项目设置的`,
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
    const generic = genericSet(ctx.params.genericBigrams);
    const about = `${f.name}\n${f.fundUse}`;
    if (!hasKeyBigram(about, generic)) return [];
    const goals = ctx.periods.filter((p) => NON_SPACE.test(f.periods[p]?.goal ?? ''));
    const first = goals[0];
    if (first === undefined) return []; // R-REQUIRED
    const goal = goals.map((p) => f.periods[p]?.goal ?? '').join('\n');
    if (sharesBigram(about, goal, generic)) return [];
    // Nor with the table's own indicators: then the goal at least states what the table measures.
    const rows = ctx.periods.flatMap((p) => ctx.indicators(p).map((e) => e.row.name)).join('\n');
    if (sharesBigram(rows, goal, generic)) return [];
    return [
      {
        message: `${ctx.table} 的${q(ctx.fieldLabel(`periods.${first}.goal`))}与项目名称、资金用途和本表的指标都没有共同的关键词：请写明本项目资金要达到的产出和效果`,
        field: `periods.${first}.goal`,
        period: first,
      },
    ];
  },
};

let genericCache: { list: readonly string[]; set: ReadonlySet<string> } | null = null;
function genericSet(list: readonly string[]): ReadonlySet<string> {
  if (genericCache?.list !== list) genericCache = { list, set: new Set(list) };
  return genericCache.set;
}

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
