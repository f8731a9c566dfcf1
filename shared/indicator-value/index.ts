// 指标值 grammar: parse a value into a structure, print it back as written, and offer
// normalisations as fixes the user accepts one by one. Pure TypeScript, no Node imports.
export * from './types.ts';
export { parseIndicatorValue, printIndicatorValue, isMeasure, parseDateText } from './parse.ts';
export { normalisedView } from './lexical.ts';
export { suggestValueFixes, applyFix, normaliseValue } from './fixes.ts';
export { moneyToFen, decimalToScaledInt, fenToDecimalText } from './money.ts';
