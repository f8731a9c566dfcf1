// Registry of template definitions and helpers that read them.
import type { IndicatorColumn, TemplateDef } from './types.ts';
import { TEMPLATE_A, TEMPLATE_B, TEMPLATE_C, TEMPLATE_D } from './definitions.ts';

export * from './types.ts';
export { INDICATOR_SYSTEMS, basisKindOf } from './indicator-systems.ts';
export { checkTemplateShape } from './shape.ts';

export const TEMPLATES: readonly TemplateDef[] = [TEMPLATE_A, TEMPLATE_B, TEMPLATE_C, TEMPLATE_D];

const byId = new Map(TEMPLATES.map((t) => [t.id, t]));

export function getTemplate(id: string): TemplateDef | undefined {
  return byId.get(id);
}


/** Header texts of indicator columns as the forms print them. */
export const INDICATOR_COLUMN_LABELS: Record<IndicatorColumn, string> = {
  level1: '一级指标',
  level2: '二级指标',
  name: '三级指标',
  description: '绩效指标描述',
  value: '指标值',
  basis: '指标值确定依据',
  standard: '绩效标准',
};

/** `万元` or `元`, as printed in `单位：万元`. */
export function amountUnitLabel(t: TemplateDef): string {
  return t.amount.unit === 'wanyuan' ? '万元' : '元';
}
