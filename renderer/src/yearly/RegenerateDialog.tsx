// 从已通过版本重新生成: the confirmation listing what changes (rows added or removed, target
// values, budget, the basis); 确认 remakes both forms, keeping what was entered on rows kept.
import type { ReactNode } from 'react';
import { Modal } from '../ui/dialog.tsx';

export function RegenerateDialog({ plan, onClose, onConfirm }: { plan: { changes: string[]; kept: number }; onClose: () => void; onConfirm: () => void }): ReactNode {
  return (
    <Modal
      title="从已通过版本重新生成"
      onClose={onClose}
      confirm={{ label: '确认重新生成', onConfirm, autofocus: true }}
    >
      <p>按已通过审核的版本重新生成绩效运行监控表和绩效自评表；{plan.kept} 个指标行保留已填写的内容。将有以下改动：</p>
      <ul data-testid="yr-regenerate-changes">
        {plan.changes.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ul>
    </Modal>
  );
}
