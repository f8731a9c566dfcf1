// The budget year a table being written now is most likely for.

/** Next year from July on (budgets are filed in the second half of the year before). */
export function likelyFilingYear(now = new Date()): number {
  return now.getFullYear() + (now.getMonth() >= 6 ? 1 : 0);
}
