// The budget year a table being written now is most likely for (the filing year).

/**
 * The budget season: from this day on, budgets for next year are being filed (a new unit,
 * the year list and the library default to next year). Data, so a region may move it.
 */
export const BUDGET_SEASON_START = { month: 7, day: 1 } as const;

/** The current filing year: this year, or next year once the budget season has started. */
export function likelyFilingYear(now = new Date(), season: { month: number; day: number } = BUDGET_SEASON_START): number {
  const m = now.getMonth() + 1;
  const started = m > season.month || (m === season.month && now.getDate() >= season.day);
  return now.getFullYear() + (started ? 1 : 0);
}

/**
 * The years a year picker offers: those with data, the one shown, the filing year, the year
 * being carried out (its 绩效运行监控 and year-end 绩效自评 are done in it, after the budget
 * season has moved the filing year on) and the year after the last with data.
 */
export function yearOptions(withData: readonly number[], shown: number, filingYear = likelyFilingYear(), currentYear = new Date().getFullYear()): number[] {
  const next = (withData.length ? Math.max(...withData) : shown) + 1;
  return [...new Set([...withData, shown, filingYear, currentYear, next])].sort((a, b) => a - b);
}
