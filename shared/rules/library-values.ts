// The indicator library never proposes a 指标值 that 审核 would question: each proposed value
// is checked as the only row of a table under its 一级/二级/三级; a flagged value is replaced
// by the fix 审核 offers for it (`≥90百分比` → `≥90%`) when that passes, else not proposed.
import { projectFilingSchema, type IndicatorRow, type ProjectFiling } from '../model/filing.ts';
import { getTemplate } from '../templates/index.ts';
import { applyFix, validateProject } from './engine.ts';

const FIELD = 'periods.annual.indicators[0].value';

export interface LibraryRow {
  level1: string;
  level2: string;
  name: string;
}

let blank: ProjectFiling | null = null;

/** 审核's findings on the value itself, as the only row of an otherwise blank table. */
function valueFindings(row: LibraryRow, value: string, year: number, budget: number | null) {
  blank ??= projectFilingSchema.parse({ id: 'library', templateId: 'A', unitCode: '000000', year, seq: 1, name: '', periods: { annual: { funding: {}, goal: '', indicators: [] } } });
  const ind: IndicatorRow = { id: 'lib', level1: row.level1, level2: row.level2, name: row.name, description: row.name, value, basis: '', standard: '' };
  const annual = blank.periods.annual!;
  const funding = budget === null ? annual.funding : { ...annual.funding, total: budget, fiscal: budget };
  const filing: ProjectFiling = { ...blank, year, name: row.name, periods: { annual: { ...annual, funding, indicators: [ind] } } };
  const found = validateProject(filing, getTemplate('A')!).filter((f) => f.location.field === FIELD);
  return { filing, found };
}

/**
 * A vetter for one fiscal year (memoised per row and value): the value to propose, or null.
 * With the budget (分) of the table it is proposed for, a cost above it is not proposed.
 */
export function libraryValueVetter(year: number): (row: LibraryRow, value: string, budget?: number | null) => string | null {
  const memo = new Map<string, string | null>();
  return (row, value, budget = null) => {
    const key = `${row.level1}|${row.level2}|${row.name}|${value}|${budget ?? ''}`;
    if (memo.has(key)) return memo.get(key)!;
    let out: string | null = value;
    const { filing, found } = valueFindings(row, value, year, budget);
    if (found.length) {
      const fix = found.find((f) => f.fix && f.fix.patch.path === FIELD)?.fix;
      const fixed = fix ? String(applyFix(filing, fix).periods.annual?.indicators[0]?.value ?? '') : '';
      out = fixed && valueFindings(row, fixed, year, budget).found.length === 0 ? fixed : null;
    }
    memo.set(key, out);
    return out;
  };
}
