import { describe, expect, it } from 'vitest';
import { newProjectId, newRowId } from '../../shared/model/ids.ts';
import { BUDGET_SEASON_START, likelyFilingYear, yearOptions } from '../../shared/model/year.ts';

describe('ids and years', () => {
  it('makes distinct row and project ids of the expected form', () => {
    const rows = new Set(Array.from({ length: 1000 }, newRowId));
    expect(rows.size).toBe(1000);
    for (const r of rows) expect(r).toMatch(/^r[0-9a-f]{12}$/);
    const p = newProjectId();
    expect(p).toMatch(/^p-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(newProjectId()).not.toBe(p);
  });

  it('files for next year from July on', () => {
    expect(likelyFilingYear(new Date(2025, 5, 30))).toBe(2025);
    expect(likelyFilingYear(new Date(2025, 6, 1))).toBe(2026);
  });
});

describe('the filing year as data', () => {
  it('moves with the budget season and is always offered by the year picker', () => {
    expect(BUDGET_SEASON_START).toEqual({ month: 7, day: 1 });
    expect(likelyFilingYear(new Date(2026, 8, 15), { month: 9, day: 16 })).toBe(2026);
    expect(likelyFilingYear(new Date(2026, 8, 16), { month: 9, day: 16 })).toBe(2027);
    // A unit with no data in 2027 still gets 2027 in the list; a demo unit's 2023 stays.
    expect(yearOptions([], 2027, 2027, 2027)).toEqual([2027, 2028]);
    expect(yearOptions([2023], 2023, 2027, 2027)).toEqual([2023, 2024, 2027]);
    // In December 2026 (filing year 2027) a new user still finds 2026, the year of its 绩效自评.
    expect(yearOptions([], 2027, 2027, 2026)).toEqual([2026, 2027, 2028]);
  });
});
