// A project's 绩效运行监控表 and 绩效自评表 (#/u/<单位>/<年度>/p/<id>/yearly): 生成 both from the
// target in one action, the two forms as tabs, which target version they score against
// (原绩效目标 or a 调整绩效目标 record), 调整绩效目标, 打印预览 / 导出 Word, and the 审核 panel.
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import type { ReactNode } from 'react';
import type { YearlyFinding } from '../../../shared/scoring/rules-common.ts';
import { errorText } from '../api/client.ts';
import { useToast } from '../ui/toast.tsx';
import type { Shell } from '../app/frame.ts';
import { AdjustDialog } from './AdjustDialog.tsx';
import { YearlyEditor, type Kind } from './editor.ts';
import { MonitoringSheet } from './MonitoringSheet.tsx';
import { SelfEvaluationSheet } from './SelfEvaluationSheet.tsx';
import { YearlyPanel } from './YearlyPanel.tsx';
import { YearlyPrint } from './YearlyPrint.tsx';
import { RegenerateDialog } from './RegenerateDialog.tsx';

const TAB_KEY = 'jxmb-yearly-tab';

export function YearlyView({ shell, id }: { shell: Shell; id: string }): ReactNode {
  const toast = useToast();
  const [editor, setEditor] = useState<YearlyEditor | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    let live = true;
    shell.api.call('yearly.get', { projectId: id }).then(
      (v) => live && setEditor(new YearlyEditor(shell.api, v, (t) => toast(t, { kind: 'error', ms: 8000 }))),
      (e) => live && setError(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [shell.api, id, toast]);
  if (error) return <div className="empty">{error}</div>;
  if (!editor) return <div className="boot">正在打开……</div>;
  return <Loaded shell={shell} editor={editor} />;
}

function Loaded({ shell, editor }: { shell: Shell; editor: YearlyEditor }): ReactNode {
  const toast = useToast();
  const view = useSyncExternalStore(editor.subscribe, () => editor.view);
  const [tab, setTab] = useState<Kind>(() => (localStorage.getItem(TAB_KEY) === 'monitoring' ? 'monitoring' : 'self-evaluation'));
  const [dialog, setDialog] = useState<'adjust' | 'print' | null>(null);
  const [plan, setPlan] = useState<{ changes: string[]; kept: number } | null>(null);
  const bad = useCallback((m: string) => toast(m, { kind: 'error', ms: 6000 }), [toast]);
  const choose = (k: Kind) => {
    localStorage.setItem(TAB_KEY, k);
    setTab(k);
  };
  const back = () => shell.go({ view: 'project', id: view.projectId });
  const has = view.monitoring !== null || view.selfEvaluation !== null;
  const st = tab === 'monitoring' ? view.monitoring : view.selfEvaluation;

  const create = () =>
    void editor.remote('生成', () => shell.api.call('yearly.create', { projectId: view.projectId })).then(() => {
      if (editor.view.monitoring) toast('已生成绩效运行监控表和绩效自评表（绩效目标只读取，不改动）', { kind: 'ok' });
    });
  const jump = (f: YearlyFinding) => {
    const el = document.querySelector<HTMLElement>(`[data-field="${CSS.escape(f.location.field)}"]`) ?? document.querySelector<HTMLElement>(`[data-field^="${CSS.escape(f.location.field)}"]`);
    el?.focus();
    el?.scrollIntoView({ block: 'center' });
  };
  const fix = (f: YearlyFinding) =>
    f.fix && st && void editor.remote('修正', (v) => shell.api.call('yearly.applyFix', { kind: tab, projectId: v.projectId, fix: f.fix!, expectedRevision: (tab === 'monitoring' ? v.monitoring : v.selfEvaluation)!.revision }));
  const askRegenerate = () =>
    shell.api.call('yearly.regeneratePlan', { projectId: view.projectId }).then(setPlan, (e) => bad(errorText(e)));
  const regenerate = () => {
    setPlan(null);
    void editor.remote('重新生成', (v) => shell.api.call('yearly.regenerate', { projectId: v.projectId, revisions: { monitoring: v.monitoring!.revision, selfEvaluation: v.selfEvaluation!.revision } })).then((ok) => ok && toast('已按已通过审核的版本重新生成两张表', { kind: 'ok' }));
  };
  const setVersion = (adjustmentId: string | null) => void editor.edit(tab, (x) => ({ ...x, adjustmentId }));

  return (
    <div className="project-view yearly-view">
      <div className="toolbar">
        <button type="button" onClick={back} title="返回绩效目标表">
          ← 绩效目标表
        </button>
        <span className="tb-pos">
          {view.seq ? `${view.seq}. ` : ''}
          {view.name}
        </span>
        <span className="save-state" role="status" data-testid="yr-save-state">
          {editor.saving ? '正在保存……' : editor.message ? '未保存' : has ? '已保存' : ''}
        </span>
        <div className="tb-spacer" />
        {has ? (
          <>
            <div className="yr-tabs" role="tablist">
              <button type="button" role="tab" aria-selected={tab === 'monitoring'} onClick={() => choose('monitoring')}>
                绩效运行监控表
              </button>
              <button type="button" role="tab" aria-selected={tab === 'self-evaluation'} onClick={() => choose('self-evaluation')}>
                绩效自评表
              </button>
            </div>
            <button type="button" disabled={view.readOnly} onClick={() => setDialog('adjust')}>
              调整绩效目标
            </button>
            {!view.readOnly && view.selfEvaluation && view.monitoring && !view.selfEvaluation.form.basis?.approved ? (
              <button type="button" onClick={() => void askRegenerate()} title="表在绩效目标通过审核前生成：按已通过审核的版本重新生成，保留已填内容">
                从已通过版本重新生成
              </button>
            ) : null}
            <button type="button" onClick={() => setDialog('print')}>
              打印预览
            </button>
          </>
        ) : null}
      </div>
      {!has ? (
        <div className="empty">
          <p>这张绩效目标表还没有绩效运行监控表和绩效自评表。</p>
          <p>生成时按绩效目标逐条列出指标（{view.targetStatus === 'approved' ? '已通过审核的版本' : '当前内容'}），绩效目标本身不改动。</p>
          {view.readOnly ? (
            <p>这是从报送包接收的数据，只读。</p>
          ) : (
            <button type="button" className="btn-primary" onClick={create} data-autofocus>
              生成绩效运行监控表和绩效自评表
            </button>
          )}
        </div>
      ) : st ? (
        <div className="project-body">
          <div className="form-scroll">
            <div className="yr-version">
              <label className="tb-field">
                评分依据
                <select aria-label="评分依据" value={st.form.adjustmentId ?? ''} disabled={view.readOnly} onChange={(e) => setVersion(e.target.value || null)}>
                  <option value="">{st.form.basis?.approved ? '已通过审核的绩效目标' : '原绩效目标'}</option>
                  {view.adjustments.map((a) => (
                    <option key={a.id} value={a.id}>
                      第 {a.seq} 次调整（{a.reason.slice(0, 30)}）
                    </option>
                  ))}
                </select>
              </label>
              <span className="yr-version-label" data-testid="yr-version">
                {st.target.versionLabel}
              </span>
              {st.form.basis ? <span className="yr-basis">生成自：{st.form.basis.label}</span> : null}
              {st.form.basis && view.targetChanged ? (
                <span className="badge badge-warning">
                  {st.form.basis.approved ? `评分按已通过审核的修订 ${st.form.basis.revision}；绩效目标其后又修改过（现为修订 ${view.targetRevision}）` : `生成后绩效目标又修改过（现为修订 ${view.targetRevision}）`}
                </span>
              ) : null}
            </div>
            {tab === 'monitoring' && view.monitoring ? <MonitoringSheet editor={editor} view={view} onBad={bad} /> : null}
            {tab === 'self-evaluation' && view.selfEvaluation ? <SelfEvaluationSheet editor={editor} view={view} onBad={bad} /> : null}
          </div>
          <YearlyPanel findings={st.findings} {...(tab === 'self-evaluation' && view.selfEvaluation ? { score: view.selfEvaluation.score } : {})} onJump={jump} onFix={fix} readOnly={view.readOnly} />
        </div>
      ) : null}
      {dialog === 'adjust' ? (
        <AdjustDialog
          view={view}
          onClose={() => setDialog(null)}
          onSave={async (r) => {
            const ok = await editor.remote('调整绩效目标', (v) => shell.api.call('yearly.adjust', { projectId: v.projectId, ...r }));
            if (ok) toast(`已记录第 ${editor.view.adjustments.length} 次调整，两张表按调整后的目标评分`, { kind: 'ok' });
            return ok;
          }}
        />
      ) : null}
      {plan ? <RegenerateDialog plan={plan} onClose={() => setPlan(null)} onConfirm={regenerate} /> : null}
      {dialog === 'print' ? <YearlyPrint api={shell.api} scope={{ kind: 'project', id: view.projectId }} kind={tab} unitCode={view.unitCode} year={view.year} onClose={() => setDialog(null)} /> : null}
    </div>
  );
}
