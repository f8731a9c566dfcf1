// The one row of an indicator table without rows: buttons to start it, and a paste target
// (a table copied from Excel / WPS / Word, such as last year's indicators, becomes its rows).
// Read-only (received data): only the words 未填写绩效指标, no control.
import { useState } from 'react';
import type { ReactNode } from 'react';
import type { FormController } from './controller.ts';

interface Props {
  ckey: string;
  rowSpan?: number;
  colSpan?: number;
  ctl: FormController;
  onStarter(): void;
  onAddRow(): void;
}

export function EmptyIndicators({ ckey, rowSpan, colSpan, ctl, onStarter, onAddRow }: Props): ReactNode {
  const [hint, setHint] = useState('');
  if (ctl.readOnly) {
    return (
      <td className="ind-empty ro" rowSpan={rowSpan} colSpan={colSpan}>
        未填写绩效指标
      </td>
    );
  }
  return (
    <td
      className="ind-empty"
      rowSpan={rowSpan}
      colSpan={colSpan}
      // Clicked, it takes the focus: Ctrl+V pastes here.
      tabIndex={-1}
      onPaste={(e) => {
        const text = e.clipboardData.getData('text/plain');
        if (!text) return;
        e.preventDefault();
        const r = ctl.paste(ckey, text, e.clipboardData.getData('text/html'));
        setHint(r.t === 'error' ? r.error : '');
      }}
    >
      <span>本表还没有绩效指标。</span>
      <button type="button" data-cell={ckey} onClick={onStarter}>
        插入常用指标行
      </button>
      <button type="button" onClick={onAddRow}>
        添加一行
      </button>
      <div className="ind-empty-note">也可以把指标表（如上年的一级、二级、三级指标和指标值各列）复制后粘贴到这里（Ctrl+V）。</div>
      {hint ? (
        <div className="ind-empty-note" role="status">
          {hint}
        </div>
      ) : null}
    </td>
  );
}
