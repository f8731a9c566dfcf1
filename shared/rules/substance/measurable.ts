// 明确性: a target the reviewer can check. 产出, 成本 and 满意度 indicators carry a figure or
// a date; 效益 may be words, but not vague ones; a 成本指标 of `据实支付` is no cost target.
// Guidance: 财预〔2015〕88号 / 财预〔2021〕101号 (绩效指标应细化、量化，可衡量).
import type { FindingDraft, IndicatorEntry, ProjectContext, ProjectRule } from '../types.ts';
import { anyWord, atValue, budgetCeiling, q } from './common.ts';
import type { IndicatorGroup } from '../groups.ts';
import { suggestValues } from './suggestions.ts';

/** 社会成本 / 生态环境成本 may be written in words (`无负面影响`); 经济成本 may not. */
const isWordedCostAllowed = (e: IndicatorEntry): boolean => /社会成本|生态环境成本/.test(e.row.level2);

const MEASURED_GROUPS: ReadonlySet<IndicatorGroup> = new Set(['quantity', 'quality', 'timeliness', 'cost', 'satisfaction']);

function words(e: IndicatorEntry): string | null {
  return e.value.kind === 'qualitative' ? e.value.text : null;
}

/** A 成本指标 written as a placeholder (`实际情况`, `据实拨付`): words only, no figure. */
export function isCostPlaceholder(ctx: ProjectContext, e: IndicatorEntry, group = e.group): boolean {
  const text = words(e);
  if (text === null || group !== 'cost' || isWordedCostAllowed(e) || /\d/.test(text)) return false;
  return anyWord(ctx.params.costPlaceholderWords).test(text);
}

export const measurableValue: ProjectRule = {
  code: 'R-MEASURABLE',
  severity: 'warning',
  scope: 'project',
  criterion: '明确性',
  title: '产出、成本、满意度指标填写数值或日期',
  description: '绩效指标应细化、量化（财预〔2015〕88号、财预〔2021〕101号）：数量、质量、时效、成本和满意度指标的指标值是数值（带计量单位）或日期，文字描述无法衡量。',
  check(ctx) {
    const out: FindingDraft[] = [];
    for (const e of ctx.rows()) {
      const group = e.group;
      if (words(e) === null || !MEASURED_GROUPS.has(group) || (group === 'cost' && isWordedCostAllowed(e))) continue;
      if (isCostPlaceholder(ctx, e, group)) continue; // R-COST-PLACEHOLDER
      const tips = suggestValues(ctx, e);
      const what = group === 'satisfaction' ? '没有给出满意度水平' : '是文字描述，无法衡量是否达到';
      const source = group === 'cost' ? '至少写“≤预算数”' : tips.sameName ? '指标库中同名指标的常用值' : `指标库中${e.row.level2.trim()}的常用值`;
      const tip = tips.values.length ? `；${source}：${tips.values.map(q).join('、')}` : '（如“≥95%”“100%”“≥12次”或完成日期）';
      // One-click only for the same indicator's own values: a generic one may not fit this name.
      const first = tips.sameName ? tips.values[0] : undefined;
      out.push(
        atValue(
          e,
          `${ctx.at(e)} 的指标值 ${q(e.row.value)} ${what}，${group === 'satisfaction' ? '满意度' : '产出和成本'}指标应填写数值（带计量单位）或日期${tip}`,
          first !== undefined
            ? { description: `改为${q(first)}`, patch: { path: `${e.path}.value`, value: first, expect: e.row.value } }
            : undefined,
        ),
      );
    }
    return out;
  },
};

export const vagueBenefit: ProjectRule = {
  code: 'R-VAGUE',
  severity: 'hint',
  scope: 'project',
  criterion: '明确性',
  explainable: true,
  title: '效益指标不用含糊的用语',
  description: '效益指标可以定性，但“有所提升”“进一步提高”“不断完善”之类无从考核：写明达到的程度或等级，或改为可衡量的数值。',
  check(ctx) {
    const out: FindingDraft[] = [];
    for (const e of ctx.rows()) {
      const group = e.group;
      const text = words(e);
      if (text === null || group !== 'benefit' || /\d/.test(text)) continue;
      // The list's first word found names the finding; the one expression rules most rows out.
      const word = anyWord(ctx.params.vagueWords).test(text) ? ctx.params.vagueWords.find((w) => text.includes(w)) : undefined;
      if (word === undefined) continue;
      out.push(
        atValue(
          e,
          `${ctx.at(e)} 的指标值 ${q(e.row.value)} 用语含糊（${q(word)}），无从考核：请写明达到的程度或等级（如“较上年提高5个百分点”“≥90%”“好”），或说明考核方法`,
        ),
      );
    }
    return out;
  },
};

export const costPlaceholder: ProjectRule = {
  code: 'R-COST-PLACEHOLDER',
  severity: 'warning',
  scope: 'project',
  criterion: '明确性',
  title: '成本指标不写“实际情况”“据实支付”',
  description: '成本指标要给出成本上限；“实际情况”“据实拨付”不是成本目标，至少写“≤预算数”。',
  check(ctx) {
    const out: FindingDraft[] = [];
    for (const e of ctx.rows()) {
      const group = e.group;
      if (group !== 'cost' || !isCostPlaceholder(ctx, e, group)) continue;
      const budget = ctx.filing.periods[e.period]?.funding.total ?? null;
      const ceiling = budget !== null && budget > 0 ? budgetCeiling(ctx, budget) : null;
      out.push(
        atValue(
          e,
          `${ctx.at(e)} 的指标值 ${q(e.row.value)} 不是成本目标：成本指标应写成本上限` +
            (ceiling ? `，至少写“≤预算数”（${q(ceiling)}），能测算单位成本的写单位成本` : '（如“≤预算数”）'),
          ceiling
            ? { description: `改为${q(ceiling)}（不超过预算数）`, patch: { path: `${e.path}.value`, value: ceiling, expect: e.row.value } }
            : undefined,
        ),
      );
    }
    return out;
  },
};

export const MEASURABLE_RULES: readonly ProjectRule[] = [measurableValue, vagueBenefit, costPlaceholder];
