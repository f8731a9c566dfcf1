// Files of 报送与交换: files chosen by the user as base64 (jobs: ui/jobs.tsx), and
// the unit-year's menu (打包报送, 导出表格, 导入表格或 Word 文件).
import { useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { API_FILE_MAX_BYTES } from '../../../shared/api/contract.ts';
import type { ApiClient, ImportPreview } from '../../../shared/api/contract.ts';
import { formatFen } from '../../../shared/model/money.ts';
import { getTemplate, amountUnitLabel } from '../../../shared/templates/index.ts';
import { errorText } from '../api/client.ts';
import { DownloadAgain, JobProgress, downloadBase64, useJob } from '../ui/jobs.tsx';
import { Modal, money, useToast } from '../ui/common.tsx';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const PACKAGE_TYPE = 'application/octet-stream';

export interface Upload {
  name: string;
  base64: string;
}

/** Bytes → base64 in chunks (a spread of the whole array overflows the call stack). */
export function bytesToBase64(bytes: Uint8Array): string {
  const CHUNK = 0x8000;
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += CHUNK) parts.push(String.fromCharCode.apply(null, Array.from(bytes.subarray(i, i + CHUNK))));
  return btoa(parts.join(''));
}

export async function readUpload(file: File): Promise<Upload> {
  if (file.size > API_FILE_MAX_BYTES) throw new Error(`文件“${file.name}”过大（上限 ${API_FILE_MAX_BYTES / 1024 / 1024} MB）`);
  return { name: file.name, base64: bytesToBase64(new Uint8Array(await file.arrayBuffer())) };
}

/** 报送与交换: a small menu in the list's toolbar. */
export function ExchangeMenu({ onChoose, disabled }: { onChoose: (what: 'pack' | 'xlsx' | 'import') => void; disabled?: { pack?: boolean; xlsx?: boolean } }): ReactNode {
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (!box.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    box.current?.querySelector<HTMLElement>('[role="menuitem"]:not(:disabled)')?.focus();
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);
  const item = (what: 'pack' | 'xlsx' | 'import', label: string, hint: string, off?: boolean) => (
    <button
      type="button"
      role="menuitem"
      disabled={off}
      onClick={() => {
        setOpen(false);
        onChoose(what);
      }}
    >
      <span className="menu-label">{label}</span>
      <span className="menu-hint">{hint}</span>
    </button>
  );
  return (
    <div className="menu-wrap" ref={box}>
      <button type="button" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        报送与交换 ▾
      </button>
      {open ? (
        <div className="menu" role="menu" aria-label="报送与交换">
          {item('pack', '打包报送', '生成报送包（.jxmb），存到 U 盘交主管部门或财政部门', disabled?.pack)}
          {item('xlsx', '导出表格', '全部项目表导出为 Excel 表格（.xlsx）', disabled?.xlsx)}
          {item('import', '导入表格或 Word 文件', '从 .xlsx 或 .docx 读入项目表，先预览再导入')}
        </div>
      ) : null}
    </div>
  );
}

