// The review loop's records as both sides and the API see them (stored by
// electron/store/reviews.ts, made by electron/services/review*.ts). Types, and the status labels.
import type { ReviewAnswer } from './manifest.ts';
import type { REVIEW_GRADES, ReturnComment, ReturnTable, ReviewCriterionName, Verdict } from './return-manifest.ts';

/** 优 / 良 / 中 / 差 (the same as shared/rules/grade.ts's, not imported: the API contract reads this module). */
type ReviewGrade = (typeof REVIEW_GRADES)[number];

export interface TableReviewData {
  grade: ReviewGrade | null;
  criteria: Partial<Record<ReviewCriterionName, string>>;
  /** The reviewer's grade per criterion (absent in records of the first backend). */
  criteriaGrades?: Partial<Record<ReviewCriterionName, ReviewGrade>>;
  verdict: Verdict | null;
  /** The estimate (shared/rules/grade.ts) the form was pre-filled from; never the decision. */
  estimate: { grade: ReviewGrade; score: number; criteria?: Partial<Record<ReviewCriterionName, ReviewGrade>> } | null;
  /**
   * Carried over to a resubmission whose table did not change (electron/services/review-carry.ts):
   * the submission the reviewer decided on. Gone once the reviewer saves the decision again.
   */
  carried?: CarriedDecision;
}

/** The submission on which a carried decision was made (沿用第 N 次报送的审核结论). */
export interface CarriedDecision {
  submissionNo: number | null;
  packageSha256: string;
}

export interface TableReview extends TableReviewData {
  projectId: string;
  unitCode: string;
  year: number;
  /** The received package (submission) the review is about. */
  packageSha256: string;
  reviewer: string;
  updatedAt: string;
}

export interface ReviewComment {
  id: string;
  projectId: string;
  unitCode: string;
  year: number;
  path: string;
  text: string;
  source: 'reviewer' | 'audit';
  findingKey: string | null;
  author: string;
  createdAt: string;
}

export interface UnitYearReview {
  unitCode: string;
  year: number;
  grade: ReviewGrade | null;
  opinion: string;
  reviewer: string;
  updatedAt: string;
}

export type ReturnDirection = 'sent' | 'imported';

export interface CommentAnswer {
  returnId: number;
  commentId: string;
  projectId: string;
  handled: boolean;
  note: string;
  answeredAt: string;
}

export interface ReturnImportResult {
  returnNo: number;
  submissionNo: number;
  returned: number;
  approved: number;
  /** Tables edited since the submission: their comments are kept, their status is not changed. */
  unchanged: string[];
  /** The verdict on the 部门整体绩效目标 (通过 / 退回修改) where the return has one. */
  dept?: string;
}

export interface UnitComment extends ReturnComment {
  handled: boolean;
  note: string;
  answeredAt: string | null;
}

export interface TableReturn {
  returnId: number;
  returnNo: number;
  returnSha256: string;
  verdict: ReturnTable['verdict'];
  verdictLabel: string;
  /** The verdict was carried over from this earlier submission (the table did not change). */
  carried?: NonNullable<ReturnTable['carried']>;
  grade: ReturnTable['grade'];
  criteria: ReturnTable['criteria'];
  criteriaGrades: NonNullable<ReturnTable['criteriaGrades']>;
  comments: UnitComment[];
}

export interface HistoryEvent {
  /** `提交 1`, `退回`, `通过`. */
  label: string;
  at: string;
  sha256: string;
  /** `沿用第 1 次报送的审核结论`: a verdict carried over to an unchanged table. */
  note?: string;
}

export interface ReviewedTable {
  projectId: string;
  seq: number;
  name: string;
  review: TableReview & { stored: boolean };
  comments: Array<ReviewComment & { answer: ReviewAnswer | null }>;
}


export interface DiffChange {
  path: string;
  label: string;
  old: string;
  new: string;
  /** Ids of the comments this change answers (pinned where it changed). */
  comments: string[];
}

/** What changed in one table between two submissions (receiving side: received ones; unit side: its own). */
export interface TableDiffView {
  from: { submissionNo: number | null; sha256: string; at: string } | null;
  to: { submissionNo: number | null; sha256: string; at: string };
  /** The table was not in the earlier submission. */
  added: boolean;
  changes: DiffChange[];
  /** Unit side: its submissions that hold the table (`kept`: its content is still stored, so it can be compared). */
  choices?: Array<{ submissionNo: number; sha256: string; at: string; kept: boolean }>;
  /** Unit side: the return about `from` whose comments the changes answer, with the unit's answers. */
  about?: { returnNo: number; comments: UnitComment[] } | null;
  /** Unit side: why there is nothing to compare (a version no longer kept). */
  note?: string;
}

/** Review status of a received unit-year: 未审核, 审核中, 已退回, 已通过, 已重新报送. */
export type ReviewState = 'none' | 'reviewing' | 'returned' | 'passed' | 'resubmitted';
export const REVIEW_STATE_LABELS: Record<ReviewState, string> = { none: '未审核', reviewing: '审核中', returned: '已退回', passed: '已通过', resubmitted: '已重新报送' };

export interface ReviewSummaryRow {
  unitCode: string;
  year: number;
  state: ReviewState;
  tables: number;
  /** The 部门整体绩效目标's verdict on the current submission (null: not yet decided); absent when the submission has none. */
  dept?: Verdict | null;
  passed: number;
  returned: number;
  comments: number;
  /** Comments of the last return that the current submission answers. */
  answered: number;
  overall: ReviewGrade | null;
  returns: number;
  lastReturnAt: string | null;
}

/** The 财政局's decision on one table as the 主管部门 imported it (review-upper.ts), and whether it went down to the unit. */
export interface UpperTableView {
  returnNo: number;
  /** The 财政局's return package. */
  sha256: string;
  importedAt: string;
  reviewer: string;
  submissionNo: number | null;
  /** It holds for the submission that is current here: made on it, or carried (otherwise about an earlier one). */
  current: boolean;
  /** The 财政局 passed the table on an earlier submission and it is unchanged since (沿用); from that return, or the 财政局's own mark. */
  carried?: { submissionNo: number | null };
  verdict: ReturnTable['verdict'];
  grade: ReturnTable['grade'];
  criteria: ReturnTable['criteria'];
  criteriaGrades: NonNullable<ReturnTable['criteriaGrades']>;
  /** `own`: the 主管部门's own comment that came back with it (not passed down again). */
  comments: Array<ReturnComment & { own: boolean }>;
  /** The first return package to the unit that carried it, or null (not yet passed down). */
  passedDown: { returnNo: number; sha256: string; at: string } | null;
}
