// The status machine of a project table, as data: the states with their labels, who may
// move a table from one state to another, and what a move needs. Enforced by the service
// layer (electron/services/status.ts); the review issue's return package adds the
// 退回修改 / 已通过 moves through the triggers defined here.
export const FILING_STATUSES = ['draft', 'checked', 'submitted', 'returned', 'approved'] as const;
export type FilingStatus = (typeof FILING_STATUSES)[number];

export const STATUS_LABELS: Record<FilingStatus, string> = {
  draft: '草稿',
  checked: '已审核',
  submitted: '已报送',
  returned: '退回修改',
  approved: '已通过',
};

/**
 * What moves a table: the user's choice (setStatus), a handover package written for its
 * unit-year (pack), a return package from the receiving office (return), or a change of
 * its content or 说明 (edit).
 */
export type StatusTrigger = 'user' | 'pack' | 'return' | 'edit';

/** What stops a table from moving: 错误, 警告 without a 说明, carried-over values not yet confirmed. */
export type ReadinessCheck = 'errors' | 'openWarnings' | 'carried';

/** 已审核 needs all three; a handover package keeps today's rule: unexplained 警告 travel as counts. */
export const READY_TO_CHECK: readonly ReadinessCheck[] = ['carried', 'errors', 'openWarnings'];
export const READY_TO_PACK: readonly ReadinessCheck[] = ['carried', 'errors'];

export interface StatusTransition {
  from: FilingStatus;
  to: FilingStatus;
  by: StatusTrigger;
  /** What the table must be free of for the move (in the order they are reported). */
  needs: readonly ReadinessCheck[];
}

const t = (from: FilingStatus, to: FilingStatus, by: StatusTrigger, needs: readonly ReadinessCheck[] = []): StatusTransition => ({
  from,
  to,
  by,
  needs,
});

export const STATUS_TRANSITIONS: readonly StatusTransition[] = [
  t('draft', 'checked', 'user', READY_TO_CHECK),
  t('returned', 'checked', 'user', READY_TO_CHECK),
  t('checked', 'draft', 'user'),
  t('draft', 'submitted', 'pack', READY_TO_PACK),
  t('checked', 'submitted', 'pack', READY_TO_PACK),
  t('submitted', 'submitted', 'pack', READY_TO_PACK),
  t('returned', 'submitted', 'pack', READY_TO_PACK),
  t('approved', 'approved', 'pack', READY_TO_PACK),
  t('submitted', 'returned', 'return'),
  t('submitted', 'approved', 'return'),
  t('checked', 'draft', 'edit'),
  t('submitted', 'draft', 'edit'),
  t('approved', 'draft', 'edit'),
  t('returned', 'draft', 'edit'),
];

export function findTransition(from: FilingStatus, to: FilingStatus, by: StatusTrigger): StatusTransition | undefined {
  return STATUS_TRANSITIONS.find((x) => x.from === from && x.to === to && x.by === by);
}

/** The states a user may choose from `from` (setStatus), in the order of FILING_STATUSES. */
export function userTargets(from: FilingStatus): FilingStatus[] {
  return FILING_STATUSES.filter((to) => findTransition(from, to, 'user'));
}

/** Editing a table in one of these states is confirmed first (then it becomes 草稿). */
export const EDIT_NEEDS_CONFIRM: readonly FilingStatus[] = ['checked', 'submitted', 'approved'];

/** An edit in one of these states marks the table as changed since its submission. */
export const SUBMITTED_STATES: readonly FilingStatus[] = ['submitted', 'returned', 'approved'];

/** What an edit of such a table does, in the words the UI and the refusal use. */
export function editWarning(status: FilingStatus): string {
  const again = status === 'checked' ? '需要重新审核' : '需要重新审核并重新报送';
  return `该表${STATUS_LABELS[status]}，修改后将变回草稿，${again}。`;
}

/** The question the UI asks before such an edit. */
export const editConfirmQuestion = (status: FilingStatus): string => `${editWarning(status)}继续修改吗？`;
