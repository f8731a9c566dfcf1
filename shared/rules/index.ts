// 审核: the rule catalogue and the engine that runs it. Pure TypeScript (no Node imports).
export * from './types.ts';
export { RULES, RULESET_VERSION, looksLikePhone } from './catalogue/index.ts';
export {
  validateProject,
  validateUnitYear,
  auditUnitYear,
  checkUnitYearRules,
  applyFix,
  explain,
  summarise,
  describeRuleset,
} from './engine.ts';
export type { FindingSummary, UnitYearReport } from './engine.ts';
export { getAt } from '../model/field-path.ts';
export { estimateGrade, estimateBookGrade, describeGrade, indicatorsTyped } from './grade.ts';
export { SUBSTANCE_RULES, carryExplanations } from './substance/index.ts';
export { libraryValueVetter } from './library-values.ts';
