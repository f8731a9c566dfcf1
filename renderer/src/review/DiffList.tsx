// What changed in a table between two submissions, beside the form, on both sides: each
// change as 标签：旧 → 新 (a click goes to the cell) with the comments it answers. The
// receiving side shows its current submission against the earlier one (ReviewPanel); the
// unit (UnitDiff) picks two of its own submissions, and sees the returned comments each
// change answers, with its own answers.
import { useCallback, useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import type { ApiClient } from '../../../shared/api/contract.ts';
import type { TableDiffView } from '../../../shared/handover/review-model.ts';
import { errorText } from '../api/client.ts';
import { timeText } from '../ui/time.ts';

/** The list of changes; `numberOf` gives a comment's number in the list beside it, `titleOf` its text (on hover). */
export function DiffList({ diff, numberOf, titleOf, onJump, head }: { diff: TableDiffView; numberOf: (id: string) => number | undefined; titleOf?: (id: string) => string; onJump: (path: string) => void; head?: ReactNode }): ReactNode {
  if (!diff.from || diff.added) {
    return diff.added ? (
      <div className="review-diff" data-testid="review-diff">
        <div className="review-sub">{head}新增的表：此前的报送中没有这张表</div>
      </div>
    ) : null;
  }
  return (
    <div className="review-diff" data-testid="review-diff">
      <div className="review-sub">
        {head}与第 {diff.from.submissionNo ?? '?'} 次报送相比：{diff.note ?? (diff.changes.length ? `${diff.changes.length} 处修改` : '没有修改')}
      </div>
      <ul>
        {diff.changes.map((c, i) => (
          <li key={`${c.path}${i}`}>
            <button type="button" className="link" onClick={() => onJump(c.path)}>
              {c.label}
            </button>
            ：<span className="diff-old">{c.old}</span> → <span className="diff-new">{c.new}</span>
            {c.comments.length ? (
              <span className="diff-answers" title={titleOf ? c.comments.map((x) => `意见 ${numberOf(x) ?? '?'}：${titleOf(x)}`).join('\n') : undefined}>
                （答复意见 {c.comments.map((x) => numberOf(x) ?? '?').join('、')}）
              </span>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

const answerOf = (c: { handled: boolean; note: string }) => (c.handled ? '已处理' : c.note ? `说明：${c.note}` : '未答复');

/** The unit's own submissions of a table compared (the last two by default; any two that are still kept). */
export function UnitDiff({ api, projectId, onJump }: { api: ApiClient; projectId: string; onJump: (path: string) => void }): ReactNode {
  const [pick, setPick] = useState<{ from?: number; to?: number }>({});
  const [diff, setDiff] = useState<TableDiffView | null>(null);
  const [error, setError] = useState('');
  const load = useCallback(async () => {
    try {
      setDiff(await api.call('review.unitDiff', { projectId, ...pick }));
      setError('');
    } catch (e) {
      setError(errorText(e));
    }
  }, [api, projectId, pick]);
  useEffect(() => {
    void load();
  }, [load]);
  if (error) return <div className="review-box error-text">{error}</div>;
  if (!diff?.choices || (!diff.from && !diff.added)) return null;
  const kept = diff.choices.filter((c) => c.kept);
  const comments = diff.about?.comments ?? [];
  const numberOf = (id: string) => {
    const i = comments.findIndex((c) => c.id === id);
    return i < 0 ? undefined : i + 1;
  };
  const titleOf = (id: string) => {
    const c = comments.find((x) => x.id === id);
    return c ? `${c.text}（${answerOf(c)}）` : '';
  };
  const choose = (which: 'from' | 'to', n: number) => setPick({ from: diff.from?.submissionNo ?? undefined, to: diff.to.submissionNo ?? undefined, [which]: n });
  const select = (which: 'from' | 'to', value: number | null) => (
    <select aria-label={which === 'from' ? '比较的起点' : '比较的终点'} value={value ?? ''} onChange={(e) => choose(which, Number(e.target.value))}>
      {kept.filter((c) => (which === 'from' ? c.submissionNo < (diff.to.submissionNo ?? 0) : c.submissionNo > (diff.from?.submissionNo ?? 0))).map((c) => (
        <option key={c.submissionNo} value={c.submissionNo}>
          第 {c.submissionNo} 次（{timeText(c.at)}）
        </option>
      ))}
    </select>
  );
  return (
    <section className="review-box" data-testid="unit-diff" aria-label="本单位两次报送的比较">
      <div className="review-title">本单位报送的版本比较</div>
      {kept.length > 2 && diff.from ? (
        <div className="review-grade-row">
          比较 {select('from', diff.from.submissionNo)} 与 {select('to', diff.to.submissionNo)}
        </div>
      ) : null}
      <DiffList diff={diff} numberOf={numberOf} titleOf={titleOf} onJump={onJump} head={`第 ${diff.to.submissionNo ?? '?'} 次报送`} />
      {diff.about && comments.length ? (
        <>
          <div className="review-sub">第 {diff.about.returnNo} 次退回包对第 {diff.from?.submissionNo ?? '?'} 次报送的意见：</div>
          <ol className="review-comments">
            {comments.map((c) => (
              <li key={c.id} className={`review-comment rc-${c.handled ? 'handled' : c.note ? 'noted' : 'open'}`}>
                <span className="rc-text">{c.text}</span>
                <span className="rc-reply">　{answerOf(c)}</span>
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </section>
  );
}
