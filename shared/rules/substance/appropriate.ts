// 适当性: the targets fit the money and the time. A quantity and a unit cost that cannot
// both hold within the budget, several 成本指标 that add up to more than it, and a 时效
// deadline after the fiscal year of a one-year table.
import type { PeriodKey } from '../../model/filing.ts';
import type { QuantityValue } from '../../indicator-value/index.ts';
import type { FindingDraft, IndicatorEntry, ProjectContext, ProjectRule } from '../types.ts';
import { atValue, direction, fenTimes, plainQuantity, q, squash } from './common.ts';

const budgetOf = (ctx: ProjectContext, p: PeriodKey): number | null => ctx.filing.periods[p]?.funding.total ?? null;

/** `元/人次` → `人次`; `元/人/年`, `元/人.年` → `人` when the extra part is 年 (a one-year table); else null. */
function perWhat(v: QuantityValue): string | null {
  const parts = v.unit.split(/[/.]/).map((s) => s.trim());
  const [, denom, ...rest] = parts;
  if (!denom || rest.some((r) => r !== '年')) return null;
  return denom;
}

const countUnit = (unit: string): string => unit.replace(/^个/, '');

export const quantityTimesCost: ProjectRule = {
  code: 'R-QTY-COST',
  severity: 'warning',
  scope: 'project',
  criterion: '适当性',
  title: '数量 × 单位成本不超过预算',
  description: '同一张表有数量指标（≥2000人次）和单位成本（≤100元/人次）时，两者相乘应在预算之内，否则不能同时实现。',
  check(ctx) {
    const out: FindingDraft[] = [];
    // Rates (元/人次) are rare: nothing to do in most tables.
    const rates = ctx.rows().filter((e) => e.group === 'cost' && e.value.kind === 'quantity' && e.value.money?.perUnit);
    for (const p of rates.length ? ctx.periods : []) {
      const budget = budgetOf(ctx, p);
      if (budget === null || budget <= 0) continue;
      const quantities: Array<{ e: IndicatorEntry; v: QuantityValue; unit: string }> = [];
      for (const e of ctx.rows()) {
        const v = e.group === 'quantity' && e.period === p ? plainQuantity(e.value) : null;
        if (v && !v.percent && !v.money && direction(v) >= 0) quantities.push({ e, v, unit: countUnit(v.unit) });
      }
      if (quantities.length === 0) continue;
      const rows = rates.filter((e) => e.period === p);
      for (const e of rows) {
        const c = plainQuantity(e.value);
        if (!c?.money?.perUnit || direction(c) > 0) continue;
        const denom = perWhat(c);
        // The largest quantity counted in the rate's unit.
        let n: (typeof quantities)[number] | undefined;
        let need: bigint | null = null;
        for (const x of quantities) {
          const product = x.unit === denom ? fenTimes(c.money.fen, x.v.numberText) : null;
          if (product !== null && (need === null || product > need)) [n, need] = [x, product];
        }
        // The unit cost is a rounded figure: within qtyCostTolerancePct of the budget is no contradiction.
        if (!n || need === null || need * 100n <= BigInt(budget) * BigInt(100 + ctx.params.qtyCostTolerancePct)) continue;
        out.push(
          atValue(
            e,
            `${ctx.at(e)} 的单位成本 ${q(c.raw)} 与数量指标“${n.e.row.name.trim()}” ${q(n.v.raw)} 相乘需 ${ctx.money(Number(need))}，` +
              `超过本表${q(ctx.fieldLabel(`periods.${p}.funding.total`))} ${ctx.money(budget)}：两个目标不能同时实现，请核对数量、单位成本或预算`,
          ),
        );
      }
    }
    return out;
  },
};

/** A cost ceiling in 分 (not a rate, not a floor), or null. */
function ceilingFen(e: IndicatorEntry): number | null {
  const v = e.value;
  if (e.group !== 'cost') return null;
  if (v.kind !== 'quantity' || !v.money || v.money.perUnit || direction(v) > 0) return null;
  return v.money.upperFen ?? v.money.fen;
}

