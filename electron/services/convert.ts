// 转换表样 of a stored table: the plan (mapping and what has no place, for the confirm
// dialog) and the conversion itself, saved over the expected revision with the losses in
// the audit log. The target defaults to the unit-year's settings.
import { planConversion, type ConversionPlan } from '../../shared/settings/conversion.ts';
import type { IndicatorSystemId } from '../../shared/templates/types.ts';
import { getTemplate } from '../../shared/templates/index.ts';
import type { FilingStore } from '../store/store.ts';
import type { ConversionPreview } from '../../shared/api/contract.ts';
import { conflictError, saveFiling, type SavedFiling } from './filing-edit.ts';
import { ServiceError, requireRecord } from './service-error.ts';
import type { EditOptions } from './status.ts';
import { unitYearSettingsOf } from './unit-year-settings.ts';

export interface ConversionTarget {
  templateId?: string | undefined;
  indicatorSystem?: IndicatorSystemId | undefined;
}


function plan(store: FilingStore, id: string, target: ConversionTarget): { plan: ConversionPlan; revision: number } {
  const rec = requireRecord(store, id);
  const s = unitYearSettingsOf(store, rec.filing.unitCode, rec.filing.year).settings;
  const templateId = target.templateId ?? s.templateId;
  if (!getTemplate(templateId)) throw new ServiceError(`未知的表样“${templateId}”`, 'INVALID');
  if (!getTemplate(rec.filing.templateId)) throw new ServiceError(`该表的模板“${rec.filing.templateId}”未知，无法转换`, 'INVALID');
  return { plan: planConversion(rec.filing, templateId, target.indicatorSystem ?? s.indicatorSystem), revision: rec.revision };
}

/** What converting the table would do (nothing stored). */
export function previewConversion(store: FilingStore, id: string, target: ConversionTarget = {}): ConversionPreview & { revision: number } {
  const { plan: p, revision } = plan(store, id, target);
  const { filing: _f, ...rest } = p;
  return { ...rest, revision };
}

/**
 * Converts the table. `acceptLosses` must be the number of losses the user was shown (the
 * confirm dialog): a table changed since, with other losses, is refused instead of cleared.
 */
export function convertTable(
  store: FilingStore,
  id: string,
  target: ConversionTarget,
  expectedRevision: number,
  acceptLosses: number,
  opts: EditOptions = {},
): SavedFiling & ConversionPreview {
  const prev = requireRecord(store, id);
  if (prev.revision !== expectedRevision) throw conflictError(prev.filing);
  const { plan: p } = plan(store, id, target);
  if (p.from.templateId === p.to.templateId && p.from.indicatorSystem === p.to.indicatorSystem) {
    throw new ServiceError(`该表已是表样 ${p.to.templateId}，无需转换`, 'INVALID');
  }
  if (p.losses.length !== acceptLosses) {
    throw new ServiceError(`转换会清除 ${p.losses.length} 处内容（确认时为 ${acceptLosses} 处），请重新查看转换说明后再确认`, 'NEEDS_CONFIRM');
  }
  return store.transaction(() => {
    const saved = saveFiling(store, prev, p.filing, expectedRevision, opts);
    store.logEvent('convert', 'project', id, { ...p.from, losses: p.losses }, { ...p.to, mapping: p.mapping });
    const { filing: _f, ...rest } = p;
    return { ...rest, ...saved };
  });
}
