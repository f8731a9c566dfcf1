// The Chinese names of a template's fields, as its printed table shows them: used by
// 审核 messages, the handover diff and the form.
import { PERIOD_LABELS, type PeriodKey } from '../model/filing.ts';
import type { TemplateDef } from './types.ts';

const FIELD_LABELS: Record<string, string> = {
  name: '项目名称',
  projectCode: '项目编码',
  implementingUnit: '实施单位',
  attribute: '项目属性',
  duration: '项目期',
  fundUse: '资金用途',
  spendingPlan: '资金支出计划',
  'spendingPlan.mar': '3月底支出进度',
  'spendingPlan.jun': '6月底支出进度',
  'spendingPlan.oct': '10月底支出进度',
  'spendingPlan.dec': '12月底支出进度',
  'prose.overview': '项目概况',
  'prose.basis': '立项依据',
  'prose.necessity': '项目设立必要性',
  'prose.measures': '保证项目实施的制度、措施',
  'prose.plan': '项目实施计划',
  'footer.head': '负责人',
  'footer.handler': '经办人',
  'footer.phone': '联系电话',
  'footer.date': '填报日期',
};

const FUNDING_LABELS: Record<string, string> = {
  total: '资金总额',
  fiscal: '财政资金',
  central: '中央财政资金',
  provincial: '省级财政资金',
  local: '市县（区）财政资金',
  selfRaised: '单位自筹',
  other: '其他资金',
};

/** The label printed before a field in its row of the template's layout, if any. */
function layoutLabel(template: TemplateDef, path: string): string | null {
  for (const block of template.layout.blocks) {
    if (block.kind !== 'rows') continue;
    for (const row of block.rows) {
      let label: string | null = null;
      for (const cell of row.cells) {
        if ('text' in cell) label = cell.text;
        else if (cell.field === path) return label;
        else label = null;
      }
    }
  }
  return null;
}

const labelCache = new WeakMap<TemplateDef, Map<string, string>>();

/** The Chinese name of a field as the template's table prints it (memoised per template). */
export function fieldLabel(template: TemplateDef, path: string): string {
  let cache = labelCache.get(template);
  if (!cache) labelCache.set(template, (cache = new Map()));
  let label = cache.get(path);
  if (label === undefined) cache.set(path, (label = fieldLabelUncached(template, path)));
  return label;
}

function fieldLabelUncached(template: TemplateDef, path: string): string {
  const m = /^periods\.(\w+)\.(funding\.(\w+)|goal|rangeLabel|indicators)$/.exec(path);
  const period = m?.[1] as PeriodKey | undefined;
  const periodWord = period && template.periods.length > 1 ? PERIOD_LABELS[period] ?? '' : '';
  let label = layoutLabel(template, path);
  if (label !== null) {
    label = label.replace(/^其中[:：]\s*/, '').replace(/[:：]\s*$/, '').replace(/\s+/g, '');
    if (periodWord && !label.includes(periodWord)) label = periodWord + label;
    return label;
  }
  if (m && period) {
    if (m[3]) return periodWord + (FUNDING_LABELS[m[3]] ?? m[3]);
    if (m[2] === 'goal') return periodWord ? `${periodWord}目标` : '绩效目标';
    if (m[2] === 'rangeLabel') return `${periodWord}目标期间`;
    return `${periodWord}绩效指标`;
  }
  return FIELD_LABELS[path] ?? path;
}
