// What can be done to a table of the list: open, delete (with 撤销), duplicate, move up or
// down; each reloads the list and puts the cursor where the user expects it.
import type { ProjectRow } from '../../../../shared/api/contract.ts';
import { errorText } from '../../api/client.ts';
import { useStableCallback } from '../../ui/stable-callback.ts';
import type { ToastFn } from '../../ui/toast.tsx';
import type { Shell } from '../frame.ts';
import type { ListData } from './useListData.ts';

export type RowAction = 'open' | 'up' | 'down' | 'duplicate' | 'delete';

export interface ListActions {
  open(id: string): void;
  remove(row: ProjectRow): Promise<void>;
  duplicate(row: ProjectRow): Promise<void>;
  move(row: ProjectRow, dir: -1 | 1): Promise<void>;
  /** One handler for the buttons and links of every row, the same function on every render (memo rows stay drawn). */
  onRow(id: string, action: RowAction): void;
}

export function useListActions(shell: Shell, data: ListData, focusWhenDrawn: (id: string) => void, toast: ToastFn): ListActions {
  const { api, year } = shell;
  const unitCode = shell.unit!.code;
  const { rows, setRows, load } = data;

  const open = (id: string) => shell.go({ view: 'project', id });

  const remove = async (row: ProjectRow) => {
    try {
      const { deleted } = await api.call('projects.delete', { id: row.id });
      await load();
      toast(`已删除“${row.name || '未命名项目'}”`, {
        action: {
          label: '撤销',
          run: async () => {
            try {
              await api.call('projects.restore', { filing: deleted });
              await load();
              focusWhenDrawn(deleted.id);
              toast('已恢复', { kind: 'ok' });
            } catch (e) {
              toast(errorText(e), { kind: 'error' });
            }
          },
        },
      });
    } catch (e) {
      toast(errorText(e), { kind: 'error' });
    }
  };

  const duplicate = async (row: ProjectRow) => {
    try {
      const r = await api.call('projects.duplicate', { id: row.id });
      await load();
      focusWhenDrawn(r.filing.id);
      toast(`已复制为“${r.filing.name}”`, { kind: 'ok' });
    } catch (e) {
      toast(errorText(e), { kind: 'error' });
    }
  };

  const move = async (row: ProjectRow, dir: -1 | 1) => {
    if (!rows) return;
    const k = rows.findIndex((r) => r.id === row.id);
    const j = k + dir;
    if (k < 0 || j < 0 || j >= rows.length) return;
    const next = rows.slice();
    [next[k], next[j]] = [next[j]!, next[k]!];
    setRows(next.map((r, i) => ({ ...r, seq: i + 1 })));
    focusWhenDrawn(row.id);
    try {
      await api.call('projects.reorder', { unitCode, year, ids: next.map((r) => r.id) });
    } catch (e) {
      toast(errorText(e), { kind: 'error' });
    }
    await load();
  };

  const onRow = useStableCallback((id: string, action: RowAction) => {
    if (action === 'open') return open(id);
    if (data.received) return void toast('这是从报送包接收的数据，只读，不能修改', { kind: 'error' });
    const row = rows?.find((r) => r.id === id);
    if (!row) return;
    if (action === 'delete') void remove(row);
    else if (action === 'duplicate') void duplicate(row);
    else void move(row, action === 'up' ? -1 : 1);
  });

  if (data.received) {
    // Received data: nothing to change (the store refuses it too); say so instead.
    const refuse = async () => toast('这是从报送包接收的数据，只读，不能修改', { kind: 'error' });
    return { open, remove: refuse, duplicate: refuse, move: refuse, onRow };
  }
  return { open, remove, duplicate, move, onRow };
}
