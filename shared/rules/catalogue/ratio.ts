// A ratio typed as a percentage: `≥0.9%` or a bare `0.9` on a 完成率 reads as 0.9 %, where
// the clerk meant 0.9 = 90 % (or slipped). Flagged only where a ratio is likely: the
// indicator names a rate (率, 比例, 满意度 …) or is a 满意度, or the same indicator in the
// other period or last year is about 100 times the figure; never for a ceiling (≤ / <: 差错率
// ≤0.5%) nor for a rate that is small by nature (差错, 发生, 增长 … in its name). Words and the
// threshold are RuleParams (a region's rule profile). The fix multiplies by 100.
import type { ProjectFiling } from '../../model/filing.ts';
import type { QuantityValue } from '../../indicator-value/index.ts';
import { parseIndicatorValue } from '../../indicator-value/index.ts';
import type { FindingDraft, IndicatorEntry, ProjectContext, ProjectRule } from '../types.ts';
import { anyWord, matchingRow } from '../substance/common.ts';
import { q } from './helpers.ts';

export interface RatioTypo {
  /** The value with the figure × 100 and a `%`: `≥90%`. */
  replacement: string;
  /** Why a ratio is likely (Chinese, for the message). */
  reason: string;
}

/** `0.9` → `90`, `0.955` → `95.5`, `1` → `100`: the decimal point moved two places, exactly. */
export function times100(numberText: string): string {
  const [int = '', frac = ''] = numberText.split('.');
  const digits = `${int}${frac.padEnd(2, '0')}`;
  const cut = int.length + 2;
  const head = digits.slice(0, cut).replace(/^0+(?=\d)/, '');
  const tail = digits.slice(cut).replace(/0+$/, '');
  return tail ? `${head}.${tail}` : head;
}

/** A percentage (or a bare figure) the rule looks at: a floor, a target or no comparator, 0 < figure ≤ ratioMax. */
function candidate(e: IndicatorEntry, max: number): QuantityValue | null {
  const v = e.value;
  if (v.kind !== 'quantity' || v.note !== undefined || (!v.percent && v.unit !== '') || v.money) return null;
  if (v.comparator === '≤' || v.comparator === '<') return null; // a ceiling: small rates are normal
  const hi = v.upper?.number ?? v.number;
  return v.number > 0 && hi <= max ? v : null;
}

/** The figure of a percentage value of another row, if it reads as one. */
function percentOf(raw: string | undefined): number | null {
  if (!raw) return null;
  const v = parseIndicatorValue(raw);
  return v.kind === 'quantity' && v.percent && v.upper === undefined ? v.number : null;
}

/** The same indicator, as it is written elsewhere: the table's other periods, last year's table. */
function counterparts(ctx: ProjectContext, e: IndicatorEntry): Array<{ where: string; raw: string; number: number }> {
  const out: Array<{ where: string; raw: string; number: number }> = [];
  for (const o of ctx.rows()) {
    if (o.period === e.period || o.row.name.trim() !== e.row.name.trim()) continue;
    const n = percentOf(o.row.value);
    if (n !== null) out.push({ where: `本表${ctx.periodLabel(o.period).trim()}同一指标`, raw: o.row.value.trim(), number: n });
  }
  const last: ProjectFiling | null | undefined = ctx.audit.lastYear;
  const r = last ? matchingRow(last, e.period, e.row) : undefined;
  const n = percentOf(r?.value);
  if (r && n !== null) out.push({ where: '上年同一指标', raw: r.value.trim(), number: n });
  return out;
}

function likelyRatio(ctx: ProjectContext, e: IndicatorEntry, v: QuantityValue): string | null {
  const p = ctx.params;
  const text = `${e.row.name}${e.row.description}`;
  if (anyWord(p.ratioSmallWords).test(text)) return null; // 差错率 0.5%, 增长率 ≥1%
  const meant = v.number * 100;
  // The same indicator elsewhere is within a factor 2 of the figure × 100 (0.9 here, ≥95% there).
  const twin = counterparts(ctx, e).find((c) => c.number > p.ratioMax && c.number * 2 >= meant && c.number <= meant * 2);
  if (twin) return `${twin.where}为${q(twin.raw)}`;
  if (e.group === 'satisfaction') return '满意度指标';
  const word = anyWord(p.ratioWords).exec(e.row.name) ?? anyWord(p.ratioWords).exec(e.row.description);
  return word ? `指标${q(e.row.name.trim() || e.row.description.trim())}是${q(word[0])}` : null;
}

/** Whether the row's 指标值 looks like a ratio typed as a percentage, and the value meant (computed once per table). */
export function ratioTypo(ctx: ProjectContext, e: IndicatorEntry): RatioTypo | null {
  const all = ctx.memo('ratio-typos', () => {
    const m = new Map<IndicatorEntry, RatioTypo>();
    for (const x of ctx.rows()) {
      const v = candidate(x, ctx.params.ratioMax);
      const reason = v && likelyRatio(ctx, x, v);
      if (!v || !reason) continue;
      m.set(x, { replacement: replaced(v), reason });
    }
    return m;
  });
  return all.get(e) ?? null;
}

/** The raw text with the figure (and a range's upper end) × 100 and, where none was written, a `%` after it. */
function replaced(v: QuantityValue): string {
  const edits: Array<[number, number, string]> = [[v.spans.number[0], v.spans.number[1], times100(v.numberText)]];
  if (v.upper && v.spans.upper) edits.push([v.spans.upper[0], v.spans.upper[1], times100(v.upper.numberText)]);
  if (!v.percent) {
    const end = v.spans.upper?.[1] ?? v.spans.number[1];
    edits.push([end, end, '%']);
  } else if (v.percentWord && v.spans.unit) edits.push([v.spans.unit[0], v.spans.unit[1], '%']);
  let out = v.raw;
  for (const [s, t, to] of edits.sort((a, b) => b[0] - a[0] || b[1] - a[1])) out = out.slice(0, s) + to + out.slice(t);
  return out.trim();
}

export const ratioAsPercent: ProjectRule = {
  code: 'R-VALUE-RATIO',
  severity: 'warning',
  scope: 'project',
  title: '比率按小数填写（0.9 即 90%）',
  description: '完成率、合格率、满意度等写作“0.9”或“≥0.9%”，多半是把比例 0.9（即 90%）当作百分数填写；上限（≤0.5%）和差错率、发生率等本来就小的比率不提示。',
  criterion: '明确性',
  check(ctx) {
    const out: FindingDraft[] = [];
    for (const e of ctx.rows()) {
      const t = ratioTypo(ctx, e);
      if (!t) continue;
      const v = e.value as QuantityValue;
      const read = v.percent ? `按百分数是 ${v.numberText}%` : '没有计量单位';
      out.push({
        message:
          `${ctx.at(e)} 的指标值 ${q(v.raw.trim())} ${read}，${t.reason}，像是按比例填写的（${v.numberText} 即 ${times100(v.numberText)}%），` +
          `应为 ${q(t.replacement)}；如确为 ${v.numberText}%，请填写说明`,
        field: `${e.path}.value`,
        period: e.period,
        row: e.index,
        fix: { description: `改为${q(t.replacement)}（×100）`, patch: { path: `${e.path}.value`, value: t.replacement, expect: e.row.value } },
      });
    }
    return out;
  },
};
