// 导入审核意见 (the unit's side): the return package the office wrote for this unit-year is
// read, checked and imported; each table becomes 退回修改 or 已通过 and its comments show
// in the form. Any refusal changes nothing and says why.
import { useState } from 'react';
import type { ReactNode } from 'react';
import type { ApiClient } from '../../../shared/api/contract.ts';
import type { ReturnImportResult } from '../../../shared/handover/review-model.ts';
import { errorText } from '../api/client.ts';
import { readUpload } from '../app/exchange/upload.ts';
import { Modal } from '../ui/dialog.tsx';

export function ReturnImportDialog({ api, onClose, onImported }: { api: ApiClient; onClose: () => void; onImported: () => void }): ReactNode {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [done, setDone] = useState<ReturnImportResult | null>(null);
  const choose = async (f: File | undefined) => {
    if (!f) return;
    setBusy(true);
    setError('');
    try {
      const r = await api.call('review.importReturn', { file: await readUpload(f) });
      setDone(r);
      onImported();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      title="导入审核意见"
      onClose={onClose}
      footer={
        <button type="button" className="btn-primary" onClick={onClose}>
          关闭
        </button>
      }
    >
      <p>选择主管部门或财政部门退回的退回包（绩效目标退回_….jxmb）。导入后，各表的状态变为“退回修改”或“已通过”，意见显示在表中（部门整体绩效目标的意见显示在其编辑页）和审核栏里。</p>
      <label className={`file-btn btn-primary${busy ? ' disabled' : ''}`}>
        选择退回包……
        <input type="file" accept=".jxmb" disabled={busy} aria-label="选择退回包" onChange={(e) => void choose(e.target.files?.[0]).finally(() => (e.target.value = ''))} />
      </label>
      {busy ? <div className="notice-inline">正在检查并导入……</div> : null}
      {error ? (
        <div className="form-error" role="alert">
          未导入：{error}
        </div>
      ) : null}
      {done ? (
        <div className="ok-text" data-testid="return-imported">
          已导入第 {done.returnNo} 次退回包（针对第 {done.submissionNo} 次报送）：退回修改 {done.returned} 张，已通过 {done.approved} 张{done.dept ? `；部门整体绩效目标：${done.dept}` : ''}。
          {done.unchanged.length ? <div className="hint-text">状态未变的表（已是该状态，或报送后又修改过）：{done.unchanged.join('、')}</div> : null}
        </div>
      ) : null}
    </Modal>
  );
}
