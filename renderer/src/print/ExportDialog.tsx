// 导出文档 (DOCX): starts the export.docx job for the chosen copy (公开稿 / 报送稿), shows its
// progress with 取消, and hands the finished file to the browser as a download.
import { useEffect } from 'react';
import type { ReactNode } from 'react';
import type { ApiClient } from '../../../shared/api/contract.ts';
import type { PrintOptions } from '../../../shared/layout/index.ts';
import { downloadBase64 } from '../ui/download.ts';
import { DownloadAgain, JobProgress, useJob } from '../ui/jobs.tsx';
import { Modal } from '../ui/dialog.tsx';
import { PrintChoiceBar, printChoiceText, usePrintChoice, type PrintScope } from './print-choice.tsx';

interface Props {
  api: ApiClient;
  scope: PrintScope;
  onClose: () => void;
  /** Another DOCX job than export.docx (the yearly forms). */
  start?: (print: PrintOptions) => Promise<{ jobId: string }>;
}

/**
 * 导出文档 with the unit-year's print choice (its settings); once the file is made, the other
 * copy (公开稿 / 报送稿) can be chosen right there and is exported in turn.
 */
export function ExportChosen({ unitCode, year, ...p }: Props & { unitCode: string; year: number }): ReactNode {
  const [print, choose] = usePrintChoice(p.api, unitCode, year);
  return print ? <ExportDialog {...p} print={print} onChoose={choose} /> : null;
}

export function ExportDialog({ api, scope, print, onClose, start, onChoose }: Props & { print: PrintOptions; onChoose?: (p: PrintOptions) => void }): ReactNode {
  const { job, error, running, run, cancel } = useJob(api);
  const key = JSON.stringify([scope, print]);

  useEffect(() => {
    void run(() => (start ? start(print) : api.call('export.docx', { scope, print }))).then((s) => {
      if (s?.state === 'done' && s.base64 && s.fileName) downloadBase64(s.base64, s.fileName);
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, key]);

  const busy = !error && (running || !job);
  return (
    <Modal
      title="导出文档"
      onClose={() => void (busy ? cancel().then(onClose) : onClose())}
      footer={
        busy ? (
          <button type="button" onClick={() => void cancel()}>
            取消
          </button>
        ) : (
          <>
            <DownloadAgain job={job} />
            <button type="button" className="btn-primary" onClick={onClose} data-autofocus>
              关闭
            </button>
          </>
        )
      }
    >
      {onChoose && !busy ? (
        <PrintChoiceBar value={print} onChange={onChoose} book={scope.kind === 'unitYear'} />
      ) : (
        <div className="print-kind-line">{printChoiceText(print, scope.kind === 'unitYear')}</div>
      )}
      {error ? <div className="form-error">{error}</div> : null}
      {busy ? <JobProgress job={job} label="正在生成文档" /> : null}
      {job?.state === 'done' ? <div className="ok-text">已生成“{job.fileName}”，已开始下载，可直接打开、打印。</div> : null}
      {job?.state === 'failed' ? <div className="form-error">导出失败：{job.message ?? '未知原因'}</div> : null}
      {job?.state === 'cancelled' ? <div>已取消导出。</div> : null}
    </Modal>
  );
}
