// One project table: toolbar (back, previous/next, status, saved state, undo/redo, print,
// export), the form drawn from the template, and the live 审核 panel.
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { ReactNode } from 'react';
import type { Finding, ProjectRow, ReceivedFrom } from '../../../shared/api/contract.ts';
import { FILING_STATUSES, STATUS_LABELS } from '../../../shared/model/filing.ts';
import { userTargets } from '../../../shared/model/status.ts';
import type { FilingStatus, ProjectFiling } from '../../../shared/model/filing.ts';
import { getAt, parseIndicatorPath } from '../../../shared/model/field-path.ts';
import { templateOf } from '../../../shared/settings/unit-year.ts';
import { checkLabel } from '../../../shared/rules/check-label.ts';
import { ConvertDialog } from './ConvertDialog.tsx';
import { explanationMark } from '../../../shared/api/carried-over.ts';
import type { TemplateDef } from '../../../shared/templates/types.ts';
import { errorText } from '../api/client.ts';
import { AuditPanel } from '../audit/AuditPanel.tsx';
import { indicatorsTyped } from '../../../shared/rules/grade.ts';
import { ProjectForm } from '../form/ProjectForm.tsx';
import type { FocusRequest } from '../form/ProjectForm.tsx';
import type { Edit, FocusHint, Target } from '../form/ops.ts';
import { ExportChosen } from '../print/ExportDialog.tsx';
import { PrintPreview } from '../print/PrintPreview.tsx';
import { ProjectEditor } from '../state/editor.ts';
import { readUnsaved } from '../state/unsaved.ts';
import type { EditorSnapshot } from '../state/editor.ts';
import { KeysHelp } from './KeysHelp.tsx';
import { ReceivedNotice } from './received-notice.tsx';
import { useToast } from '../ui/toast.tsx';
import type { Shell } from './frame.ts';
import { setPendingFocus, takePendingFocus } from './pending.ts';
import { useReviewSide } from '../review/useReviewSide.tsx';

export function ProjectView({ shell, id }: { shell: Shell; id: string }): ReactNode {
  const { api } = shell;
  const toast = useToast();
  const [editor, setEditor] = useState<ProjectEditor | null>(null);
  const [error, setError] = useState('');
  const [autoFocus, setAutoFocus] = useState(false);
  const [focusRequest, setFocusRequest] = useState<FocusRequest | null>(null);

  useEffect(() => {
    let live = true;
    let ed: ProjectEditor | null = null;
    api.call('projects.get', { id }).then(
      (s) => {
        if (!live) return;
        ed = new ProjectEditor(api, s);
        const kept = readUnsaved(id);
        ed.restore(kept.copy);
        if (kept.damaged) toast('本机暂存的未保存修改已损坏，已丢弃；表中是已保存的内容', { kind: 'error', ms: 8000 });
        const pf = takePendingFocus(id);
        if (pf === '') setAutoFocus(true);
        else if (pf) setFocusRequest({ path: pf, nonce: Date.now() });
        setEditor(ed);
      },
      (e) => live && setError(errorText(e)),
    );
    return () => {
      live = false;
      if (ed) {
        const e = ed;
        void e.flush().then(() => e.close());
      }
    };
  }, [api, id]); // toast is stable

  if (error) {
    return (
      <div className="empty">
        {error}
        <div>
          <button type="button" onClick={() => shell.go({ view: 'list', id: null })}>
            返回项目列表
          </button>
        </div>
      </div>
    );
  }
  if (!editor) return <div className="boot">正在打开……</div>;
  return <Loaded shell={shell} editor={editor} autoFocus={autoFocus} focusRequest={focusRequest} setFocusRequest={setFocusRequest} toast={toast} />;
}

/** `审核（错误 2 · 警告 1）`: both block 已审核 (a 警告 until it has a 说明), so both are counted. */
function auditLabel(findings: readonly Finding[] | null | undefined, word: string): string {
  if (!findings) return word;
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning' && !f.explained).length;
  if (!errors && !warnings) return `${word}（通过）`;
  return `${word}（${[errors ? `错误 ${errors}` : '', warnings ? `警告 ${warnings}` : ''].filter(Boolean).join(' · ')}）`;
}

