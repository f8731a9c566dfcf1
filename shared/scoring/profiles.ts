// Scoring profiles as data: group weights, the 预算执行率 points, the tolerance of `=`
// targets, the qualitative bands, the grades and a region's optional caps and deductions.
// Points are integer hundredths (5000 = 50 分).
import { z } from 'zod';

const h = z.number().int().min(0).max(10_000);
const band = z.object({ min: z.number().int().min(0).max(100), max: z.number().int().min(0).max(100), default: z.number().int().min(0).max(100) });

export const scoringProfileSchema = z.object({
  id: z.string().min(1).max(40),
  name: z.string().min(1).max(100),
  /** Each group: the 一级 it covers and its points. */
  groups: z.array(z.object({ label: z.string().min(1), level1: z.array(z.string().min(1)).min(1), points: h })).min(1),
  /** Points of 预算执行率. */
  execution: h,
  /** `=` (or no comparator) targets: full points within this % of the target. */
  equalTolerancePercent: z.number().int().min(0).max(100),
  /** Qualitative rows: share of the points (%) per level; the user picks within [min, max]. */
  qualitative: z.object({ 达成: band, 部分达成: band, 未达成: band }),
  /** Lowest total (hundredths) of each grade, best first; the last has min 0. */
  grades: z.array(z.object({ grade: z.string().min(1), min: h })).min(1),
  /** Total capped at maxTotal when 执行率 < belowRatePercent (the lowest band that applies wins). */
  executionCaps: z.array(z.object({ belowRatePercent: z.number().int().min(0).max(100), maxTotal: h })).default([]),
  /** Deduction per quantitative row whose actual deviates from the target by more than beyondPercent. */
  deviationDeduction: z.object({ beyondPercent: z.number().int().min(0).max(1000), perRow: h, max: h }).nullable().default(null),
});
export type ScoringProfile = z.infer<typeof scoringProfileSchema>;

const QUALITATIVE = {
  达成: { min: 80, max: 100, default: 100 },
  部分达成: { min: 60, max: 79, default: 70 },
  未达成: { min: 0, max: 59, default: 0 },
};
const GRADES = [
  { grade: '优', min: 9000 },
  { grade: '良', min: 8000 },
  { grade: '中', min: 6000 },
  { grade: '差', min: 0 },
];

/** A profile of the common shape: groups with their points, 预算执行率 10, exact 等于, common bands. */
function commonProfile(id: string, name: string, groups: ScoringProfile['groups']): ScoringProfile {
  return scoringProfileSchema.parse({ id, name, groups, execution: 1000, equalTolerancePercent: 0, qualitative: QUALITATIVE, grades: GRADES });
}

/** 产出 50, 效益 30, 满意度 10, 预算执行率 10 (成本 counts with 产出). */
export const DEFAULT_PROFILE: ScoringProfile = commonProfile('default', '通用评分方案（产出50、效益30、满意度10、预算执行率10）', [
  { label: '产出指标', level1: ['产出指标', '成本指标'], points: 5000 },
  { label: '效益指标', level1: ['效益指标'], points: 3000 },
  { label: '满意度指标', level1: ['满意度指标'], points: 1000 },
]);

/** Under 财预〔2021〕101号 成本 has its own share out of 产出's: 产出 30, 成本 20. */
export const CAIYU2021_PROFILE: ScoringProfile = commonProfile('caiyu2021', '财预〔2021〕101号评分方案（产出30、成本20、效益30、满意度10、预算执行率10）', [
  { label: '产出指标', level1: ['产出指标'], points: 3000 },
  { label: '成本指标', level1: ['成本指标'], points: 2000 },
  { label: '效益指标', level1: ['效益指标'], points: 3000 },
  { label: '满意度指标', level1: ['满意度指标'], points: 1000 },
]);

/** 部门整体绩效自评: its 分项绩效指标 90 (split evenly), 预算执行率 10. */
export const DEPT_PROFILE: ScoringProfile = commonProfile('dept', '部门整体评分方案（绩效指标90、预算执行率10）', [
  { label: '绩效指标', level1: ['绩效指标'], points: 9000 },
]);

export const SCORING_PROFILES: readonly ScoringProfile[] = [DEFAULT_PROFILE, CAIYU2021_PROFILE, DEPT_PROFILE];

export function scoringProfile(id: string, extra: readonly ScoringProfile[] = []): ScoringProfile {
  const p = [...extra, ...SCORING_PROFILES].find((x) => x.id === id);
  if (!p) throw new Error(`未知的评分方案：${id}`);
  return p;
}

/** The grade of a total in hundredths. */
export function gradeOf(total: number, profile: ScoringProfile): string {
  return (profile.grades.find((g) => total >= g.min) ?? profile.grades[profile.grades.length - 1]!).grade;
}
