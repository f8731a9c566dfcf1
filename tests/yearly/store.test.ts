// The yearly forms on a real SQLite file: created from the targets in one action, saved,
// read back after reopening, refused on bad input (nothing changes), revisions, 调整绩效目标.
import { afterEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import { FilingStore } from '../../electron/store/store.ts';
import { latestVersion } from '../../electron/store/migration-runner.ts';
import { createProjectYearlyForms, createUnitYearYearlyForms, saveYearlyForm, validateYearlyForm } from '../../electron/services/yearly-service.ts';
import { seedCorpus } from '../../tools/seed-corpus.ts';
import { tempDirs } from '../store/helpers.ts';

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

async function seeded() {
  const file = path.join(dirs.make(), 'y.sqlite');
  const store = await FilingStore.open(file, { dailyBackup: false });
  const seed = seedCorpus('000');
  store.importBatch({ units: seed.units, projects: seed.projects, deptTargets: [] });
  return { store, file, seed };
}

describe('yearly forms in the store', () => {
  it('creates both forms for a unit-year in one action, leaves the targets unchanged, reads them back after reopening', async () => {
    const { store, file, seed } = await seeded();
    const p0 = seed.projects[0]!;
    const before = store.getProjectRecord(p0.id)!;
    const n = seed.projects.filter((p) => p.unitCode === p0.unitCode && p.year === p0.year).length;
    const r = createUnitYearYearlyForms(store, p0.unitCode, p0.year);
    expect(r).toEqual({ created: n, skipped: 0 });
    expect(createUnitYearYearlyForms(store, p0.unitCode, p0.year)).toEqual({ created: 0, skipped: n });
    expect(() => createProjectYearlyForms(store, p0.id)).toThrow('已有绩效运行监控表和绩效自评表');
    expect(store.getProjectRecord(p0.id)).toEqual(before);
    store.close();

    const again = await FilingStore.open(file, { dailyBackup: false });
    expect(again.schemaVersion).toBe(latestVersion());
    const se = again.yearly.get('self-evaluation', p0.id)!;
    expect(se.form.rows.map((x) => x.indicatorId)).toEqual(p0.periods.annual!.indicators.map((x) => x.id));
    expect(again.yearly.list('monitoring', p0.unitCode, p0.year)).toHaveLength(n);

    // Save a filled form; conflict on a stale revision; bad input refused and nothing changed.
    const filled = structuredClone(se.form);
    filled.rows.forEach((x) => (x.actual = '100%'));
    filled.funds.total.executed = filled.funds.total.budget;
    const saved = saveYearlyForm(again, filled, se.revision);
    expect(saved.revision).toBe(2);
    expect(() => saveYearlyForm(again, filled, 1)).toThrow('已被修改');
    expect(() => saveYearlyForm(again, { ...filled, funds: { ...filled.funds, total: { ...filled.funds.total, executed: 1.5 } } })).toThrow('金额必须是以“分”为单位的整数');
    expect(() => saveYearlyForm(again, { ...filled, projectId: 'nope' })).toThrow('项目 nope 不存在');
    expect(again.yearly.get('self-evaluation', p0.id)!.revision).toBe(2);
    expect(again.auditLog(se.form.id).map((a) => a.action)).toEqual(['create', 'update']);

    const report = validateYearlyForm(again, 'self-evaluation', p0.id);
    expect(report.score!.execution.score).toBe(1000);
    expect(report.findings.every((f) => f.location.projectId === p0.id)).toBe(true);

    // The target cannot be deleted from under its forms.
    expect(() => again.deleteProject(p0.id)).toThrow();
    expect(again.getProject(p0.id)).not.toBeNull();
    again.close();
  });

  it('records target adjustments in order, with a reason, and new forms score against the latest', async () => {
    const { store, seed } = await seeded();
    const p = seed.projects[1]!;
    const ind = p.periods.annual!.indicators[0]!;
    const a = { id: 'adj-1', projectId: p.id, unitCode: p.unitCode, year: p.year, seq: 1, reason: '年中政策调整', changes: [{ indicatorId: ind.id, value: '≥1次' }] };
    expect(() => store.yearly.addAdjustment({ ...a, seq: 2 })).toThrow('调整记录的序号应为 1');
    expect(() => store.yearly.addAdjustment({ ...a, reason: '' })).toThrow('调整绩效目标必须写明调整原因');
    store.yearly.addAdjustment(a);
    expect(store.yearly.adjustments(p.id)).toHaveLength(1);
    const [mo] = createProjectYearlyForms(store, p.id);
    expect(mo!.form.adjustmentId).toBe('adj-1');
    expect(store.getProject(p.id)!.periods.annual!.indicators[0]!.value).toBe(ind.value);
    store.close();
  });

  it('names the target it was made from: 已通过 where the review loop passed it, else the status', async () => {
    const { store, seed } = await seeded();
    const [draft, passed] = [seed.projects[2]!, seed.projects[3]!];
    store.updateProject({ ...store.getProject(passed.id)!, status: 'approved' });
    const rev = store.getProjectRecord(passed.id)!.revision;
    createProjectYearlyForms(store, draft.id);
    createProjectYearlyForms(store, passed.id);
    expect(store.yearly.get('self-evaluation', passed.id)!.form.basis).toEqual({ revision: rev, status: 'approved', label: `按已通过审核的绩效目标（修订 ${rev}）`, approved: null });
    expect(store.yearly.get('monitoring', draft.id)!.form.basis!.label).toMatch(/^按草稿的绩效目标（尚未通过审核，修订 \d+）$/);
    store.close();
  });
});
