// 复制上年 (a whole year or one table) into a unit-year whose settings say another layout or
// 指标体系 than the source table's: the copy follows the unit-year's settings, as import and a new
// table do. The source is converted by the 转换表样 mapping (shared/settings/conversion.ts) before
// it is copied, so the copied values (moved ones included) carry their 结转 marks; what has no
// place in the target is not copied, is listed to the user (before copying and in the result)
// and is recorded in the audit log (`copy.convert`). The source table itself is not changed.
import type { ProjectFiling } from '../../shared/model/filing.ts';
import type { CopyConversion } from '../../shared/api/views.ts';
import type { UnitYearSettings } from '../../shared/settings/unit-year.ts';
import { planConversion } from '../../shared/settings/conversion.ts';
import { getTemplate } from '../../shared/templates/index.ts';
import type { FilingStore } from '../store/store.ts';
import { unitYearSettingsOf } from './unit-year-settings.ts';

export type CopyTarget = Pick<UnitYearSettings, 'templateId' | 'indicatorSystem'>;

/**
 * The layout and 指标体系 copies into `toYear` follow: the unit-year's settings (stored, or what
 * its tables or last year's stored settings make them). A unit-year with none of these would take
 * the region's layout; it takes the first copied table's instead (what it would then be set to).
 */
export function copyTarget(store: FilingStore, unitCode: string, toYear: number, firstSource: ProjectFiling | undefined): CopyTarget {
  const view = unitYearSettingsOf(store, unitCode, toYear);
  const known = view.stored || store.listProjects(unitCode, toYear).length > 0 || store.unitYearSettings.get(unitCode, toYear - 1) !== null;
  const s = known || !firstSource ? view.settings : unitYearSettingsOf(store, unitCode, toYear, firstSource).settings;
  return { templateId: s.templateId, indicatorSystem: s.indicatorSystem };
}

/** The source as the target has it (converted if its layout or 指标体系 differs), and what converting did. */
export function inTarget(src: ProjectFiling, target: CopyTarget): { filing: ProjectFiling; conversion: CopyConversion | null } {
  if (!getTemplate(src.templateId) || !getTemplate(target.templateId)) return { filing: src, conversion: null };
  const plan = planConversion(src, target.templateId, target.indicatorSystem);
  if (plan.from.templateId === plan.to.templateId && plan.from.indicatorSystem === plan.to.indicatorSystem) return { filing: src, conversion: null };
  const { filing, ...rest } = plan;
  return { filing, conversion: { sourceId: src.id, seq: src.seq, name: src.name, ...rest } };
}

/** Audit row of a converted copy: where it came from, what had no place (old), the mapping (new). */
export function logCopyConversion(store: FilingStore, copy: ProjectFiling, c: CopyConversion, fromYear: number): void {
  store.logEvent('copy.convert', 'project', copy.id, { ...c.from, sourceId: c.sourceId, year: fromYear, losses: c.losses }, { ...c.to, mapping: c.mapping });
}

/** What copying these tables of `fromYear` into `toYear` would convert (nothing stored). */
export function previewCopy(store: FilingStore, unitCode: string, sources: readonly ProjectFiling[], toYear: number): { to: CopyTarget; tables: CopyConversion[] } {
  const to = copyTarget(store, unitCode, toYear, sources[0]);
  return { to, tables: sources.flatMap((s) => inTarget(s, to).conversion ?? []) };
}
