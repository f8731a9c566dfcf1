// The substance rules: what the finance bureau's 绩效目标审核 asks beyond form — 明确性
// (measurable), 适当性 (appropriate), 相关性 (relevant), 可行性 (feasible). Registered in
// the catalogue with one spread; thresholds and word lists are RuleParams.
import type { Explanation, ProjectFiling } from '../../model/filing.ts';
import type { ProjectRule } from '../types.ts';
import { MEASURABLE_RULES } from './measurable.ts';
import { APPROPRIATE_RULES } from './appropriate.ts';
import { RELEVANT_RULES } from './relevant.ts';
import { FEASIBLE_RULES } from './feasible.ts';


export const SUBSTANCE_RULES: readonly ProjectRule[] = [...MEASURABLE_RULES, ...APPROPRIATE_RULES, ...RELEVANT_RULES, ...FEASIBLE_RULES];

/** Codes of the hints a 说明 may answer; their 说明 carry over to next year's copy. */
const EXPLAINABLE_HINT_CODES: ReadonlySet<string> = new Set(SUBSTANCE_RULES.filter((r) => r.explainable).map((r) => r.code));

/**
 * Every 说明 of `src` for a copy whose indicator rows got new ids (`rowIds`: old id → new
 * id), keys naming a row rewritten (a 说明 of a row that is gone is dropped). `review`: it
 * answered last year's finding and is to be looked at again; the 说明 of explainable
 * substance hints answer for good. Pure.
 */
export function carryExplanations(src: ProjectFiling, rowIds: ReadonlyMap<string, string>): Array<Explanation & { review: boolean }> {
  const out: Array<Explanation & { review: boolean }> = [];
  for (const ex of src.explanations) {
    const code = ex.key.slice(0, Math.max(0, ex.key.indexOf('@')));
    let dropped = false;
    const key = ex.key.replace(/\[id=([^\]]+)\]/g, (_all, id: string) => {
      const next = rowIds.get(id);
      if (next === undefined) dropped = true;
      return `[id=${next ?? id}]`;
    });
    if (!dropped) out.push({ key, text: ex.text, review: !EXPLAINABLE_HINT_CODES.has(code) });
  }
  return out;
}
