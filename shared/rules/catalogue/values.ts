// 指标值: format, percentages, normalisation, cost against budget, timeliness, satisfaction.
import { applyFix as applyValueFix, type ValueFixCode } from '../../indicator-value/index.ts';
import type { FindingDraft, ProjectRule } from '../types.ts';
import { amount, fixOf, isCost, isSatisfaction, isTimeliness, q, rowFixOf, valueFix } from './helpers.ts';
import { ratioTypo } from './ratio.ts';

const GE_100: readonly ValueFixCode[] = ['ge-100'];
const PERCENT_WORD: readonly ValueFixCode[] = ['percent-word'];

export const valueFormat: ProjectRule = {
  code: 'R-VALUE-FORMAT',
  severity: 'warning',
  scope: 'project',
  title: '定量指标值由比较符、数值和计量单位组成',
  description: '数值后面附带的说明文字应写入指标描述；数值应带计量单位。',
  check(ctx) {
    const out: FindingDraft[] = [];
    for (const e of ctx.rows()) {
      const v = e.value;
      if ((v.kind !== 'quantity' && v.kind !== 'duration') || (v.note === undefined && v.unit !== '')) continue;
      if (ratioTypo(ctx, e)) continue; // a bare 0.9 on a rate: R-VALUE-RATIO says it, with the ×100 fix
      const base = { field: `${e.path}.value`, period: e.period, row: e.index };
      if (v.note !== undefined) {
        out.push({
          ...base,
          message: `${ctx.at(e)} 的指标值 ${q(v.raw)} 在数值之后还有文字 ${q(v.note)}，请只填写比较符、数值和计量单位，说明写入指标描述`,
        });
      } else if (v.unit === '') {
        out.push({ ...base, message: `${ctx.at(e)} 的指标值 ${q(v.raw)} 缺少计量单位` });
      }
    }
    return out;
  },
};

export const percentRange: ProjectRule = {
  code: 'R-VALUE-PERCENT-RANGE',
  severity: 'error',
  scope: 'project',
  title: '百分比在 0%—100% 之间',
  check(ctx) {
    const out: FindingDraft[] = [];
    for (const e of ctx.rows()) {
      const v = e.value;
      if (v.kind !== 'quantity' || !v.percent) continue;
      const hi = v.upper?.number ?? v.number;
      const over = hi > 100 || (v.comparator === '>' && v.number >= 100);
      if (!over) continue;
      out.push({
        message: `${ctx.at(e)} 的指标值 ${q(v.raw)} 超过 100%`,
        field: `${e.path}.value`,
        period: e.period,
        row: e.index,
      });
    }
    return out;
  },
};

export const ge100: ProjectRule = {
  code: 'R-VALUE-GE100',
  severity: 'hint',
  scope: 'project',
  title: '“≥100%”写作“100%”',
  description: '比率不会超过 100%，“≥100%”就是“100%”。',
  check(ctx) {
    const out: FindingDraft[] = [];
    for (const e of ctx.rows()) {
      const f = rowFixOf(e, GE_100);
      if (!f) continue;
      out.push({
        message: `${ctx.at(e)} 的指标值 ${q(e.row.value)} 建议写作 ${q(f.replacement)}`,
        field: `${e.path}.value`,
        period: e.period,
        row: e.index,
        fix: valueFix(e, f),
      });
    }
    return out;
  },
};

export const percentWord: ProjectRule = {
  code: 'R-VALUE-PERCENT-WORD',
  severity: 'warning',
  scope: 'project',
  title: '“百分比”写作“%”',
  check(ctx) {
    const out: FindingDraft[] = [];
    for (const e of ctx.rows()) {
      const f = rowFixOf(e, PERCENT_WORD);
      if (!f) continue;
      out.push({
        message: `${ctx.at(e)} 的指标值 ${q(e.row.value)} 用了“百分比”，应写作 ${q(f.replacement)}`,
        field: `${e.path}.value`,
        period: e.period,
        row: e.index,
        fix: valueFix(e, f),
      });
    }
    return out;
  },
};

const NORMALISE_CODES: ValueFixCode[] = ['latex', 'comparator-symbol', 'full-width', 'spaces'];

export const normalise: ProjectRule = {
  code: 'R-VALUE-NORMALISE',
  severity: 'hint',
  scope: 'project',
  title: '指标值写法规范（比较符、半角字符、空格）',
  description: '“>=”写作“≥”，全角数字和符号改为半角，去掉多余空格和排版残留符号。',
  check(ctx) {
    const out: FindingDraft[] = [];
    for (const e of ctx.rows()) {
      // Apply every normalisation of this kind in turn: one finding, one fix per value.
      let text = e.row.value;
      const applied: string[] = [];
      for (let guard = 0; guard < 6; guard++) {
        const f = guard === 0 ? rowFixOf(e, NORMALISE_CODES) : fixOf(text, NORMALISE_CODES);
        if (!f) break;
        applied.push(f.message);
        text = applyValueFix(text, f);
      }
      if (applied.length === 0 || text === e.row.value) continue;
      out.push({
        message: `${ctx.at(e)} 的指标值 ${q(e.row.value)} 写法不规范，建议改为 ${q(text)}`,
        field: `${e.path}.value`,
        period: e.period,
        row: e.index,
        fix: {
          description: `改为${q(text)}`,
          patch: { path: `${e.path}.value`, value: text, expect: e.row.value },
        },
      });
    }
    return out;
  },
};

