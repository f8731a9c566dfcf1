// The 负责人 / 经办人 / 联系电话 / 填报日期 of a table whose printed layout has no row for them
// (A, B, D): the 报送稿 prints them as a signature line (shared/layout/submission.ts), so the
// form offers them on screen under the table, in rows of the same grid (Tab, undo, 审核
// jumps work as for any cell). Layout C has the row in its table and gets nothing more.
import { hasSignatureRow } from '../../../shared/layout/submission.ts';
import type { BlockSpec, TemplateDef } from '../../../shared/templates/types.ts';

/** Text of the row over the fields (the grid key of its label is `lb:<block>:0:0`). */
export const SIGN_ROWS_TITLE = '签字栏（只印在报送稿上，公开稿不印；可留空，打印后手写）';

/** The blocks the form draws after the template's own: the signature rows where needed. */
export function screenOnlyBlocks(template: TemplateDef): BlockSpec[] {
  if (hasSignatureRow(template)) return [];
  const cols = template.layout.grid.length;
  // Two rows of label | value | label | value over the grid's columns.
  const first = Math.max(1, Math.floor((cols - 2) / 2));
  const second = Math.max(1, cols - 2 - first);
  const pair = (a: [string, string], b: [string, string]) => ({
    cells: [{ text: a[0] }, { field: a[1], span: first }, { text: b[0] }, { field: b[1], span: second }],
  });
  return [
    {
      kind: 'rows',
      rows: [
        { cells: [{ text: SIGN_ROWS_TITLE, span: cols }] },
        pair(['负责人：', 'footer.head'], ['经办人：', 'footer.handler']),
        pair(['联系电话：', 'footer.phone'], ['填报日期：', 'footer.date']),
      ],
    },
  ];
}
