// 部门整体绩效自评表 of the unit-year (#/u/<单位>/<年度>/dept/eval): 生成 from the 部门整体绩效目标
// in one action (where the unit-year's 审核规则 asks for one), then filled by keyboard as the
// project self-evaluation (Tab / Enter / arrows): 部门预算, 实际完成情况, per indicator 实际完成值
// (完成情况 for a qualitative one), 分值, 偏差原因; scores, 总分 and grade as 审核 computes them.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import type { ApiClient } from '../../../shared/api/contract.ts';
import type { DeptSelfEvaluationView as View } from '../../../shared/yearly/dept-view.ts';
import type { DeptSelfEvaluation } from '../../../shared/yearly/dept-model.ts';
import { ACHIEVEMENT_LEVELS } from '../../../shared/yearly/model.ts';
import { fillPlaceholders } from '../../../shared/layout/documents.ts';
import { hundredthsText as ht } from '../../../shared/scoring/exact.ts';
import { errorCode, errorText } from '../api/client.ts';
import { useToast } from '../ui/toast.tsx';
import type { Shell } from '../app/frame.ts';
import { PrintPreview } from '../print/PrintPreview.tsx';
import { ChoiceCell, MoneyCell, TextCell, pointsOf, runSpans } from './cells.tsx';
import { onGridKey } from './grid-keys.ts';
import { YearlyPanel } from './YearlyPanel.tsx';

type Row = DeptSelfEvaluation['rows'][number];

/** Saves one at a time, each on the revision of the answer before it; a CONFLICT reloads. */
function useDeptForm(api: ApiClient, unitCode: string, year: number, onError: (m: string) => void) {
  const [view, setView] = useState<View | null>(null);
  const [saving, setSaving] = useState(0);
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  const latest = useRef<View | null>(null);
  const set = (v: View) => ((latest.current = v), setView(v));
  useEffect(() => {
    api.call('yearly.deptGet', { unitCode, year }).then(set, (e) => onError(errorText(e)));
  }, [api, unitCode, year, onError]);
  const run = useCallback(
    (call: (v: View) => Promise<View>) => {
      setSaving((n) => n + 1);
      chain.current = chain.current.then(async () => {
        try {
          set(await call(latest.current!));
        } catch (e) {
          onError(`未保存：${errorText(e)}`);
          if (errorCode(e) === 'CONFLICT') set(await api.call('yearly.deptGet', { unitCode, year }));
        } finally {
          setSaving((n) => n - 1);
        }
      });
    },
    [api, unitCode, year, onError],
  );
  const edit = (change: (f: DeptSelfEvaluation) => DeptSelfEvaluation) =>
    run((v) => api.call('yearly.deptSave', { form: change(structuredClone(v.stored!.form)), expectedRevision: v.stored!.revision }));
  return { view, saving, run, edit };
}


