// The buttons beside an indicator row (its last cell): move, insert, new 一级, delete.
import type { ReactNode } from 'react';
import type { FormController } from './controller.ts';

export function RowTools({ ctl, ckey }: { ctl: FormController; ckey: string }): ReactNode {
  const b = (cmd: Parameters<FormController['rowCommand']>[1], text: string, title: string) => (
    <button
      type="button"
      tabIndex={-1}
      title={title}
      aria-label={title}
      onMouseDown={(e) => e.preventDefault()}
      onClick={() => ctl.rowCommand(ckey, cmd)}
    >
      {text}
    </button>
  );
  return (
    <div className="row-tools">
      {b('up', '↑', '上移（Alt+↑）')}
      {b('down', '↓', '下移（Alt+↓）')}
      {b('insert', '＋', '在下方插入一行（Ctrl+Enter）')}
      {b('group', '＋级', '新增一级指标（Ctrl+Shift+Enter）')}
      {b('remove', '×', '删除本行（Ctrl+Delete）')}
    </div>
  );
}
