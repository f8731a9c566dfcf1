// Where a review comment points, in the words of the form: `整表`, `资金用途`,
// `指标“群众满意度”`, `指标“群众满意度”的指标值`, and in a form of several periods
// `实施期指标“及时性”的指标值` (the same row name stands in each period). Pure; used by the review UI, the
// 审核意见表 and the terminal.
import { PERIOD_LABELS, type PeriodKey, type ProjectFiling } from '../model/filing.ts';
import { INDICATOR_COLUMN_LABELS, getTemplate } from '../templates/index.ts';
import { fieldLabel } from '../templates/labels.ts';
import type { IndicatorColumn } from '../templates/types.ts';

const ROW = /^periods\.(\w+)\.indicators\[(?:id=([^\]]+)|(\d+))\](?:\.(\w+))?$/;

export function pinLabel(filing: Pick<ProjectFiling, 'periods' | 'templateId'> | null, path: string): string {
  if (path === '') return '整表';
  const t = filing ? getTemplate(filing.templateId) : undefined;
  const m = ROW.exec(path);
  if (m) {
    const period = m[1] as PeriodKey;
    const rows = filing?.periods[period]?.indicators ?? [];
    const row = m[2] !== undefined ? rows.find((r) => r.id === m[2]) : rows[Number(m[3])];
    const pw = t && t.periods.length > 1 ? (PERIOD_LABELS[period] ?? '') : '';
    const name = row ? `${pw}指标“${row.name || row.level2 || '（未填）'}”` : `${pw}指标行（已删除）`;
    const col = m[4] as IndicatorColumn | undefined;
    return col ? `${name}的${INDICATOR_COLUMN_LABELS[col] ?? col}` : name;
  }
  return t ? fieldLabel(t, path) : path;
}

/** A change at `changed` answers a comment pinned at `pinned` when one lies inside the other. */
export function pinCovers(pinned: string, changed: string): boolean {
  if (!pinned) return false;
  const under = (a: string, b: string) => a === b || a.startsWith(`${b}.`) || a.startsWith(`${b}[`);
  return under(changed, pinned) || under(pinned, changed);
}
