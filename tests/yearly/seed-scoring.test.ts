// For every seed table: create both forms from the target, fill them from generated
// actuals (on target, ahead, behind, qualitative, dates met and missed, unit mismatches)
// and check the scores against expectations computed here by plain integer arithmetic
// (exact to 0.01 分), and the 审核 findings of each case.
import { describe, expect, it } from 'vitest';
import { allSeedProjects } from '../../tools/seed-corpus.ts';
import { parseIndicatorValue } from '../../shared/indicator-value/index.ts';
import type { ProjectFiling } from '../../shared/model/filing.ts';
import { createYearlyForms } from '../../shared/yearly/create.ts';
import { MONITORING_FORM } from '../../shared/yearly/monitoring-form.ts';
import { SELF_EVALUATION_FORM } from '../../shared/yearly/self-evaluation-form.ts';
import { yearPeriod } from '../../shared/yearly/target.ts';
import { DEFAULT_PROFILE } from '../../shared/scoring/profiles.ts';
import { auditSelfEvaluation } from '../../shared/scoring/self-evaluation-rules.ts';
import { auditMonitoring } from '../../shared/scoring/monitoring-rules.ts';
import { applyYearlyFix } from '../../shared/scoring/rules-common.ts';
import type { SelfEvaluationFiling } from '../../shared/yearly/model.ts';

type Case = 'on' | 'ahead' | 'behind' | 'units';

/** Decimal text × num / den (exact: den divides 10^k). */
function times(text: string, num: bigint, extraScale: number): string {
  const [i = '', f = ''] = text.split('.');
  const scale = f.length + extraScale;
  const s = (BigInt(i + f) * num).toString().padStart(scale + 1, '0');
  const out = scale === 0 ? s : `${s.slice(0, -scale)}.${s.slice(-scale)}`.replace(/\.?0+$/, '');
  return out === '' ? '0' : out;
}
const x08 = (t: string) => times(t, 8n, 1); // × 0.8
const x125 = (t: string) => times(t, 125n, 2); // × 1.25
const x12 = (t: string) => times(t, 12n, 1); // × 1.2
const halfUp = (num: bigint, den: bigint): number => Number((2n * num + den) / (2n * den));

interface Expect {
  score: number;
  behind: boolean;
  problem?: 'unit' | 'not-comparable';
}

/** The actual for a target value in a case, and what that row must score given its points. */
function generate(value: string, fy: number, c: Case, points: number): { actual: string; level?: '达成' | '部分达成'; percent?: number; expect: Expect } {
  const v = parseIndicatorValue(value);
  if (v.kind === 'quantity' || v.kind === 'duration') {
    // `6月` alone reads as a date; a count of months is written `6个月`.
    const unit = v.kind === 'quantity' && v.percent ? '%' : v.kind === 'duration' && v.unit === '月' ? '个月' : v.unit;
    const zero = /^0+(\.0+)?$/.test(v.numberText);
    const le = v.comparator === '≤' || v.comparator === '<';
    if (c === 'units' && v.kind === 'quantity' && (v.percent || v.unit.trim() === '万元')) {
      const actual = v.percent ? `${v.numberText}个` : `${times(v.numberText, 10000n, 0)}元`;
      return { actual, expect: { score: 0, behind: false, problem: 'unit' } };
    }
    if (c === 'behind' && !zero) {
      const actual = (le ? x125(v.numberText) : x08(v.numberText)) + unit;
      return { actual, expect: { score: halfUp(BigInt(points) * 8n, 10n), behind: true } };
    }
    if (c === 'ahead' && (v.comparator === '≥' || v.comparator === '>' || le)) {
      const actual = (le ? x08(v.numberText) : x12(v.numberText)) + unit;
      return { actual, expect: { score: points, behind: false } };
    }
    return { actual: `${v.numberText}${unit}`, expect: { score: points, behind: false } };
  }
  if (v.kind === 'date') {
    if (!v.valid) return { actual: '2025年12月31日', expect: { score: 0, behind: false, problem: 'not-comparable' } };
    if (c === 'behind') return { actual: `${(v.year ?? fy) + 1}年1月31日`, expect: { score: 0, behind: true } };
    return { actual: value, expect: { score: points, behind: false } };
  }
  if (v.kind === 'qualitative') {
    if (c === 'behind') return { actual: '部分完成', level: '部分达成', percent: 70, expect: { score: halfUp(BigInt(points) * 70n, 100n), behind: true } };
    return { actual: '已完成', level: '达成', expect: { score: points, behind: false } };
  }
  return { actual: '', expect: { score: 0, behind: false } };
}

/** Points per row by hand: each 一级 group's points split evenly, remainder to the first rows. */
function handPoints(p: ProjectFiling): Map<string, number> {
  const rows = yearPeriod(p)!.indicators.filter((r) => parseIndicatorValue(r.value).kind !== 'notApplicable');
  const out = new Map<string, number>();
  for (const [l1, pts] of [['产出指标', 5000], ['效益指标', 3000], ['满意度指标', 1000]] as const) {
    const g = rows.filter((r) => r.level1.trim() === l1 || (l1 === '产出指标' && r.level1.trim() === '成本指标'));
    g.forEach((r, i) => out.set(r.id, Math.floor(pts / g.length) + (i < pts % g.length ? 1 : 0)));
  }
  return out;
}

