// 转换表样: a table converted to another layout and/or indicator system by a mapping kept as
// data (periods, funding lines, fields, indicator columns, 一级/二级 of the systems). What has
// no place in the target is listed (the user confirms it; the service logs it) and cleared.
import { PERIOD_LABELS, fundingSchema, type Funding, type FundingKey, type IndicatorRow, type PeriodKey, type ProjectFiling } from '../model/filing.ts';
import { sumMoney } from '../model/money.ts';
import { INDICATOR_COLUMN_LABELS, getTemplate } from '../templates/index.ts';
import { fieldLabel } from '../templates/labels.ts';
import type { IndicatorColumn, IndicatorSystemId, ProjectField, TemplateDef } from '../templates/types.ts';
import { SYSTEM_SHORT_LABELS, filingSystem } from './unit-year.ts';

/** A period of the source with no equal in the target goes to this one, if the target has it. */
export const PERIOD_MAP: Partial<Record<PeriodKey, PeriodKey>> = { midterm: 'implementation', implementation: 'midterm' };

/** Funding lines the target lacks are added into this line of the target (C's sources → 财政资金 / 其他资金). */
export const FUNDING_FOLD: Partial<Record<FundingKey, FundingKey>> = {
  central: 'fiscal',
  provincial: 'fiscal',
  local: 'fiscal',
  selfRaised: 'other',
};

/** Text fields the target lacks that have a near equal there (资金用途 ↔ 项目概况). */
export const FIELD_MOVES: ReadonlyArray<{ from: string; to: string; needs: ProjectField; lacks: ProjectField }> = [
  { from: 'fundUse', to: 'prose.overview', needs: 'prose', lacks: 'fundUse' },
  { from: 'prose.overview', to: 'fundUse', needs: 'fundUse', lacks: 'prose' },
];

/** Filing paths each optional field of a template holds (supervisor comes from the unit). */
const FIELD_PATHS: Record<ProjectField, string[]> = {
  projectCode: ['projectCode'],
  implementingUnit: ['implementingUnit'],
  supervisor: [],
  attribute: ['attribute'],
  duration: ['duration'],
  fundUse: ['fundUse'],
  spendingPlan: ['spendingPlan.mar', 'spendingPlan.jun', 'spendingPlan.oct', 'spendingPlan.dec'],
  prose: ['prose.overview', 'prose.basis', 'prose.necessity', 'prose.measures', 'prose.plan'],
  footer: ['footer.head', 'footer.handler', 'footer.phone', 'footer.date'],
};

/** 一级/二级 of one system as the other has them; rows not listed keep their 一级/二级. */
export const SYSTEM_MAP: Record<`${IndicatorSystemId}>${IndicatorSystemId}`, ReadonlyArray<{ from: [string, string]; to: [string, string] }>> = {
  'legacy>caiyu2021': [{ from: ['产出指标', '成本指标'], to: ['成本指标', '经济成本指标'] }],
  'caiyu2021>legacy': [
    { from: ['成本指标', '经济成本指标'], to: ['产出指标', '成本指标'] },
    { from: ['成本指标', '社会成本指标'], to: ['产出指标', '成本指标'] },
    { from: ['成本指标', '生态环境成本指标'], to: ['产出指标', '成本指标'] },
  ],
  'legacy>legacy': [],
  'caiyu2021>caiyu2021': [],
};

export interface ConversionLoss {
  /** Where it was (`periods.midterm`, `fundUse`, `periods.annual.indicators[2].standard`). */
  path: string;
  /** Chinese: what it is and what it held. */
  label: string;
  value: unknown;
}

export interface ConversionPlan {
  from: { templateId: string; indicatorSystem: IndicatorSystemId };
  to: { templateId: string; indicatorSystem: IndicatorSystemId };
  /** The mapping applied, one Chinese line each (`中期 → 实施期`). */
  mapping: string[];
  /** What has no place in the target (cleared by the conversion). */
  losses: ConversionLoss[];
  filing: ProjectFiling;
}

const blank = (v: unknown): boolean => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
const short = (v: unknown): string => {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 30 ? `${s.slice(0, 30)}…` : s;
};

function getPath(o: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), o);
}
function setPath(o: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  const last = keys.pop()!;
  let at = o;
  for (const k of keys) at = at[k] as Record<string, unknown>;
  at[last] = value;
}

function convertFunding(
  funding: Funding,
  src: TemplateDef,
  dst: TemplateDef,
  where: string,
  mapping: Set<string>,
  losses: ConversionLoss[],
): Funding {
  const out = { ...fundingSchema.parse({}) };
  for (const k of dst.fundingLines) if (src.fundingLines.includes(k)) out[k] = funding[k];
  for (const k of src.fundingLines) {
    if (dst.fundingLines.includes(k) || funding[k] === null) continue;
    const into = FUNDING_FOLD[k];
    if (into && dst.fundingLines.includes(into) && !src.fundingLines.includes(into)) {
      out[into] = sumMoney([out[into], funding[k]]);
      mapping.add(`${fieldLabel(src, `periods.annual.funding.${k}`)} → ${fieldLabel(dst, `periods.annual.funding.${into}`)}`);
    } else {
      losses.push({ path: `${where}.funding.${k}`, label: `${fieldLabel(src, `periods.annual.funding.${k}`)}（表样 ${dst.id} 无此栏）`, value: funding[k] });
    }
  }
  return out;
}

