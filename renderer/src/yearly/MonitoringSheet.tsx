// 绩效运行监控表 on screen: the targets (年度指标值, read-only, in the version the form
// scores against) beside 1—N月实际完成值, 全年预计完成值, 偏差原因, 完成目标可能性,
// 原因说明 and 纠偏措施; the funds with 执行率 computed from the amounts.
import type { ReactNode } from 'react';
import { LIKELIHOODS } from '../../../shared/yearly/form-types.ts';
import type { MonitoringFiling, MonitoringRow } from '../../../shared/yearly/model.ts';
import type { YearlyView } from '../../../shared/yearly/view.ts';
import { monthLabel } from '../../../shared/yearly/monitoring-form.ts';
import { fillPlaceholders } from '../../../shared/layout/documents.ts';
import { hundredthsText } from '../../../shared/scoring/exact.ts';
import { ChoiceCell, IndicatorTable, MoneyCell, TargetCells, TextCell, level1Spans, reasonsFromText, rowPlace } from './cells.tsx';
import { onGridKey } from './grid-keys.ts';
import type { YearlyEditor } from './editor.ts';

export function MonitoringSheet({ editor, view, onBad }: { editor: YearlyEditor; view: YearlyView; onBad: (m: string) => void }): ReactNode {
  const st = view.monitoring!;
  const f = st.form;
  const tpl = view.templates.monitoring;
  const ro = view.readOnly;
  const month = { month: f.cutOffMonth };
  const label = (key: string) => monthLabel(tpl.indicatorColumns, key, f.cutOffMonth);
  const fundLabel = (key: string) => monthLabel(tpl.fundColumns, key, f.cutOffMonth);
  const setFunds = (patch: Partial<MonitoringFiling['funds']>) => void editor.edit('monitoring', (x) => ({ ...x, funds: { ...x.funds, ...patch } }));
  const setRow = (i: number, patch: Partial<MonitoringRow>) => void editor.edit('monitoring', (x) => ({ ...x, rows: x.rows.map((r, k) => (k === i ? { ...r, ...patch } : r)) }));
  const formIndex = new Map(f.rows.map((r, i) => [r.indicatorId, i]));
  const behind = new Set(st.findings.filter((x) => x.code === 'Y-MO-DEVIATION').map((x) => x.location.row));
  const spans = level1Spans(st.target.rows);
  const reasonHint = tpl.deviationReasons.map((r, i) => `${i + 1} ${r}`).join('　');

  return (
    <div className="yr-sheet" onKeyDown={onGridKey}>
      <h2 className="yr-title">{fillPlaceholders(tpl.title, { year: view.year, ...month })}</h2>
      <table className="form-table yr-table">
        <tbody>
          <tr>
            <td className="lbl" rowSpan={2}>
              项目资金（万元）
            </td>
            {['budget', 'executed', 'rate', 'projected'].map((k) => (
              <td key={k} className="hdr">
                {fundLabel(k)}
              </td>
            ))}
          </tr>
          <tr>
            <td>
              <MoneyCell fen={f.funds.budget} onCommit={(v) => setFunds({ budget: v })} onBad={onBad} place={{ r: 0, c: 'budget', field: 'funds.budget', label: fundLabel('budget'), readOnly: ro }} />
            </td>
            <td>
              <MoneyCell fen={f.funds.executed} onCommit={(v) => setFunds({ executed: v })} onBad={onBad} place={{ r: 0, c: 'executed', field: 'funds.executed', label: fundLabel('executed'), readOnly: ro }} />
            </td>
            <td className="ro" data-field="funds.rate" data-testid="mo-rate">
              {f.funds.rate.trim() || (st.rate === null ? '' : `${hundredthsText(st.rate)}%`)}
            </td>
            <td>
              <MoneyCell fen={f.funds.projected} onCommit={(v) => setFunds({ projected: v })} onBad={onBad} place={{ r: 0, c: 'projected', field: 'funds.projected', label: fundLabel('projected'), readOnly: ro }} />
            </td>
          </tr>
        </tbody>
      </table>
      <IndicatorTable widths={[7, 8, 12, 8, 9, 9, 9, 8, 15, 15]} labels={tpl.indicatorColumns.map((c) => label(c.key))}>
          {st.target.rows.map((t, k) => {
            const i = formIndex.get(t.id);
            const row = i === undefined ? undefined : f.rows[i];
            if (i === undefined || !row) {
              return (
                <tr key={t.id}>
                  <TargetCells t={t} span={spans[k]!} />
                  <td colSpan={tpl.indicatorColumns.length - 1} className="ro">
                    本行没有监控内容（见审核）
                  </td>
                </tr>
              );
            }
            const at = rowPlace(i + 1, i, t.name, ro);
            return (
              <tr key={t.id} className={behind.has(i) ? 'yr-behind' : ''} data-testid="mo-row">
                <TargetCells t={t} span={spans[k]!} />
                <td>
                  <TextCell value={row.actual} onCommit={(v) => setRow(i, { actual: v })} place={at('actual', label('actual'))} />
                </td>
                <td>
                  <TextCell value={row.projected} onCommit={(v) => setRow(i, { projected: v })} place={at('projected', label('projected'))} />
                </td>
                <td>
                  <TextCell value={row.reasons.join('、')} placeholder="填序号" onCommit={(v) => setRow(i, { reasons: reasonsFromText(v, tpl.deviationReasons) })} place={{ ...at('reasons', `${label('reason')}（${reasonHint}）`) }} />
                </td>
                <td>
                  <ChoiceCell value={row.likelihood} options={LIKELIHOODS} blank="—" onCommit={(v) => setRow(i, { likelihood: v })} place={at('likelihood', label('likelihood'))} />
                </td>
                <td>
                  <TextCell wide value={row.explanation} onCommit={(v) => setRow(i, { explanation: v })} place={at('explanation', label('explanation'))} />
                </td>
                <td>
                  <TextCell wide value={row.correction} onCommit={(v) => setRow(i, { correction: v })} place={at('correction', label('correction'))} />
                </td>
              </tr>
            );
          })}
      </IndicatorTable>
      <div className="yr-note">偏差原因：{reasonHint}（可填序号，多项用顿号分隔）</div>
    </div>
  );
}
