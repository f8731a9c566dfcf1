// 调整绩效目标: a recorded change of the target (new 指标值 of some rows and / or a new 全年预算数)
// with its reason; the filed target stays as it was. Both forms then score against it.
import { useState } from 'react';
import type { ReactNode } from 'react';
import type { YearlyView } from '../../../shared/yearly/view.ts';
import { parseMoney, fenToDecimalText } from '../../../shared/model/money.ts';
import { Modal } from '../ui/dialog.tsx';

export interface AdjustRequest {
  reason: string;
  approvedOn: string;
  changes: { indicatorId: string; value: string }[];
  budget: number | null;
}

export function AdjustDialog({ view, onClose, onSave }: { view: YearlyView; onClose: () => void; onSave: (r: AdjustRequest) => Promise<boolean> }): ReactNode {
  const current = view.selfEvaluation?.target ?? view.monitoring?.target ?? view.filed;
  const [reason, setReason] = useState('');
  const [approvedOn, setApprovedOn] = useState('');
  const [values, setValues] = useState<Record<string, string>>({});
  const [budget, setBudget] = useState('');
  const [error, setError] = useState('');
  const submit = async () => {
    const changes = Object.entries(values)
      .filter(([id, v]) => v.trim() !== '' && v.trim() !== current.rows.find((r) => r.id === id)?.value)
      .map(([indicatorId, value]) => ({ indicatorId, value: value.trim() }));
    let b: number | null = null;
    if (budget.trim()) {
      b = parseMoney(budget.trim(), '万元');
      if (b === null) return setError(`“${budget}”不是金额（万元）`);
    }
    if (!reason.trim()) return setError('请填写调整原因');
    if (!changes.length && b === null) return setError('没有改动任何指标值或预算数');
    setError('');
    if (await onSave({ reason: reason.trim(), approvedOn: approvedOn.trim(), changes, budget: b })) onClose();
  };
  return (
    <Modal
      title={`调整绩效目标（第 ${view.adjustments.length + 1} 次）`}
      wide
      onClose={onClose}
      confirm={{ label: '记录调整', onConfirm: () => void submit() }}
    >
      <label className="field">
        调整原因（必填）
        <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={2} data-autofocus aria-label="调整原因" />
      </label>
      <label className="field">
        批复日期
        <input value={approvedOn} onChange={(e) => setApprovedOn(e.target.value)} placeholder="如 2025年7月15日" aria-label="批复日期" />
      </label>
      <label className="field">
        调整后全年预算数（万元，不变则留空；现为 {current.budget === null ? '—' : fenToDecimalText(current.budget, '万元')}）
        <input value={budget} onChange={(e) => setBudget(e.target.value)} aria-label="调整后全年预算数" />
      </label>
      <table className="form-table yr-table">
        <thead>
          <tr>
            <th>三级指标</th>
            <th>现指标值</th>
            <th>调整后指标值（不变则留空）</th>
          </tr>
        </thead>
        <tbody>
          {current.rows.map((r) => (
            <tr key={r.id}>
              <td className="ro">{r.name}</td>
              <td className="ro">{r.value}</td>
              <td>
                <input className="yr-cell" aria-label={`${r.name}：调整后指标值`} value={values[r.id] ?? ''} onChange={(e) => setValues({ ...values, [r.id]: e.target.value })} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {error ? <div className="form-error">{error}</div> : null}
    </Modal>
  );
}
