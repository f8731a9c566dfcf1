// 审核: the rule catalogue and the engine that runs it. Pure TypeScript (no Node imports).
export * from './types.ts';
export { RULES, RULESET_VERSION, PLACEHOLDER_RE, looksLikePhone } from './catalogue.ts';
export {
  validateProject,
  validateUnitYear,
  auditUnitYear,
  applyFix,
  explain,
  summarise,
  describeRuleset,
  fieldLabel,
  formatMoney,
  buildProjectContext,
} from './engine.ts';
export type { ValidateOptions, AppliedRule, RulesetRecord, FindingSummary, UnitYearReport } from './engine.ts';
export { getAt, setAt, parsePath } from './paths.ts';
export { estimateGrade, estimateBookGrade, describeGrade } from './grade.ts';
export { SUBSTANCE_RULES, carryExplanations } from './substance/index.ts';