export const costSum: ProjectRule = {
  code: 'R-COST-SUM',
  severity: 'warning',
  scope: 'project',
  criterion: '适当性',
  title: '各项成本指标合计不超过预算',
  description: '几项成本指标分别设上限时，合计不应超过预算（或同表“总成本”的上限）；总成本与其分项不重复相加。',
  check(ctx) {
    const out: FindingDraft[] = [];
    const ceilings = ctx.rows().filter((e) => e.group === 'cost' && e.value.kind === 'quantity');
    for (const p of ceilings.length > 1 ? ctx.periods : []) {
      const budget = budgetOf(ctx, p);
      if (budget === null) continue;
      const totals: Array<{ e: IndicatorEntry; fen: number }> = [];
      const parts: Array<{ e: IndicatorEntry; fen: number }> = [];
      for (const e of ceilings) {
        const fen = e.period === p ? ceilingFen(e) : null;
        if (fen === null || fen > budget) continue; // above the budget alone: R-COST-BUDGET
        (fen === budget || /总|合计|预算/.test(e.row.name) ? totals : parts).push({ e, fen });
      }
      const limit = totals.length ? Math.min(...totals.map((x) => x.fen)) : budget;
      if (parts.length < (totals.length ? 1 : 2)) continue;
      const sum = parts.reduce((a, x) => a + x.fen, 0);
      if (sum <= limit) continue;
      const list = parts.map((x) => `“${x.e.row.name.trim()}” ${q(x.e.row.value)}`).join(' + ');
      const against = totals[0]
        ? `总成本“${totals[0].e.row.name.trim()}” ${q(totals[0].e.row.value)}`
        : `${q(ctx.fieldLabel(`periods.${p}.funding.total`))} ${ctx.money(budget)}`;
      out.push({
        message: `${ctx.table}${ctx.periodLabel(p)} 的成本指标 ${list} 合计 ${ctx.money(sum)}，超过${against}`,
        field: `periods.${p}.indicators`,
        period: p,
        keyPath: `periods.${p}.indicators:cost-sum`,
      });
    }
    return out;
  },
};

/** `项目期` that says several years: `3年`, `2024-2026年`, `2024年至2026年`. */
export function isMultiYear(duration: string): boolean {
  const d = squash(duration);
  const years = /^(\d+)年$/.exec(d);
  if (years) return Number(years[1]) > 1;
  const span = /(\d{4})年?[-—－~至到](\d{4})/.exec(d);
  return span !== null && Number(span[2]) > Number(span[1]);
}

export const deadlineInYear: ProjectRule = {
  code: 'R-TIME-IN-YEAR',
  severity: 'warning',
  scope: 'project',
  criterion: '适当性',
  title: '一年期项目的年度时效在预算年度之内',
  description: '年度绩效目标在预算年度内完成：一年期项目的时效日期不晚于当年 12 月 31 日（多年的放在实施期或中期目标）。',
  check(ctx) {
    if (!ctx.periods.includes('annual') || isMultiYear(ctx.filing.duration)) return [];
    const fy = ctx.filing.year;
    const out: FindingDraft[] = [];
    for (const e of ctx.rows()) {
      const v = e.value;
      if (e.period !== 'annual' || e.group !== 'timeliness' || v.kind !== 'date' || !v.valid || v.year === undefined) continue;
      if (v.year <= fy || v.year > fy + ctx.params.dateYearsAfter) continue; // far off: R-DATE-RANGE
      out.push(atValue(e, `${ctx.at(e)} 的完成时间 ${q(v.raw)} 晚于预算年度 ${fy} 年：年度目标应在 ${fy}年12月31日前完成`));
    }
    return out;
  },
};

export const APPROPRIATE_RULES: readonly ProjectRule[] = [quantityTimesCost, costSum, deadlineInYear];
