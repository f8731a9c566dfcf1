// Two levels, in 接收报送包: a 主管部门 chooses the units' submission packages it reviewed and
// writes one forward package for the 财政局 (each submission unchanged, with its review; the
// forward is recorded, in the tables' history as 转报); a 财政局 imports a forward package. The 主管部门 imports the 财政局's return packages
// (review.importUpper: in each table's history); its next return to a unit carries them.
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
      return [`已生成转报包“${r.fileName}”（${files.length} 个单位），已开始下载。`, `已记入各表的经过（转报，校验值 ${r.sha256}）。`];
    });
  const importIt = (f: File | undefined) =>
    run(async () => {
      if (!f) return [];
      const r = await api.call('review.importForward', { file: await readUpload(f) });
      await onImported();
      return r.report;
    });
  const importUpper = (f: File | undefined) =>
    run(async () => {
      if (!f) return [];
      const r = await api.call('review.importUpper', { file: await readUpload(f) });
      await onImported();
      return [`已导入财政局第 ${r.returnNo} 次退回（${r.unitCode} ${r.year} 年度）：退回修改 ${r.returned} 张，通过 ${r.passed} 张。`, '下次给该单位写退回包时，将带上财政局的结论和意见（标明【财政局】）。'];
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
        <label className={`file-btn${busy ? ' disabled' : ''}`} title="主管部门：导入财政局对所属单位报送的退回包">
          导入财政局退回包……
          <input type="file" accept=".jxmb" disabled={busy} aria-label="选择财政局的退回包" onChange={(e) => void importUpper(e.target.files?.[0]).finally(() => (e.target.value = ''))} />
        </label>
      </div>
      <div className="hint-text">财政局的退回包针对各单位自己的报送版本：主管部门导入后记入各表的经过，再“审核与退回”时连同本级意见一起写给单位。</div>
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
