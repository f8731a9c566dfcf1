// The unit's side of a returned table, at the top of its 审核 panel: the office's verdict,
// grade and 意见 per criterion, and each comment where it points (a click goes to the cell)
// with 已处理 / 说明. The answers travel with the next 打包报送.
import { useCallback, useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import type { ApiClient } from '../../../shared/api/contract.ts';
import type { HistoryEvent, TableReturn, UnitComment } from '../../../shared/handover/review-model.ts';
import { carriedText } from '../../../shared/handover/return-manifest.ts';
import { criteriaOf } from '../../../shared/handover/return-manifest.ts';
import type { ReviewSubject } from './subject.ts';
import type { FormPin } from '../form/ProjectForm.tsx';
import { errorText } from '../api/client.ts';
import { HistoryLine, commentPins, loadHistory } from './common.tsx';

const stateOf = (c: UnitComment) => (c.handled ? 'handled' : c.note ? 'noted' : 'open') as 'open' | 'handled' | 'noted';

export function UnitComments({ api, subject, onPins, onJump }: { api: ApiClient; subject: ReviewSubject; onPins: (p: FormPin[]) => void; onJump: (path: string) => void }): ReactNode {
  const [data, setData] = useState<TableReturn | null>(null);
  const [history, setHistory] = useState<HistoryEvent[] | null>(null);
  const [error, setError] = useState('');
  const id = subject.id;
  const whole = subject.filing ? '本表' : '部门整体绩效目标';
  const load = useCallback(async () => {
    try {
      const r = await api.call('review.comments', { projectId: id });
      setData(r);
      setError('');
      setHistory(r ? await loadHistory(api, id) : null);
    } catch (e) {
      setError(errorText(e));
    }
  }, [api, id]);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    onPins(data ? commentPins(subject.label, data.comments.map((c) => ({ ...c, state: stateOf(c) }))) : []);
  }, [data, subject, onPins]);

  if (error) return <div className="review-box error-text">{error}</div>;
  if (!data) return null;
  const open = data.comments.filter((c) => stateOf(c) === 'open').length;
  return (
    <section className="review-box" data-testid="unit-comments" aria-label="审核单位的意见">
      <div className={`review-verdict verdict-${data.verdict}`}>
        审核单位意见（第 {data.returnNo} 次退回包）：<b>{data.verdictLabel}</b>
        {data.carried ? <span className="review-carried">（{carriedText(data.carried)}，{whole}未修改）</span> : null}
        {data.grade ? `　等级 ${data.grade}` : ''}
      </div>
      {criteriaOf(id).filter((c) => data.criteria[c] || data.criteriaGrades[c]).map((c) => (
        <div key={c} className="review-crit-line">
          {c}
          {data.criteriaGrades[c] ? `（${data.criteriaGrades[c]}）` : ''}：{data.criteria[c] ?? ''}
        </div>
      ))}
      {data.comments.length ? (
        <div className="review-sub">
          {data.verdict === 'pass'
            ? `${whole}已通过。意见 ${data.comments.length} 条，供参考，无需再答复`
            : `意见 ${data.comments.length} 条${open ? `，待处理 ${open} 条` : '，已全部答复'}（答复随下次打包报送带给审核单位）`}
        </div>
      ) : null}
      <ol className="review-comments">
        {data.comments.map((c) => (
          <AnswerItem key={c.id} api={api} projectId={id} label={subject.label} c={c} onJump={onJump} onSaved={load} />
        ))}
      </ol>
      <HistoryLine events={history} />
    </section>
  );
}

function AnswerItem({ api, projectId, label, c, onJump, onSaved }: { api: ApiClient; projectId: string; label: (path: string) => string; c: UnitComment; onJump: (p: string) => void; onSaved: () => Promise<void> }): ReactNode {
  const [note, setNote] = useState(c.note);
  const [handled, setHandled] = useState(c.handled);
  const [err, setErr] = useState('');
  const save = async (h: boolean) => {
    setErr('');
    setHandled(h);
    const handled = h;
    try {
      await api.call('review.answer', { projectId, commentId: c.id, handled, note: note.trim() });
      await onSaved();
    } catch (e) {
      setHandled(c.handled);
      setErr(errorText(e));
    }
  };
  return (
    <li className={`review-comment rc-${stateOf(c)}`} data-comment={c.id}>
      <button type="button" className="link rc-where" disabled={!c.path} onClick={() => onJump(c.path)} title={c.path ? '转到该处' : undefined}>
        {label(c.path)}
      </button>
      <span className="rc-text">{c.text}</span>
      <div className="rc-answer">
        <label>
          <input type="checkbox" checked={handled} aria-label="已处理" onChange={(e) => void save(e.target.checked)} />
          已处理
        </label>
        <textarea value={note} rows={2} maxLength={1000} placeholder="说明（未按意见修改的请说明理由）" aria-label="说明" onChange={(e) => setNote(e.target.value)} />
        <button type="button" disabled={note.trim() === c.note} onClick={() => void save(handled)}>
          保存说明
        </button>
      </div>
      {err ? <div className="error-text">{err}</div> : null}
    </li>
  );
}