const projects = allSeedProjects();
const CASES: Case[] = ['on', 'ahead', 'behind', 'units'];

describe('self-evaluation of every seed table', () => {
  it('covers the 120 seed tables', () => expect(projects.length).toBe(120));

  for (const c of CASES) {
    it(`scores every table exactly: ${c}`, () => {
      const codes = new Map<string, number>();
      for (const p of projects) {
        const { selfEvaluation, monitoring } = createYearlyForms(p, { monitoring: MONITORING_FORM, selfEvaluation: SELF_EVALUATION_FORM }, { monitoring: `m-${p.id}`, selfEvaluation: `s-${p.id}` });
        const period = yearPeriod(p)!;
        expect(selfEvaluation.rows.map((r) => r.indicatorId)).toEqual(period.indicators.map((r) => r.id));
        expect(monitoring.funds.budget).toBe(period.funding.total);
        const pts = handPoints(p);
        const expected = new Map<string, Expect>();
        const se: SelfEvaluationFiling = structuredClone(selfEvaluation);
        se.rows.forEach((row, i) => {
          const t = period.indicators[i]!;
          const g = generate(t.value, p.year, c, pts.get(t.id) ?? 0);
          row.actual = g.actual;
          if (g.level) row.achievement = { level: g.level, percent: g.percent ?? null };
          if (g.expect.behind && i % 2 === 0) row.deviation = '受政策调整影响，下年度加强跟踪';
          expected.set(t.id, g.expect);
        });
        const budget = period.funding.total!;
        se.funds.total.budget = budget;
        se.funds.total.executed = c === 'behind' ? Math.floor((budget * 3) / 4) : budget;
        const { score, findings } = auditSelfEvaluation(se, p, SELF_EVALUATION_FORM, DEFAULT_PROFILE);

        let sum = 0;
        for (const r of score.rows) {
          const e = expected.get(r.indicatorId)!;
          expect({ id: r.indicatorId, score: r.score, points: r.points }).toEqual({ id: r.indicatorId, score: e.score, points: pts.get(r.indicatorId) ?? 0 });
          expect(r.behind).toBe(e.behind);
          expect(r.explanation.length).toBeGreaterThan(4);
          sum += r.score;
        }
        const exec = halfUp(1000n * BigInt(se.funds.total.executed), BigInt(budget));
        expect(score.execution.score).toBe(exec);
        expect(score.total).toBe(sum + exec);
        expect(score.grade).toBe(score.total >= 9000 ? '优' : score.total >= 8000 ? '良' : score.total >= 6000 ? '中' : '差');

        // Findings per row, as the case predicts.
        const byCode = (code: string) => findings.filter((f) => f.code === code).map((f) => f.location.row).sort((a, b) => a! - b!);
        const rowsWhere = (pred: (e: Expect, i: number) => boolean) =>
          se.rows.flatMap((r, i) => (pred(expected.get(r.indicatorId)!, i) ? [i] : []));
        expect(byCode('Y-SE-UNIT')).toEqual(rowsWhere((e) => e.problem === 'unit'));
        expect(byCode('Y-SE-ACTUAL-NOT-COMPARABLE')).toEqual(rowsWhere((e) => e.problem === 'not-comparable'));
        expect(byCode('Y-SE-DEVIATION')).toEqual(rowsWhere((e, i) => e.behind && i % 2 === 1));
        const groups = new Set(score.rows.filter((r) => r.points > 0).map((r) => (r.level1.trim() === '成本指标' ? '产出指标' : r.level1.trim())));
        expect(byCode('Y-SE-POINTS-SUM').length).toBe([...groups].length === 3 ? 0 : 1);
        for (const f of findings) codes.set(f.code, (codes.get(f.code) ?? 0) + 1);

        // Accepting every unit fix makes those rows comparable and scored.
        if (c === 'units') {
          let fixed = se;
          for (const f of findings.filter((x) => x.code === 'Y-SE-UNIT')) fixed = applyYearlyFix(fixed, f.fix!);
          const again = auditSelfEvaluation(fixed, p, SELF_EVALUATION_FORM, DEFAULT_PROFILE);
          expect(again.findings.filter((x) => x.code === 'Y-SE-UNIT')).toEqual([]);
          for (const r of again.score.rows) if (expected.get(r.indicatorId)!.problem === 'unit') expect(r.score).toBe(r.points);
        }

        // The monitoring form of the same case: projected = the generated actual.
        const mo = structuredClone(monitoring);
        mo.rows.forEach((row, i) => {
          row.actual = se.rows[i]!.actual;
          row.projected = se.rows[i]!.actual;
          row.likelihood = expected.get(row.indicatorId)!.behind ? '有可能' : '确定能';
        });
        const mf = auditMonitoring(mo, p, MONITORING_FORM).findings;
        const mByCode = (code: string) => [...new Set(mf.filter((f) => f.code === code).map((f) => f.location.row))].sort((a, b) => a! - b!);
        expect(mByCode('Y-MO-DEVIATION')).toEqual(rowsWhere((e) => e.behind));
        expect(mByCode('Y-MO-UNIT')).toEqual(rowsWhere((e) => e.problem === 'unit'));
      }
      expect(codes.size).toBeGreaterThan(0);
    });
  }
});