export const costBudget: ProjectRule = {
  code: 'R-COST-BUDGET',
  severity: 'error',
  scope: 'project',
  title: '成本指标的上限不超过本表预算',
  description: '元、万元、亿元换算后比较；按人、按月等单价（元/人/年）不与预算比较。',
  check(ctx) {
    const out: FindingDraft[] = [];
    for (const e of ctx.rows()) {
      const v = e.value;
      if (!isCost(e) || v.kind !== 'quantity' || !v.money || v.money.perUnit) continue;
      if (v.comparator === '≥' || v.comparator === '>') continue; // R-COST-FLOOR
      const budget = amount(ctx.filing, e.period, 'total');
      if (budget === null) continue;
      const ceiling = v.money.upperFen ?? v.money.fen;
      if (ceiling <= budget) continue;
      out.push({
        message:
          `${ctx.at(e)} 的指标值 ${q(v.raw)}（即 ${ctx.money(ceiling)}）超过本表` +
          `${q(ctx.fieldLabel(`periods.${e.period}.funding.total`))} ${ctx.money(budget)}，请核对金额或单位（元/万元）`,
        field: `${e.path}.value`,
        period: e.period,
        row: e.index,
      });
    }
    return out;
  },
};

export const costFloor: ProjectRule = {
  code: 'R-COST-FLOOR',
  severity: 'warning',
  scope: 'project',
  title: '成本指标一般用“≤”设上限',
  description: '成本指标控制支出上限，“≥”表示至少花多少，通常是写反了。',
  check(ctx) {
    const out: FindingDraft[] = [];
    for (const e of ctx.rows()) {
      const v = e.value;
      if (!isCost(e) || v.kind !== 'quantity' || !v.money) continue;
      if (v.comparator !== '≥' && v.comparator !== '>') continue;
      // No one-click fix: a floor can be meant (a subsidy standard “≥610元/人”); the user
      // either turns it into a ceiling or explains.
      out.push({
        message: `${ctx.at(e)} 是成本指标，指标值 ${q(v.raw)} 用了下限“${v.comparatorText}”，成本指标通常用“≤”设上限；如确为下限（如补助标准），请填写说明`,
        field: `${e.path}.value`,
        period: e.period,
        row: e.index,
      });
    }
    return out;
  },
};

export const timelinessKind: ProjectRule = {
  code: 'R-TIME-VALUE',
  severity: 'hint',
  scope: 'project',
  title: '时效指标填写日期或时限',
  description: '时效指标的指标值一般是完成日期（2025年12月31日前）或时限（≤30个工作日）。',
  check(ctx) {
    const out: FindingDraft[] = [];
    for (const e of ctx.rows()) {
      if (!isTimeliness(e)) continue;
      const k = e.value.kind;
      if (k === 'date' || k === 'duration' || k === 'empty' || k === 'notApplicable') continue;
      if (k === 'quantity' && e.value.kind === 'quantity' && (e.value.percent || e.value.unit !== '')) continue; // 及时率 ≥95%, ≥12次
      out.push({
        message: `${ctx.at(e)} 是时效指标，指标值 ${q(e.row.value)} 不是日期或时限`,
        field: `${e.path}.value`,
        period: e.period,
        row: e.index,
      });
    }
    return out;
  },
};

export const satisfactionLow: ProjectRule = {
  code: 'R-SAT-LOW',
  severity: 'warning',
  scope: 'project',
  title: '满意度目标不低于 80%',
  description: '满意度目标通常为 80%—95%；阈值可由地区配置。',
  check(ctx) {
    const out: FindingDraft[] = [];
    for (const e of ctx.rows()) {
      const v = e.value;
      if (!isSatisfaction(e) || v.kind !== 'quantity' || !v.percent) continue;
      if (ratioTypo(ctx, e)) continue; // ≥0.9%: R-VALUE-RATIO offers ≥90%
      if (v.comparator === '≤' || v.comparator === '<') {
        out.push({
          message: `${ctx.at(e)} 的满意度指标值 ${q(v.raw)} 用了上限“${v.comparatorText}”，满意度应设下限（≥）`,
          field: `${e.path}.value`,
          period: e.period,
          row: e.index,
        });
        continue;
      }
      if (v.number >= ctx.params.satisfactionMin) continue;
      out.push({
        message: `${ctx.at(e)} 的满意度指标值 ${q(v.raw)} 低于 ${ctx.params.satisfactionMin}%`,
        field: `${e.path}.value`,
        period: e.period,
        row: e.index,
      });
    }
    return out;
  },
};
