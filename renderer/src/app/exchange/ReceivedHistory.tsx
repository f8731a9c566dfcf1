// The history of received packages: each version of a unit-year with its state; a package
// held as 待确认 (dated after this computer's clock) says why; any version that is not the
// current one can be made current (设为当前版本, after a confirmation), and each time a
// version became current shows in its row (on import, or chosen by the receiver).
import { useState } from 'react';
import type { ReactNode } from 'react';
import type { ApiClient, ReceivedRow } from '../../../../shared/api/contract.ts';
import { errorText } from '../../api/client.ts';
import { Modal } from '../../ui/dialog.tsx';
import { useToast } from '../../ui/toast.tsx';
import { timeText } from '../../ui/time.ts';

const STATE_LABELS: Record<string, string> = { current: '现用', superseded: '已被新版本替代', older: '较早版本（未采用）', pending: '待确认' };

const PENDING_WHY = '打包时间比本机时钟晚一天以上（发送方电脑的时钟可能有误），已存入历史，未设为当前版本。请与报送单位核对后再决定是否采用';

const version = (h: ReceivedRow) => (h.submissionNo !== null ? `第 ${h.submissionNo} 次报送` : '报送包');

export function ReceivedHistory({
  api,
  history,
  onOpen,
  onChanged,
}: {
  api: ApiClient;
  history: ReceivedRow[];
  onOpen: (unitCode: string, year: number) => void;
  /** After a version was made current: reload the history and the lists. */
  onChanged: () => Promise<void>;
}): ReactNode {
  const toast = useToast();
  const [asking, setAsking] = useState<ReceivedRow | null>(null);
  const [busy, setBusy] = useState(false);
  const current = (h: ReceivedRow) => history.find((x) => x.unitCode === h.unitCode && x.year === h.year && x.state === 'current') ?? null;

  const confirm = async (h: ReceivedRow) => {
    setBusy(true);
    try {
      const r = await api.call('handover.makeCurrent', { packageId: h.id });
      toast(r.changed ? `已将 ${h.unitCode} ${h.year} 年度的${version(h)}（${h.fileName}）设为当前版本` : '这个版本已经是当前版本', { kind: 'ok' });
      setAsking(null);
      await onChanged();
    } catch (e) {
      toast(errorText(e), { kind: 'error' });
    } finally {
      setBusy(false);
    }
  };

  const was = asking ? current(asking) : null;
  return (
    <>
      <table className="list-table receive-table" data-testid="history">
        <thead>
          <tr>
            <th className="col-unit">单位</th>
            <th className="col-year">年度</th>
            <th className="col-n">报送次数</th>
            <th className="col-time">打包时间</th>
            <th className="col-time">接收时间</th>
            <th>文件</th>
            <th className="col-state">状态</th>
            <th className="col-open2">操作</th>
          </tr>
        </thead>
        <tbody>
          {history.map((h) => (
            <tr key={h.id} className={h.state === 'current' ? '' : h.state === 'pending' ? 'pending' : 'dim'} data-package={h.id}>
              <td className="col-unit">
                {h.unitCode} {h.unitName}
              </td>
              <td className="col-year">{h.year}</td>
              <td className="col-n">{h.submissionNo ?? '—'}</td>
              <td className="col-time">{timeText(h.createdAt)}</td>
              <td className="col-time">{timeText(h.receivedAt)}</td>
              <td className="col-file" title={h.fileName}>
                {h.fileName}
              </td>
              <td className="col-state">
                <span className="state-label">{STATE_LABELS[h.state] ?? h.state}</span>
                {h.state === 'pending' ? <div className="state-why">{PENDING_WHY}</div> : null}
                {h.madeCurrent.map((e, i) => (
                  <div key={i} className="state-event" data-testid="current-event">
                    {timeText(e.at)} {e.how === 'chosen' ? '由接收方设为当前版本' : '导入时成为当前版本'}
                  </div>
                ))}
              </td>
              <td className="col-open2">
                {h.state === 'current' ? (
                  <button type="button" onClick={() => onOpen(h.unitCode, h.year)}>
                    查看
                  </button>
                ) : (
                  <button type="button" className={h.state === 'pending' ? 'btn-primary' : ''} disabled={busy} onClick={() => setAsking(h)}>
                    设为当前版本
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {asking ? (
        <Modal
          title="设为当前版本"
          onClose={() => !busy && setAsking(null)}
          footer={
            <>
              <button type="button" className="btn-primary" disabled={busy} data-autofocus onClick={() => void confirm(asking)}>
                设为当前版本
              </button>
              <button type="button" disabled={busy} onClick={() => setAsking(null)}>
                取消
              </button>
            </>
          }
        >
          <p>
            将 {asking.unitCode} {asking.unitName} {asking.year} 年度的{version(asking)}（{asking.fileName}，打包时间 {timeText(asking.createdAt)}）设为当前版本：
            该单位年度接收的项目表换成这个版本的内容
            {was ? `，现用的${version(was)}（${was.fileName}）留在历史中，可随时再设回` : ''}。这次选择记入接收历史和修改记录。
          </p>
          {asking.state === 'pending' ? <p className="notice-inline">{PENDING_WHY}</p> : null}
        </Modal>
      ) : null}
    </>
  );
}
