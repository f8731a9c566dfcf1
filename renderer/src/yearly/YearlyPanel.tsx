// The 审核 of the open form in a side panel (错误 / 警告 / 提示, each with its fix where
// 审核 has one; a click goes to the cell) and, for the 绩效自评表, how the 总分 was reached.
import type { ReactNode } from 'react';
import type { YearlyFinding } from '../../../shared/scoring/rules-common.ts';
import type { SelfEvaluationScore } from '../../../shared/scoring/score.ts';
import { hundredthsText as ht } from '../../../shared/scoring/exact.ts';
import { SEVERITY_LABELS } from '../../../shared/rules/index.ts';

const BADGE = { error: 'badge-error', warning: 'badge-warning', hint: 'badge-hint' } as const;

export function YearlyPanel({ findings, score, onJump, onFix, readOnly }: { findings: YearlyFinding[]; score?: SelfEvaluationScore; onJump: (f: YearlyFinding) => void; onFix: (f: YearlyFinding) => void; readOnly: boolean }): ReactNode {
  const errors = findings.filter((f) => f.severity === 'error').length;
  return (
    <aside className="audit yr-panel" aria-label="审核">
      <div className="audit-head">
        <span className="audit-title">审核</span>
        <span className="audit-sub" data-testid="yr-audit-sum">
          {findings.length ? `错误 ${errors} · 其他 ${findings.length - errors}` : '未发现问题'}
        </span>
      </div>
      <ul className="findings">
        {findings.map((f) => (
          <li key={f.key} className="finding">
            <button type="button" className="finding-text" onClick={() => onJump(f)}>
              <span className={`badge ${BADGE[f.severity]}`}>{SEVERITY_LABELS[f.severity]}</span> {f.message}
            </button>
            {f.fix && !readOnly ? (
              <button type="button" className="btn-light" onClick={() => onFix(f)}>
                {f.fix.description}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {score ? (
        <div className="yr-how-panel">
          <div className="audit-group-title">评分过程（{score.versionLabel}）</div>
          <ol>
            {score.rows.map((r) => (
              <li key={r.indicatorId}>
                {r.name}：{ht(r.score)} / {ht(r.points)} 分 — {r.explanation}
              </li>
            ))}
            <li>
              预算执行率：{ht(score.execution.score)} / {ht(score.execution.points)} 分 — {score.execution.explanation}
            </li>
          </ol>
          <div className="audit-grade">
            总分 <strong>{ht(score.total)}</strong>，等级 <strong>{score.grade}</strong>
          </div>
          <div className="audit-grade-note">{score.explanation}</div>
        </div>
      ) : null}
    </aside>
  );
}
