// An estimate of the grade the finance bureau's 绩效目标审核 would give (优/良/中/差), from
// the 审核 findings: each criterion has a weight; every open finding of a rule under it
// takes points off (错误 10, 警告 3, 提示 1; answered with a 说明: none), at most the weight.
// Caps (data below) bound the grade whatever the points: a table with an open 错误 is sent
// back (at most 中; 差 when the 错误 is one of substance), and a book is bounded by its
// tables with 错误 (any: at most 中; a third or more: 差). A table with no indicator typed
// yet (a blank table just created) is not graded: a book leaves it out and counts it as
// 未填写 apart. Pure; only an estimate.
import type { ProjectFiling } from '../model/filing.ts';
import { RULES } from './catalogue/index.ts';
import type { Finding, ReviewCriterion, Rule, Severity } from './types.ts';

export type ReviewGrade = '优' | '良' | '中' | '差';

export const CRITERION_WEIGHTS: Record<ReviewCriterion, number> = {
  完整性: 30,
  明确性: 25,
  适当性: 20,
  相关性: 15,
  可行性: 10,
};

const POINTS: Record<Severity, number> = { error: 10, warning: 3, hint: 1 };

/** Criteria of the rules that do not name one (the form rules are 完整性). */
const CRITERION_OF_CODE: Record<string, ReviewCriterion> = {
  'R-VALUE-FORMAT': '明确性',
  'R-VALUE-PERCENT-RANGE': '明确性',
  'R-VALUE-GE100': '明确性',
  'R-VALUE-PERCENT-WORD': '明确性',
  'R-VALUE-NORMALISE': '明确性',
  'R-TIME-VALUE': '明确性',
  'R-DATE-INVALID': '明确性',
  'R-COST-BUDGET': '适当性',
  'R-COST-FLOOR': '适当性',
  'R-SAT-LOW': '适当性',
  'R-FUND-ANNUAL-LE-IMPL': '适当性',
  'R-DATE-RANGE': '可行性',
};

export interface CriterionLoss {
  criterion: ReviewCriterion;
  /** Points taken off (at most the criterion's weight). */
  points: number;
  /** Open findings under the criterion. */
  findings: number;
}

export interface GradeCap {
  grade: ReviewGrade;
  /** Chinese: why the grade is at most this. */
  reason: string;
}

export interface GradeEstimate {
  grade: ReviewGrade;
  /** 0–100. */
  score: number;
  /** The criteria that lowered the score, most points first. */
  lowered: CriterionLoss[];
  /** The cap that lowered the grade below what the points give (TABLE_CAPS, BOOK_CAPS). */
  cap?: GradeCap;
  /** Open 错误 (of a book: tables with one). */
  openErrors: number;
  /** Always true: this is not the bureau's result. */
  estimate: true;
  /** For a book: how many of its tables get each grade (the bureau grades table by table). */
  tables?: Record<ReviewGrade, number>;
  /** For a book: tables with no indicator typed yet, left out of the estimate. */
  unfilled?: number;
  /** Chinese: why no grade is estimated (every table of the book is 未填写); grade and score then mean nothing. */
  withheld?: string;
}

/** Whether a table has any indicator typed (a 三级指标 or a 指标值): without one it is not graded. */
export function indicatorsTyped(f: ProjectFiling): boolean {
  return Object.values(f.periods).some((p) => p?.indicators.some((r) => r.name.trim() !== '' || r.value.trim() !== ''));
}

const gradeOf = (score: number): ReviewGrade => (score >= 90 ? '优' : score >= 80 ? '良' : score >= 60 ? '中' : '差');
const RANK: Record<ReviewGrade, number> = { 优: 0, 良: 1, 中: 2, 差: 3 };
/** The highest score a capped grade may show (the band below the next grade). */
const CAP_SCORE: Record<ReviewGrade, number> = { 优: 100, 良: 89, 中: 79, 差: 59 };

/** The substance criteria (明确性 … 可行性): a 错误 under one of them is a target that cannot be checked or met. */
const SUBSTANCE_CRITERIA: ReadonlySet<ReviewCriterion> = new Set(['明确性', '适当性', '相关性', '可行性']);

/** A bound on a table's grade: open 错误 under the criteria given (any 错误 when absent). */
interface TableCap extends GradeCap {
  criteria?: ReadonlySet<ReviewCriterion>;
}
/** Caps of one table, strictest first. */
export const TABLE_CAPS: readonly TableCap[] = [
  { grade: '差', criteria: SUBSTANCE_CRITERIA, reason: '有明确性、适当性、相关性或可行性方面的错误' },
  { grade: '中', reason: '有未改正的错误，财政部门会退回' },
];

/** A bound on a book's grade by the share of its tables with an open 错误. */
interface BookCap {
  grade: ReviewGrade;
  /** Share of tables (0–1) with 错误 from which on (inclusive) the cap applies; 0 = any table. */
  atLeast: number;
  reason: (tables: number, withErrors: number) => string;
}
/** Caps of a book, strictest first. */
export const BOOK_CAPS: readonly BookCap[] = [
  { grade: '差', atLeast: 1 / 3, reason: (n, k) => `${n} 张表中 ${k} 张有错误（三分之一以上）` },
  { grade: '中', atLeast: 0, reason: (n, k) => `${n} 张表中 ${k} 张有错误` },
];

