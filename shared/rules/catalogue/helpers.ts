// Helpers the rules share: blank tests, quoting, value fixes, the indicator walk, amounts.
import { FUNDING_KEYS, type FundingKey, type PeriodKey, type ProjectFiling } from '../../model/filing.ts';
import { isCostLevel2 } from '../../templates/indicator-systems.ts';
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

export function isSatisfaction(e: IndicatorEntry): boolean {
  return /满意/.test(e.row.level1) || /满意/.test(e.row.level2);
}
export function isCost(e: IndicatorEntry): boolean {
  return isCostLevel2(e.row.level2) || /成本/.test(e.row.level1);
}
export function isTimeliness(e: IndicatorEntry): boolean {
  return /时效/.test(e.row.level2);
}

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

export function fixOf(raw: string, codes: ValueFixCode[]): ValueFix | undefined {
  return suggestValueFixes(raw).find((f) => codes.includes(f.code));
}
