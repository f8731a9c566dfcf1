// settings.*: the unit-year's 表样 / 指标体系 / 审核规则 and 转换表样 (adapters of electron/services/).
import { changeUnitYearSettings, unitYearSettingsOf } from '../../services/unit-year-settings.ts';
import { convertTable, previewConversion } from '../../services/convert.ts';
import type { AreaHandlers, HandlerContext } from '../context.ts';

export function settingsHandlers({ store }: HandlerContext): AreaHandlers<'settings'> {
  return {
    'settings.get': ({ unitCode, year }) => unitYearSettingsOf(store, unitCode, year),
    'settings.set': ({ settings }) => changeUnitYearSettings(store, settings),
    'settings.convertPreview': ({ id, templateId, indicatorSystem }) => previewConversion(store, id, { templateId, indicatorSystem }),
    'settings.convert': ({ id, templateId, indicatorSystem, expectedRevision, acceptLosses, force }) => {
      const r = convertTable(store, id, { templateId, indicatorSystem }, expectedRevision, acceptLosses, { force });
      return { filing: r.filing, revision: r.revision, mapping: r.mapping, losses: r.losses };
    },
  };
}
