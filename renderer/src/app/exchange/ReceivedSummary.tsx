// The 汇总 on screen: one row per received unit-year of a year, filtered by unit and by
// 审核 result, money in each template's unit, times local. The columns are data
// (SUMMARY_COLUMNS): the review and self-evaluation views add theirs to the same list.
import { RULE_CHECK } from '../../../../shared/rules/check-label.ts';
import { useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import type { ApiClient, SummaryRowView } from '../../../../shared/api/contract.ts';
import { errorText } from '../../api/client.ts';
import { budgetText } from '../../ui/money.ts';
import { timeText } from '../../ui/time.ts';
import { FilterSelect, optionsOf } from '../../ui/filter-select.tsx';
import { hundredthsText } from '../../../../shared/scoring/exact.ts';
import { yearlyTotalText } from '../../../../shared/yearly/view.ts';
import type { ReviewSummaryRow } from '../../../../shared/handover/review-model.ts';
import { REVIEW_COLUMNS, REVIEW_FILTERS, reviewFilterOf, type ReviewFilter } from '../../review/summary-columns.tsx';

/** A 汇总 row: the received unit-year and, where the office reviews, its review status. */
type Row = SummaryRowView & { review?: ReviewSummaryRow };

interface SummaryColumn {
  key: string;
  head: string;
  cls?: string;
  cell: (r: Row) => ReactNode;
}

type AuditFilter = 'all' | 'pass' | 'warnings' | 'errors';
const AUDIT_FILTERS: Record<AuditFilter, string> = { all: '全部', pass: '通过', warnings: '有警告', errors: '有错误' };
const auditOf = (r: SummaryRowView): AuditFilter => (r.errors ? 'errors' : r.warnings ? 'warnings' : 'pass');

const SUMMARY_COLUMNS: readonly SummaryColumn[] = [
  { key: 'unit', head: '单位', cls: 'col-unit', cell: (r) => `${r.unitCode} ${r.unitName}` },
  { key: 'supervisor', head: '主管部门', cls: 'col-supervisor', cell: (r) => r.supervisor },
  { key: 'projects', head: '项目表', cls: 'col-n', cell: (r) => r.projects },
  { key: 'budget', head: '预算合计', cls: 'col-money', cell: (r) => budgetText(r.budgetFen, r.templateId, true) },
  { key: 'indicators', head: '指标', cls: 'col-n', cell: (r) => r.indicators },
  {
    key: 'audit',
    head: RULE_CHECK,
    cls: 'col-audit',
    cell: (r) =>
      r.errors ? (
        <span className="badge badge-error">错误 {r.errors}</span>
      ) : r.warnings ? (
        <span className="badge badge-warning">警告 {r.warnings}</span>
      ) : (
        <span className="badge badge-ok">通过</span>
      ),
  },
  { key: 'sent', head: '打包时间', cls: 'col-time', cell: (r) => timeText(r.sentAt) },
  { key: 'received', head: '接收时间', cls: 'col-time', cell: (r) => timeText(r.receivedAt) },
  // 绩效自评 (renderer/src/yearly): blank where the unit-year has no yearly forms.
  { key: 'yearlyRate', head: '执行率', cls: 'col-n', cell: (r) => (r.yearly?.rate == null ? '' : `${hundredthsText(r.yearly.rate)}%`) },
  { key: 'yearlyTotal', head: '自评总分', cls: 'col-n', cell: (r) => (r.yearly ? yearlyTotalText(r.yearly) : '') },
  { key: 'yearlyGrade', head: '自评等级', cls: 'col-n', cell: (r) => r.yearly?.grade ?? '' },
  { key: 'yearlyRisk', head: '风险指标', cls: 'col-n', cell: (r) => (r.yearly ? r.yearly.atRisk : '') },
  { key: 'deptTotal', head: '部门整体自评', cls: 'col-n', cell: (r) => (r.dept ? `${hundredthsText(r.dept.total)}（${r.dept.grade}）` : '') },
  ...REVIEW_COLUMNS,
];

export function ReceivedSummary({ api, year, nonce, onOpen }: { api: ApiClient; year: number; nonce: number; onOpen: (unitCode: string, year: number) => void }): ReactNode {
  const [rows, setRows] = useState<Row[] | null>(null);
  const [review, setReview] = useState<ReviewFilter>('all');
  const [error, setError] = useState('');
  const [unit, setUnit] = useState('');
  const [audit, setAudit] = useState<AuditFilter>('all');
  useEffect(() => {
    let live = true;
    Promise.all([api.call('handover.summaryRows', { year }), api.call('review.summary', { year }).catch(() => [])]).then(
      ([r, rv]) => {
        const by = new Map(rv.map((x) => [x.unitCode, x]));
        if (live) (setRows(r.map((x) => ({ ...x, review: by.get(x.unitCode) }))), setError(''));
      },
      (e) => live && setError(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [api, year, nonce]);
  const shown = useMemo(() => (rows ?? []).filter((r) => (!unit || r.unitCode === unit) && (audit === 'all' || auditOf(r) === audit) && (review === 'all' || reviewFilterOf(r.review) === review)), [rows, unit, audit, review]);
  if (error) return <div className="form-error">{error}</div>;
  if (!rows?.length) return null;
  return (
    <div className="received-summary">
      <div className="section-head">
        <h3>{year} 年度汇总</h3>
        <FilterSelect label="单位" ariaLabel="汇总单位" value={unit} onChange={setUnit} options={[{ value: '', label: '全部单位' }, ...rows.map((r) => ({ value: r.unitCode, label: `${r.unitCode} ${r.unitName}` }))]} />
        <FilterSelect label={`${RULE_CHECK}结果`} value={audit} onChange={(v) => setAudit(v as AuditFilter)} options={optionsOf(AUDIT_FILTERS)} />
        <FilterSelect label="审核状态" value={review} onChange={(v) => setReview(v as ReviewFilter)} options={optionsOf(REVIEW_FILTERS)} />
        <span className="filter-count">
          {shown.length} / {rows.length} 个单位
        </span>
      </div>
      {/* Wider than the page with its review columns: it scrolls in its own box, not over the list below. */}
      <div className="summary-scroll" data-testid="summary-scroll">
        <table className="list-table receive-table" data-testid="summary">
          <thead>
            <tr>
              {SUMMARY_COLUMNS.map((c) => (
                <th key={c.key} className={c.cls}>
                  {c.head}
                </th>
              ))}
              <th className="col-actions" />
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={`${r.unitCode}/${r.year}`}>
                {SUMMARY_COLUMNS.map((c) => (
                  <td key={c.key} className={c.cls}>
                    {c.cell(r)}
                  </td>
                ))}
                <td className="col-actions">
                  <button type="button" onClick={() => onOpen(r.unitCode, r.year)}>
                    查看
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!shown.length ? <div className="empty">没有符合条件的单位。</div> : null}
    </div>
  );
}
