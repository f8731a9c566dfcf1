// Magnitude: an amount typed in 元 into a 万元 table (80000 for a window repair) prints as
// 8 亿元 and adds up. Three signs, thresholds in RuleParams: an amount of 10,000 万元 or
// more, a budget far above the unit-year's other tables, a cost indicator 10,000 times off
// the budget. One warning per amount, with the likely intended value (÷ 10,000) as a fix
// (of every amount of the period at once when all of them were typed in 元).
import type { PeriodKey, ProjectFiling } from '../../model/filing.ts';
import type { FindingDraft, ProjectContext, ProjectRule } from '../types.ts';
import { amount, fundingAmounts, isCost, q } from './helpers.ts';

/** The budget of a table for a period (its annual budget when it has no such period). */
function budgetOf(f: ProjectFiling, p: PeriodKey): number | null {
  return amount(f, p, 'total') ?? amount(f, 'annual', 'total');
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Why the budget of period p looks 10,000 times too large ('' for no reason). */
function budgetReasons(ctx: ProjectContext, p: PeriodKey, budget: number): string[] {
  const { params } = ctx;
  const out: string[] = [];
  const others = (ctx.audit.siblings ?? []).map((s) => budgetOf(s, p)).filter((b): b is number => b !== null && b > 0);
  if (others.length >= params.magnitudeMinSiblings) {
    const m = median(others);
    if (budget > m * params.magnitudeMedianFactor) {
      out.push(`超过本单位本年度其他 ${others.length} 张表预算中位数 ${ctx.money(Math.round(m))} 的 ${params.magnitudeMedianFactor} 倍`);
    }
  }
  for (const e of ctx.rows()) {
    const v = e.value;
    if (e.period !== p || !isCost(e) || v.kind !== 'quantity' || !v.money || v.money.perUnit) continue;
    if (v.comparator === '≥' || v.comparator === '>') continue; // a floor is a standard (≥610元/人), not the cost
    const cost = v.money.upperFen ?? v.money.fen;
    if (cost > 0 && budget >= cost * params.magnitudeCostFactor) {
      out.push(`是成本指标${q(e.row.name)}${q(v.raw)}的 ${params.magnitudeCostFactor} 倍以上`);
      break;
    }
  }
  return out;
}

export const magnitude: ProjectRule = {
  code: 'R-FUND-MAGNITUDE',
  severity: 'warning',
  scope: 'project',
  title: '金额的数量级（按元填入万元表）',
  description: '万元表中 1 亿元以上的金额、远超本单位其他表的预算、与成本指标相差万倍的预算，多半是按元填写的。',
  check(ctx) {
    const wan = ctx.template.amount.unit === 'wanyuan';
    // 0.01 万元 = 10,000 分: the fix must land on the table's smallest step.
    const stepFen = 10 ** (6 - ctx.template.amount.decimals);
    const maxFen = ctx.params.magnitudeWanyuanMax * 1_000_000;
    const out: FindingDraft[] = [];
    if (wan && hasTypedInYuan(ctx, stepFen)) {
      for (const { period: p, key: k, fen: v, field } of fundingAmounts(ctx)) {
        // Typed in 元, the amount ÷ 10,000 is what was meant, and it fits the table's step
        // (448.01 万元 cannot have been meant as 448.01 元: the table has no place for it).
        const intended = v / 10_000;
        if (v <= 0 || !Number.isInteger(intended) || intended % stepFen !== 0) continue;
        const reasons: string[] = [];
        if (v >= maxFen) reasons.push(`达到 ${ctx.money(maxFen)} 以上`);
        if (k === 'total') reasons.push(...budgetReasons(ctx, p, v));
        if (!reasons.length) continue;
        out.push({
          message:
            `${ctx.table} ${q(ctx.fieldLabel(field))} ${ctx.money(v)} ${reasons.join('，')}，可能是按元填写的` +
            `（本表金额单位为万元，应为 ${ctx.money(intended)}）；如金额无误，请填写说明`,
          field,
          period: p,
          ...fixOf(ctx, p, field, v, stepFen),
        });
      }
    }
    costAboveBudget(ctx, out);
    return out;
  },
};

/**
 * The ÷10,000 fix. One amount alone: that amount. Several: dividing one line would break
 * 财政资金 + 其他资金 = 预算数, so the fix divides every amount of the period at once, when
 * each of them could have been typed in 元 (all lines typed the same way); else none.
 */
function fixOf(ctx: ProjectContext, p: PeriodKey, field: string, v: number, stepFen: number): Pick<FindingDraft, 'fix'> {
  const lines = fundingAmounts(ctx).filter((x) => x.period === p && x.fen > 0);
  if (lines.length === 1) return { fix: { description: `改为 ${ctx.money(v / 10_000)}（÷10000）`, patch: { path: field, value: v / 10_000, expect: v } } };
  if (!lines.every((x) => Number.isInteger(x.fen / 10_000) && (x.fen / 10_000) % stepFen === 0)) return {};
  const funding = ctx.filing.periods[p]!.funding;
  const next = { ...funding };
  for (const x of lines) next[x.key] = x.fen / 10_000;
  const said = lines.map((x) => `${ctx.fieldLabel(x.field)} ${ctx.money(x.fen / 10_000)}`).join('、');
  return { fix: { description: `改为 ${said}（各 ÷10000）`, patch: { path: `periods.${p}.funding`, value: next, expect: funding } } };
}

/** Whether an amount could have been typed in 元: ÷ 10,000 it fits the table's step (most tables have none). */
function hasTypedInYuan(ctx: ProjectContext, stepFen: number): boolean {
  const lines = ctx.template.fundingLines;
  for (const p of ctx.periods) {
    const funding = ctx.filing.periods[p]?.funding;
    if (!funding) continue;
    for (const k of lines) {
      const v = funding[k];
      if (typeof v === 'number' && v > 0 && Number.isInteger(v / 10_000) && (v / 10_000) % stepFen === 0) return true;
    }
  }
  return false;
}

/**
 * A cost indicator 10,000 times the budget: its unit (元/万元) is likely wrong. Period by
 * period in print order (the rows come in that order).
 */
function costAboveBudget(ctx: ProjectContext, out: FindingDraft[]): void {
  for (const e of ctx.rows()) {
    const v = e.value;
    if (!isCost(e) || v.kind !== 'quantity' || !v.money || v.money.perUnit) continue;
    const p = e.period;
    const budget = amount(ctx.filing, p, 'total');
    if (budget === null || budget <= 0) continue;
    const cost = v.money.upperFen ?? v.money.fen;
    if (cost < budget * ctx.params.magnitudeCostFactor) continue;
    out.push({
      message: `${ctx.at(e)} 的指标值 ${q(v.raw)}（即 ${ctx.money(cost)}）是本表${q(ctx.fieldLabel(`periods.${p}.funding.total`))} ${ctx.money(budget)} 的 ${ctx.params.magnitudeCostFactor} 倍以上，请核对单位（元/万元）`,
      field: `${e.path}.value`,
      period: p,
      row: e.index,
    });
  }
}
