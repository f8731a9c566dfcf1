// Money: funding lines add up, sources, annual within the implementation period, amount precision.
import { FUNDING_KEYS, type FundingKey } from '../../model/filing.ts';
import type { FindingDraft, ProjectRule } from '../types.ts';
import { amount, q } from './helpers.ts';

export const fundSum: ProjectRule = {
  code: 'R-FUND-SUM',
  severity: 'error',
  scope: 'project',
  title: '财政资金 + 其他资金 = 预算数',
  check(ctx) {
    const lines = ctx.template.fundingLines;
    if (!lines.includes('total') || !lines.includes('fiscal')) return [];
    const out: FindingDraft[] = [];
    for (const p of ctx.periods) {
      const total = amount(ctx.filing, p, 'total');
      const fiscal = amount(ctx.filing, p, 'fiscal');
      const other = lines.includes('other') ? amount(ctx.filing, p, 'other') : null;
      if (total === null || (fiscal === null && other === null)) continue;
      const sum = (fiscal ?? 0) + (other ?? 0);
      if (sum === total) continue;
      const fl = ctx.fieldLabel(`periods.${p}.funding.fiscal`);
      const ol = ctx.fieldLabel(`periods.${p}.funding.other`);
      const tl = ctx.fieldLabel(`periods.${p}.funding.total`);
      const draft: FindingDraft = {
        message:
          `${ctx.table} ${q(tl)} ${ctx.money(total)} 不等于 ${q(fl)} ${ctx.money(fiscal ?? 0)}` +
          (lines.includes('other') ? ` + ${q(ol)} ${ctx.money(other ?? 0)}` : '') +
          `（相差 ${ctx.money(Math.abs(total - sum))}）`,
        field: `periods.${p}.funding.total`,
        period: p,
      };
      // One part blank and the rest positive: offer to fill the blank part — unless that part
      // would be an amount R-FUND-MAGNITUDE questions (预算数 80000 typed in 元 beside 30 万元:
      // filling 79970 万元 of 其他资金 would make the mistake add up).
      const tooBig = (fen: number) => ctx.template.amount.unit === 'wanyuan' && fen >= ctx.params.magnitudeWanyuanMax * 1_000_000;
      const fillable = !tooBig(total - (fiscal ?? 0)) && !tooBig(total - (other ?? 0));
      if (fillable && lines.includes('other') && other === null && fiscal !== null && total - fiscal > 0) {
        draft.fix = {
          description: `${ol}填为 ${ctx.money(total - fiscal)}`,
          patch: { path: `periods.${p}.funding.other`, value: total - fiscal, expect: null },
        };
      } else if (fillable && fiscal === null && other !== null && total - other >= 0) {
        draft.fix = {
          description: `${fl}填为 ${ctx.money(total - other)}`,
          patch: { path: `periods.${p}.funding.fiscal`, value: total - other, expect: null },
        };
      }
      out.push(draft);
    }
    return out;
  },
};

const SOURCE_KEYS: FundingKey[] = ['central', 'provincial', 'local', 'selfRaised', 'other'];

export const fundSources: ProjectRule = {
  code: 'R-FUND-SOURCES',
  severity: 'error',
  scope: 'project',
  title: '资金来源合计等于资金总额（实施期、年度分别核对）',
  check(ctx) {
    const lines = ctx.template.fundingLines;
    const keys = SOURCE_KEYS.filter((k) => lines.includes(k));
    // Only where the table breaks the total down by source (中央/省级/市县/自筹/其他).
    if (!lines.includes('total') || !keys.some((k) => k !== 'other')) return [];
    const out: FindingDraft[] = [];
    for (const p of ctx.periods) {
      const total = amount(ctx.filing, p, 'total');
      const parts = keys.map((k) => amount(ctx.filing, p, k));
      if (total === null || parts.every((x) => x === null)) continue;
      const sum = parts.reduce<number>((a, b) => a + (b ?? 0), 0);
      if (sum === total) continue;
      const detail = keys
        .map((k, i) => `${ctx.fieldLabel(`periods.${p}.funding.${k}`)} ${ctx.money(parts[i] ?? 0)}`)
        .join(' + ');
      out.push({
        message: `${ctx.table} ${q(ctx.fieldLabel(`periods.${p}.funding.total`))} ${ctx.money(total)} 不等于各来源合计 ${ctx.money(sum)}（${detail}）`,
        field: `periods.${p}.funding.total`,
        period: p,
      });
    }
    return out;
  },
};

export const annualWithinImplementation: ProjectRule = {
  code: 'R-FUND-ANNUAL-LE-IMPL',
  severity: 'error',
  scope: 'project',
  title: '年度资金不超过实施期资金',
  check(ctx) {
    if (!ctx.periods.includes('implementation') || !ctx.periods.includes('annual')) return [];
    const out: FindingDraft[] = [];
    for (const k of ctx.template.fundingLines) {
      const impl = amount(ctx.filing, 'implementation', k);
      const ann = amount(ctx.filing, 'annual', k);
      if (impl === null || ann === null || ann <= impl) continue;
      out.push({
        message: `${ctx.table} ${q(ctx.fieldLabel(`periods.annual.funding.${k}`))} ${ctx.money(ann)} 超过 ${q(ctx.fieldLabel(`periods.implementation.funding.${k}`))} ${ctx.money(impl)}`,
        field: `periods.annual.funding.${k}`,
        period: 'annual',
      });
    }
    return out;
  },
};

export const amountFormat: ProjectRule = {
  code: 'R-FUND-AMOUNT',
  severity: 'error',
  scope: 'project',
  title: '金额非负，万元最多两位小数、元为整数',
  check(ctx) {
    const { unit, decimals } = ctx.template.amount;
    // 1 元 = 100 分; 0.01 万元 = 100 元 = 10000 分. The smallest step the table can print:
    const stepFen = unit === 'yuan' ? 10 ** (2 - decimals) : 10 ** (6 - decimals);
    const what = unit === 'yuan' ? (decimals === 0 ? '整数元' : '两位小数（元）') : `${decimals} 位小数（万元）`;
    const out: FindingDraft[] = [];
    for (const p of ctx.periods) {
      for (const k of FUNDING_KEYS) {
        if (!ctx.template.fundingLines.includes(k)) continue;
        const v = amount(ctx.filing, p, k);
        if (v === null) continue;
        const field = `periods.${p}.funding.${k}`;
        if (!Number.isInteger(v) || v < 0) {
          out.push({ message: `${ctx.table} ${q(ctx.fieldLabel(field))} 不能为负数或非整数分`, field, period: p });
        } else if (v % stepFen !== 0) {
          out.push({
            message: `${ctx.table} ${q(ctx.fieldLabel(field))} 的金额精度超出表格格式（应为${what}）`,
            field,
            period: p,
          });
        }
      }
    }
    return out;
  },
};
