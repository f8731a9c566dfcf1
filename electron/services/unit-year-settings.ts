// Unit-year settings (表样, 指标体系, 审核规则, the default print): read with their defaults, stored once when the
// unit-year starts (its first table), changed by the user with an audit row. Defaults: the
// unit-year's first table, else last year's settings, else the template of the unit's region.
import { unitYearSettingsSchema, ruleProfile, templateOf, type UnitYearSettings } from '../../shared/settings/unit-year.ts';
import { TEMPLATES, getTemplate } from '../../shared/templates/index.ts';
import type { RuleConfig } from '../../shared/rules/index.ts';
import type { FilingStore } from '../store/store.ts';
import type { ProjectFiling } from '../../shared/model/filing.ts';
import type { UnitYearSettingsView } from '../../shared/api/contract.ts';
import { ServiceError, requireUnit } from './service-error.ts';
import { refuseReceivedUnit } from './received-unit.ts';


const DEFAULT_PROFILE = 'default';

/** `known`: the unit-year's first table (null: none) when the caller has read it. */
function defaults(store: FilingStore, unitCode: string, year: number, known?: ProjectFiling | null): UnitYearSettings {
  const firstRow = known === undefined ? store.listProjects(unitCode, year)[0] : undefined;
  const firstFiling = known === undefined ? (firstRow ? store.getProject(firstRow.id) : null) : known;
  const firstTemplate = firstFiling ? templateOf(firstFiling) : undefined;
  const last = store.unitYearSettings.get(unitCode, year - 1);
  // The print choice carries on from last year (the office prints the same way).
  const printOfLast = { printKind: last?.printKind ?? 'public', signature: last?.signature ?? 'table' } as const;
  if (firstFiling && firstTemplate) {
    return { unitCode, year, templateId: firstTemplate.id, indicatorSystem: firstTemplate.indicatorSystem, ruleProfile: last?.ruleProfile ?? DEFAULT_PROFILE, ...printOfLast };
  }
  if (last) return { unitCode, year, templateId: last.templateId, indicatorSystem: last.indicatorSystem, ruleProfile: last.ruleProfile, ...printOfLast };
  const region = store.getUnit(unitCode)?.region.trim() ?? '';
  const t = (region && TEMPLATES.find((x) => x.source.includes(region))) || TEMPLATES[0]!;
  return { unitCode, year, templateId: t.id, indicatorSystem: t.indicatorSystem, ruleProfile: DEFAULT_PROFILE, ...printOfLast };
}

/** The settings of a unit-year: stored, or the defaults it would start with. */
export function unitYearSettingsOf(store: FilingStore, unitCode: string, year: number, first?: ProjectFiling | null): UnitYearSettingsView {
  const s = store.unitYearSettings.get(unitCode, year);
  if (s) {
    const { createdAt: _c, updatedAt: _u, ...settings } = s;
    return { settings, stored: true };
  }
  return { settings: defaults(store, unitCode, year, first), stored: false };
}

/** Stores the defaults if the unit-year has no settings yet (called inside the first table's transaction). */
export function ensureUnitYearSettings(store: FilingStore, unitCode: string, year: number): UnitYearSettings {
  const view = unitYearSettingsOf(store, unitCode, year);
  if (!view.stored) store.unitYearSettings.put(view.settings, 'settings-create');
  return view.settings;
}

/** The years a unit offers: those with tables or a 部门整体绩效目标, and those started before their first table. */
export function yearsOfUnit(store: FilingStore, unitCode: string): number[] {
  return [...new Set([...store.listYears(unitCode), ...store.unitYearSettings.years(unitCode)])].sort((a, b) => a - b);
}

/**
 * A year chosen through 其他年度: the unit-year starts (its settings stored with their defaults), so it
 * is kept and offered after a reload, before its first table. Returns the unit's years.
 */
export function startUnitYear(store: FilingStore, unitCode: string, year: number): number[] {
  requireUnit(store, unitCode);
  if (!store.unitYearSettings.get(unitCode, year) && store.received.isReceivedUnitYear(unitCode, year)) {
    throw new ServiceError('该单位该年度的数据是从报送包接收的，只读', 'READ_ONLY');
  }
  if (!yearsOfUnit(store, unitCode).includes(year)) refuseReceivedUnit(store, unitCode, `开始 ${year} 年度`);
  store.transaction(() => ensureUnitYearSettings(store, unitCode, year));
  return yearsOfUnit(store, unitCode);
}

/** The user's choice of settings (validated here for every host), recorded in the audit log. */
export function changeUnitYearSettings(store: FilingStore, input: unknown): UnitYearSettingsView {
  const r = unitYearSettingsSchema.safeParse(input);
  if (!r.success) throw new ServiceError(`单位年度设置有误：${r.error.issues.map((i) => i.message).join('；')}`, 'INVALID');
  requireUnit(store, r.data.unitCode);
  if (store.received.isReceivedUnitYear(r.data.unitCode, r.data.year)) {
    throw new ServiceError('该单位该年度的数据是从报送包接收的，只读，不能修改设置', 'READ_ONLY');
  }
  store.unitYearSettings.put(r.data, 'settings');
  return { settings: r.data, stored: true };
}

/** The RuleConfig of a profile id (unknown or none: the default catalogue). */
export function ruleConfigOf(profileId: string | undefined): RuleConfig {
  return (profileId && ruleProfile(profileId)?.config) || {};
}

/** The template new tables of the unit-year get (the setting; a given id must be a known one). */
export function templateForNewTable(store: FilingStore, unitCode: string, year: number, templateId?: string): string {
  if (templateId) {
    if (!getTemplate(templateId)) throw new ServiceError(`未知的模板“${templateId}”`, 'INVALID');
    return templateId;
  }
  return unitYearSettingsOf(store, unitCode, year).settings.templateId;
}
