// 复制上年 into a unit-year set to 财预〔2021〕101号 (or another 表样) follows that setting, as import
// and a new table do: the tables of a year filled under 88号 are converted by the 转换表样 mapping
// (产出指标/成本指标 → 成本指标/经济成本指标), no R-SETTINGS 错误 asks for 转换表样, the copied values
// keep their 结转 marks, and what has no place in the target is listed (preview and result) and
// recorded in the audit log. Whole year and one table; a real SQLite file.
import { afterEach, describe, expect, it } from 'vitest';
import { indicatorPath } from '../../shared/api/carried-over.ts';
import { copyTableConverted, copyYear } from '../../electron/services/book.ts';
import { previewCopy } from '../../electron/services/copy-convert.ts';
import { auditUnitYearOf } from '../../electron/services/audit.ts';
import { unitYearSettingsOf } from '../../electron/services/unit-year-settings.ts';
import type { FilingStore } from '../../electron/store/store.ts';
import type { IndicatorSystemId } from '../../shared/templates/types.ts';
import { CLEAN, storeWith, tempDirs } from '../handover/helpers.ts';

const dirs = tempDirs();
afterEach(() => dirs.cleanup());
const [U, Y] = CLEAN.B;

function setTo(store: FilingStore, year: number, templateId: string, indicatorSystem: IndicatorSystemId): void {
  store.unitYearSettings.put({ ...unitYearSettingsOf(store, U, year).settings, templateId, indicatorSystem }, 'settings');
}
function errorCodes(store: FilingStore, year: number): string[] {
  const audit = auditUnitYearOf(store, U, year);
  return audit.projects.flatMap((p) => (audit.report?.byProject[p.id] ?? []).filter((f) => f.severity === 'error').map((f) => f.code));
}
/** A 成本指标 row under 产出指标 (the 88号 place) in the first source table, so the mapping has a row to move. */
function withCostRow(store: FilingStore) {
  const src = store.projectsOfUnitYear(U, Y)[0]!;
  const rows = src.periods.annual!.indicators;
  const cost = { ...rows[0]!, id: 'cost-row', level1: '产出指标', level2: '成本指标', name: '人均成本', value: '≤100元/人' };
  store.updateProject({ ...src, periods: { ...src.periods, annual: { ...src.periods.annual!, indicators: [...rows, cost] } } });
  return store.getProject(src.id)!;
}

describe('复制上年 follows the unit-year\'s 指标体系 and 表样', () => {
  it('whole year into 101号: converted, no R-SETTINGS, 结转 marks kept, conversion listed before and after and logged', async () => {
    const { store } = await storeWith(dirs.make(), [U]);
    try {
      const src = withCostRow(store);
      const layout = src.templateId;
      setTo(store, Y + 1, layout, 'caiyu2021');
      const sources = store.projectsOfUnitYear(U, Y);
      const before = previewCopy(store, U, sources, Y + 1);
      expect(before.to).toEqual({ templateId: layout, indicatorSystem: 'caiyu2021' });
      expect(before.tables.map((t) => t.sourceId)).toEqual(sources.map((s) => s.id));
      expect(before.tables[0]!.mapping).toContain('产出指标/成本指标 → 成本指标/经济成本指标');

      const r = copyYear(store, U, Y, Y + 1);
      expect(r.copied).toBe(sources.length);
      expect(r.converted.map(({ sourceId, mapping, losses }) => ({ sourceId, mapping, losses }))).toEqual(before.tables.map(({ sourceId, mapping, losses }) => ({ sourceId, mapping, losses })));
      const copies = store.projectsOfUnitYear(U, Y + 1);
      for (const c of copies) expect({ templateId: c.templateId, indicatorSystem: c.indicatorSystem }).toEqual({ templateId: layout, indicatorSystem: 'caiyu2021' });
      expect(errorCodes(store, Y + 1)).not.toContain('R-SETTINGS');
      // The moved row is where 101号 has it, and still marked as carried over.
      const first = copies.find((c) => c.name === src.name)!;
      const moved = first.periods.annual!.indicators.find((x) => x.name === '人均成本')!;
      expect([moved.level1, moved.level2]).toEqual(['成本指标', '经济成本指标']);
      expect(first.carriedOver).toContain(indicatorPath('annual', moved.id, 'value'));
      expect(first.carriedOver).toContain('name');
      // One audit row per converted copy, naming its source and the mapping.
      const log = store.auditLog().filter((e) => e.action === 'copy.convert');
      expect(log.map((e) => e.entityId).sort()).toEqual(copies.map((c) => c.id).sort());
      const entry = log.find((e) => e.entityId === first.id)!;
      expect(entry.oldValue).toMatchObject({ sourceId: src.id, year: Y, indicatorSystem: 'legacy', losses: [] });
      expect(entry.newValue).toMatchObject({ indicatorSystem: 'caiyu2021' });
      // The source year is not changed.
      expect(store.getProject(src.id)).toEqual(src);
    } finally {
      store.close();
    }
  });

  it('one table into a year of another 表样 and 101号: converted, what has no place listed and logged, marks kept', async () => {
    const { store } = await storeWith(dirs.make(), [U]);
    try {
      const src = withCostRow(store);
      const to = src.templateId === 'A' ? 'D' : 'A';
      setTo(store, Y + 2, to, 'caiyu2021');
      const [planned] = previewCopy(store, U, [src], Y + 2).tables;
      expect(planned!.to).toEqual({ templateId: to, indicatorSystem: 'caiyu2021' });
      expect(planned!.mapping).toContain(`表样 ${src.templateId} → 表样 ${to}`);

      const { copy, conversion } = copyTableConverted(store, src.id, Y + 2);
      expect(conversion?.losses).toEqual(planned!.losses);
      expect(conversion!.losses.length).toBeGreaterThan(0);
      expect({ templateId: copy.templateId, indicatorSystem: copy.indicatorSystem, year: copy.year }).toEqual({ templateId: to, indicatorSystem: 'caiyu2021', year: Y + 2 });
      expect(errorCodes(store, Y + 2)).not.toContain('R-SETTINGS');
      expect(copy.carriedOver.length).toBeGreaterThan(0);
      for (const l of conversion!.losses) expect(copy.carriedOver).not.toContain(l.path);
      const [entry] = store.auditLog(copy.id).filter((e) => e.action === 'copy.convert');
      expect((entry!.oldValue as { losses: { label: string }[] }).losses.map((l) => l.label)).toEqual(conversion!.losses.map((l) => l.label));
    } finally {
      store.close();
    }
  });

  it('a year whose settings match the source: copied as before, nothing converted or logged', async () => {
    const { store } = await storeWith(dirs.make(), [U]);
    try {
      const src = store.projectsOfUnitYear(U, Y)[0]!;
      const r = copyYear(store, U, Y, Y + 1);
      expect(r.converted).toEqual([]);
      expect(store.projectsOfUnitYear(U, Y + 1).every((c) => c.templateId === src.templateId && c.indicatorSystem === undefined)).toBe(true);
      expect(store.auditLog().some((e) => e.action === 'copy.convert')).toBe(false);
      expect(errorCodes(store, Y + 1)).not.toContain('R-SETTINGS');
    } finally {
      store.close();
    }
  });
});
