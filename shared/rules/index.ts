// 审核: the rule catalogue and the engine that runs it. Pure TypeScript (no Node imports).
export * from './types.ts';
export { RULES, RULESET_VERSION, PLACEHOLDER_RE, looksLikePhone } from './catalogue/index.ts';
export {
  validateProject,
  validateUnitYear,
  auditUnitYear,
  applyFix,
  explain,
  summarise,
  describeRuleset,
  formatMoney,
  buildProjectContext,
} from './engine.ts';
export type { ValidateOptions, AppliedRule, RulesetRecord, FindingSummary, UnitYearReport } from './engine.ts';
export { fieldLabel } from '../templates/labels.ts';
export { getAt, setAt, parsePath } from '../model/field-path.ts';
export { estimateGrade, estimateBookGrade, describeGrade } from './grade.ts';
export { SUBSTANCE_RULES, carryExplanations } from './substance/index.ts';