export function DeptSelfEvaluationView({ shell, unitCode, year }: { shell: Shell; unitCode: string; year: number }): ReactNode {
  const toast = useToast();
  const bad = useCallback((m: string) => toast(m, { kind: 'error', ms: 6000 }), [toast]);
  const { view, saving, run, edit } = useDeptForm(shell.api, unitCode, year, bad);
  const [print, setPrint] = useState(false);
  if (!view) return <div className="boot">正在打开……</div>;
  const st = view.stored;
  const tpl = view.template;
  const ro = view.readOnly;
  const create = () => run(() => shell.api.call('yearly.deptCreate', { unitCode, year }));
  const setRow = (i: number, patch: Partial<Row>) => edit((x) => ({ ...x, rows: x.rows.map((r, k) => (k === i ? { ...r, ...patch } : r)) }));
  return (
    <div className="project-view yearly-view">
      <div className="toolbar">
        <button type="button" onClick={() => shell.go({ view: 'dept', id: null })}>
          ← 部门整体绩效目标
        </button>
        <span className="tb-pos">{tpl?.name ?? '部门整体绩效自评表'}</span>
        <span className="save-state" role="status" data-testid="yr-save-state">
          {saving ? '正在保存……' : st ? '已保存' : ''}
        </span>
        <div className="tb-spacer" />
        {st ? (
          <button type="button" onClick={() => setPrint(true)}>
            打印预览
          </button>
        ) : null}
      </div>
      {!st || !tpl || !view.score ? (
        <div className="empty">
          {!view.asked ? (
            <p>本单位本年度的审核规则不要求部门整体绩效自评（需要时在单位年度设置中选择“默认，另报部门整体绩效自评”）。</p>
          ) : ro ? (
            <p>这是从报送包接收的数据，只读；报送单位没有填报部门整体绩效自评表。</p>
          ) : (
            <>
              <p>由部门整体绩效目标各分项的绩效指标逐句生成自评行，部门整体绩效目标本身不改动。</p>
              <button type="button" className="btn-primary" onClick={create} data-autofocus>
                生成部门整体绩效自评表
              </button>
            </>
          )}
        </div>
      ) : (
        <div className="project-body">
          <div className="form-scroll">
            <div className="yr-version">
              <span className="yr-version-label" data-testid="yr-version">
                按部门整体绩效目标（修订 {st.form.basis.revision}）
              </span>
              {view.targetChanged ? <span className="badge badge-warning">生成后部门整体绩效目标又修改过</span> : null}
            </div>
            <div className="yr-sheet" onKeyDown={onGridKey}>
              <h2 className="yr-title">{fillPlaceholders(tpl.title, { year })}</h2>
              <table className="form-table yr-table">
                <tbody>
                  <tr>
                    <td className="lbl">{tpl.fundLine}（万元）</td>
                    {tpl.fundColumns.map((c) => (
                      <td key={c.key} className="hdr">
                        {c.label}
                      </td>
                    ))}
                  </tr>
                  <tr>
                    <td className="lbl">{tpl.fundLine}</td>
                    {(['initialBudget', 'budget', 'executed'] as const).map((c) => (
                      <td key={c}>
                        <MoneyCell
                          fen={st.form.funds[c]}
                          onBad={bad}
                          onCommit={(x) => edit((f) => ({ ...f, funds: { ...f.funds, [c]: x } }))}
                          place={{ r: 1, c, field: `funds.${c}`, label: `${tpl.fundLine}：${tpl.fundColumns.find((x) => x.key === c)?.label ?? c}`, readOnly: ro }}
                        />
                      </td>
                    ))}
                    <td className="ro">{view.score.execution.rate ?? ''}</td>
                    <td className="ro">{ht(view.score.execution.points)}</td>
                    <td className="ro" title={view.score.execution.explanation} data-testid="se-exec-score">
                      {ht(view.score.execution.score)}
                    </td>
                  </tr>
                  <tr>
                    <td className="lbl">年度总体目标</td>
                    <td className="ro yr-goal" colSpan={3}>
                      {st.form.goal.expected}
                    </td>
                    <td colSpan={3}>
                      <TextCell wide value={st.form.goal.achieved} onCommit={(v) => edit((f) => ({ ...f, goal: { ...f.goal, achieved: v } }))} place={{ r: 2, c: 'achieved', field: 'goal.achieved', label: '实际完成情况', readOnly: ro }} />
                    </td>
                  </tr>
                </tbody>
              </table>
              <DeptRows view={view} onRow={setRow} onBad={bad} />
            </div>
          </div>
          <YearlyPanel findings={view.findings} score={view.score} onJump={(f) => document.querySelector<HTMLElement>(`[data-field="${CSS.escape(f.location.field)}"]`)?.focus()} onFix={() => undefined} readOnly />
        </div>
      )}
      {print ? (
        <PrintPreview
          api={shell.api}
          scope={{ kind: 'unitYear', unitCode, year }}
          unitCode={unitCode}
          year={year}
          onClose={() => setPrint(false)}
          source={{ html: (p) => shell.api.call('yearly.deptPrint', { unitCode, year, print: p }), docx: (p) => shell.api.call('yearly.deptExportDocx', { unitCode, year, print: p }) }}
        />
      ) : null}
    </div>
  );
}

