// A new, blank project table as a user expects it: the template's periods, and under each
// the indicator groups nearly every table fills (产出/数量, 质量, 时效, 成本; 效益/社会效益;
// 满意度/服务对象满意度) with one empty 三级 row each, ready to be typed into.
import { projectFilingSchema, type ProjectFiling, type Unit } from '../../shared/model/filing.ts';
import { getTemplate, type TemplateDef } from '../../shared/templates/index.ts';
import { defaultIndicatorGroups } from '../../shared/library/standard.ts';

export function blankFiling(
  template: TemplateDef,
  unit: Unit,
  year: number,
  name: string,
  ids: { project: string; row: () => string },
): ProjectFiling {
  const groups = defaultIndicatorGroups(template.indicatorSystem);
  const periods: Record<string, unknown> = {};
  for (const p of template.periods) {
    periods[p] = {
      rangeLabel: p === 'midterm' ? `${year} 年 1 月—${year} 年 6 月` : '',
      indicators: groups.map((g) => ({ id: ids.row(), level1: g.level1, level2: g.level2, name: '', value: '' })),
    };
  }
  const usesImplementingUnit = template.fields.includes('implementingUnit');
  return projectFilingSchema.parse({
    id: ids.project,
    templateId: template.id,
    ...(template.indicatorSystem !== getTemplate(template.id)?.indicatorSystem ? { indicatorSystem: template.indicatorSystem } : {}),
    unitCode: unit.code,
    year,
    seq: 0,
    status: 'draft',
    name: name.trim(),
    implementingUnit: usesImplementingUnit ? unit.name : '',
    periods,
  });
}
