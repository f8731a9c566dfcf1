// Helpers the rules share: blank tests, quoting, value fixes, the indicator walk, amounts.
import { FUNDING_KEYS, type FundingKey, type PeriodKey, type ProjectFiling } from '../../model/filing.ts';
import { suggestValueFixes, type ValueFix, type ValueFixCode } from '../../indicator-value/index.ts';
import type { FindingDraft, IndicatorEntry, ProjectContext } from '../types.ts';

export const isBlank = (v: unknown): boolean =>
  v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

export const q = (s: string): string => `“${s}”`;

export function valueFix(entry: IndicatorEntry, fix: ValueFix): FindingDraft['fix'] {
  return {
    description: `改为${q(fix.replacement)}`,
    patch: { path: `${entry.path}.value`, value: fix.replacement, expect: entry.row.value },
  };
}

// What the 一级/二级 say, as the engine read it once per row (groups.ts levelFacts).
/** 满意 in the 一级 or the 二级. */
export const isSatisfaction = (e: IndicatorEntry): boolean => e.group === 'satisfaction';
/** 成本 in the 二级 or the 一级. */
export const isCost = (e: IndicatorEntry): boolean => e.cost;
/** 时效 in the 二级. */
export const isTimeliness = (e: IndicatorEntry): boolean => e.timeliness;

/** The amount of a funding line, or null when blank / the period is missing. */
export function amount(f: ProjectFiling, p: PeriodKey, k: FundingKey): number | null {
  return f.periods[p]?.funding[k] ?? null;
}

/** Every amount the table has a line for, period by period (blank ones left out). */
export function fundingAmounts(ctx: ProjectContext): Array<{ period: PeriodKey; key: FundingKey; fen: number; field: string }> {
  const out: Array<{ period: PeriodKey; key: FundingKey; fen: number; field: string }> = [];
  for (const period of ctx.periods) {
    for (const key of FUNDING_KEYS) {
      if (!ctx.template.fundingLines.includes(key)) continue;
      const fen = amount(ctx.filing, period, key);
      if (fen !== null) out.push({ period, key, fen, field: `periods.${period}.funding.${key}` });
    }
  }
  return out;
}

export function fixOf(raw: string, codes: readonly ValueFixCode[]): ValueFix | undefined {
  return suggestValueFixes(raw).find((f) => codes.includes(f.code));
}

/** The first fix of a row's 指标值 with one of `codes` (the value's fixes looked up once per row, read by several rules). */
export function rowFixOf(e: IndicatorEntry, codes: readonly ValueFixCode[]): ValueFix | undefined {
  const fixes = (e.fixes ??= suggestValueFixes(e.row.value));
  for (let i = 0; i < fixes.length; i++) if (codes.includes(fixes[i]!.code)) return fixes[i];
  return undefined;
}