/** No grade estimate for a table without indicators typed in (an empty table would be graded 中). */
function gradeWithheld(f: ProjectFiling): string | undefined {
  return indicatorsTyped(f) ? undefined : '暂不估计：本表还没有填写绩效指标，填写三级指标和指标值后再估计';
}

function saveText(s: EditorSnapshot): { text: string; cls: string } {
  if (s.readOnly) return { text: `只读：${s.message || '从报送包接收的数据，不能修改'}`, cls: 'failed' };
  switch (s.save) {
    case 'saving':
      return { text: '保存中…', cls: 'saving' };
    case 'error':
      return { text: `保存失败：${s.message}`, cls: 'failed' };
    case 'declined':
      return { text: s.message, cls: 'saved' };
    case 'offline':
      return { text: '未连接：修改已留在本机，恢复连接后自动保存', cls: 'failed' };
    case 'saved':
      return { text: '已保存', cls: 'saved' };
    default:
      return { text: '已保存', cls: 'saved' };
  }
}

/** The undo step of a fix: the field as it was, by row id where it is an indicator cell. */
function fixUndo(f: Finding, s: EditorSnapshot): Edit | undefined {
  const fix = f.fix;
  if (!fix) return undefined;
  const path = fix.patch.path;
  let target: Target = { kind: 'path', path };
  const m = parseIndicatorPath(path);
  let focus: FocusHint = { path };
  if (m && m.index !== undefined && m.column) {
    const row = s.filing.periods[m.period]?.indicators[m.index];
    if (!row) return undefined;
    target = { kind: 'ind', period: m.period, rowId: row.id, index: m.index, col: m.column as 'value' };
    focus = { period: m.period, rowId: row.id, col: m.column };
  }
  let before: unknown;
  try {
    before = getAt(s.filing, path);
  } catch {
    return undefined;
  }
  return { t: 'set', changes: [{ target, before, after: fix.patch.value }], label: fix.description, focus };
}

