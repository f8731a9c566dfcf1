// The reviewer's panel beside a received (read-only) table: grade and 意见 per criterion
// (pre-filled from the 审核 estimate, shown as an estimate), the verdict, comments pinned to
// the table, the cell the reviewer clicked or its indicator row, 审核 findings as comments
// in one click, what changed since the earlier submission (with the comments each change
// answers and the unit's answers), the 财政局's decision beside its own (two levels), and the
// table's history.
import { RULE_CHECK } from '../../../shared/rules/check-label.ts';
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { ReactNode } from 'react';
import type { ApiClient } from '../../../shared/api/contract.ts';
import type { HistoryEvent, ReviewedTable, TableDiffView, TableReviewData, UpperTableView } from '../../../shared/handover/review-model.ts';
import { carriedText, criteriaOf } from '../../../shared/handover/return-manifest.ts';
import type { FocusSource, ReviewSubject } from './subject.ts';
import type { FormPin } from '../form/ProjectForm.tsx';
import { errorText } from '../api/client.ts';
import { DiffList } from './DiffList.tsx';
import { UpperSection } from './UpperSection.tsx';
import { GradeSelect, HistoryLine, ReviewerField, commentPins, loadHistory, useReviewer } from './common.tsx';

type Draft = Pick<TableReviewData, 'grade' | 'criteria' | 'verdict'> & { criteriaGrades: NonNullable<TableReviewData['criteriaGrades']> };
type Answer = ReviewedTable['comments'][number]['answer'];

const answerState = (a: Answer) => (!a ? 'open' : a.handled ? 'handled' : 'noted') as 'open' | 'handled' | 'noted';
const answerText = (a: Answer) => (!a ? '' : `${a.handled ? '已处理' : '未修改'}${a.note ? `：${a.note}` : ''}`);

