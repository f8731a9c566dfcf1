// 复制上年: last year's tables copied into this year as a starting point, marked for checking.
import type { ReactNode } from 'react';
import type { ApiClient } from '../../../../shared/api/contract.ts';
import { errorText } from '../../api/client.ts';
import { Modal } from '../../ui/dialog.tsx';
import { useToast } from '../../ui/toast.tsx';

export function CopyYearDialog({ api, unitCode, year, onCopied, onClose }: { api: ApiClient; unitCode: string; year: number; onCopied: () => Promise<void>; onClose: () => void }): ReactNode {
  const toast = useToast();
  const copy = async () => {
    onClose();
    try {
      const r = await api.call('projects.copyYear', { unitCode, fromYear: year - 1, toYear: year });
      await onCopied();
      toast(`已从 ${year - 1} 年度复制 ${r.copied} 张项目表${r.skipped ? `（${r.skipped} 张此前已复制，未重复）` : ''}。复制来的内容已标出，请逐项核对。`, { kind: 'ok', ms: 8000 });
    } catch (e) {
      toast(errorText(e), { kind: 'error' });
    }
  };
  return (
    <Modal
      title="复制上年"
      onClose={onClose}
      footer={
        <>
          <button type="button" onClick={onClose}>
            取消
          </button>
          <button type="button" className="btn-primary" data-autofocus onClick={() => void copy()}>
            复制
          </button>
        </>
      }
    >
      <p>
        把 {year - 1} 年度的项目表复制到 {year} 年度，作为今年填写的起点。复制来的每一项内容都会标出（浅黄色），核对过后标记自动消失；日期中的年份会改为新年度。
      </p>
      <p>已经复制过的表不会重复复制。</p>
    </Modal>
  );
}
