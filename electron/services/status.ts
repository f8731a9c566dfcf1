// The status machine of shared/model/status.ts, enforced for every host: "ready to submit"
// (one function for setStatus, 审核全部 and packing), the user's status changes, and what
// an edit does to a table that was 已审核 / 已报送 / 已通过. Every change of status is a
// change of the stored filing, so the store's audit log records it (path `status`).
import type { FilingStatus, ProjectFiling } from '../../shared/model/filing.ts';
import {
  EDIT_NEEDS_CONFIRM,
  STATUS_LABELS,
  SUBMITTED_STATES,
  editWarning,
  findTransition,
  userTargets,
  type ReadinessCheck,
  type StatusTransition,
} from '../../shared/model/status.ts';
import type { Finding } from '../../shared/rules/index.ts';
import { ServiceError } from './service-error.ts';

/** What stands between a table and the next status. */
export interface SubmitBlockers {
  errors: number;
  openWarnings: number;
  carried: number;
}

export function submitBlockers(filing: ProjectFiling, findings: readonly Finding[]): SubmitBlockers {
  let errors = 0;
  let openWarnings = 0;
  for (const f of findings) {
    if (f.severity === 'error') errors++;
    else if (f.severity === 'warning' && !f.explained) openWarnings++;
  }
  return { errors, openWarnings, carried: filing.carriedOver.length };
}

const BLOCKER_CODES: Record<ReadinessCheck, string> = { errors: 'HAS_ERRORS', openWarnings: 'HAS_WARNINGS', carried: 'HAS_CARRIED' };

/** `action`: what is refused, e.g. `标记为已审核`, `打包报送`. */
function blockerMessage(check: ReadinessCheck, n: number, action: string): string {
  if (check === 'errors') return `还有 ${n} 个错误，不能${action}`;
  if (check === 'openWarnings') return `还有 ${n} 个警告没有填写说明，不能${action}`;
  return `还有 ${n} 处从上年复制的内容没有确认，请逐项核对（或全部确认）后再${action}`;
}

/**
 * "Ready to submit": the first check of `needs` the table fails, as a refusal with its code
 * (HAS_CARRIED, HAS_ERRORS, HAS_WARNINGS) and Chinese message; null when it passes them all.
 */
export function readinessRefusal(
  blockers: SubmitBlockers,
  needs: readonly ReadinessCheck[],
  action: string,
  table = '',
): ServiceError | null {
  for (const check of needs) {
    const n = blockers[check];
    if (n > 0) return new ServiceError(`${table}${blockerMessage(check, n, action)}`, BLOCKER_CODES[check]);
  }
  return null;
}

/** The move a user asks for, or a Chinese refusal naming the moves there are. */
export function userTransition(from: FilingStatus, to: FilingStatus): StatusTransition {
  const move = findTransition(from, to, 'user');
  if (move) return move;
  const options = userTargets(from).map((s) => `“${STATUS_LABELS[s]}”`);
  const why =
    to === 'submitted'
      ? '“已报送”在打包报送时自动标记'
      : to === 'returned' || to === 'approved'
        ? `“${STATUS_LABELS[to]}”由上级的审核结果决定`
        : `不能从“${STATUS_LABELS[from]}”改为“${STATUS_LABELS[to]}”`;
  throw new ServiceError(`${why}${options.length ? `；现在只能改为${options.join('、')}` : ''}`, 'BAD_TRANSITION');
}

/** The table as the user's move leaves it; refused unless the move exists and the table is ready for it. */
export function withUserStatus(filing: ProjectFiling, findings: readonly Finding[], to: FilingStatus): ProjectFiling {
  if (filing.status === to) return filing;
  const move = userTransition(filing.status, to);
  const refusal = readinessRefusal(submitBlockers(filing, findings), move.needs, `标记为${STATUS_LABELS[to]}`);
  if (refusal) throw refusal;
  return { ...filing, status: to };
}

export interface EditOptions {
  /** The user confirmed that an 已审核 / 已报送 / 已通过 table may be changed. */
  force?: boolean;
}

/**
 * What an edit (changed content or 说明) does to the table's status: refused with
 * NEEDS_CONFIRM for 已审核 / 已报送 / 已通过 unless forced; then, and for 退回修改, it is a
 * 草稿 again, marked as changed since its submission if it had been submitted.
 */
export function statusAfterEdit(old: ProjectFiling, opts: EditOptions): Pick<ProjectFiling, 'status' | 'changedSinceSubmission'> {
  const { status } = old;
  if (status === 'draft') return { status, changedSinceSubmission: old.changedSinceSubmission };
  if (EDIT_NEEDS_CONFIRM.includes(status) && !opts.force) {
    throw new ServiceError(`${editWarning(status)}请确认后再修改。`, 'NEEDS_CONFIRM');
  }
  if (!findTransition(status, 'draft', 'edit')) throw new ServiceError(`“${STATUS_LABELS[status]}”的表不能修改`, 'BAD_TRANSITION');
  return { status: 'draft', changedSinceSubmission: old.changedSinceSubmission || SUBMITTED_STATES.includes(status) };
}
