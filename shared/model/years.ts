// The filing year a table being written now is most likely for: next year from July on
// (the budget season). Used by the indicator library and the app's default year.
export function likelyFilingYear(now = new Date()): number {
  return now.getFullYear() + (now.getMonth() >= 6 ? 1 : 0);
}
