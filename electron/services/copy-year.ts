// 复制上年: a project table of last year as the start of this year's, every value that came
// across marked in `carriedOver` until the user has looked at it.
//
// - new project id and new indicator row ids; status 草稿; 说明 carried with their keys
//   moved to the new row ids, marked for review (they answered last year's findings),
//   except those of the hints a 说明 answers for good (substance rules); 填报日期 blank;
// - everything else is copied, including money (this year's budget will differ: marked)
//   and 项目编码 (its year digits are the year the project was created: kept, marked);
// - dates written for last year in 指标值, 目标期间 and the heading name
//   (`2024年12月31日`, `2024.12.31`) are moved to the new year, and marked as well;
// - marks: every non-blank copied field, with indicator cells by row id
//   (`periods.annual.indicators[id=r1].value`, see shared/api/carried-over.ts).
import { FUNDING_KEYS, type ProjectFiling } from '../../shared/model/filing.ts';
import { explanationMark, indicatorPath } from '../../shared/api/carried-over.ts';
import { carryExplanations } from '../../shared/rules/index.ts';

const TOP_FIELDS = ['name', 'headingName', 'projectCode', 'implementingUnit', 'attribute', 'duration', 'fundUse'] as const;
const NESTED = {
  spendingPlan: ['mar', 'jun', 'oct', 'dec'],
  prose: ['overview', 'basis', 'necessity', 'measures', 'plan'],
  footer: ['head', 'handler', 'phone'],
} as const;
const ROW_COLUMNS = ['name', 'description', 'value', 'basis', 'standard'] as const;
const MAX_MARKS = 5000;

/** `2024年…`, `2024.12.31`, `2024-12`, `2024/12` → the same with `to`. */
export function shiftYear(text: string, from: number, to: number): string {
  return text.replace(new RegExp(`(?<!\\d)${from}(?=\\s*[年.\\-/－—]|$)`, 'g'), String(to));
}

export function copyFilingToYear(
  src: ProjectFiling,
  toYear: number,
  ids: { project: string; row: () => string },
  seq: number,
): ProjectFiling {
  const marks: string[] = [];
  const rowMarks: string[] = [];
  const mark = (path: string, v: unknown) => {
    if (v !== null && v !== undefined && !(typeof v === 'string' && v.trim() === '')) marks.push(path);
  };
  const shift = (t: string) => shiftYear(t, src.year, toYear);

  const out: ProjectFiling = structuredClone(src);
  out.id = ids.project;
  out.year = toYear;
  out.seq = seq;
  out.status = 'draft';
  out.changedSinceSubmission = false;
  const rowIds = new Map<string, string>();
  out.headingName = shift(src.headingName);
  out.footer = { ...src.footer, date: '' };
  for (const f of TOP_FIELDS) mark(f, out[f]);
  for (const [group, keys] of Object.entries(NESTED)) {
    const obj = out[group as keyof typeof NESTED] as Record<string, string>;
    for (const k of keys) mark(`${group}.${k}`, obj[k]);
  }
  for (const [p, data] of Object.entries(out.periods)) {
    if (!data) continue;
    data.rangeLabel = shift(data.rangeLabel);
    for (const k of FUNDING_KEYS) mark(`periods.${p}.funding.${k}`, data.funding[k]);
    mark(`periods.${p}.goal`, data.goal);
    mark(`periods.${p}.rangeLabel`, data.rangeLabel);
    data.indicators = data.indicators.map((row) => {
      const r = { ...row, id: ids.row(), value: shift(row.value) };
      rowIds.set(row.id, r.id);
      const before = marks.length;
      for (const c of ROW_COLUMNS) mark(indicatorPath(p, r.id, c), r[c]);
      if (marks.length > before) rowMarks.push(indicatorPath(p, r.id));
      return r;
    });
  }
  const explanations = carryExplanations(src, rowIds);
  out.explanations = explanations.map(({ key, text }) => ({ key, text }));
  for (const ex of explanations) if (ex.review) marks.push(explanationMark(ex.key));
  // A huge table would exceed the model's limit on marks: then mark whole rows instead.
  out.carriedOver = marks.length <= MAX_MARKS ? marks : [...marks.filter((m) => !m.includes('[id=')), ...rowMarks].slice(0, MAX_MARKS);
  return out;
}