export function ReviewPanel({ api, subject, focus, onPins, onJump }: { api: ApiClient; subject: ReviewSubject; focus: FocusSource; onPins: (p: FormPin[]) => void; onJump: (path: string) => void }): ReactNode {
  const { id, filing } = subject;
  const criteria = criteriaOf(id);
  const [data, setData] = useState<ReviewedTable | null>(null);
  const [diff, setDiff] = useState<TableDiffView | null>(null);
  const [upper, setUpper] = useState<UpperTableView | null>(null);
  const [history, setHistory] = useState<HistoryEvent[] | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [dirty, setDirtyState] = useState(false);
  // As it is now (load() runs after an await): a comment added or deleted keeps an unsaved decision.
  const dirtyRef = useRef(false);
  const setDirty = (v: boolean) => {
    dirtyRef.current = v;
    setDirtyState(v);
  };
  const [reviewer, setReviewer] = useReviewer();
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const [text, setText] = useState('');
  const [where, setWhere] = useState<'table' | 'cell' | 'row'>('cell');
  const focused = useSyncExternalStore(focus.subscribe, focus.get);

  const load = useCallback(async (keepDraft = false) => {
    try {
      const [t, d, h, u] = await Promise.all([
        api.call('review.table', { projectId: id }),
        api.call('review.diff', { projectId: id }).catch(() => null),
        loadHistory(api, id),
        api.call('review.upper', { projectId: id }).catch(() => null),
      ]);
      setData(t);
      setDiff(d);
      setUpper(u);
      setHistory(h);
      if (keepDraft && dirtyRef.current) return;
      setDraft({ grade: t.review.grade, criteria: t.review.criteria, criteriaGrades: t.review.criteriaGrades ?? {}, verdict: t.review.verdict });
      dirtyRef.current = false;
      setDirtyState(false);
    } catch (e) {
      setMsg({ ok: false, text: errorText(e) });
    }
  }, [api, id]);
  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    if (!data) return onPins([]);
    const pins = commentPins(subject.label, data.comments.map((c) => ({ ...c, state: answerState(c.answer) })));
    for (const c of diff?.changes ?? []) {
      if (!/\.indicators$/.test(c.path)) pins.push({ path: c.path, mark: '改', title: `${c.label}：原为“${c.old}”，现为“${c.new}”`, cls: 'pin-changed' });
    }
    onPins(pins);
  }, [data, diff, subject, onPins]);

  /** Runs an action, then reads the review again; a comment's action keeps the unsaved grades and decision. */
  const act = async (what: string, fn: () => Promise<unknown>, keepDraft = true) => {
    setMsg(null);
    try {
      await fn();
      await load(keepDraft);
      setMsg({ ok: true, text: what });
    } catch (e) {
      setMsg({ ok: false, text: errorText(e) });
    }
  };
  const edit = (d: Partial<Draft>) => {
    setDraft((x) => (x ? { ...x, ...d } : x));
    setDirty(true);
  };

  if (!data || !draft) return <div className="review-box">{msg ? <div className="error-text">{msg.text}</div> : '正在读取审核意见……'}</div>;
  const est = data.review.estimate;
  // A decision on an earlier submission is kept but must be confirmed for this one (退回 refuses it).
  const stale = data.review.stored && !!diff && data.review.packageSha256 !== diff.to.sha256;
  // The criteria 意见 still as written for that earlier version: they would print under this decision.
  const oldCriteria = stale ? criteria.filter((c) => (draft.criteria[c] ?? '').trim() && draft.criteria[c] === data.review.criteria[c]) : [];
  const row = subject.rowOf(focused);
  const pinPath = where === 'table' || !focused ? '' : where === 'row' && row ? row : focused;
  const numberOf = new Map(data.comments.map((c, i) => [c.id, i + 1]));

  return (
    <section className="review-box" data-testid="review-panel" aria-label="审核意见">
      <div className="review-title">
        审核意见
        <ReviewerField value={reviewer} onChange={setReviewer} />
      </div>
      <div className="review-grade-row">
        <label>
          等级
          <GradeSelect label="等级" value={draft.grade} onChange={(g) => edit({ grade: g })} />
        </label>
        {est ? (
          <span className="review-estimate" title={`按本程序${RULE_CHECK}结果估计，仅供参考；等级以审核人的决定为准`}>
            按{RULE_CHECK}估计：{est.grade}（{est.score} 分）
          </span>
        ) : null}
        <span className={`review-stored${data.review.stored && !dirty && !stale ? ' ok-text' : ''}`} data-stale={stale ? '' : undefined}>
          {dirty ? '未保存' : stale ? '结论是对上一个报送版本作出的，请确认后重新保存' : data.review.stored ? '已保存' : '按估计预填，未保存'}
        </span>
        {data.review.carried && !stale && !dirty ? (
          <span className="review-carried" data-testid="review-carried" title="本表与作出结论的那次报送相比没有修改；修改后保存即为本次的结论">
            {carriedText(data.review.carried)}（本表未修改）
          </span>
        ) : null}
      </div>
      <table className="review-criteria">
        <tbody>
          {criteria.map((c) => (
            <tr key={c}>
              <th>{c}</th>
              <td>
                <GradeSelect label={`${c}等级`} empty="—" value={draft.criteriaGrades[c]} onChange={(g) => edit({ criteriaGrades: { ...draft.criteriaGrades, [c]: g ?? undefined } })} />
                {est?.criteria?.[c] ? <span className="review-estimate">估计 {est.criteria[c]}</span> : null}
              </td>
              <td>
                <textarea rows={1} maxLength={2000} aria-label={`${c}意见`} className={oldCriteria.includes(c) ? 'criteria-old' : undefined} value={draft.criteria[c] ?? ''} onChange={(e) => edit({ criteria: { ...draft.criteria, [c]: e.target.value } })} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {oldCriteria.length ? (
        <div className="hint-text" data-testid="review-criteria-old">
          {oldCriteria.join('、')}的等级和意见是对上一个报送版本写的，会随本次结论印在审核意见表上：已改正的请改写或清空。
          <button type="button" className="btn-light" onClick={() => edit({ criteria: {}, criteriaGrades: {} })}>
            清空各项等级和意见
          </button>
        </div>
      ) : null}
      <div className="review-verdict-row" role="radiogroup" aria-label="审核结论">
        审核结论
        {(['pass', 'return'] as const).map((v) => (
          <label key={v}>
            <input type="radio" name={`verdict-${id}`} checked={draft.verdict === v} onChange={() => edit({ verdict: v })} />
            {v === 'pass' ? '通过' : '退回修改'}
          </label>
        ))}
        <button
          type="button"
          className="btn-primary"
          onClick={() => {
            if (oldCriteria.length && draft.verdict === 'pass' && !window.confirm(`${oldCriteria.join('、')}的意见仍是对上一个报送版本写的，将随“通过”印在审核意见表上。仍要保存吗？`)) return;
            const grades = Object.fromEntries(Object.entries(draft.criteriaGrades).filter(([, g]) => g));
            void act('已保存审核意见', () => api.call('review.setTable', { projectId: id, grade: draft.grade, criteria: draft.criteria, criteriaGrades: grades, verdict: draft.verdict, reviewer }), false);
          }}
        >
          保存审核意见
        </button>
      </div>
      {msg ? <div className={msg.ok ? 'ok-text' : 'error-text'} role="status">{msg.text}</div> : null}
      {upper && filing ? <UpperSection upper={upper} own={data.review.stored ? data.review : { verdict: null, grade: null }} filing={filing} onJump={onJump} /> : null}

      <div className="review-sub">意见（{data.comments.length}）</div>
      <ol className="review-comments">
        {data.comments.map((c) => (
          <li key={c.id} className={`review-comment rc-${answerState(c.answer)}`} data-comment={c.id}>
            <button type="button" className="link rc-where" disabled={!c.path} onClick={() => onJump(c.path)}>
              {subject.label(c.path)}
            </button>
            {c.source === 'audit' ? <span className="badge badge-hint">{RULE_CHECK}</span> : null}
            <span className="rc-text">{c.text}</span>
            {c.answer ? <div className="rc-reply">单位答复：{answerText(c.answer)}</div> : null}
            <button type="button" className="link rc-del" aria-label="删除意见" onClick={() => void act('已删除意见', () => api.call('review.deleteComment', { commentId: c.id }))}>
              删除
            </button>
          </li>
        ))}
      </ol>
      <form
        className="review-add"
        onSubmit={(e) => {
          e.preventDefault();
          void act('已添加意见', () => api.call('review.addComment', { projectId: id, field: subject.stable(pinPath), text, author: reviewer })).then(() => setText(''));
        }}
      >
        <div className="review-where" role="radiogroup" aria-label="意见位置">
          <label>
            <input type="radio" checked={where === 'table' || !focused} onChange={() => setWhere('table')} />
            {subject.label('')}
          </label>
          <label>
            <input type="radio" checked={where === 'cell' && !!focused} disabled={!focused} onChange={() => setWhere('cell')} />
            {filing ? '本格' : '本处'}{focused ? `：${subject.label(focused)}` : filing ? '（先点一下表中的格）' : '（先点一下左侧的一段文字）'}
          </label>
          {row ? (
            <label>
              <input type="radio" checked={where === 'row'} onChange={() => setWhere('row')} />
              本行：{subject.label(row)}
            </label>
          ) : null}
        </div>
        <textarea rows={2} maxLength={2000} value={text} placeholder="意见（纯文字）" aria-label="新意见" onChange={(e) => setText(e.target.value)} />
        <button type="submit" disabled={!text.trim()}>
          添加意见
        </button>
        <button type="button" onClick={() => void act(`已把${RULE_CHECK}结果转为意见`, () => api.call('review.fromFindings', { projectId: id, author: reviewer }))} title={`本表未说明的${RULE_CHECK}结果，每条一个意见（已转过的不重复）`}>
          {RULE_CHECK}结果转为意见
        </button>
      </form>

      {diff ? <DiffList diff={diff} numberOf={(x) => numberOf.get(x)} onJump={onJump} /> : null}
      <HistoryLine events={history} />
    </section>
  );
}
