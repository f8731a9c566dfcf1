// 审核与退回 of a received unit-year: the tables with their grade, verdict and comments
// and the 部门整体绩效目标 (open one to review it beside the form), the overall grade and opinion, the
// 绩效目标审核意见表 (preview, .docx), and 生成退回包: a job that writes the return
// package (verified) and hands it over as a download (a save dialog in Electron).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import type { ApiClient, ApiResults } from '../../../shared/api/contract.ts';
import { REVIEW_GRADES, VERDICT_LABELS, carriedText } from '../../../shared/handover/return-manifest.ts';
import { errorText } from '../api/client.ts';
import { DOCX_TYPE, PACKAGE_TYPE, downloadBase64 } from '../ui/download.ts';
import { Modal } from '../ui/dialog.tsx';
import { DownloadAgain, JobProgress, useJob } from '../ui/jobs.tsx';
import { GradeSelect, ReviewerField, useReviewer } from './common.tsx';

type Review = ApiResults['review.unitYear'];
type Grade = (typeof REVIEW_GRADES)[number];

export function UnitReviewDialog({ api, unitCode, year, onOpen, onClose }: { api: ApiClient; unitCode: string; year: number; onOpen: (id: string) => void; onClose: () => void }): ReactNode {
  const [data, setData] = useState<Review | null>(null);
  const [grade, setGrade] = useState<Grade | ''>('');
  const [opinion, setOpinion] = useState('');
  const [reviewer, setReviewer] = useReviewer();
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const [html, setHtml] = useState<string | null>(null);
  const frame = useRef<HTMLIFrameElement>(null);
  const job = useJob(api);

  const load = useCallback(async () => {
    try {
      const r = await api.call('review.unitYear', { unitCode, year });
      setData(r);
      if (r.overall) {
        setGrade(r.overall.grade ?? '');
        setOpinion(r.overall.opinion);
      }
    } catch (e) {
      setMsg({ ok: false, text: errorText(e) });
    }
  }, [api, unitCode, year]);
  useEffect(() => {
    void load();
  }, [load]);

  const say = (p: Promise<unknown>, ok: string) =>
    p.then(
      () => setMsg({ ok: true, text: ok }),
      (e) => setMsg({ ok: false, text: errorText(e) }),
    );
  const sheet = async (format: 'docx' | 'html') => {
    const r = await api.call('review.print', { unitCode, year, format });
    if (format === 'html') {
      const bin = atob(r.base64);
      setHtml(new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0))));
    } else downloadBase64(r.base64, r.fileName, DOCX_TYPE);
  };
  const writeReturn = async () => {
    setMsg(null);
    const s = await job.run(() => api.call('review.return', { unitCode, year, reviewer }));
    if (s?.state === 'done' && s.base64 && s.fileName) downloadBase64(s.base64, s.fileName, PACKAGE_TYPE);
    await load();
  };

  // The 部门整体绩效目标 first (第一部分 of the book), reviewed like a table.
  const items = data ? (data.dept ? [data.dept, ...data.tables] : data.tables) : [];
  const undecidedItems = items.filter((t) => !t.review.stored || !t.review.verdict);
  const undecided = undecidedItems.filter((t) => t !== data?.dept).length;
  const deptUndecided = !!data?.dept && undecidedItems.includes(data.dept);
  return (
    <Modal
      title="审核与退回"
      wide
      onClose={onClose}
      footer={
        <>
          <button type="button" onClick={() => void say(sheet('html'), '')}>
            审核意见表预览
          </button>
          <button type="button" onClick={() => void say(sheet('docx'), '已生成审核意见表（.docx），已开始下载')}>
            导出审核意见表
          </button>
          <DownloadAgain job={job.job} type={PACKAGE_TYPE} />
          <button type="button" className="btn-primary" disabled={job.running || !data} onClick={() => void writeReturn()} title="把各表的结论、等级和意见写成退回包（.jxmb），存到 U 盘交给单位">
            生成退回包
          </button>
          <button type="button" onClick={onClose}>
            关闭
          </button>
        </>
      }
    >
      <div className="review-dialog-head">
        {data ? `第 ${data.submissionNo ?? '?'} 次报送（校验值 ${data.packageSha256.slice(0, 12)}…）` : '正在读取……'}
        <ReviewerField value={reviewer} onChange={setReviewer} />
      </div>
      {data ? (
        <table className="list-table review-tables" data-testid="review-tables">
          <thead>
            <tr>
              <th className="col-n">序号</th>
              <th>项目名称</th>
              <th>等级</th>
              <th>审核结论</th>
              <th className="col-n">意见</th>
              <th className="col-n">已答复</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {items.map((t) => (
              <tr key={t.projectId} data-dept={t === data.dept ? '' : undefined}>
                <td className="col-n">{t === data.dept ? '—' : t.seq}</td>
                <td>{t === data.dept ? <b>{t.name}</b> : t.name}</td>
                <td>{t.review.stored ? (t.review.grade ?? '—') : <span className="dim">估计 {t.review.grade}</span>}</td>
                <td>
                  {t.review.stored && t.review.verdict ? VERDICT_LABELS[t.review.verdict] : <span className="badge badge-warning">未审核</span>}
                  {t.review.stored && t.review.packageSha256 !== data.packageSha256 ? <span className="badge badge-carried" title="结论是对上一个报送版本作出的">待重新确认</span> : null}
                  {t.review.carried && t.review.packageSha256 === data.packageSha256 ? (
                    <span className="badge badge-ok" data-testid="carried" title="本表与作出结论的那次报送相比没有修改，沿用该结论；可在审核中修改">
                      {carriedText(t.review.carried)}
                    </span>
                  ) : null}
                </td>
                <td className="col-n">{t.comments.length}</td>
                <td className="col-n">{t.comments.filter((c) => c.answer).length}</td>
                <td>
                  <button type="button" onClick={() => onOpen(t.projectId)} title="打开本表，在右侧“审核意见”中作出审核结论">
                    打开作结论
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {undecided || deptUndecided ? (
        <div className="hint-text">
          {[undecided ? `还有 ${undecided} 张表` : '', deptUndecided ? '部门整体绩效目标' : ''].filter(Boolean).join('和')}没有审核结论：打开它，在右侧“审核意见”中选择“通过”或“退回修改”并保存。
        </div>
      ) : null}
      <div className="review-overall">
        <label>
          总体等级
          <GradeSelect label="总体等级" value={grade || null} onChange={(g) => setGrade(g ?? '')} />
        </label>
        <textarea rows={2} maxLength={2000} placeholder="总体意见" aria-label="总体意见" value={opinion} onChange={(e) => setOpinion(e.target.value)} />
        <button type="button" onClick={() => void say(api.call('review.setOverall', { unitCode, year, grade: grade || null, opinion, reviewer }), '已保存总体意见')}>
          保存总体意见
        </button>
      </div>
      {job.running ? <JobProgress job={job.job} label="正在生成退回包" /> : null}
      {job.error ? <div className="form-error">{job.error}</div> : null}
      {job.job?.state === 'failed' ? <div className="form-error">未能生成退回包：{job.job.message ?? '未知原因'}</div> : null}
      {job.job?.state === 'done' ? (
        <div className="ok-text" data-testid="return-written">
          已生成退回包“{job.job.fileName}”，已开始下载。{job.job.report?.join(' ')}
        </div>
      ) : null}
      {msg?.text ? <div className={msg.ok ? 'ok-text' : 'form-error'}>{msg.text}</div> : null}
      {html ? (
        <div className="review-sheet-preview">
          <button type="button" onClick={() => frame.current?.contentWindow?.print()}>
            打印
          </button>
          <iframe ref={frame} className="print-frame" title="审核意见表预览" sandbox="allow-same-origin allow-modals" srcDoc={html} />
        </div>
      ) : null}
    </Modal>
  );
}
