// Two levels on the 主管部门's side: in the reviewer's panel, beside its own decision, the
// 财政局's latest decision on the table (from the return package imported with 导入财政局退回包):
// verdict, grade, 意见 per criterion, comments where they point, and whether it has gone down
// to the unit yet (a return package to the unit carries it, marked 【财政局】).
import type { ReactNode } from 'react';
import type { TableReviewData, UpperTableView } from '../../../shared/handover/review-model.ts';
import { REVIEW_CRITERIA, VERDICT_LABELS, carriedText } from '../../../shared/handover/return-manifest.ts';
import { pinLabel } from '../../../shared/handover/pin-label.ts';
import type { ProjectFiling } from '../../../shared/model/filing.ts';
import { timeText } from '../ui/time.ts';

const decision = (verdict: TableReviewData['verdict'], grade: TableReviewData['grade']) => `${verdict ? VERDICT_LABELS[verdict] : '未下结论'}${grade ? `，等级 ${grade}` : ''}`;

export function UpperSection({ upper, own, filing, onJump }: { upper: UpperTableView; own: Pick<TableReviewData, 'verdict' | 'grade'>; filing: ProjectFiling; onJump: (path: string) => void }): ReactNode {
  const down = upper.passedDown;
  return (
    <div className="review-upper" data-testid="upper-review" aria-label="财政局审核意见">
      <div className="review-sub">
        财政局审核意见（第 {upper.returnNo} 次退回包，{upper.reviewer}，导入于 {timeText(upper.importedAt)}）
        {upper.carried ? `：${carriedText(upper.carried)}（本表未修改，对现用版本仍有效）` : upper.current ? '' : `：针对第 ${upper.submissionNo ?? '?'} 次报送，本机已接收更新的版本`}
      </div>
      <div className="upper-compare">
        <span className={`review-verdict verdict-${upper.verdict}`} data-testid="upper-verdict">
          财政局：<b>{decision(upper.verdict, upper.grade)}</b>
        </span>
        <span>本级：{decision(own.verdict, own.grade)}</span>
      </div>
      {REVIEW_CRITERIA.filter((c) => upper.criteria[c] || upper.criteriaGrades[c]).map((c) => (
        <div key={c} className="review-crit-line">
          {c}
          {upper.criteriaGrades[c] ? `（${upper.criteriaGrades[c]}）` : ''}
          {upper.criteria[c] ? `：${upper.criteria[c]}` : ''}
        </div>
      ))}
      {upper.comments.length ? (
        <ol className="review-comments">
          {upper.comments.map((c) => (
            <li key={c.id} className={`review-comment${c.own ? ' rc-own' : ''}`} data-comment={c.id}>
              <button type="button" className="link rc-where" disabled={!c.path} onClick={() => onJump(c.path)}>
                {pinLabel(filing, c.path)}
              </button>
              <span className="rc-text">{c.text}</span>
              <span className="rc-author">（{c.own ? '本级转报时的意见，不再下发' : c.author}）</span>
            </li>
          ))}
        </ol>
      ) : null}
      <div className={down ? 'ok-text' : 'hint-text'} data-testid="upper-passed-down">
        {down
          ? `已随第 ${down.returnNo} 次退回包转给单位（${timeText(down.at)}，${down.sha256.slice(0, 12)}）`
          : !upper.current
            ? '未转给单位：该次报送已被更新的版本取代'
            : '尚未转给单位：下次“审核与退回”生成退回包时，财政局的结论和意见随本级意见一起写给单位（标明【财政局】）'}
      </div>
    </div>
  );
}
