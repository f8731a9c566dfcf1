// Two levels, in 接收报送包: a 主管部门 chooses the units' submission packages it reviewed and
// writes one forward package for the 财政局 (each submission unchanged, with its review); a
// 财政局 imports a forward package. The 财政局's return packages go back down unchanged:
// the 主管部门 copies each to its unit's stick, and the unit imports it (导入审核意见).
import { useState } from 'react';
import type { ReactNode } from 'react';
import type { ApiClient } from '../../../shared/api/contract.ts';
import { errorText } from '../api/client.ts';
import { readUpload } from '../app/exchange/upload.ts';
import { PACKAGE_TYPE, downloadBase64 } from '../ui/download.ts';
import { ReviewerField, useReviewer } from './common.tsx';

export function ForwardSection({ api, onImported }: { api: ApiClient; onImported: () => Promise<void> }): ReactNode {
  const [reviewer, setReviewer] = useReviewer();
  const [busy, setBusy] = useState(false);
  const [lines, setLines] = useState<{ ok: boolean; text: string[] } | null>(null);
  const run = async (fn: () => Promise<string[]>) => {
    setBusy(true);
    setLines(null);
    try {
      setLines({ ok: true, text: await fn() });
    } catch (e) {
      setLines({ ok: false, text: [errorText(e)] });
    } finally {
      setBusy(false);
    }
  };
  const forward = (list: FileList | null) =>
    run(async () => {
      const files = await Promise.all(Array.from(list ?? []).map(readUpload));
      const r = await api.call('review.forward', { files, reviewer });
      downloadBase64(r.base64, r.fileName, PACKAGE_TYPE);
      return [`已生成转报包“${r.fileName}”（${files.length} 个单位），已开始下载。`];
    });
  const importIt = (f: File | undefined) =>
    run(async () => {
      if (!f) return [];
      const r = await api.call('review.importForward', { file: await readUpload(f) });
      await onImported();
      return r.report;
    });
  return (
    <section className="receive-section" data-testid="forward">
      <div className="section-head">
        <h3>两级审核（主管部门 → 财政局）</h3>
        <ReviewerField value={reviewer} onChange={setReviewer} />
        <label className={`file-btn${busy ? ' disabled' : ''}`} title="选择已审核的各单位报送包（原文件），连同本级审核意见写成一个转报包交财政局">
          转报财政局……
          <input type="file" accept=".jxmb" multiple disabled={busy} aria-label="选择要转报的报送包" onChange={(e) => void forward(e.target.files).finally(() => (e.target.value = ''))} />
        </label>
        <label className={`file-btn${busy ? ' disabled' : ''}`} title="财政局：导入主管部门的转报包">
          导入转报包……
          <input type="file" accept=".jxmb" disabled={busy} aria-label="选择转报包" onChange={(e) => void importIt(e.target.files?.[0]).finally(() => (e.target.value = ''))} />
        </label>
      </div>
      <div className="hint-text">财政局的退回包针对各单位自己的报送版本：主管部门把它原样拷给单位，单位用“导入审核意见”导入。</div>
      {lines ? (
        <ul className={`report-lines${lines.ok ? '' : ' form-error'}`} data-testid="forward-report">
          {lines.text.map((l, i) => (
            <li key={i}>{l}</li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
