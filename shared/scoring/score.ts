// Scores a 绩效自评表 exactly: points per row from the profile (split evenly over a
// group's rows unless the user set them), each row's score rounded half-up to 0.01 分 as
// integer hundredths, the total the sum of the rounded rows; then a region's deduction and
// 执行率 cap, and the grade. Every score carries the Chinese sentence of how it was reached.
import { parseIndicatorValue } from '../indicator-value/parse.ts';
import type { ProjectFiling } from '../model/filing.ts';
import type { SelfEvaluationFiling, SelfEvaluationRow, TargetAdjustment } from '../yearly/model.ts';
import { resolveTarget, type TargetRow } from '../yearly/target.ts';
import { dateOrdinal, deviatesBeyond, isProblem, meets, pairMeasure, type ActualProblem, type MeasurePair } from './compare.ts';
import { aligned, hundredthsText as ht, percentText, scaleHalfUp, splitEvenly } from './exact.ts';
import { gradeOf, type ScoringProfile } from './profiles.ts';

export type RowProblem =
  | ActualProblem
  | { code: 'no-target' | 'band' | 'no-group' | 'no-achievement'; message: string };

export interface RowScore {
  indicatorId: string;
  /** Index of the row in the target's 年度 indicators. */
  index: number;
  level1: string;
  name: string;
  target: string;
  actual: string;
  kind: 'measure' | 'date' | 'qualitative' | 'excluded';
  /** 分值 and 得分 in hundredths. */
  points: number;
  score: number;
  explanation: string;
  problem?: RowProblem;
  /** Below target (or not met / not 达成): needs 偏差原因分析及改进措施. */
  behind: boolean;
  /** Deviates from the target by more than the profile's deduction threshold. */
  farOff: boolean;
  /** Index of the row in the self-evaluation (undefined: the form has no row for it). */
  formIndex?: number;
}

export interface ExecutionScore {
  budget: number | null;
  executed: number | null;
  /** `58.33%`, null when it cannot be computed. */
  rate: string | null;
  /** 执行率 in hundredths of a percent (5833), null when none. */
  rateHundredths: number | null;
  points: number;
  score: number;
  explanation: string;
  problem?: string;
}

export interface SelfEvaluationScore {
  rows: RowScore[];
  /** Self-evaluation rows whose indicator the target does not have (by form index). */
  orphans: number[];
  execution: ExecutionScore;
  /** Sum of all 分值 (hundredths): 10000 when the profile's weights are all used. */
  pointsTotal: number;
  /** Sum of the rounded row scores and the 执行率 score. */
  sum: number;
  deduction: number;
  /** The cap applied by the 执行率 band, or null. */
  cap: number | null;
  total: number;
  grade: string;
  versionLabel: string;
  explanation: string;
}

interface Allotted {
  row: TargetRow;
  points: number;
  group: string | null;
}

/** 分值 of each target row: user-set points, the rest of the group split evenly over the unset rows. */
function allotPoints(rows: readonly TargetRow[], form: Map<string, SelfEvaluationRow>, profile: ScoringProfile): Allotted[] {
  const out: Allotted[] = rows.map((row) => ({ row, points: 0, group: null }));
  for (const g of profile.groups) {
    const members = out.filter((a) => g.level1.includes(a.row.level1.trim()) && parseIndicatorValue(a.row.value).kind !== 'notApplicable');
    members.forEach((m) => (m.group = g.label));
    const set = members.filter((m) => form.get(m.row.id)?.points != null);
    let used = 0;
    for (const m of set) {
      m.points = form.get(m.row.id)!.points!;
      used += m.points;
    }
    const unset = members.filter((m) => !set.includes(m));
    splitEvenly(Math.max(0, g.points - used), unset.length).forEach((p, i) => (unset[i]!.points = p));
  }
  return out;
}

