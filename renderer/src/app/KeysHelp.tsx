// 快捷键: the keyboard map of the form (renderer/README.md has it too).
import type { ReactNode } from 'react';
import { Modal } from '../ui/dialog.tsx';

const KEY_MAP: Array<[string, string]> = [
  ['Tab / Shift+Tab', '下一格 / 上一格'],
  ['Enter', '确认并转到下一行'],
  ['↑ ↓ ← →', '在单元格之间移动（光标在文字边缘时）'],
  ['Alt+Enter 或 Shift+Enter', '在多行单元格内换行'],
  ['Esc', '放弃本格尚未确认的输入'],
  ['Ctrl+Z / Ctrl+Y（Ctrl+Shift+Z）', '撤销 / 重做'],
  ['Ctrl+Enter', '在下方插入一行指标（同一分组）'],
  ['Ctrl+Shift+Enter', '新增一级指标分组'],
  ['Ctrl+Delete', '删除本行指标'],
  ['Alt+↑ / Alt+↓', '在一级指标分组内上移 / 下移本行'],
  ['↑ ↓ 与 Enter / Tab', '三级指标格中输入文字或拼音首字母后，在指标库建议中选择、选用'],
  ['F4', '一级、二级、三级指标格（财预〔2021〕101号还有指标值确定依据格）：显示可选项'],
];

export function KeysHelp({ onClose }: { onClose: () => void }): ReactNode {
  return (
    <Modal title="键盘操作" onClose={onClose}>
      <table className="keys">
        <tbody>
          {KEY_MAP.map(([k, v]) => (
            <tr key={k}>
              <td>
                <kbd>{k}</kbd>
              </td>
              <td>{v}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Modal>
  );
}
