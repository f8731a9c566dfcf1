// 打包报送: the unit-year's package (.jxmb) built by a job, then downloaded.
import { useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import type { ApiClient, Finding } from '../../../../shared/api/contract.ts';
import { PACKAGE_TYPE, downloadBase64 } from '../../ui/download.ts';
import { Modal } from '../../ui/dialog.tsx';
import { DownloadAgain, JobProgress, useJob } from '../../ui/jobs.tsx';
import { errorCode } from '../../api/client.ts';

/**
 * 打包报送: the pack job starts at once; the package downloads when done. When no table changed
 * since the last submission, the user is asked first (再次打包 starts it, as 第 N+1 次); so when
 * comments of the last return are unanswered (仍要打包报送).
 */
export function PackDialog({
  api,
  unitCode,
  year,
  onAudit,
  onDept,
  onClose,
}: {
  api: ApiClient;
  unitCode: string;
  year: number;
  onAudit: () => void;
  /** To the 部门整体绩效目标 (a problem of the unit-year, not of a table). */
  onDept: () => void;
  onClose: () => void;
}): ReactNode {
  const ctl = useJob(api);
  const started = useRef(false);
  /** Why the user is asked before packing again (nothing changed since the last submission). */
  const [repeat, setRepeat] = useState('');
  const pack = (again: boolean) => {
    setRepeat('');
    void ctl
      .run(() =>
        api.call('handover.pack', { unitCode, year, ...(again ? { again } : {}) }).catch((e: unknown) => {
          if (errorCode(e) === 'NEEDS_CONFIRM') setRepeat(e instanceof Error ? e.message : String(e));
          throw e;
        }),
      )
      .then((s) => {
        if (s?.state === 'done' && s.base64 && s.fileName) downloadBase64(s.base64, s.fileName, PACKAGE_TYPE);
      });
  };
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    pack(false);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, unitCode, year, ctl]);
  const { job, running } = ctl;
  const error = repeat ? '' : ctl.error;
  const close = () => void (running ? ctl.cancel().then(onClose) : onClose());
  const failed = error || (job?.state === 'failed' ? (job.message ?? '打包失败') : '');
  const hasErrors = /错误/.test(failed);
  // The unit-year's own 错误 (not of a table), each with the way to where it is mended.
  const [unitErrors, setUnitErrors] = useState<Finding[]>([]);
  useEffect(() => {
    if (!hasErrors) return;
    let live = true;
    api.call('audit.unitYear', { unitCode, year }).then(
      (r) => live && setUnitErrors(r.findings.filter((f) => !f.location.projectId && f.severity === 'error' && f.code !== 'R-UNIT-PROJECTS')),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api, unitCode, year, hasErrors]);
  return (
    <Modal
      title="打包报送"
      onClose={close}
      footer={
        running ? (
          <button type="button" onClick={() => void ctl.cancel()}>
            取消
          </button>
        ) : (
          <>
            {hasErrors ? (
              <button type="button" onClick={onAudit}>
                打开审核
              </button>
            ) : null}
            <DownloadAgain job={job} type={PACKAGE_TYPE} />
            {repeat ? (
              <button type="button" onClick={() => pack(true)}>
                {/^还有 \d+ 条审核意见/.test(repeat) ? '仍要打包报送' : '再次打包'}
              </button>
            ) : null}
            <button type="button" className="btn-primary" onClick={onClose} data-autofocus>
              {repeat ? '取消' : '关闭'}
            </button>
          </>
        )
      }
    >
      {running ? <JobProgress job={job} label="正在打包" /> : null}
      {repeat ? (
        <div className="hint-text" role="alert" data-testid="pack-repeat">
          {repeat}。
        </div>
      ) : null}
      {failed ? (
        <div className="form-error" role="alert">
          未能打包：{failed}
          {unitErrors.length ? (
            <ul className="report-lines" data-testid="unit-year-errors">
              {unitErrors.map((f) => (
                <li key={f.key}>
                  {f.message}
                  {f.location.field.startsWith('deptTarget') ? (
                    <button type="button" className="btn-light" onClick={onDept}>
                      填写部门整体绩效目标
                    </button>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : null}
          {hasErrors ? <div className="hint-text">请点击“打开审核”，逐条改正错误后再打包报送。</div> : null}
        </div>
      ) : null}
      {job?.state === 'done' ? (
        <>
          <div className="ok-text">已生成报送包“{job.fileName}”，已开始下载。请把它保存到 U 盘，交主管部门或财政部门。</div>
          {job.report?.length ? (
            <ul className="report-lines">
              {job.report.map((l, i) => (
                <li key={i}>{l}</li>
              ))}
            </ul>
          ) : null}
        </>
      ) : null}
      {job?.state === 'cancelled' ? <div>已取消打包。</div> : null}
    </Modal>
  );
}
