// Print preview of the yearly forms (the same layout model as the targets, 公开稿 / 报送稿)
// with 打印 and 导出 Word (a job with progress and 取消, then the download).
import { useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import type { ApiClient } from '../../../shared/api/contract.ts';
import type { PrintOptions } from '../../../shared/layout/index.ts';
import { errorText } from '../api/client.ts';
import { Modal } from '../ui/dialog.tsx';
import { downloadBase64 } from '../ui/download.ts';
import { JobProgress, useJob } from '../ui/jobs.tsx';
import { PrintChoiceBar, loadPrintChoice, savePrintChoice } from '../print/print-choice.tsx';

export type YearlyScope = { kind: 'project'; id: string } | { kind: 'unitYear'; unitCode: string; year: number };
export type YearlyPrintKind = 'monitoring' | 'self-evaluation' | 'both';

export function YearlyPrint({ api, scope, kind, unitCode, year, onClose }: { api: ApiClient; scope: YearlyScope; kind: YearlyPrintKind; unitCode: string; year: number; onClose: () => void }): ReactNode {
  const [html, setHtml] = useState<string | null>(null);
  const [error, setError] = useState('');
  const [print, setPrint] = useState<PrintOptions>(() => loadPrintChoice(unitCode, year));
  const frame = useRef<HTMLIFrameElement>(null);
  const { job, error: jobError, running, run, cancel } = useJob(api);
  const key = JSON.stringify([scope, kind, print]);

  useEffect(() => {
    let live = true;
    setHtml(null);
    api.call('yearly.print', { scope, kind, print }).then(
      (r) => live && (setHtml(r.html), setError('')),
      (e) => live && setError(errorText(e)),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, key]);

  const exportDocx = () =>
    void run(() => api.call('yearly.exportDocx', { scope, kind, print })).then((s) => {
      if (s?.state === 'done' && s.base64 && s.fileName) downloadBase64(s.base64, s.fileName);
    });

  return (
    <Modal
      title="打印预览"
      wide
      onClose={() => void (running ? cancel().then(onClose) : onClose())}
      footer={
        <>
          {running ? (
            <button type="button" onClick={() => void cancel()}>
              取消导出
            </button>
          ) : null}
          <button type="button" onClick={onClose}>
            关闭
          </button>
          <button type="button" disabled={!html || running} onClick={exportDocx}>
            导出 Word
          </button>
          <button type="button" className="btn-primary" disabled={!html} onClick={() => frame.current?.contentWindow?.print()}>
            打印
          </button>
        </>
      }
    >
      <PrintChoiceBar
        value={print}
        onChange={(p) => {
          savePrintChoice(unitCode, year, p);
          setPrint(p);
        }}
        book={scope.kind === 'unitYear'}
      />
      {running ? <JobProgress job={job} label="正在生成文档" /> : null}
      {job?.state === 'done' ? <div className="ok-text">已生成“{job.fileName}”，已开始下载。</div> : null}
      {job?.state === 'failed' ? <div className="form-error">导出失败：{job.message ?? '未知原因'}</div> : null}
      {jobError || error ? <div className="form-error">{jobError || error}</div> : null}
      {!html && !error ? <div className="audit-empty">正在生成打印视图……</div> : null}
      {html ? <iframe ref={frame} className="print-frame" title="打印预览" sandbox="allow-same-origin allow-modals" srcDoc={html} /> : null}
    </Modal>
  );
}
