// 运行监控和自评 of a unit-year, from the list: each table's forms (made or not, 错误, 总分,
// grade, rows at risk), 生成全部 (every table without forms, from its target), 打印预览 /
// 导出 Word of the book, 导出表格 (.xlsx) and 导入执行数 from a treasury or accounting
// export (a preview first; 确认填入 stores it).
import { useCallback, useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import type { ApiClient } from '../../../shared/api/contract.ts';
import type { ExecutionImport } from '../../../shared/yearly/execution-import.ts';
import type { YearlyRowView } from '../../../shared/yearly/view.ts';
import { fenToDecimalText } from '../../../shared/model/money.ts';
import { hundredthsText } from '../../../shared/scoring/exact.ts';
import { errorText } from '../api/client.ts';
import { readUpload, type Upload } from '../app/exchange/upload.ts';
import { Modal } from '../ui/dialog.tsx';
import { XLSX_TYPE, downloadBase64 } from '../ui/download.ts';
import { useToast } from '../ui/toast.tsx';
import { YearlyPrint } from './YearlyPrint.tsx';
import { defaultExecutionTarget, monitoringExecutedWords, type Kind } from './editor.ts';
import { MONITORING_FORM } from '../../../shared/yearly/monitoring-form.ts';

interface Props {
  api: ApiClient;
  unitCode: string;
  year: number;
  readOnly: boolean;
  onOpen: (projectId: string) => void;
  onClose: () => void;
}

export function YearlyBookDialog({ api, unitCode, year, readOnly, onOpen, onClose }: Props): ReactNode {
  const toast = useToast();
  const [rows, setRows] = useState<YearlyRowView[] | null>(null);
  const [error, setError] = useState('');
  const [printing, setPrinting] = useState(false);
  const [into, setInto] = useState<Kind>(() => defaultExecutionTarget(year, new Date()));
  const [pending, setPending] = useState<{ file: Upload; preview: ExecutionImport } | null>(null);
  const load = useCallback(() => api.call('yearly.list', { unitCode, year }).then(setRows, (e) => setError(errorText(e))), [api, unitCode, year]);
  useEffect(() => void load(), [load]);
  const act = (p: Promise<unknown>) => p.catch((e) => toast(errorText(e), { kind: 'error', ms: 8000 }));

  const createAll = () =>
    act(api.call('yearly.createUnitYear', { unitCode, year }).then((r) => (toast(`已为 ${r.created} 张表生成绩效运行监控表和绩效自评表${r.skipped ? `（${r.skipped} 张已有）` : ''}`, { kind: 'ok' }), load())));
  const exportXlsx = () => act(api.call('yearly.exportXlsx', { unitCode, year }).then((r) => downloadBase64(r.base64, r.fileName, XLSX_TYPE)));
  const chooseFile = async (f: File | undefined) => {
    if (!f) return;
    try {
      const file = await readUpload(f);
      setPending({ file, preview: await api.call('yearly.importExecution', { unitCode, year, file, into, store: false }) });
    } catch (e) {
      toast(errorText(e), { kind: 'error', ms: 8000 });
    }
  };
  const confirm = () =>
    pending &&
    act(
      api.call('yearly.importExecution', { unitCode, year, file: pending.file, into, store: true }).then((r) => {
        toast(`已填入 ${r.stored} 张表的执行数`, { kind: 'ok' });
        setPending(null);
        return load();
      }),
    );

  if (printing) return <YearlyPrint api={api} scope={{ kind: 'unitYear', unitCode, year }} kind="both" unitCode={unitCode} year={year} onClose={() => setPrinting(false)} />;
  const made = rows?.filter((r) => r.hasForms).length ?? 0;
  return (
    <Modal
      title="运行监控和自评"
      wide
      onClose={onClose}
      footer={
        <>
          <button type="button" disabled={readOnly} onClick={() => void createAll()}>
            生成全部监控表和自评表
          </button>
          <button type="button" disabled={!made} onClick={() => setPrinting(true)}>
            打印预览
          </button>
          <button type="button" disabled={!made} onClick={() => void exportXlsx()}>
            导出表格
          </button>
          <button type="button" className="btn-primary" onClick={onClose}>
            关闭
          </button>
        </>
      }
    >
      {error ? <div className="form-error">{error}</div> : null}
      {!readOnly ? (
        <div className="yr-version">
          <label className="tb-field">
            导入执行数到
            <select aria-label="导入执行数到" value={into} onChange={(e) => setInto(e.target.value as Kind)}>
              <option value="self-evaluation">绩效自评表（全年执行数）</option>
              <option value="monitoring">绩效运行监控表（{monitoringExecutedWords(rows ?? [], MONITORING_FORM)}）</option>
            </select>
          </label>
          <label className="tb-field">
            国库支付或会计系统导出的表格
            <input type="file" accept=".xlsx,.xls" aria-label="导入执行数" onChange={(e) => void chooseFile(e.target.files?.[0])} />
          </label>
        </div>
      ) : null}
      {pending ? (
        <div className="yr-import" data-testid="yr-import">
          <p>
            工作表“{pending.preview.sheet}”：按“{pending.preview.columns.code ?? pending.preview.columns.name}”匹配，金额取“{pending.preview.columns.amount}”（{pending.preview.unit}）；匹配 {pending.preview.matches.length} 个项目{pending.preview.unsaved.length ? `，${pending.preview.unsaved.length} 个项目的执行数是没有保存结果的公式` : ''}，未匹配 {pending.preview.unmatched.length} 行。
          </p>
          <ul>
            {pending.preview.matches.map((m) => (
              <li key={m.projectId}>
                {m.name}：{fenToDecimalText(m.amount, '万元')} 万元（第 {m.rows.join('、')} 行）
              </li>
            ))}
            {pending.preview.unsaved.map((u) => (
              <li key={`f${u.projectId}`} className="form-error" data-testid="yr-unsaved">
                {u.name}：{u.reason}
              </li>
            ))}
            {pending.preview.unmatched.map((u) => (
              <li key={`u${u.row}`} className="form-error">
                第 {u.row} 行 {u.code} {u.name}：{u.reason}
              </li>
            ))}
            {pending.preview.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
          <button type="button" className="btn-primary" disabled={!pending.preview.matches.length} onClick={() => void confirm()}>
            确认填入
          </button>
          <button type="button" onClick={() => setPending(null)}>
            放弃
          </button>
        </div>
      ) : null}
      <table className="list-table yr-book">
        <thead>
          <tr>
            <th>序号</th>
            <th>项目名称</th>
            <th>监控表错误</th>
            <th>监控执行率</th>
            <th>自评表错误</th>
            <th>全年执行率</th>
            <th>总分</th>
            <th>等级</th>
            <th>风险指标</th>
          </tr>
        </thead>
        <tbody>
          {(rows ?? []).map((r) => (
            <tr key={r.projectId} onDoubleClick={() => onOpen(r.projectId)}>
              <td>{r.seq}</td>
              <td>
                <button type="button" className="link" onClick={() => onOpen(r.projectId)}>
                  {r.name || '未命名项目'}
                </button>
                {r.hasForms ? null : <span className="yr-how">（未生成）</span>}
              </td>
              <td>{r.monitoringErrors ?? ''}</td>
              <td data-testid="yr-mo-rate">{r.monitoringRate === null ? '' : `${hundredthsText(r.monitoringRate)}%`}</td>
              <td>{r.selfEvaluationErrors ?? ''}</td>
              <td>{r.rate === null ? '' : `${hundredthsText(r.rate)}%`}</td>
              <td>{r.total === null ? '' : hundredthsText(r.total)}</td>
              <td>{r.grade ?? ''}</td>
              <td>{r.hasForms ? r.atRisk : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Modal>
  );
}
