// 部门整体绩效目标 (第一部分 of a department book): 总体绩效目标, 分项绩效目标 items,
// 工作保障措施. A committed change shows at once and is saved in the background: one
// dept.save at a time, always of the newest text (changes made during a save are sent
// together after it). Undo / redo (Ctrl+Z / Ctrl+Y, ours in every box), deletions with
// 撤销, carried-over marks with 确认, the 审核 panel of the unit-year and its print preview.
// Every save names the revision it was made on: when another window saved meanwhile, both
// versions are kept (the stored one shown) and the user chooses, as in a project table.
// Text is committed after a pause in typing; every change is kept in localStorage until
// stored, so a reload or a closed window loses nothing (it is sent again on the next open).
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import type { DeptTarget } from '../../../shared/model/filing.ts';
import { errorCode, errorText } from '../api/client.ts';
import type { Shell } from './frame.ts';
import { AuditPanel } from '../audit/AuditPanel.tsx';
import { PrintPreview } from '../print/PrintPreview.tsx';
import { useToast } from '../ui/toast.tsx';
import { keepUnsavedDept, readUnsavedDept } from '../state/unsaved.ts';
import { sameValue } from '../../../shared/model/same-value.ts';
import { DeptTextBox } from './DeptTextBox.tsx';
import { deptReviewId } from '../../../shared/handover/dept-review.ts';
import type { FormPin } from '../form/ProjectForm.tsx';
import { UnitComments } from '../review/UnitComments.tsx';
import { PinMarks, deptBoxLabel } from '../review/pin-marks.tsx';
import { deptSubject } from '../review/subject.ts';

type Change = (t: DeptTarget) => DeptTarget;

