// The rows of the list: every row of a short book; in a windowed one the rows in view, with
// spacers that keep the scroll bar the length of the whole book. A row is drawn again only
// when its own props change (memo; the one row handler never changes).
import { memo } from 'react';
import type { ReactNode } from 'react';
import type { ProjectRow } from '../../../../shared/api/contract.ts';
import { STATUS_LABELS } from '../../../../shared/model/filing.ts';
import { getTemplate } from '../../../../shared/templates/index.ts';
import { budgetText } from '../../ui/money.ts';
import type { RowAction } from './useListActions.ts';
import type { ListWindow } from './useListWindow.ts';

interface RowsProps extends ListWindow {
  rows: ProjectRow[];
  /** 查找 or a filter is on: no row can move. */
  filtered: boolean;
  /** Every table has the same amount unit (named in the column heading). */
  uniform: boolean;
  onRow: (id: string, action: RowAction) => void;
}

export function ListRows({ rows, filtered, uniform, windowed, virt, onRow }: RowsProps): ReactNode {
  const rowOf = (r: ProjectRow, i: number, measure?: (el: HTMLTableRowElement | null) => void) => (
    <Row key={r.id} row={r} index={i} measure={measure} first={filtered || i === 0} last={filtered || i === rows.length - 1} uniform={uniform} onRow={onRow} />
  );
  if (!windowed) return rows.map((r, i) => rowOf(r, i));
  const items = virt.getVirtualItems();
  if (!items.length) return null;
  const margin = virt.options.scrollMargin;
  const before = items[0]!.start - margin;
  const after = virt.getTotalSize() - (items.at(-1)!.end - margin);
  return (
    <>
      {before > 0 ? <tr className="list-pad" aria-hidden style={{ height: before }} /> : null}
      {items.map((it) => rowOf(rows[it.index]!, it.index, virt.measureElement))}
      {after > 0 ? <tr className="list-pad" aria-hidden style={{ height: after }} /> : null}
    </>
  );
}

interface RowProps {
  row: ProjectRow;
  index: number;
  /** Measures the drawn row (windowed lists). */
  measure?: (el: HTMLTableRowElement | null) => void;
  first: boolean;
  last: boolean;
  uniform: boolean;
  onRow: (id: string, action: RowAction) => void;
}

const Row = memo(function Row({ row: r, index, measure, first, last, uniform, onRow }: RowProps) {
  const t = getTemplate(r.templateId);
  return (
    <tr tabIndex={0} data-id={r.id} data-index={index} ref={measure} onDoubleClick={() => onRow(r.id, 'open')}>
      <td className="col-seq">{r.seq}</td>
      <td className="col-name">
        <a
          href={`#open-${r.id}`}
          tabIndex={-1}
          onClick={(e) => {
            e.preventDefault();
            onRow(r.id, 'open');
          }}
        >
          {r.name || '（未命名项目）'}
        </a>
      </td>
      <td className="col-tpl" title={t?.name}>
        {r.templateId}
      </td>
      <td className="col-money">{budgetText(r.budget, r.templateId, !uniform)}</td>
      <td className="col-n">{r.indicatorCount}</td>
      <td className="col-status">
        <span className={`status status-${r.status}`}>{STATUS_LABELS[r.status]}</span>
      </td>
      <td className="col-audit">
        {r.errors ? <span className="badge badge-error">错误 {r.errors}</span> : null}
        {r.openWarnings ? <span className="badge badge-warning">警告 {r.openWarnings}</span> : null}
        {!r.errors && !r.openWarnings ? <span className="badge badge-ok">通过</span> : null}
      </td>
      <td className="col-carried">{r.carriedOver ? <span className="badge badge-carried" title="从上年复制、尚未核对的内容">结转 {r.carriedOver}</span> : null}</td>
      <td className="col-actions">
        <button type="button" tabIndex={-1} title="上移（Alt+↑）" aria-label="上移" disabled={first} onClick={() => onRow(r.id, 'up')}>
          ↑
        </button>
        <button type="button" tabIndex={-1} title="下移（Alt+↓）" aria-label="下移" disabled={last} onClick={() => onRow(r.id, 'down')}>
          ↓
        </button>
        <button type="button" tabIndex={-1} title="复制（Ctrl+D）" onClick={() => onRow(r.id, 'duplicate')}>
          复制
        </button>
        <button type="button" tabIndex={-1} title="删除（Delete），可撤销" onClick={() => onRow(r.id, 'delete')}>
          删除
        </button>
      </td>
    </tr>
  );
});
