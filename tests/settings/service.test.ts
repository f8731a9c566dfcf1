// Unit-year settings on a real SQLite file: stored once with the first table (migration 6),
// changed with an audit row, refused when invalid (nothing stored); a table's own 审核 shows a
// layout mismatch at once and the counts cache follows the settings; 转换表样 logs its losses.
import { afterEach, describe, expect, it } from 'vitest';
import { createProject } from '../../electron/services/book.ts';
import { auditProject } from '../../electron/services/filing-edit.ts';
import { listProjectsWithCheckCounts } from '../../electron/services/check-counts.ts';
import { convertTable, previewConversion } from '../../electron/services/convert.ts';
import { changeUnitYearSettings, unitYearSettingsOf } from '../../electron/services/unit-year-settings.ts';
import { connectionForTests } from '../../electron/store/testing.ts';
import { CLEAN, storeWith, tempDirs } from '../handover/helpers.ts';

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

describe('unit-year settings', () => {
  it('defaults from the first table, stored with the first new table, changed with an audit row', async () => {
    const [unit, year] = CLEAN.D;
    const { store } = await storeWith(dirs.make(), [unit]);
    try {
      // A unit-year with tables but no settings yet: the defaults come from its first table.
      expect(unitYearSettingsOf(store, unit, year)).toEqual({ settings: { unitCode: unit, year, templateId: 'D', indicatorSystem: 'legacy', ruleProfile: 'default', printKind: 'public', signature: 'table' }, stored: false });
      // An empty new year: no table and no settings last year, so the template of the unit's region (or A).
      const next = year + 1;
      const t = createProject(store, unit, next, undefined, '新项目');
      expect(t.templateId).toBe(unitYearSettingsOf(store, unit, next).settings.templateId);
      expect(store.unitYearSettings.get(unit, next)).toMatchObject({ templateId: t.templateId, indicatorSystem: 'legacy', ruleProfile: 'default' });
      expect(store.auditLog(`${unit}/${next}`).map((r) => r.action)).toEqual(['settings-create']);

      changeUnitYearSettings(store, { unitCode: unit, year: next, templateId: 'B', indicatorSystem: 'caiyu2021', ruleProfile: 'strict' });
      const log = store.auditLog(`${unit}/${next}`).filter((r) => r.action === 'settings');
      expect(log.map((r) => [r.path, r.oldValue, r.newValue])).toEqual(
        expect.arrayContaining([
          ['templateId', t.templateId, 'B'],
          ['indicatorSystem', 'legacy', 'caiyu2021'],
          ['ruleProfile', 'default', 'strict'],
        ]),
      );
      // New tables follow the setting: layout B with the 101号 groups (成本指标 a 一级).
      const b = createProject(store, unit, next, undefined, '');
      expect(b.templateId).toBe('B');
      expect(b.indicatorSystem).toBe('caiyu2021');
      expect(b.periods.annual!.indicators.map((r) => r.level1)).toContain('成本指标');
    } finally {
      store.close();
    }
  });

  it('refuses invalid settings with a Chinese message and stores nothing', async () => {
    const [unit, year] = CLEAN.D;
    const { store } = await storeWith(dirs.make(), [unit]);
    try {
      expect(() => changeUnitYearSettings(store, { unitCode: unit, year, templateId: 'Z', indicatorSystem: 'legacy', ruleProfile: 'default' })).toThrow(/单位年度设置有误：表样只能是 A \/ B \/ C \/ D/);
      expect(() => changeUnitYearSettings(store, { unitCode: unit, year, templateId: 'D', indicatorSystem: 'x', ruleProfile: 'default' })).toThrow(/指标体系只能是/);
      expect(() => changeUnitYearSettings(store, { unitCode: unit, year, templateId: 'D', indicatorSystem: 'legacy', ruleProfile: 'nope' })).toThrow(/审核规则只能是 default \/ strict/);
      expect(() => changeUnitYearSettings(store, { unitCode: '999999', year, templateId: 'D', indicatorSystem: 'legacy', ruleProfile: 'default' })).toThrow(/单位 999999 不存在/);
      expect(store.unitYearSettings.get(unit, year)).toBeNull();
      expect(store.auditLog(`${unit}/${year}`)).toEqual([]);
    } finally {
      store.close();
    }
  });

  it('a table of another layout shows the mismatch in its own 审核 at once, and in the list counts', async () => {
    const [unit, year] = CLEAN.D;
    const { store } = await storeWith(dirs.make(), [unit]);
    try {
      const clean = store.projectsOfUnitYear(unit, year)[0]!;
      expect(auditProject(store, clean).filter((f) => f.code === 'R-SETTINGS')).toEqual([]);
      const before = listProjectsWithCheckCounts(store, unit, year).find((r) => r.id === clean.id)!.counts.errors;
      const other = createProject(store, unit, year, 'A', '另一种表样的表');
      const own = auditProject(store, other).filter((f) => f.code === 'R-SETTINGS');
      expect(own.map((f) => f.message)).toEqual([`「另一种表样的表」第 ${other.seq} 张表 使用表样 A，本单位年度设置的表样为 D（可点“转换表样”转换为表样 D）`]);
      // Changing the settings changes the counts at once (the cache key holds them).
      changeUnitYearSettings(store, { unitCode: unit, year, templateId: 'A', indicatorSystem: 'legacy', ruleProfile: 'default' });
      const after = listProjectsWithCheckCounts(store, unit, year).find((r) => r.id === clean.id)!.counts.errors;
      expect(after).toBe(before + 1);
      expect(auditProject(store, store.getProject(other.id)!).filter((f) => f.code === 'R-SETTINGS')).toEqual([]);
    } finally {
      store.close();
    }
  });

  it('转换表样 lists what has no place, refuses a stale confirmation, converts and logs the losses', async () => {
    const [unit, year] = CLEAN.D;
    const { store } = await storeWith(dirs.make(), [unit]);
    try {
      const d = store.projectsOfUnitYear(unit, year)[0]!;
      changeUnitYearSettings(store, { unitCode: unit, year, templateId: 'A', indicatorSystem: 'legacy', ruleProfile: 'default' });
      const plan = previewConversion(store, d.id);
      expect(plan.to).toEqual({ templateId: 'A', indicatorSystem: 'legacy' });
      expect(plan.losses.map((l) => l.path)).toContain('periods.midterm');
      expect(() => convertTable(store, d.id, {}, plan.revision, plan.losses.length - 1)).toThrow(/转换会清除 \d+ 处内容/);
      const r = convertTable(store, d.id, {}, plan.revision, plan.losses.length, { force: true });
      expect(r.filing.templateId).toBe('A');
      expect(Object.keys(r.filing.periods)).toEqual(['annual']);
      const logged = store.auditLog(d.id).find((x) => x.action === 'convert')!;
      expect(logged.oldValue).toMatchObject({ templateId: 'D', losses: plan.losses });
      expect(logged.newValue).toMatchObject({ templateId: 'A', mapping: plan.mapping });
      expect(auditProject(store, r.filing).filter((f) => f.code === 'R-SETTINGS')).toEqual([]);
      expect(() => convertTable(store, d.id, {}, r.revision, 0)).toThrow(/该表已是表样 A，无需转换/);
    } finally {
      store.close();
    }
  });

  it('keeps the print choice (报送稿, signature placement) with the unit-year: stored, logged, carried to next year, validated', async () => {
    const [unit, year] = CLEAN.D;
    const { store } = await storeWith(dirs.make(), [unit]);
    try {
      const base = unitYearSettingsOf(store, unit, year).settings;
      changeUnitYearSettings(store, { ...base, printKind: 'submission', signature: 'book' });
      expect(store.unitYearSettings.get(unit, year)).toMatchObject({ printKind: 'submission', signature: 'book' });
      const log = store.auditLog(`${unit}/${year}`).find((r) => r.action === 'settings-create' || r.action === 'settings')!;
      expect(log.newValue).toMatchObject({ printKind: 'submission', signature: 'book' });
      // A new year starts with the office's choice of last year.
      expect(unitYearSettingsOf(store, unit, year + 1).settings).toMatchObject({ printKind: 'submission', signature: 'book' });
      // A record without the print fields (an older package, an older caller) means 公开稿.
      changeUnitYearSettings(store, { unitCode: unit, year, templateId: 'D', indicatorSystem: 'legacy', ruleProfile: 'default' });
      expect(store.unitYearSettings.get(unit, year)).toMatchObject({ printKind: 'public', signature: 'table' });
      expect(() => changeUnitYearSettings(store, { ...base, printKind: 'draft' })).toThrow(/打印稿只能是 public（公开稿）\/ submission（报送稿）/);
      expect(() => changeUnitYearSettings(store, { ...base, printKind: 'submission', signature: 'end' })).toThrow(/签字栏只能是 table（每张表下）\/ book（汇编末尾）/);
      expect(store.unitYearSettings.get(unit, year)).toMatchObject({ printKind: 'public', signature: 'table' });
      // The column refuses a value no program wrote (CHECK constraint of migration 8).
      expect(() => connectionForTests(store).prepare("UPDATE unit_year_settings SET print_kind = 'x' WHERE unit_code = ?").run(unit)).toThrow(/CHECK constraint/);
    } finally {
      store.close();
    }
  });
});
