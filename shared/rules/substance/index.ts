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
 * The 说明 of explainable hints for a copy of `src` whose indicator rows got new ids
 * (`rowIds`: old id → new id); keys naming a row are rewritten, others kept. Pure.
 */
export function carryExplanations(src: ProjectFiling, rowIds: ReadonlyMap<string, string>): Explanation[] {
  const out: Explanation[] = [];
  for (const ex of src.explanations) {
    const code = ex.key.slice(0, ex.key.indexOf('@'));
    if (!EXPLAINABLE_HINT_CODES.has(code)) continue;
    let dropped = false;
    const key = ex.key.replace(/\[id=([^\]]+)\]/g, (_all, id: string) => {
      const next = rowIds.get(id);
      if (next === undefined) dropped = true;
      return `[id=${next ?? id}]`;
    });
    if (!dropped) out.push({ key, text: ex.text });
  }
  return out;
}
