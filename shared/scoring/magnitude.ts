// Magnitude in the yearly forms (万元 tables): an 执行数 typed in 元 (600000 for 60 万元) gives
// an 执行率 of 600000 % and adds up. Signs, thresholds from the rule profile as for the targets
// (R-FUND-MAGNITUDE): an 执行率 above magnitudeRatePct, an amount magnitudeMedianFactor times
// the budget, or (no budget to compare) magnitudeWanyuanMax 万元 or more. A warning with ÷ 10,000.
import { fenToDecimalText } from '../model/money.ts';
import { DEFAULT_PARAMS, type RuleConfig, type RuleParams } from '../rules/types.ts';
import { hundredthsText as ht, divHalfUp } from './exact.ts';
import type { YearlyDraft } from './rules-common.ts';

/** An amount of a form (分) with where it is and what the form calls it. */
interface CheckedAmount {
  field: string;
  label: string;
  fen: number | null;
  /** The amount it is measured against (年初预算数, 全年预算数) and its name. */
  budget: number | null;
  budgetLabel: string;
  /** The form shows an 执行率 of this amount against the budget. */
  rated?: boolean;
}

const wan = (fen: number): string => `${fenToDecimalText(fen, '万元')} 万元`;

const paramsOf = (config?: RuleConfig): RuleParams => ({ ...DEFAULT_PARAMS, ...config?.params });

/** Why `a` looks 10,000 times too large (none: it does not). */
function magnitudeReasons(a: CheckedAmount, p: RuleParams): string[] {
  const { fen, budget } = a;
  if (fen === null || fen <= 0 || !Number.isInteger(fen / 10_000)) return [];
  const out: string[] = [];
  if (budget !== null && budget > 0) {
    const rate = divHalfUp(BigInt(fen) * 10_000n, BigInt(budget)); // hundredths of a percent
    if (a.rated && rate > BigInt(p.magnitudeRatePct) * 100n) out.push(`执行率 ${ht(Number(rate))}% 超过 ${p.magnitudeRatePct}%`);
    if (fen >= budget * p.magnitudeMedianFactor) out.push(`是${a.budgetLabel} ${wan(budget)} 的 ${p.magnitudeMedianFactor} 倍以上`);
  } else if (fen >= p.magnitudeWanyuanMax * 1_000_000) out.push(`达到 ${wan(p.magnitudeWanyuanMax * 1_000_000)} 以上`);
  return out;
}

/** One warning per amount that looks typed in 元, with the ÷ 10,000 fix. */
export function magnitudeDrafts(amounts: readonly CheckedAmount[], config?: RuleConfig): YearlyDraft[] {
  const p = paramsOf(config);
  return amounts.flatMap((a) => {
    const reasons = magnitudeReasons(a, p);
    if (!reasons.length || a.fen === null) return [];
    const intended = a.fen / 10_000;
    return [
      {
        message: `${a.label} ${wan(a.fen)} ${reasons.join('，')}，可能是按元填写的（本表金额单位为万元，应为 ${wan(intended)}）`,
        field: a.field,
        fix: { description: `改为 ${wan(intended)}（÷10000）`, patch: { path: a.field, value: intended, expect: a.fen } },
      },
    ];
  });
}
