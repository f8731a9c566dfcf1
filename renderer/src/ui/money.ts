// Money text of the UI: 分 in the template's unit (万元 or 元), empty for no amount.
import { formatFen, formatMoney } from '../../../shared/model/money.ts';
import { amountUnitLabel, getTemplate } from '../../../shared/templates/index.ts';
import type { AmountFormat } from '../../../shared/templates/types.ts';

export function money(fen: number | null, fmt: AmountFormat): string {
  return fen === null ? '' : formatMoney(fen, fmt);
}

/**
 * A table's 预算数 in its template's unit; with the unit's label unless every table of the
 * list has the same unit (then the column heading names it).
 */
export function budgetText(fen: number | null, templateId: string, withUnit: boolean): string {
  if (fen === null) return '';
  const t = getTemplate(templateId);
  if (!t) return formatFen(fen, '万元');
  return withUnit ? `${money(fen, t.amount)} ${amountUnitLabel(t)}` : money(fen, t.amount);
}
