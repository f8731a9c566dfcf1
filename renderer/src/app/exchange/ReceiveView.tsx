// 接收报送包 (a 主管部门 or finance office): choose packages (files or a folder), each is
// inspected and listed; 导入 runs one job over all of them with progress and 取消; the
// report, the history of received packages (ReceivedHistory.tsx: 设为当前版本), and the 汇总
// spreadsheet of a year.
import { RULE_CHECK } from '../../../../shared/rules/check-label.ts';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import type { ApiClient, PackageSummary, ReceivedRow } from '../../../../shared/api/contract.ts';
import { errorText } from '../../api/client.ts';
import { XLSX_TYPE, downloadBase64 } from '../../ui/download.ts';
import { JobProgress, useJob } from '../../ui/jobs.tsx';
import { useToast } from '../../ui/toast.tsx';
import { timeText } from '../../ui/time.ts';
import { ReceivedSummary } from './ReceivedSummary.tsx';
import { ReceivedHistory } from './ReceivedHistory.tsx';
import { readUpload } from './upload.ts';
import { ForwardSection } from '../../review/ForwardSection.tsx';
import { FilterSelect } from '../../ui/filter-select.tsx';
import type { Upload } from './upload.ts';

function lastReceivedYear(history: ReceivedRow[] | null): number | null {
  let last: ReceivedRow | null = null;
  for (const h of history ?? []) if (!last || h.receivedAt > last.receivedAt || (h.receivedAt === last.receivedAt && h.id > last.id)) last = h;
  return last?.year ?? null;
}

/** The year most of the packages received together are for (the later year on a tie). */
function packagesYear(years: number[]): number {
  const n = new Map<number, number>();
  for (const y of years) n.set(y, (n.get(y) ?? 0) + 1);
  return [...n].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]![0];
}

interface Chosen {
  key: string;
  upload: Upload | null;
  summary: PackageSummary | null;
  error: string;
}