function scoreMeasure(p: MeasurePair, points: number, profile: ScoringProfile): { score: number; how: string } {
  const [a, t] = aligned(p.actual, p.target);
  const at = `实际完成值 ${fmt(p.actual)}${p.unit}，指标值 ${p.comparator ?? ''}${fmt(p.target)}${p.unit}`;
  if (p.upper || p.comparator === '=' || p.comparator === null) {
    if (meets(p, profile.equalTolerancePercent)) return { score: points, how: `${at}，达到目标，得满分 ${ht(points)}` };
    const [lo, hi] = a < t ? [a, t] : [t, a];
    const score = hi === 0n ? 0 : scaleHalfUp(points, lo, hi);
    return { score, how: `${at}，较小值 ÷ 较大值 × 分值 ${ht(points)} = ${ht(score)}` };
  }
  if (p.comparator === '≥' || p.comparator === '>') {
    if (t === 0n || a >= t) return { score: points, how: `${at}，达到目标，得满分 ${ht(points)}` };
    const score = scaleHalfUp(points, a, t);
    return { score, how: `${at}，实际 ÷ 目标 × 分值 ${ht(points)} = ${ht(score)}` };
  }
  if (a === 0n || a <= t) return { score: points, how: `${at}，未超过上限，得满分 ${ht(points)}` };
  const score = scaleHalfUp(points, t, a);
  return { score, how: `${at}，目标 ÷ 实际 × 分值 ${ht(points)} = ${ht(score)}` };
}

const fmt = (d: { int: bigint; scale: number }): string => {
  const s = d.int.toString().padStart(d.scale + 1, '0');
  return d.scale === 0 ? s : `${s.slice(0, -d.scale)}.${s.slice(-d.scale)}`;
};

function scoreRow(a: Allotted, f: SelfEvaluationRow | undefined, year: number, profile: ScoringProfile): Omit<RowScore, 'formIndex'> {
  const { row, points } = a;
  const base = { indicatorId: row.id, index: row.index, level1: row.level1, name: row.name, target: row.value, actual: f?.actual ?? '', points };
  const target = parseIndicatorValue(row.value);
  if (target.kind === 'notApplicable') {
    return { ...base, kind: 'excluded', points: 0, score: 0, behind: false, farOff: false, explanation: '本项目不适用此指标，不计分' };
  }
  const zero = (kind: RowScore['kind'], problem: RowProblem): Omit<RowScore, 'formIndex'> => ({
    ...base, kind, score: 0, behind: false, farOff: false, problem, explanation: `${problem.message}，得 0 分`,
  });
  if (a.group === null) return zero('measure', { code: 'no-group', message: `一级指标“${row.level1}”不在评分方案的分组中` });
  if (target.kind === 'empty') return zero('measure', { code: 'no-target', message: '指标值为空，无法评分' });
  if (target.kind === 'quantity' || target.kind === 'duration') {
    const pair = pairMeasure(target, f?.actual ?? '');
    if (isProblem(pair)) return zero('measure', pair);
    const { score, how } = scoreMeasure(pair, points, profile);
    const farOff = profile.deviationDeduction !== null && deviatesBeyond(pair, profile.deviationDeduction.beyondPercent);
    return { ...base, kind: 'measure', score, behind: !meets(pair, profile.equalTolerancePercent) && score < points, farOff, explanation: how };
  }
  if (target.kind === 'date') {
    const due = dateOrdinal(target, year);
    if (due === null) return zero('date', { code: 'no-target', message: `指标值“${row.value}”不是有效日期，无法评分` });
    const actual = parseIndicatorValue(f?.actual ?? '');
    let met: boolean;
    let how: string;
    if (actual.kind === 'date') {
      const done = dateOrdinal(actual, year);
      if (done === null) return zero('date', { code: 'not-comparable', message: `实际完成值“${f?.actual ?? ''}”不是有效日期` });
      met = done <= due;
      how = `完成时间“${actual.raw.trim()}”${met ? '不晚于' : '晚于'}“${row.value.trim()}”`;
    } else if (f?.met != null) {
      met = f.met;
      how = `按填报的“${met ? '按期完成' : '未按期完成'}”`;
    } else if (actual.kind === 'empty') {
      return zero('date', { code: 'missing', message: '实际完成值未填写' });
    } else {
      return zero('date', { code: 'not-comparable', message: `实际完成值“${actual.raw.trim()}”不是日期，请填写完成日期或选择是否按期完成` });
    }
    const score = met ? points : 0;
    return { ...base, kind: 'date', score, behind: !met, farOff: false, explanation: `${how}，${met ? `得满分 ${ht(points)}` : '得 0 分'}` };
  }
  // qualitative
  const ach = f?.achievement;
  if (!ach) return zero('qualitative', { code: 'no-achievement', message: '定性指标未选择完成情况（达成 / 部分达成 / 未达成）' });
  const band = profile.qualitative[ach.level];
  const pct = ach.percent ?? band.default;
  if (pct < band.min || pct > band.max) {
    return zero('qualitative', { code: 'band', message: `“${ach.level}”的得分比例须在 ${band.min}%—${band.max}% 之间，填的是 ${pct}%` });
  }
  const score = scaleHalfUp(points, BigInt(pct), 100n);
  return { ...base, kind: 'qualitative', score, behind: ach.level !== '达成', farOff: false, explanation: `${ach.level}，按分值的 ${pct}% 计：${ht(points)} × ${pct}% = ${ht(score)}` };
}

