// 导出文档 (DOCX): starts the export.docx job, shows its progress with 取消, and hands the
// finished file to the browser as a download.
import { useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import type { ApiClient, JobStatus } from '../../../shared/api/contract.ts';
import { errorText } from '../api/client.ts';
import { Modal } from '../ui/common.tsx';
import type { PrintScope } from './PrintPreview.tsx';

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export function downloadBase64(base64: string, fileName: string, type = DOCX_TYPE): void {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function ExportDialog({ api, scope, onClose }: { api: ApiClient; scope: PrintScope; onClose: () => void }): ReactNode {
  const [job, setJob] = useState<JobStatus | null>(null);
  const [error, setError] = useState('');
  const jobId = useRef<string | null>(null);
  const key = JSON.stringify(scope);

  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const poll = async () => {
      if (!live || !jobId.current) return;
      try {
        const s = await api.call('jobs.get', { jobId: jobId.current });
        if (!live) return;
        setJob(s);
        if (s.state === 'running') timer = setTimeout(() => void poll(), 150);
        else if (s.state === 'done' && s.base64 && s.fileName) downloadBase64(s.base64, s.fileName);
      } catch (e) {
        if (live) setError(errorText(e));
      }
    };
    api.call('export.docx', { scope }).then(
      (r) => {
        jobId.current = r.jobId;
        void poll();
      },
      (e) => live && setError(errorText(e)),
    );
    return () => {
      live = false;
      if (timer) clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, key]);

  const cancel = async () => {
    if (jobId.current && job?.state === 'running') {
      try {
        setJob(await api.call('jobs.cancel', { jobId: jobId.current }));
      } catch (e) {
        setError(errorText(e));
      }
    } else onClose();
  };

  const running = !error && (!job || job.state === 'running');
  const pct = job && job.total > 0 ? Math.round((job.done / job.total) * 100) : 0;
  return (
    <Modal
      title="导出文档"
      onClose={() => void (running ? cancel().then(onClose) : onClose())}
      footer={
        running ? (
          <button type="button" onClick={() => void cancel()}>
            取消
          </button>
        ) : (
          <>
            {job?.state === 'done' && job.base64 && job.fileName ? (
              <button type="button" onClick={() => downloadBase64(job.base64!, job.fileName!)}>
                再次下载
              </button>
            ) : null}
            <button type="button" className="btn-primary" onClick={onClose} data-autofocus>
              关闭
            </button>
          </>
        )
      }
    >
      {error ? <div className="form-error">{error}</div> : null}
      {running ? (
        <div className="progress-box">
          <div>正在生成文档…… {job ? `${job.done} / ${job.total}` : ''}</div>
          <progress max={100} value={pct} aria-label="导出进度" />
        </div>
      ) : null}
      {job?.state === 'done' ? <div className="ok-text">已生成“{job.fileName}”，已开始下载，可直接打开、打印。</div> : null}
      {job?.state === 'failed' ? <div className="form-error">导出失败：{job.message ?? '未知原因'}</div> : null}
      {job?.state === 'cancelled' ? <div>已取消导出。</div> : null}
    </Modal>
  );
}
