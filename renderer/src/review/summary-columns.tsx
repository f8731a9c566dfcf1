// The review's columns of the on-screen 汇总 (ReceivedSummary's column list is data: these
// are appended) and its filter by review status.
import type { ReactNode } from 'react';
import { REVIEW_STATE_LABELS as STATE_LABELS, type ReviewState, type ReviewSummaryRow } from '../../../shared/handover/review-model.ts';
import { VERDICT_LABELS } from '../../../shared/handover/return-manifest.ts';
import { timeText } from '../ui/time.ts';

const STATE_BADGES: Record<ReviewState, string> = { none: 'badge-warning', reviewing: 'badge-hint', returned: 'badge-error', passed: 'badge-ok', resubmitted: 'badge-carried' };

export type ReviewFilter = 'all' | ReviewState;
export const REVIEW_FILTERS: Record<ReviewFilter, string> = { all: '全部', ...STATE_LABELS };
export const reviewFilterOf = (r: ReviewSummaryRow | undefined): ReviewState => r?.state ?? 'none';

type WithReview = { review?: ReviewSummaryRow };
interface Column {
  key: string;
  head: string;
  cls?: string;
  cell: (r: WithReview) => ReactNode;
}

export const REVIEW_COLUMNS: readonly Column[] = [
  {
    key: 'reviewState',
    head: '审核状态',
    cls: 'col-audit',
    cell: ({ review: r }) => <span className={`badge ${STATE_BADGES[reviewFilterOf(r)]}`}>{STATE_LABELS[reviewFilterOf(r)]}</span>,
  },
  { key: 'verdicts', head: '通过 / 退回', cls: 'col-verdicts', cell: ({ review: r }) => (r ? `${r.passed} / ${r.returned}（共 ${r.tables}）` : '') },
  {
    key: 'dept',
    head: '部门整体',
    cls: 'col-n',
    // Its verdict on the current submission; blank where the submission has no 部门整体绩效目标.
    cell: ({ review: r }) => (r?.dept === undefined ? '' : r.dept ? VERDICT_LABELS[r.dept] : '未审核'),
  },
  { key: 'comments', head: '意见（已答复）', cls: 'col-n', cell: ({ review: r }) => (r?.comments ? `${r.comments}（${r.answered}）` : '') },
  { key: 'overall', head: '总体等级', cls: 'col-n', cell: ({ review: r }) => r?.overall ?? '' },
  { key: 'returns', head: '退回', cls: 'col-time', cell: ({ review: r }) => (r?.returns ? `${r.returns} 次，${timeText(r.lastReturnAt ?? '')}` : '') },
];