export function ReceiveView({
  api,
  defaultYear,
  onOpen,
  onImported,
}: {
  api: ApiClient;
  defaultYear: number;
  onOpen: (unitCode: string, year: number) => void;
  onImported: () => Promise<void>;
}): ReactNode {
  const toast = useToast();
  const [chosen, setChosen] = useState<Chosen[]>([]);
  const [reading, setReading] = useState<{ done: number; total: number } | null>(null);
  const [report, setReport] = useState<string[] | null>(null);
  const [history, setHistory] = useState<ReceivedRow[] | null>(null);
  const [summaryYear, setSummaryYear] = useState<number | null>(null);
  const importJob = useJob(api);
  const summaryJob = useJob(api);

  const loadHistory = useCallback(async () => {
    try {
      setHistory(await api.call('handover.received', {}));
    } catch (e) {
      toast(errorText(e), { kind: 'error' });
      setHistory([]);
    }
  }, [api, toast]);

  useEffect(() => {
    void loadHistory();
  }, [loadHistory]);

  const years = useMemo(() => [...new Set([...(history ?? []).map((h) => h.year), defaultYear])].sort((a, b) => b - a), [history, defaultYear]);
  // The year of the package received last (not the latest year any package is for).
  const year = summaryYear ?? lastReceivedYear(history) ?? defaultYear;

  const choose = async (list: FileList | null) => {
    const files = Array.from(list ?? []).filter((f) => /\.jxmb$/i.test(f.name));
    if (!list?.length) return;
    if (!files.length) {
      toast('所选位置没有报送包（.jxmb 文件）', { kind: 'error' });
      return;
    }
    setReport(null);
    importJob.reset();
    const known = new Set(chosen.map((c) => c.key));
    const fresh = files.filter((f) => !known.has(`${f.name}|${f.size}|${f.lastModified}`));
    setReading({ done: 0, total: fresh.length });
    // One at a time: each file is read, then inspected by the backend (nothing stored).
    for (const [i, f] of fresh.entries()) {
      const key = `${f.name}|${f.size}|${f.lastModified}`;
      let item: Chosen;
      try {
        const upload = await readUpload(f);
        item = { key, upload, summary: await api.call('handover.inspect', { file: upload }), error: '' };
      } catch (e) {
        item = { key, upload: null, summary: null, error: errorText(e) };
      }
      setChosen((cs) => [...cs, item]);
      setReading({ done: i + 1, total: fresh.length });
    }
    setReading(null);
  };

  // A package refused already on inspection (a 示例 unit code here) is listed, not imported.
  const ready = chosen.filter((c) => c.upload && c.summary && !c.summary.refusal);
  const refusals = [...new Set(chosen.map((c) => c.summary?.refusal).filter((r): r is string => !!r))];
  const runImport = async () => {
    const files = ready.map((c) => c.upload!);
    if (!files.length) return;
    const s = await importJob.run(() => api.call('handover.import', { files }));
    if (!s) return;
    if (s.state === 'done') {
      setReport(s.report ?? []);
      setChosen([]);
      // The 汇总 opens on the year of what was just received.
      setSummaryYear(packagesYear(ready.map((c) => c.summary!.year)));
    } else if (s.state === 'failed') setReport(null);
    await Promise.all([loadHistory(), onImported()]);
  };

  const makeSummary = async () => {
    const s = await summaryJob.run(() => api.call('handover.summary', { year }));
    if (s?.state === 'done' && s.base64 && s.fileName) {
      downloadBase64(s.base64, s.fileName, XLSX_TYPE);
      toast(`已生成“${s.fileName}”，已开始下载`, { kind: 'ok' });
    } else if (s?.state === 'failed') toast(s.message ?? '生成汇总表失败', { kind: 'error' });
  };

  const busy = !!reading || importJob.running;
  return (
    <div className="receive-view">
      <div className="toolbar">
        <h2 className="tb-title">接收报送包</h2>
        <span className="tb-pos">主管部门、财政部门：导入各单位用 U 盘报送的绩效目标（.jxmb），接收的数据只读</span>
        <div className="tb-spacer" />
        <label className={`file-btn btn-primary${busy ? ' disabled' : ''}`}>
          选择报送包……
          <input type="file" accept=".jxmb" multiple disabled={busy} aria-label="选择报送包" onChange={(e) => void choose(e.target.files).finally(() => (e.target.value = ''))} />
        </label>
        <label className={`file-btn${busy ? ' disabled' : ''}`} title="选择 U 盘上的文件夹，导入其中全部报送包">
          选择文件夹……
          <input
            type="file"
            multiple
            disabled={busy}
            aria-label="选择文件夹"
            ref={(el) => el?.setAttribute('webkitdirectory', '')}
            onChange={(e) => void choose(e.target.files).finally(() => (e.target.value = ''))}
          />
        </label>
      </div>
      <div className="receive-scroll">
        <section className="receive-section">
          <h3>待导入的报送包</h3>
          {reading ? <JobProgress job={{ jobId: '', state: 'running', done: reading.done, total: reading.total }} label="正在检查报送包" /> : null}
          {chosen.length ? (
            <table className="list-table receive-table" data-testid="chosen">
              <thead>
                <tr>
                  <th>文件</th>
                  <th className="col-unit">单位</th>
                  <th className="col-year">年度</th>
                  <th className="col-time">打包时间</th>
                  <th className="col-n">项目数</th>
                  <th className="col-audit2">报送方{RULE_CHECK}</th>
                  <th className="col-flag">已导入过</th>
                  <th className="col-x" aria-label="移除" />
                </tr>
              </thead>
              <tbody>
                {chosen.map((c) => (
                  <tr key={c.key}>
                    <td className="col-file" title={c.key.split('|')[0]}>
                      {c.key.split('|')[0]}
                    </td>
                    {c.summary ? (
                      <>
                        <td className="col-unit">
                          {c.summary.unit.code} {c.summary.unit.name}
                        </td>
                        <td className="col-year">{c.summary.year}</td>
                        <td className="col-time">{timeText(c.summary.createdAt)}</td>
                        <td className="col-n">{c.summary.projectCount}</td>
                        <td className="col-audit2">
                          {c.summary.senderAudit.errors ? <span className="badge badge-error">错误 {c.summary.senderAudit.errors}</span> : null}
                          {c.summary.senderAudit.warnings ? <span className="badge badge-warning">警告 {c.summary.senderAudit.warnings}</span> : null}
                          {!c.summary.senderAudit.errors && !c.summary.senderAudit.warnings ? <span className="badge badge-ok">通过</span> : null}
                        </td>
                        <td className="col-flag">
                          {c.summary.refusal ? (
                            <span className="badge badge-error" title={c.summary.refusal}>
                              不能接收
                            </span>
                          ) : c.summary.alreadyImported ? (
                            <span className="badge badge-carried">已导入过</span>
                          ) : (
                            '否'
                          )}
                        </td>
                      </>
                    ) : (
                      <td colSpan={6} className="error-text">
                        无法读取：{c.error}
                      </td>
                    )}
                    <td className="col-x">
                      <button type="button" aria-label="移除" title="从待导入列表中移除" disabled={busy} onClick={() => setChosen((cs) => cs.filter((x) => x.key !== c.key))}>
                        ×
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : !reading ? (
            <div className="empty-box">点击右上角“选择报送包……”（可一次选多个）或“选择文件夹……”。每个报送包先检查、列出，确认后再导入。</div>
          ) : null}
          {refusals.map((r) => (
            <p key={r} className="error-text" data-testid="receive-refusal">
              不能接收：{r}
            </p>
          ))}
          <div className="receive-actions">
            {importJob.running ? (
              <>
                <JobProgress job={importJob.job} label="正在导入" />
                <button type="button" onClick={() => void importJob.cancel()}>
                  取消
                </button>
              </>
            ) : chosen.length ? (
              <>
                <button type="button" className="btn-primary" disabled={!ready.length || busy} onClick={() => void runImport()}>
                  导入{ready.length ? `（${ready.length} 个报送包）` : ''}
                </button>
                <button type="button" disabled={busy} onClick={() => setChosen([])}>
                  清空列表
                </button>
              </>
            ) : null}
          </div>
          {importJob.error ? <div className="form-error">{importJob.error}</div> : null}
          {importJob.job?.state === 'failed' ? <div className="form-error">导入失败：{importJob.job.message ?? '未知原因'}</div> : null}
          {importJob.job?.state === 'cancelled' ? <div className="notice-inline">已取消导入。已完成的报送包已保存，其余未导入。</div> : null}
          {report ? (
            <div className="report" data-testid="import-report">
              <div className="report-title">导入结果</div>
              <ul className="report-lines">
                {report.map((l, i) => (
                  <li key={i} className={/未导入/.test(l) ? 'bad' : /^[\u3000 ]/.test(l) ? 'sub' : ''}>
                    {l}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </section>
        <section className="receive-section">
          <div className="section-head">
            <h3>已接收的报送包</h3>
            <div className="tb-spacer" />
            <FilterSelect label="汇总年度" value={String(year)} onChange={(v) => setSummaryYear(Number(v))} disabled={summaryJob.running} options={years.map((y) => ({ value: String(y), label: `${y} 年度` }))} />
            {summaryJob.running ? (
              <>
                <JobProgress job={summaryJob.job} label="正在生成汇总表" />
                <button type="button" onClick={() => void summaryJob.cancel()}>
                  取消
                </button>
              </>
            ) : (
              <button type="button" onClick={() => void makeSummary()} disabled={!history?.some((h) => h.year === year)} title="各单位该年度绩效目标的汇总表（.xlsx）">
                生成汇总表
              </button>
            )}
          </div>
          {summaryJob.error ? <div className="form-error">{summaryJob.error}</div> : null}
          <ReceivedSummary api={api} year={year} nonce={history?.length ?? 0} onOpen={onOpen} />
          {history?.length ? (
            <ReceivedHistory api={api} history={history} onOpen={onOpen} onChanged={async () => void (await Promise.all([loadHistory(), onImported()]))} />
          ) : history ? (
            <div className="empty-box">还没有接收过报送包。</div>
          ) : null}
        </section>
        <ForwardSection api={api} onImported={async () => void (await Promise.all([loadHistory(), onImported()]))} />
      </div>
    </div>
  );
}