function DeptRows({ view, onRow, onBad }: { view: View; onRow: (i: number, p: Partial<Row>) => void; onBad: (m: string) => void }): ReactNode {
  const st = view.stored!;
  const tpl = view.template!;
  const score = view.score!;
  const ro = view.readOnly;
  const col = (key: string) => tpl.indicatorColumns.find((c) => c.key === key)?.label ?? key;
  // Each 分项 once, merged down over its rows (as the printed form).
  const itemSpans = runSpans(st.form.rows, (r) => r.item);
  return (
    <table className="form-table yr-table yr-rows">
      <thead>
        <tr>
          {['一级指标', '分项', '绩效指标', ...tpl.indicatorColumns.map((c) => c.label)].map((l) => (
            <th key={l}>{l}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {st.form.rows.map((row, i) => {
          const s = score.rows.find((x) => x.indicatorId === row.id);
          // Two 分项 may have the same sentence: the row number keeps their cells apart by name.
          const name = st.form.rows.some((x, j) => j !== i && x.name === row.name) ? `${row.name.slice(0, 40)}（第 ${i + 1} 行）` : row.name.slice(0, 40);
          const at = (c: string, label: string) => ({ r: 3 + i, c, field: `rows[${i}].${c}`, label: `${name}：${label}`, readOnly: ro });
          return (
            <tr key={row.id} className={s?.behind || s?.problem ? 'yr-behind' : ''} data-testid="se-row">
              <td>
                {tpl.level1Options.length > 1 ? (
                  <ChoiceCell value={row.level1} options={tpl.level1Options} blank="一级指标" onCommit={(v) => v && onRow(i, { level1: v })} place={at('level1', '一级指标')} />
                ) : (
                  <span className="ro">{row.level1}</span>
                )}
              </td>
              {itemSpans[i] ? (
                <td className="ro yr-item" rowSpan={itemSpans[i]}>
                  {row.item}
                </td>
              ) : null}
              <td className="ro">{row.name}</td>
              <td className="ro yr-target">{row.target}</td>
              <td className="yr-actual">
                {s?.kind === 'qualitative' ? (
                  <ChoiceCell value={row.achievement?.level ?? null} options={ACHIEVEMENT_LEVELS} blank="完成情况" onCommit={(v) => onRow(i, { achievement: v ? { level: v, percent: null } : null })} place={at('achievement', '完成情况')} />
                ) : (
                  <TextCell value={row.actual} onCommit={(v) => onRow(i, { actual: v })} place={at('actual', col('actual'))} />
                )}
              </td>
              <td>
                <TextCell
                  value={row.points === null ? '' : ht(row.points)}
                  placeholder={s ? ht(s.points) : ''}
                  onCommit={(v) => {
                    const p = pointsOf(v);
                    if (p === undefined) onBad(`分值“${v}”应为不超过 100 的数，最多两位小数`);
                    else onRow(i, { points: p });
                  }}
                  place={at('points', col('points'))}
                />
              </td>
              <td className="ro yr-score" data-testid="se-score">
                <strong>{s ? ht(s.score) : ''}</strong>
                <div className="yr-how">{s?.explanation}</div>
              </td>
              <td>
                <TextCell wide value={row.deviation} onCommit={(v) => onRow(i, { deviation: v })} place={at('deviation', col('deviation'))} />
              </td>
            </tr>
          );
        })}
        <tr className="yr-total">
          <td className="lbl" colSpan={5}>
            总分
          </td>
          <td className="ro">{ht(score.pointsTotal)}</td>
          <td className="ro" data-testid="se-total">
            <strong>{ht(score.total)}</strong>
          </td>
          <td className="ro">
            等级：<strong data-testid="se-grade">{score.grade}</strong>　<span className="yr-how">{score.explanation}</span>
          </td>
        </tr>
      </tbody>
    </table>
  );
}
