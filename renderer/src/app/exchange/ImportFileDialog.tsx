// 导入表格或 Word 文件: a .xlsx/.xls or .docx/.doc read into project tables, previewed, then stored.
import { useState } from 'react';
import type { ReactNode } from 'react';
import type { ApiClient, ImportPreview } from '../../../../shared/api/contract.ts';
import { getTemplate } from '../../../../shared/templates/index.ts';
import { errorText } from '../../api/client.ts';
import { Modal } from '../../ui/dialog.tsx';
import { budgetText } from '../../ui/money.ts';
import { useToast } from '../../ui/toast.tsx';
import { readUpload } from './upload.ts';
import type { Upload } from './upload.ts';

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
    // Sheets go to the sheet import, the rest to the Word import; the backend reads the
    // bytes, not the name (and refuses .rtf/.odt/.pdf saying how to save them instead).
    const ext = /\.(xlsx|xls|et|ods)$/i.test(f.name) ? 'xlsx' : /\.(docx|doc|wps|rtf|odt|pdf)$/i.test(f.name) ? 'docx' : undefined;
    if (!ext) {
      setError('请选择 Excel 表格（.xlsx、.xls）或 Word 文件（.docx、.doc）');
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
        选择文件（Excel 表格 .xlsx、.xls 或 Word 文件 .docx、.doc，WPS 文件同样可以）
        <input type="file" accept=".xlsx,.xls,.et,.docx,.doc,.wps" aria-label="选择表格或 Word 文件" data-autofocus onChange={(e) => void choose(e.target.files?.[0])} />
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
                      <td className="col-money">{budgetText(p.budget, p.templateId, true)}</td>
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
