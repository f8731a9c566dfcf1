// What the rule check is called. The filing side keeps the forms' own word, 审核; on the
// receiving side, where a reviewer records a 审核结论 of their own, the machine check is
// 规则检查, in the panel, the list, the 汇总 (screen and spreadsheet) alike, so the two are
// never taken for each other.
export const RULE_CHECK = '规则检查';

/** `审核` for the unit's own tables, `规则检查` for received ones. */
export function checkLabel(received: boolean): string {
  return received ? RULE_CHECK : '审核';
}
