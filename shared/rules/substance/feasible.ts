// 可行性 and ambition, against last year's filing of the same project (ctx.audit.lastYear,
// rows matched by 二级 + 三级 name): a weaker target, the same figure three years running,
// and an implausible jump (×10). The 元/万元 slip is the workflow's magnitude check.
import type { ProjectFiling } from '../../model/filing.ts';
import type { QuantityValue } from '../../indicator-value/index.ts';
import type { FindingDraft, IndicatorEntry, ProjectContext, ProjectRule } from '../types.ts';
import { atValue, direction, matchingRow, plainQuantity, q, squash } from './common.ts';

interface Pair {
  e: IndicatorEntry;
  now: QuantityValue;
  before: QuantityValue;
  /** Comparable figures: 分 for money, else the numbers (same unit). */
  a: number;
  b: number;
}

/** This year's quantities with last year's figure for the same row (same unit, same comparator direction). */
function pairs(ctx: ProjectContext, last: ProjectFiling): Pair[] {
  const out: Pair[] = [];
  for (const p of ctx.periods) {
    for (const e of ctx.indicators(p)) {
      const now = plainQuantity(e.value);
      const row = now ? matchingRow(last, p, e.row) : undefined;
      const before = row ? plainQuantity(row.value) : null;
      if (!now || !before || direction(now) !== direction(before)) continue;
      if (now.money && before.money) {
        if (now.money.perUnit !== before.money.perUnit || now.unit !== before.unit) continue;
        out.push({ e, now, before, a: now.money.fen, b: before.money.fen });
      } else if (!now.money && !before.money && now.unit === before.unit) {
        out.push({ e, now, before, a: now.number, b: before.number });
      }
    }
  }
  return out;
}

/** The pairs, computed once per check (three rules read them). */
function pairsOf(ctx: ProjectContext): Pair[] {
  const last = ctx.audit.lastYear;
  return last ? ctx.memo('last-year-pairs', () => pairs(ctx, last)) : [];
}

const isJump = (ctx: ProjectContext, x: Pair): boolean =>
  x.a > 0 && x.b > 0 && (x.a >= x.b * ctx.params.jumpFactor || x.b >= x.a * ctx.params.jumpFactor);

export const weakerTarget: ProjectRule = {
  code: 'R-TARGET-WEAKER',
  severity: 'hint',
  scope: 'project',
  criterion: '可行性',
  explainable: true,
  title: '指标值不低于上年',
  description: '同一项目同一指标（二级 + 三级名称）的目标比上年放宽（“≥90%”→“≥85%”，“≤10万元”→“≤12万元”）时，请说明原因。',
  check(ctx) {
    const out: FindingDraft[] = [];
    const lastYear = ctx.audit.lastYear?.year ?? ctx.filing.year - 1;
    for (const x of pairsOf(ctx)) {
      const d = direction(x.now);
      if (d === 0 || isJump(ctx, x) || (d > 0 ? x.a >= x.b : x.a <= x.b)) continue;
      out.push(
        atValue(
          x.e,
          `${ctx.at(x.e)} 的指标值 ${q(x.now.raw)} 比上年（${lastYear}年）的 ${q(x.before.raw)} ${d > 0 ? '降低' : '放宽'}了：目标一般不低于上年，如有原因请填写说明`,
        ),
      );
    }
    return out;
  },
};

/** At the limit a target cannot pass (100%, ≤0): the same figure every year is no lack of ambition. */
const atLimit = (v: QuantityValue): boolean => (v.percent && v.number >= 100 && direction(v) >= 0) || (v.number === 0 && direction(v) <= 0);

export const sameThreeYears: ProjectRule = {
  code: 'R-TARGET-STALE',
  severity: 'hint',
  scope: 'project',
  criterion: '可行性',
  explainable: true,
  title: '指标值不是连续三年不变',
  description: '同一指标三年填同一个数值，多半是照抄上年：请按今年的工作量和上年的完成情况重新测算。',
  check(ctx) {
    const last = ctx.audit.lastYear;
    const before = ctx.audit.yearBeforeLast;
    if (!last || !before) return [];
    const out: FindingDraft[] = [];
    for (const x of pairsOf(ctx)) {
      // A cost ceiling follows the budget, which may well stay the same.
      if (atLimit(x.now) || x.now.money || squash(x.now.raw) !== squash(x.before.raw)) continue;
      const old = matchingRow(before, x.e.period, x.e.row);
      if (!old || squash(old.value) !== squash(x.now.raw)) continue;
      out.push(
        atValue(
          x.e,
          `${ctx.at(x.e)} 的指标值 ${q(x.now.raw)} 与 ${before.year}、${last.year} 年相同，已连续三年不变：请按今年的任务和上年完成情况重新测算`,
        ),
      );
    }
    return out;
  },
};

export const implausibleJump: ProjectRule = {
  code: 'R-TARGET-JUMP',
  severity: 'warning',
  scope: 'project',
  criterion: '可行性',
  title: '指标值与上年相比没有数量级的跳变',
  description: '同一指标的数值是上年的 10 倍以上（或不到十分之一）时，多半是多写或少写了位数；确有原因请填写说明。倍数可由地区配置。',
  check(ctx) {
    const out: FindingDraft[] = [];
    for (const x of pairsOf(ctx)) {
      if (!isJump(ctx, x)) continue;
      const ratio = x.a > x.b ? `是上年 ${q(x.before.raw)} 的 ${Math.round(x.a / x.b)} 倍` : `不到上年 ${q(x.before.raw)} 的 1/${ctx.params.jumpFactor}`;
      out.push(atValue(x.e, `${ctx.at(x.e)} 的指标值 ${q(x.now.raw)} ${ratio}：请核对位数；确有原因请填写说明`));
    }
    return out;
  },
};

export const FEASIBLE_RULES: readonly ProjectRule[] = [weakerTarget, sameThreeYears, implausibleJump];