export function DeptEditor({ shell }: { shell: Shell }): ReactNode {
  const { api, unit, year } = shell;
  const unitCode = unit!.code;
  /** What the page shows: the stored target with the changes made since (saved or not). */
  const [shown, setShown] = useState<DeptTarget | null>(null);
  const [state, setState] = useState<{ text: string; cls: string }>({ text: '', cls: '' });
  const latest = useRef<DeptTarget | null>(null);
  /** The stored revision the page's text was made on (0: none stored yet). */
  const revision = useRef(0);
  /** This window's version while it conflicts with the stored one. */
  const [mine, setMine] = useState<DeptTarget | null>(null);
  const dirty = useRef(false);
  const busy = useRef(false);
  /** After ＋: the box to focus once drawn. */
  const [focusLabel, setFocusLabel] = useState<string | null>(null);
  const toast = useToast();
  const [showAudit, setShowAudit] = useState(false);
  const [auditNonce, setAuditNonce] = useState(0);
  const [dialog, setDialog] = useState<'print' | null>(null);
  // The comments of the last return (review loop): marks beside the boxes, answered in the side panel.
  const [pins, setPins] = useState<FormPin[]>([]);
  const [returned, setReturned] = useState(false);
  useEffect(() => {
    api.call('review.comments', { projectId: deptReviewId(unitCode, year) }).then(
      (r) => {
        setReturned(!!r);
        if (r) setShowAudit(true);
      },
      () => undefined,
    );
  }, [api, unitCode, year]);
  const subject = useMemo(() => (shown ? deptSubject(shown) : null), [shown]);
  const mark = (path: string, deep = false) => <PinMarks pins={pins} path={path} deep={deep} />;

  useEffect(() => {
    api.call('dept.get', { unitCode, year }).then(
      (t) => {
        const { revision: r = 0, ...v } = t ?? { unitCode, year, overall: '', items: [], measures: [], carriedOver: [] };
        revision.current = r;
        latest.current = v;
        setShown(v);
        // Edits a reload or a closed window cut off: sent again, or kept beside a newer stored version.
        const kept = readUnsavedDept(unitCode, year);
        if (!kept) return;
        const texts = (x: DeptTarget) => ({ overall: x.overall, items: x.items, measures: x.measures });
        if (sameValue(texts(kept.target), texts(v))) keepUnsavedDept(unitCode, year, null); // the last save arrived
        else if (kept.revision === r) {
          put(kept.target);
          toast('已恢复上次未保存的修改');
        } else {
          setMine(kept.target);
          setState({ text: '未保存：上次未保存的修改与已保存的版本不同', cls: 'failed' });
        }
      },
      (e) => setState({ text: errorText(e), cls: 'failed' }),
    );
  }, [api, unitCode, year]);

  useEffect(() => {
    if (!focusLabel) return;
    document.querySelector<HTMLTextAreaElement>(`textarea[aria-label="${CSS.escape(focusLabel)}"]`)?.focus();
    setFocusLabel(null);
  }, [focusLabel, shown]);

  /** Mounted: a view that is gone stops retrying (what it had is kept in localStorage). */
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => void (alive.current = false);
  }, []);

  const pump = async () => {
    if (busy.current) return;
    busy.current = true;
    let failed = '';
    let offline = 0;
    while (dirty.current && !failed) {
      dirty.current = false;
      const sent = latest.current!;
      try {
        const { revision: r, ...saved } = await api.call('dept.save', { target: sent, expectedRevision: revision.current });
        revision.current = r;
        // Changes made while saving stay on the page and go with the next save.
        if (!dirty.current) {
          latest.current = saved;
          setShown(saved);
          keepUnsavedDept(unitCode, year, null);
        } else keepLocal();
      } catch (e) {
        if (errorCode(e) === 'CONFLICT') {
          await conflict();
          busy.current = false;
          return;
        }
        dirty.current = true; // kept on the page (and in localStorage)
        if (errorCode(e) === 'NETWORK' && alive.current) {
          // The backend cannot be reached: said so, and sent again by itself, as a table's edits are.
          setState({ text: '未连接：修改已留在本机，恢复连接后自动保存', cls: 'failed' });
          await new Promise((r) => setTimeout(r, Math.min(500 * 2 ** offline++, 8000)));
          continue;
        }
        failed = errorText(e); // sent again with the next change
      }
    }
    busy.current = false;
    setAuditNonce((n) => n + 1);
    setState(failed ? { text: `保存失败：${failed}`, cls: 'failed' } : { text: '已保存', cls: 'saved' });
  };

  /** Another window saved meanwhile: this window's version is kept aside, the stored one shown. */
  const conflict = async () => {
    const own = latest.current!;
    dirty.current = false;
    past.current = [];
    future.current = [];
    try {
      const t = await api.call('dept.get', { unitCode, year });
      const { revision: r = 0, ...stored } = t ?? { unitCode, year, overall: '', items: [], measures: [], carriedOver: [] };
      revision.current = r;
      latest.current = stored;
      setShown(stored);
    } catch {
      /* the stored version cannot be read now: the page keeps this window's text */
    }
    setMine(own);
    keepUnsavedDept(unitCode, year, { revision: -1, target: own });
    setState({ text: '未保存：与另一个窗口的修改冲突', cls: 'failed' });
  };
  const keepMine = () => {
    const own = mine;
    setMine(null);
    if (own && latest.current) put({ ...own, carriedOver: latest.current.carriedOver });
  };
  const keepTheirs = () => {
    setMine(null);
    keepUnsavedDept(unitCode, year, null);
    setState({ text: '已保存', cls: 'saved' });
  };

  /** Kept in localStorage at once with every change, until stored. */
  const keepLocal = () => {
    if (latest.current) keepUnsavedDept(unitCode, year, { revision: revision.current, target: latest.current });
  };
  const past = useRef<DeptTarget[]>([]);
  const future = useRef<DeptTarget[]>([]);
  const [, setSteps] = useState(0);
  const put = (next: DeptTarget) => {
    latest.current = next;
    dirty.current = true;
    keepLocal();
    setShown(next);
    setSteps((n) => n + 1);
    setState({ text: '保存中…', cls: 'saving' });
    void pump();
  };
  /** Undo / redo: the whole target as it was, saved like any change. */
  const step = (undo: boolean) => {
    const from = undo ? past.current : future.current;
    const to = undo ? future.current : past.current;
    const prev = from.pop();
    if (!prev || !latest.current) return;
    to.push(latest.current);
    put({ ...prev, carriedOver: latest.current.carriedOver });
  };
  useEffect(() => {
    const on = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (t && (t.tagName === 'TEXTAREA' || t.tagName === 'INPUT')) return; // the boxes handle their own keys
      const k = e.key.toLowerCase();
      if (!(e.ctrlKey || e.metaKey) || e.altKey || (k !== 'z' && k !== 'y')) return;
      e.preventDefault();
      step(k === 'z' && !e.shiftKey);
    };
    window.addEventListener('keydown', on);
    return () => window.removeEventListener('keydown', on);
  });

  const change = (c: Change, focus?: string) => {
    if (!latest.current) return;
    past.current.push(latest.current);
    if (past.current.length > 200) past.current.shift();
    future.current = [];
    latest.current = c(latest.current);
    dirty.current = true;
    keepLocal();
    setShown(latest.current);
    if (focus) setFocusLabel(focus);
    setState({ text: '保存中…', cls: 'saving' });
    void pump();
  };

  /** A deletion: done at once, with 撤销 in the message (and Ctrl+Z). */
  const removed = (what: string, c: Change) => {
    change(c);
    toast(`已删除${what}`, { action: { label: '撤销', run: () => step(true) } });
  };
  const ackAll = async () => {
    try {
      // After the saves waiting (the 确认 raises the revision they were made on).
      while (busy.current) await new Promise((r) => setTimeout(r, 50));
      const saved = await api.call('dept.ackCarried', { unitCode, year, paths: 'all' });
      if (saved && latest.current && !dirty.current) {
        revision.current = saved.revision;
        latest.current = { ...latest.current, carriedOver: saved.carriedOver };
        setShown(latest.current);
      }
    } catch (e) {
      toast(errorText(e), { kind: 'error' });
    }
  };
  const marked = (path: string) => !!shown?.carriedOver.includes(path);
  const pasteHint = (text: string, error: boolean) => toast(text, error ? { kind: 'error' } : undefined);

  if (!shown) return <div className="boot">{state.text || '正在载入……'}</div>;
  const t = shown;
  const comments = returned && subject ? <UnitComments api={api} subject={subject} onPins={setPins} onJump={(p) => setFocusLabel(deptBoxLabel(p))} /> : null;
  const move = <T,>(list: T[], i: number, d: -1 | 1): T[] => {
    const j = i + d;
    if (j < 0 || j >= list.length) return list;
    const out = list.slice();
    [out[i], out[j]] = [out[j]!, out[i]!];
    return out;
  };

  return (
    <div className="dept-view">
      <div className="toolbar">
        <button type="button" onClick={() => shell.go({ view: 'list', id: null })}>
          ← 项目列表
        </button>
        <span className={`save-state ${state.cls}`} role="status" data-testid="save-state">
          {state.text}
        </span>
        <div className="tb-spacer" />
        <button type="button" disabled={!past.current.length} onClick={() => step(true)} title="撤销（Ctrl+Z）">
          撤销
        </button>
        <button type="button" disabled={!future.current.length} onClick={() => step(false)} title="重做（Ctrl+Y）">
          重做
        </button>
        {t.carriedOver.length ? (
          <button type="button" className="btn-carried" onClick={() => void ackAll()} title="上年复制来的内容已全部核对">
            确认全部结转内容（{t.carriedOver.length}）
          </button>
        ) : null}
        <button type="button" onClick={() => setDialog('print')}>
          打印预览
        </button>
        <button type="button" onClick={() => shell.go({ view: 'dept-eval', id: null })} title="年末部门整体绩效自评（由本目标生成；审核规则要求时）">
          部门整体自评
        </button>
        <button type="button" aria-pressed={showAudit} onClick={() => setShowAudit((v) => !v)}>
          审核
        </button>
      </div>
      {mine ? (
        <div className="conflict-bar" role="alert">
          部门整体绩效目标已在另一个窗口（或别处）被修改，与您在本窗口的修改冲突。两个版本都已保留：现在显示的是已保存的版本。
          <button type="button" onClick={keepMine}>
            用本窗口的版本
          </button>
          <button type="button" onClick={keepTheirs}>
            保留已保存的版本
          </button>
        </div>
      ) : null}
      <div className="project-body">
      <div className="form-scroll">
        <div className="paper paper-portrait dept-paper">
          <div className="dept-part">第一部分</div>
          <div className="dept-part">部门整体绩效目标</div>
          <h3>一、总体绩效目标{mark('overall')}</h3>
          <DeptTextBox onStep={step} onHint={pasteHint} carried={marked('overall')} label="总体绩效目标" maxLength={20000} value={t.overall} placeholder="本部门本年度的总体绩效目标" onCommit={(v) => change((x) => ({ ...x, overall: v }))} />
          <h3>二、分项绩效目标{mark('items')}</h3>
          {t.items.map((it, i) => (
            <div className="dept-item" key={i}>
              <div className="dept-item-head">
                <DeptTextBox onStep={step} onHint={pasteHint} carried={marked(`items[${i}].title`)} label={`分项 ${i + 1} 标题`} multiline={false} maxLength={300} value={it.title} placeholder={`${i + 1}.分项标题`} onCommit={(v) => change((x) => ({ ...x, items: x.items.map((y, k) => (k === i ? { ...y, title: v } : y)) }))} />
                {mark(`items[${i}]`)}
                {mark(`items[${i}].title`)}
                <span className="dept-tools">
                  <button type="button" title="上移" aria-label="上移" disabled={i === 0} onClick={() => change((x) => ({ ...x, items: move(x.items, i, -1) }))}>
                    ↑
                  </button>
                  <button type="button" title="下移" aria-label="下移" disabled={i === t.items.length - 1} onClick={() => change((x) => ({ ...x, items: move(x.items, i, 1) }))}>
                    ↓
                  </button>
                  <button type="button" title="删除本分项（可撤销）" aria-label="删除" onClick={() => removed(`分项 ${i + 1}`, (x) => ({ ...x, items: x.items.filter((_, k) => k !== i) }))}>
                    ×
                  </button>
                </span>
              </div>
              <div className="dept-row">
                <span className="dept-label">绩效目标：{mark(`items[${i}].goal`)}</span>
                <DeptTextBox onStep={step} onHint={pasteHint} carried={marked(`items[${i}].goal`)} label={`分项 ${i + 1} 绩效目标`} maxLength={5000} value={it.goal} onCommit={(v) => change((x) => ({ ...x, items: x.items.map((y, k) => (k === i ? { ...y, goal: v } : y)) }))} />
              </div>
              <div className="dept-row">
                <span className="dept-label">绩效指标：{mark(`items[${i}].indicators`, true)}</span>
                <DeptTextBox onStep={step} indicators onHint={pasteHint} carried={marked(`items[${i}].indicators`)} label={`分项 ${i + 1} 绩效指标`} maxLength={5000} value={it.indicators} onCommit={(v) => change((x) => ({ ...x, items: x.items.map((y, k) => (k === i ? { ...y, indicators: v } : y)) }))} />
              </div>
            </div>
          ))}
          <button type="button" className="btn-add" onClick={() => change((x) => ({ ...x, items: [...x.items, { title: '', goal: '', indicators: '' }] }), `分项 ${t.items.length + 1} 标题`)}>
            ＋ 增加分项
          </button>
          <h3>三、工作保障措施{mark('measures')}</h3>
          {t.measures.map((m, i) => (
            <div className="dept-item-head" key={i}>
              <DeptTextBox onStep={step} onHint={pasteHint} carried={marked(`measures[${i}]`)} label={`保障措施 ${i + 1}`} placeholder={`${i + 1}.……`} maxLength={10000} value={m} onCommit={(v) => change((x) => ({ ...x, measures: x.measures.map((y, k) => (k === i ? v : y)) }))} />
              {mark(`measures[${i}]`)}
              <span className="dept-tools">
                <button type="button" title="删除本条（可撤销）" aria-label="删除" onClick={() => removed(`保障措施 ${i + 1}`, (x) => ({ ...x, measures: x.measures.filter((_, k) => k !== i) }))}>
                  ×
                </button>
              </span>
            </div>
          ))}
          <button type="button" className="btn-add" onClick={() => change((x) => ({ ...x, measures: [...x.measures, ''] }), `保障措施 ${t.measures.length + 1}`)}>
            ＋ 增加措施
          </button>
        </div>
      </div>
      {showAudit ? <AuditPanel api={api} mode="unit" unitCode={unitCode} year={year} nonce={auditNonce} onJump={() => undefined} onClose={() => setShowAudit(false)} extra={comments} /> : null}
      </div>
      {dialog === 'print' ? <PrintPreview api={api} scope={{ kind: 'unitYear', unitCode, year }} unitCode={unitCode} year={year} onClose={() => setDialog(null)} /> : null}
    </div>
  );
}