function convertRows(
  rows: readonly IndicatorRow[],
  src: TemplateDef,
  dst: TemplateDef,
  where: string,
  mapping: Set<string>,
  losses: ConversionLoss[],
): IndicatorRow[] {
  const key = `${src.indicatorSystem}>${dst.indicatorSystem}` as const;
  const moves = SYSTEM_MAP[key];
  const dropped = (['description', 'basis', 'standard'] as const).filter((c: IndicatorColumn) => src.indicatorColumns.includes(c) && !dst.indicatorColumns.includes(c));
  return rows.map((r, i) => {
    const next = { ...r };
    const m = moves.find((x) => x.from[0] === r.level1.trim() && x.from[1] === r.level2.trim());
    if (m) {
      [next.level1, next.level2] = m.to;
      mapping.add(`${m.from.join('/')} → ${m.to.join('/')}`);
    }
    for (const c of dropped) {
      if (blank(r[c])) continue;
      losses.push({ path: `${where}.indicators[${i}].${c}`, label: `“${r.name.trim() || `第 ${i + 1} 行`}”的${INDICATOR_COLUMN_LABELS[c]}（表样 ${dst.id} 无此栏）：${short(r[c])}`, value: r[c] });
      next[c] = '';
    }
    return next;
  });
}

/** The plan of converting `filing` to layout `templateId` and `system` (pure; nothing stored). */
export function planConversion(filing: ProjectFiling, templateId: string, system: IndicatorSystemId): ConversionPlan {
  const layout = getTemplate(filing.templateId);
  const target = getTemplate(templateId);
  if (!layout) throw new Error(`未知的模板“${filing.templateId}”`);
  if (!target) throw new Error(`未知的模板“${templateId}”`);
  const src: TemplateDef = { ...layout, indicatorSystem: filingSystem(filing, layout) };
  const dst: TemplateDef = { ...target, indicatorSystem: system };
  const mapping = new Set<string>();
  const losses: ConversionLoss[] = [];
  const out = structuredClone(filing) as ProjectFiling & Record<string, unknown>;
  // Periods: kept, mapped (中期 ↔ 实施期) or lost.
  const periods: ProjectFiling['periods'] = {};
  for (const p of src.periods) {
    const data = filing.periods[p];
    if (!data) continue;
    const to = dst.periods.includes(p) ? p : PERIOD_MAP[p] && dst.periods.includes(PERIOD_MAP[p]) ? PERIOD_MAP[p] : undefined;
    if (!to) {
      const n = data.indicators.length;
      losses.push({ path: `periods.${p}`, label: `${PERIOD_LABELS[p]}的目标、资金和 ${n} 行指标（表样 ${dst.id} 只有${dst.periods.map((x) => PERIOD_LABELS[x]).join('、')}）`, value: data });
      continue;
    }
    if (to !== p) mapping.add(`${PERIOD_LABELS[p]} → ${PERIOD_LABELS[to]}`);
    const rangeLabel = to === 'midterm' && !data.rangeLabel ? `${filing.year} 年 1 月—${filing.year} 年 6 月` : to === 'midterm' ? data.rangeLabel : '';
    if (to !== 'midterm' && data.rangeLabel) losses.push({ path: `periods.${p}.rangeLabel`, label: `${PERIOD_LABELS[p]}的目标期间：${data.rangeLabel}`, value: data.rangeLabel });
    periods[to] = {
      ...data,
      rangeLabel,
      funding: convertFunding(data.funding, src, dst, `periods.${p}`, mapping, losses),
      indicators: convertRows(data.indicators, src, dst, `periods.${p}`, mapping, losses),
    };
  }
  out.periods = periods;
  // Fields: moved where the target has a near equal, else lost.
  for (const f of src.fields) {
    if (dst.fields.includes(f)) continue;
    for (const path of FIELD_PATHS[f]) {
      const v = getPath(filing, path);
      if (blank(v)) continue;
      const move = FIELD_MOVES.find((m) => m.from === path && dst.fields.includes(m.needs) && !dst.fields.includes(m.lacks));
      if (move && blank(getPath(out, move.to))) {
        setPath(out, move.to, v);
        mapping.add(`${fieldLabel(src, path)} → ${fieldLabel(dst, move.to)}`);
      } else {
        losses.push({ path, label: `${fieldLabel(src, path)}（表样 ${dst.id} 无此栏）：${short(v)}`, value: v });
      }
      setPath(out, path, '');
    }
  }
  out.templateId = dst.id;
  if (dst.indicatorSystem === target.indicatorSystem) delete out.indicatorSystem;
  else out.indicatorSystem = dst.indicatorSystem;
  if (src.id !== dst.id) mapping.add(`表样 ${src.id} → 表样 ${dst.id}`);
  if (src.indicatorSystem !== dst.indicatorSystem) mapping.add(`指标体系 ${SYSTEM_SHORT_LABELS[src.indicatorSystem]} → ${SYSTEM_SHORT_LABELS[dst.indicatorSystem]}`);
  return {
    from: { templateId: src.id, indicatorSystem: src.indicatorSystem },
    to: { templateId: dst.id, indicatorSystem: dst.indicatorSystem },
    mapping: [...mapping],
    losses,
    filing: out,
  };
}