function Loaded({
  shell,
  editor,
  autoFocus,
  focusRequest,
  setFocusRequest,
  toast,
}: {
  shell: Shell;
  editor: ProjectEditor;
  autoFocus: boolean;
  focusRequest: FocusRequest | null;
  setFocusRequest: (r: FocusRequest) => void;
  toast: ReturnType<typeof useToast>;
}): ReactNode {
  const { api } = shell;
  const snap = useSyncExternalStore(editor.subscribe, editor.getSnapshot);
  const filing = snap.filing;
  // One object per layout and system: the form is memoised on it (a new one re-renders every cell).
  const { templateId, indicatorSystem } = filing;
  const template: TemplateDef | undefined = useMemo(() => templateOf({ templateId, indicatorSystem }), [templateId, indicatorSystem]);
  const [findings, setFindings] = useState<Finding[] | null>(null);
  const [unitNonce, setUnitNonce] = useState(0);
  const [showAudit, setShowAudit] = useState(true);
  const [dialog, setDialog] = useState<'print' | 'export' | 'keys' | 'convert' | null>(null);
  const [siblings, setSiblings] = useState<ProjectRow[]>([]);
  const [received, setReceived] = useState<ReceivedFrom | null>(null);
  const auditTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const id = filing.id;

  const refreshAudit = useCallback(() => {
    api.call('audit.project', { id }).then(
      (list) => setFindings(list),
      () => undefined,
    );
    setUnitNonce((n) => n + 1);
  }, [api, id]);

  useEffect(() => {
    refreshAudit();
    editor.onSaved = () => {
      if (auditTimer.current) clearTimeout(auditTimer.current);
      auditTimer.current = setTimeout(refreshAudit, 250);
    };
    return () => {
      editor.onSaved = null;
      if (auditTimer.current) clearTimeout(auditTimer.current);
    };
  }, [editor, refreshAudit]);

  useEffect(() => {
    api.call('projects.list', { unitCode: filing.unitCode, year: filing.year }).then(
      (r) => {
        setSiblings(r.rows);
        setReceived(r.received);
      },
      () => undefined,
    );
  }, [api, filing.unitCode, filing.year]);

  // Undo / redo anywhere in the view (cells handle their own keys).
  useEffect(() => {
    const on = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT')) return;
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      const k = e.key.toLowerCase();
      if (k === 'z' && !e.shiftKey) {
        e.preventDefault();
        editor.undo();
      } else if (k === 'y' || (k === 'z' && e.shiftKey)) {
        e.preventDefault();
        editor.redo();
      }
    };
    window.addEventListener('keydown', on);
    return () => window.removeEventListener('keydown', on);
  }, [editor]);

  const pos = siblings.findIndex((r) => r.id === id);
  const prev = pos > 0 ? siblings[pos - 1] : undefined;
  const next = pos >= 0 && pos < siblings.length - 1 ? siblings[pos + 1] : undefined;

  const setStatus = async (status: FilingStatus) => {
    try {
      await editor.remote('设置状态', () => api.call('projects.setStatus', { id, status }));
      toast(`已标记为“${STATUS_LABELS[status]}”`, { kind: 'ok' });
    } catch (e) {
      toast(errorText(e), { kind: 'error', ms: 8000 });
    }
  };

  const jump = (f: Finding) => {
    if (f.location.projectId && f.location.projectId !== id) {
      setPendingFocus(f.location.projectId, f.location.field);
      shell.go({ view: 'project', id: f.location.projectId });
      return;
    }
    setFocusRequest({ path: f.location.field, nonce: Date.now() });
  };

  const saved = saveText(snap);
  const unit = shell.units.find((u) => u.code === filing.unitCode) ?? shell.unit;
  const carried = filing.carriedOver.length;
  // Received data: no control that would edit it (the backend refuses edits too).
  const ro = snap.readOnly;

  const findingsForPanel = useMemo(() => findings, [findings]);
  const review = useReviewSide(api, filing, snap.readOnly, (path) => setFocusRequest({ path, nonce: Date.now() }));

  if (!template) return <div className="empty">这张表使用了本程序不认识的表样“{filing.templateId}”，无法编辑。</div>;

  return (
    <div className="project-view">
      <div className="toolbar">
        <button type="button" onClick={() => shell.go({ view: 'list', id: null })} title="返回项目列表">
          ← 项目列表
        </button>
        <button type="button" disabled={!prev} onClick={() => prev && shell.go({ view: 'project', id: prev.id })} title={prev ? `上一张：${prev.name}` : ''}>
          ‹ 上一张
        </button>
        <button type="button" disabled={!next} onClick={() => next && shell.go({ view: 'project', id: next.id })} title={next ? `下一张：${next.name}` : ''}>
          下一张 ›
        </button>
        <span className="tb-pos" title={pos >= 0 ? `第 ${pos + 1} 张 / 共 ${siblings.length} 张` : undefined}>
          {pos >= 0 ? `第 ${pos + 1} 张 / 共 ${siblings.length} 张` : ''}
        </span>
        <span className={`save-state ${saved.cls}`} role="status" data-testid="save-state" title={snap.message}>
          {saved.text}
        </span>
        <div className="tb-spacer" />
        {ro ? null : (
          <>
            <button type="button" disabled={!snap.canUndo} onClick={() => editor.undo()} title={snap.canUndo ? `撤销：${snap.undoLabel}（Ctrl+Z）` : '撤销（Ctrl+Z）'}>
              撤销
            </button>
            <button type="button" disabled={!snap.canRedo} onClick={() => editor.redo()} title={snap.canRedo ? `重做：${snap.redoLabel}（Ctrl+Y）` : '重做（Ctrl+Y）'}>
              重做
            </button>
          </>
        )}
        {carried && !ro ? (
          <button
            type="button"
            className="btn-carried"
            title="上年复制来的内容已全部核对"
            onClick={() => void editor.remote('确认结转内容', (s) => api.call('projects.ackCarried', { id, paths: 'all', expectedRevision: s.revision })).catch((e) => toast(errorText(e), { kind: 'error' }))}
          >
            确认全部结转内容（{carried}）
          </button>
        ) : null}
        <label className="tb-field">
          状态
          <select value={filing.status} disabled={ro} onChange={(e) => void setStatus(e.target.value as FilingStatus)} aria-label="状态">
            {FILING_STATUSES.filter((s) => s === filing.status || userTargets(filing.status).includes(s)).map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => shell.go({ view: 'yearly', id })} title="年中绩效运行监控和年末绩效自评（由本表生成）">
          运行监控和自评
        </button>
        <button type="button" onClick={() => setDialog('print')}>
          打印预览
        </button>
        <button type="button" onClick={() => setDialog('export')} title="生成本表的文档（.docx），可打印、报送">
          导出文档
        </button>
        {ro ? null : (
          <button type="button" onClick={() => setDialog('convert')} title="把这张表转换为本单位年度设置的表样和指标体系">
            转换表样
          </button>
        )}
        <button type="button" onClick={() => setDialog('keys')} title="键盘操作">
          快捷键
        </button>
        <button type="button" aria-pressed={showAudit} onClick={() => setShowAudit((s) => !s)}>
          {auditLabel(findings, checkLabel(!!received))}
        </button>
      </div>
      {snap.conflict ? <ConflictBar editor={editor} /> : null}
      {ro && received ? <ReceivedNotice from={received} /> : null}
      <div className="project-body">
        <ProjectForm api={api} editor={editor} filing={filing} template={template} unit={unit} focusRequest={focusRequest} autoFocus={autoFocus} pins={review.pins} onCellFocus={review.onCellFocus} />
        {showAudit ? (
          <AuditPanel
            api={api}
            mode="project"
            projectId={id}
            unitCode={filing.unitCode}
            year={filing.year}
            nonce={unitNonce}
            findings={findingsForPanel}
            onJump={jump}
            received={!!received}
            onChoose={ro ? undefined : (f) => setFocusRequest({ path: f.location.field, nonce: Date.now(), open: true })}
            onClose={() => setShowAudit(false)}
            extra={review.extra}
            carried={filing.carriedOver}
            noGrade={gradeWithheld(filing)}
            onAckExplanation={ro ? undefined : async (f) => {
              const paths = [explanationMark(f.key)];
              await editor.remote('确认说明', (s) => api.call('projects.ackCarried', { id, paths, expectedRevision: s.revision }));
            }}
            onExplain={ro ? undefined : async (f, text) => {
              await editor.remote('填写说明', (_s, o) => api.call('audit.explain', { id, key: f.key, text, ...o }));
            }}
            onFix={ro ? undefined : async (f) => {
              if (!f.fix) return;
              const fix = f.fix;
              const undo = fixUndo(f, editor.getSnapshot());
              await editor.remote(fix.description, (s, o) => api.call('audit.applyFix', { id, fix, expectedRevision: s.revision, ...o }), undo);
            }}
          />
        ) : null}
      </div>
      {dialog === 'print' ? <PrintPreview api={api} scope={{ kind: 'project', id }} unitCode={filing.unitCode} year={filing.year} onClose={() => setDialog(null)} /> : null}
      {dialog === 'export' ? <ExportChosen api={api} scope={{ kind: 'project', id }} unitCode={filing.unitCode} year={filing.year} onClose={() => setDialog(null)} /> : null}
      {dialog === 'keys' ? <KeysHelp onClose={() => setDialog(null)} /> : null}
      {dialog === 'convert' ? (
        <ConvertDialog
          shell={shell}
          editor={editor}
          onClose={() => setDialog(null)}
          onDone={() => {
            setDialog(null);
            refreshAudit();
          }}
        />
      ) : null}
    </div>
  );
}

/** Two windows changed this table: both versions are kept until the user chooses one. */
function ConflictBar({ editor }: { editor: ProjectEditor }): ReactNode {
  return (
    <div className="conflict-bar" role="alert">
      这张表已在另一个窗口（或别处）被修改，与您在本窗口的修改冲突。两个版本都已保留：现在显示的是已保存的版本。
      <button type="button" onClick={() => editor.keepMine()}>
        用本窗口的版本
      </button>
      <button type="button" onClick={() => editor.keepTheirs()}>
        保留已保存的版本
      </button>
    </div>
  );
}