/** `score` under a cap that applies: the grade no better than the cap's, the score within its band. */
function underCap(score: number, cap: GradeCap | undefined): Pick<GradeEstimate, 'grade' | 'score' | 'cap'> {
  const byPoints = gradeOf(score);
  if (!cap || RANK[cap.grade] <= RANK[byPoints]) return { grade: byPoints, score };
  return { grade: cap.grade, score: Math.min(score, CAP_SCORE[cap.grade]), cap };
}

/** The estimate for the findings of one table (or any set of findings). */
export function estimateGrade(findings: readonly Finding[], rules: readonly Rule[] = RULES): GradeEstimate {
  const criteria = new Map(rules.map((r) => [r.code, r.criterion] as const));
  const loss = new Map<ReviewCriterion, CriterionLoss>();
  const errorCriteria = new Set<ReviewCriterion>();
  let openErrors = 0;
  for (const f of findings) {
    if (f.explained || f.code === 'R-UNIT-PROJECTS' || f.code === 'R-UNIT-TOTAL') continue; // summaries, not defects
    const c = criteria.get(f.code) ?? CRITERION_OF_CODE[f.code] ?? '完整性';
    if (f.severity === 'error') {
      errorCriteria.add(c);
      openErrors++;
    }
    const l = loss.get(c) ?? { criterion: c, points: 0, findings: 0 };
    l.points = Math.min(CRITERION_WEIGHTS[c], l.points + POINTS[f.severity]);
    l.findings++;
    loss.set(c, l);
  }
  const lowered = [...loss.values()].sort((a, b) => b.points - a.points);
  const cap = openErrors ? TABLE_CAPS.find((c) => !c.criteria || [...errorCriteria].some((x) => c.criteria!.has(x))) : undefined;
  return { ...underCap(100 - lowered.reduce((a, l) => a + l.points, 0), cap), lowered, estimate: true, openErrors };
}

/**
 * A book (unit-year): the mean of its tables' scores; losses add up over the tables. The
 * tables in `unfilled` (no indicator typed, indicatorsTyped) are left out and counted apart.
 */
export function estimateBookGrade(
  byProject: Readonly<Record<string, readonly Finding[]>>,
  rules: readonly Rule[] = RULES,
  unfilled: readonly string[] = [],
): GradeEstimate {
  const skip = new Set(unfilled.filter((id) => id in byProject));
  const each = Object.entries(byProject)
    .filter(([id]) => !skip.has(id))
    .map(([, fs]) => estimateGrade(fs, rules));
  const tables: Record<ReviewGrade, number> = { 优: 0, 良: 0, 中: 0, 差: 0 };
  for (const g of each) tables[g.grade]++;
  const apart = skip.size ? { unfilled: skip.size } : {};
  if (each.length === 0) {
    const withheld = skip.size ? { withheld: `${skip.size === 1 ? '本年度唯一的一张表' : `本年度的 ${skip.size} 张表都`}还没有填写绩效指标，填写后再估计` } : {};
    return { grade: '优', score: 100, lowered: [], estimate: true, openErrors: 0, tables, ...apart, ...withheld };
  }
  const score = Math.round(each.reduce((a, g) => a + g.score, 0) / each.length);
  const loss = new Map<ReviewCriterion, CriterionLoss>();
  for (const g of each) {
    for (const l of g.lowered) {
      const t = loss.get(l.criterion) ?? { criterion: l.criterion, points: 0, findings: 0 };
      t.points += l.points;
      t.findings += l.findings;
      loss.set(l.criterion, t);
    }
  }
  // Points per table on average, so the book's figures read like a table's.
  const lowered = [...loss.values()]
    .map((l) => ({ ...l, points: Math.round((l.points / each.length) * 10) / 10 }))
    .sort((a, b) => b.points - a.points);
  const withErrors = each.filter((g) => g.openErrors > 0).length;
  const bookCap = withErrors ? BOOK_CAPS.find((c) => withErrors / each.length >= c.atLeast) : undefined;
  const cap = bookCap ? { grade: bookCap.grade, reason: bookCap.reason(each.length, withErrors) } : undefined;
  return { ...underCap(score, cap), lowered, estimate: true, openErrors: withErrors, tables, ...apart };
}

/** `另有 2 张表未填写绩效指标，未计入估计`: the tables left out of a book's estimate. */
export const unfilledText = (n: number): string => `另有 ${n} 张表未填写绩效指标，未计入估计`;

/** `审核结果估计：中（79 分），各表：优 20 张、中 6 张；至多为“中”：26 张表中 6 张有错误；扣分的方面：明确性 −9（3 条）…。仅为…估计…` */
export function describeGrade(g: GradeEstimate): string {
  if (g.withheld) return `审核结果估计：暂不估计，${g.withheld}。`;
  const parts = g.lowered.filter((l) => l.points > 0).map((l) => `${l.criterion} −${l.points}（${l.findings} 条）`);
  return (
    `审核结果估计：${g.grade}（${g.score} 分）` +
    (g.tables ? `，各表：${(Object.entries(g.tables) as Array<[ReviewGrade, number]>).filter(([, k]) => k > 0).map(([k, v]) => `${k} ${v} 张`).join('、')}` : '') +
    (g.unfilled ? `；${unfilledText(g.unfilled)}` : '') +
    (g.cap ? `；至多为“${g.cap.grade}”：${g.cap.reason}` : '') +
    (parts.length ? `；扣分的方面：${parts.join('、')}` : '') +
    '。仅为按本程序审核规则的估计，以财政部门审核为准。'
  );
}
