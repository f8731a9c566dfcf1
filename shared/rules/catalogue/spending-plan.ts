// 资金支出计划: the quarterly spending progress.
import { parseIndicatorValue } from '../../indicator-value/index.ts';
import type { FindingDraft, ProjectRule } from '../types.ts';
import { isBlank, q } from './helpers.ts';

const PLAN_KEYS = ['mar', 'jun', 'oct', 'dec'] as const;
const PLAN_LABELS: Record<(typeof PLAN_KEYS)[number], string> = { mar: '3月底', jun: '6月底', oct: '10月底', dec: '12月底' };

export const spendingPlan: ProjectRule = {
  code: 'R-SPEND-PLAN',
  severity: 'error',
  scope: 'project',
  title: '资金支出计划逐期不减少且 12 月底为 100%',
  description: '累计支出进度；尚未开始支出的前几期可以空着（视为 0%）。',
  check(ctx) {
    if (!ctx.template.fields.includes('spendingPlan')) return [];
    const plan = ctx.filing.spendingPlan;
    const out: FindingDraft[] = [];
    const label = `${ctx.table} 资金支出计划`;
    if (PLAN_KEYS.every((k) => isBlank(plan[k]))) {
      return [{ message: `${label}未填写`, field: 'spendingPlan' }];
    }
    let prev: number | null = null;
    let prevKey: (typeof PLAN_KEYS)[number] | null = null;
    let started = false;
    for (const k of PLAN_KEYS) {
      const raw = plan[k];
      const field = `spendingPlan.${k}`;
      if (isBlank(raw)) {
        if (started) out.push({ message: `${label} ${PLAN_LABELS[k]} 未填写（之前各期已填写）`, field });
        continue;
      }
      started = true;
      const v = parseIndicatorValue(raw);
      if (v.kind !== 'quantity' || !v.percent || v.comparator !== null || v.note !== undefined || v.upper !== undefined) {
        // A bare number from 0 to 100 (“25”) is the percentage without its sign.
        const bare = v.kind === 'quantity' && !v.unit && v.comparator === null && v.note === undefined && v.upper === undefined && !v.label && v.number >= 0 && v.number <= 100;
        const value = bare ? `${v.numberText}%` : '';
        out.push({
          message: `${label} ${PLAN_LABELS[k]} ${q(raw)} 不是百分比（如“50%”）`,
          field,
          ...(bare ? { fix: { description: `改为${q(value)}`, patch: { path: field, value, expect: raw } } } : {}),
        });
        continue;
      }
      if (v.number < 0 || v.number > 100) {
        out.push({ message: `${label} ${PLAN_LABELS[k]} ${q(raw)} 超出 0%—100%`, field });
        continue;
      }
      if (prev !== null && prevKey !== null && v.number < prev) {
        out.push({
          message: `${label} ${PLAN_LABELS[k]} ${q(raw)} 小于 ${PLAN_LABELS[prevKey]} 的 ${prev}%（累计进度不能减少）`,
          field,
        });
      }
      prev = v.number;
      prevKey = k;
    }
    const dec = parseIndicatorValue(plan.dec);
    if (!isBlank(plan.dec) && dec.kind === 'quantity' && dec.percent && dec.number !== 100 && dec.number <= 100) {
      out.push({
        message: `${label} 12月底 应为 100%（全年预算执行完毕），现为 ${q(plan.dec)}`,
        field: 'spendingPlan.dec',
        fix: { description: '12月底改为“100%”', patch: { path: 'spendingPlan.dec', value: '100%', expect: plan.dec } },
      });
    } else if (isBlank(plan.dec)) {
      out.push({ message: `${label} 12月底 未填写（应为 100%）`, field: 'spendingPlan.dec' });
    }
    return out;
  },
};
