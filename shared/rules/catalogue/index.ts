// The 审核 catalogue (docs/rules.md), one group of rules per file. Each rule is data plus a
// check; messages are Chinese and name the table, the row and the cell. Codes are stable:
// a region's RuleConfig and a user's 说明 refer to them. A new rule goes into the file of
// its group and into RULES below at the place its findings should be listed.
import type { Rule } from '../types.ts';
import { followsSettings, phone, projectCode, required } from './identification.ts';
import { amountFormat, annualWithinImplementation, fundSources, fundSum } from './money.ts';
import { magnitude } from './magnitude.ts';
import { ratioAsPercent } from './ratio.ts';
import { spendingPlan } from './spending-plan.ts';
import { dateInvalid, dateRange, fillDate, fillDateFormat, fillDateRange } from './dates.ts';
import { level1Known, level1Missing, level2Parent, nameEmpty, noIndicators, rowBlank, valueEmpty } from './indicators.ts';
import { duplicateName, duplicateRow } from './duplicates.ts';
import {
  costBudget,
  costFloor,
  ge100,
  normalise,
  percentRange,
  percentWord,
  satisfactionLow,
  timelinessKind,
  valueFormat,
} from './values.ts';
import { basisFilled, basisKind, placeholder, standardFilled } from './text.ts';
import { SUBSTANCE_RULES } from '../substance/index.ts';
import {
  unitDeptItems,
  unitDeptText,
  unitDuplicateCode,
  unitDuplicateName,
  unitProjectsPass,
  unitTotals,
  unitYearConsistent,
} from './unit-year.ts';

export { looksLikePhone } from './identification.ts';

export const RULESET_VERSION = '2025.3';

/** The catalogue, in the order findings are listed. */
export const RULES: readonly Rule[] = [
  followsSettings,
  required,
  fundSum,
  fundSources,
  annualWithinImplementation,
  amountFormat,
  magnitude,
  spendingPlan,
  projectCode,
  phone,
  fillDate,
  fillDateFormat,
  fillDateRange,
  noIndicators,
  level1Missing,
  level1Known,
  level2Parent,
  rowBlank,
  nameEmpty,
  valueEmpty,
  duplicateRow,
  duplicateName,
  valueFormat,
  percentRange,
  ratioAsPercent,
  ge100,
  percentWord,
  normalise,
  costBudget,
  costFloor,
  dateInvalid,
  dateRange,
  timelinessKind,
  satisfactionLow,
  basisFilled,
  basisKind,
  standardFilled,
  placeholder,
  ...SUBSTANCE_RULES,
  unitProjectsPass,
  unitYearConsistent,
  unitDeptText,
  unitDeptItems,
  unitDuplicateCode,
  unitDuplicateName,
  unitTotals,
];