/** 打包报送: the pack job starts at once; the package downloads when done. */
export function PackDialog({ api, unitCode, year, onAudit, onClose }: { api: ApiClient; unitCode: string; year: number; onAudit: () => void; onClose: () => void }): ReactNode {
  const ctl = useJob(api);
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void ctl.run(() => api.call('handover.pack', { unitCode, year })).then((s) => {
      if (s?.state === 'done' && s.base64 && s.fileName) downloadBase64(s.base64, s.fileName, PACKAGE_TYPE);
    });
  }, [api, unitCode, year, ctl]);
  const { job, error, running } = ctl;
  const close = () => void (running ? ctl.cancel().then(onClose) : onClose());
  const failed = error || (job?.state === 'failed' ? (job.message ?? '打包失败') : '');
  const hasErrors = /错误/.test(failed);
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
            <button type="button" className="btn-primary" onClick={onClose} data-autofocus>
              关闭
            </button>
          </>
        )
      }
    >
      {running ? <JobProgress job={job} label="正在打包" /> : null}
      {failed ? (
        <div className="form-error" role="alert">
          未能打包：{failed}
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

/** 导出表格: one call, then the .xlsx downloads. */
export async function exportSpreadsheet(api: ApiClient, unitCode: string, year: number): Promise<string> {
  const r = await api.call('spreadsheet.export', { unitCode, year });
  downloadBase64(r.base64, r.fileName, XLSX_TYPE);
  return r.fileName;
}

/** 导入表格或 Word 文件: choose → preview (nothing stored) → 确认导入. */
export function ImportFileDialog({ api, unitCode, year, onStored, onClose }: { api: ApiClient; unitCode: string; year: number; onStored: (n: number) => void; onClose: () => void }): ReactNode {
  const toast = useToast();
  const [file, setFile] = useState<{ kind: 'xlsx' | 'docx'; upload: Upload } | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState<'' | 'reading' | 'storing'>('');

  const choose = async (f: File | undefined) => {
    setPreview(null);
    setFile(null);
    setError('');
    if (!f) return;
    const ext = f.name.toLowerCase().match(/\.(xlsx|docx)$/)?.[1] as 'xlsx' | 'docx' | undefined;
    if (!ext) {
      setError('请选择 Excel 表格（.xlsx）或 Word 文件（.docx）');
      return;
    }
    setBusy('reading');
    try {
      const upload = await readUpload(f);
      const p = await api.call('import.preview', { kind: ext, file: upload, unitCode, year });
      setFile({ kind: ext, upload });
      setPreview(p);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy('');
    }
  };

  const store = async () => {
    if (!file) return;
    setBusy('storing');
    try {
      const r = await api.call('import.store', { kind: file.kind, file: file.upload, unitCode, year });
      toast(`已导入 ${r.projects} 张项目表`, { kind: 'ok' });
      onStored(r.projects);
    } catch (e) {
      setError(errorText(e));
      setBusy('');
    }
  };

  const n = preview?.projects.length ?? 0;
  return (
    <Modal
      title="导入表格或 Word 文件"
      wide
      onClose={onClose}
      footer={
        <>
          <button type="button" onClick={onClose}>
            取消
          </button>
          <button type="button" className="btn-primary" disabled={!n || !!busy} onClick={() => void store()}>
            确认导入{n ? `（${n} 张）` : ''}
          </button>
        </>
      }
    >
      <p>
        导入到 {unitCode}　{year} 年度。先显示识别出的项目表，确认后才保存；点“取消”不保存任何内容。
      </p>
      <label className="block-label">
        选择文件（Excel 表格 .xlsx 或 Word 文件 .docx）
        <input type="file" accept=".xlsx,.docx" aria-label="选择表格或 Word 文件" data-autofocus onChange={(e) => void choose(e.target.files?.[0])} />
      </label>
      {busy === 'reading' ? <div className="progress-box">正在读取……</div> : null}
      {error ? (
        <div className="form-error" role="alert">
          {error}
        </div>
      ) : null}
      {preview ? (
        <div className="import-preview">
          {n ? (
            <table className="list-table preview-table">
              <thead>
                <tr>
                  <th className="col-seq">序号</th>
                  <th>项目名称</th>
                  <th className="col-tpl">表样</th>
                  <th className="col-money">预算数</th>
                  <th className="col-n">指标</th>
                </tr>
              </thead>
              <tbody>
                {preview.projects.map((p, i) => {
                  const t = getTemplate(p.templateId);
                  return (
                    <tr key={i}>
                      <td className="col-seq">{i + 1}</td>
                      <td className="col-name">{p.name || '（未命名项目）'}</td>
                      <td className="col-tpl" title={t?.name}>
                        {p.templateId}
                      </td>
                      <td className="col-money">{p.budget === null ? '' : t ? `${money(p.budget, t.amount)} ${amountUnitLabel(t)}` : formatFen(p.budget, '万元')}</td>
                      <td className="col-n">{p.indicators}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          ) : (
            <div className="form-error">文件中没有识别出项目表。</div>
          )}
          {preview.notes.length ? (
            <div className="import-notes">
              <div>未能识别或需要注意的内容：</div>
              <ul>
                {preview.notes.map((t, i) => (
                  <li key={i}>{t}</li>
                ))}
              </ul>
            </div>
          ) : null}
        </div>
      ) : null}
    </Modal>
  );
}
