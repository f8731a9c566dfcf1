// The 汇总's 审核 counts come from the counts cache plus the unit-year rules only
// (services/unit-year-counts.ts); they must be exactly what 审核全部 (auditUnitYearOf, every
// table checked with its context) gives, over a varied set of received unit-years and
// whatever state the cache is in.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FilingStore } from '../../electron/store/store.ts';
import { readDemoData } from '../../electron/services/demo.ts';
import { summaryRows } from '../../electron/handover/summary.ts';
import { auditUnitYearOf } from '../../electron/services/audit.ts';
import { unitYearSettingsOf } from '../../electron/services/unit-year-settings.ts';
import { connectionForTests } from '../../electron/store/testing.ts';
import { summarise } from '../../shared/rules/index.ts';
import type { ProjectFiling } from '../../shared/model/filing.ts';
import { tempDirs } from '../store/helpers.ts';

const dirs = tempDirs();
const open: FilingStore[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
  dirs.cleanup();
});

/** Every seed unit-year, marked received; beside them last year's tables of one, a strict rule profile, two templates in one book. */
async function receiver(): Promise<FilingStore> {
  const store = await FilingStore.open(path.join(dirs.make(), 'recv.sqlite'), { dailyBackup: false });
  open.push(store);
  const d = readDemoData();
  const mixed = d.projects.find((p) => p.unitCode === '619005')!;
  const lastYear: ProjectFiling[] = d.projects
    .filter((p) => p.unitCode === '382201')
    .map((p, i) => ({ ...structuredClone(p), id: `${p.id}-ly`, year: 2023, name: i % 2 ? p.name : `${p.name}（上年）` }));
  store.importBatch({
    units: d.units.map((u) => ({ ...u, sample: false })),
    projects: [...d.projects.map((p) => (p === mixed ? { ...p, templateId: 'A' } : p)), ...lastYear],
    deptTargets: d.deptTargets,
  });
  store.unitYearSettings.put({ ...unitYearSettingsOf(store, '619001', 2025).settings, ruleProfile: 'strict' }, 'settings-create');
  const books = new Map<string, { unitCode: string; year: number; ids: string[] }>();
  for (const p of d.projects) {
    const k = `${p.unitCode}/${p.year}`;
    if (!books.has(k)) books.set(k, { unitCode: p.unitCode, year: p.year, ids: [] });
    books.get(k)!.ids.push(p.id);
  }
  store.received.unlocked(() => {
    for (const b of books.values()) {
      const at = '2026-01-01T00:00:00.000Z';
      store.received.record({ sha256: `sha-${b.unitCode}-${b.year}`, unitCode: b.unitCode, year: b.year, createdAt: at, receivedAt: at, fileName: `${b.unitCode}.zip`, manifest: {}, filings: {}, audit: {}, diff: null, makeCurrent: true, unitIsNew: true, projectIds: b.ids });
    }
  });
  return store;
}

/** The 汇总's counts against 审核全部's, for every unit-year and every table. */
function expectFullAuditCounts(store: FilingStore): void {
  const { rows, projects } = summaryRows(store);
  expect(rows.length).toBe(13);
  let sheet = 0;
  for (const r of rows) {
    const { projects: list, report } = auditUnitYearOf(store, r.unitCode, r.year);
    expect({ unit: r.unitCode, errors: r.errors, warnings: r.warnings, hints: r.hints }).toEqual({
      unit: r.unitCode,
      errors: report!.summary.errors,
      warnings: report!.summary.warnings,
      hints: report!.summary.hints,
    });
    for (const p of list) {
      const row = projects[sheet++]!;
      const s = summarise(report!.byProject[p.id] ?? []);
      expect({ id: p.id, errors: row.at(-3), warnings: row.at(-2) }).toEqual({ id: p.id, errors: s.errors, warnings: s.warnings });
    }
  }
  expect(sheet).toBe(projects.length);
}

describe('汇总 counts from the cache', () => {
  it('equal 审核全部 over varied unit-years: cold, warm, partly stale, after a received table changed', async () => {
    const store = await receiver();
    const db = connectionForTests(store);
    // The data set is varied: errors, warnings and hints, unit-year findings, the strict profile changes counts.
    const all = summaryRows(store).rows;
    expect(all.some((r) => r.errors > 0) && all.some((r) => r.warnings > 0) && all.some((r) => r.hints > 0)).toBe(true);
    expect(auditUnitYearOf(store, '382201', 2024).report!.findings.some((f) => /上年/.test(f.message))).toBe(true);
    expect(auditUnitYearOf(store, '619005', 2025).report!.unitFindings.some((f) => f.code === 'R-UNIT-YEAR')).toBe(true);

    db.exec('DELETE FROM project_check_counts');
    expectFullAuditCounts(store); // cold: every table checked and cached
    expect((db.prepare('SELECT COUNT(*) AS n FROM project_check_counts').get() as { n: number }).n).toBeGreaterThan(100);
    expectFullAuditCounts(store); // warm
    db.exec('DELETE FROM project_check_counts WHERE rowid % 3 = 0');
    expectFullAuditCounts(store); // partly cached

    // A received table changes (a newer version): its cached counts no longer count, nor do its siblings'.
    const p = store.projectsOfUnitYear('382101', 2024)[0]!;
    store.received.unlocked(() => store.updateProject({ ...p, name: '', periods: { ...p.periods } }));
    expectFullAuditCounts(store);
    // Last year changes: the context key of 2024 changes with it.
    const ly = store.projectsOfUnitYear('382201', 2023)[0]!;
    store.deleteProject(ly.id);
    expectFullAuditCounts(store);
    // The rule profile changes back: the counts follow it.
    store.received.unlocked(() => store.unitYearSettings.put({ ...unitYearSettingsOf(store, '619001', 2025).settings, ruleProfile: 'default' }, 'settings-update'));
    expectFullAuditCounts(store);
  });
});