function scoreExecution(se: SelfEvaluationFiling, profile: ScoringProfile): ExecutionScore {
  const { budget, executed } = se.funds.total;
  const points = profile.execution;
  const none = (problem: string): ExecutionScore => ({ budget, executed, rate: null, rateHundredths: null, points, score: 0, problem, explanation: `${problem}，预算执行率得 0 分` });
  if (budget === null || executed === null) return none('全年预算数或全年执行数未填写');
  if (budget === 0) return none('全年预算数为 0，无法计算执行率');
  const num = BigInt(executed);
  const den = BigInt(budget);
  const rate = percentText(num, den);
  const rateHundredths = Number((2n * num * 10000n + den) / (2n * den));
  const score = num >= den ? points : scaleHalfUp(points, num, den);
  return { budget, executed, rate, rateHundredths, points, score, explanation: `执行率 ${rate}（全年执行数 ÷ 全年预算数）× 分值 ${ht(points)} = ${ht(score)}${num > den ? '（封顶）' : ''}` };
}

/** Scores a self-evaluation against its target (adjusted as the form says). */
export function scoreSelfEvaluation(
  se: SelfEvaluationFiling,
  target: ProjectFiling,
  profile: ScoringProfile,
  adjustments: readonly TargetAdjustment[] = [],
): SelfEvaluationScore {
  const resolved = resolveTarget(target, adjustments, se.adjustmentId, se.basis);
  const formRows = new Map(se.rows.map((r) => [r.indicatorId, r]));
  const formIndex = new Map(se.rows.map((r, i) => [r.indicatorId, i]));
  const rows: RowScore[] = allotPoints(resolved.rows, formRows, profile).map((a) => {
    const i = formIndex.get(a.row.id);
    return { ...scoreRow(a, formRows.get(a.row.id), se.year, profile), ...(i === undefined ? {} : { formIndex: i }) };
  });
  const orphans = se.rows.flatMap((r, i) => (resolved.byId.has(r.indicatorId) ? [] : [i]));
  const execution = scoreExecution(se, profile);
  const pointsTotal = rows.reduce((s, r) => s + r.points, execution.points);
  const sum = rows.reduce((s, r) => s + r.score, execution.score);
  const notes: string[] = [`各行得分之和 ${ht(sum)}`];
  let deduction = 0;
  const dd = profile.deviationDeduction;
  if (dd) {
    const far = rows.filter((r) => r.farOff).length;
    deduction = Math.min(dd.max, far * dd.perRow, sum);
    if (far > 0) notes.push(`${far} 项指标偏差超过 ${dd.beyondPercent}%，扣 ${ht(deduction)} 分`);
  }
  let total = sum - deduction;
  let cap: number | null = null;
  if (execution.rateHundredths !== null) {
    const band = [...profile.executionCaps].sort((x, y) => x.belowRatePercent - y.belowRatePercent).find((c) => execution.rateHundredths! < c.belowRatePercent * 100);
    if (band && total > band.maxTotal) {
      cap = band.maxTotal;
      total = band.maxTotal;
      notes.push(`执行率低于 ${band.belowRatePercent}%，总分不超过 ${ht(band.maxTotal)}`);
    }
  }
  const grade = gradeOf(total, profile);
  notes.push(`总分 ${ht(total)}，等级“${grade}”`);
  return { rows, orphans, execution, pointsTotal, sum, deduction, cap, total, grade, versionLabel: resolved.versionLabel, explanation: notes.join('；') };
}
