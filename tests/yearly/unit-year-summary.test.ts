// 打包报送 names what it carries of the yearly forms and their 错误 (they travel as they are).
// The 汇总's mean 总分 is over the self-evaluations actually filled in: a form holding only
// the 全年执行数 (as every table does after 导入执行数 from the treasury export) or only some of
// its rows scores near 0 and is not counted (the receiver saw 32.04 差 for a unit whose one
// finished form scored 76.53).
import { afterEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import { FilingStore } from '../../electron/store/store.ts';
import { createUnitYearYearlyForms, saveYearlyForm, validateYearlyForm } from '../../electron/services/yearly-service.ts';
import { yearlySummary } from '../../electron/services/yearly-view.ts';
import { yearlyPackNote } from '../../electron/services/yearly-pack-note.ts';
import type { SelfEvaluationFiling } from '../../shared/yearly/model.ts';
import { yearlyTotalText } from '../../shared/yearly/view.ts';
import { hundredthsText } from '../../shared/scoring/exact.ts';
import { seedCorpus } from '../../tools/seed-corpus.ts';
import { tempDirs } from '../store/helpers.ts';

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

async function seeded() {
  const store = await FilingStore.open(path.join(dirs.make(), 'y.sqlite'), { dailyBackup: false });
  const seed = seedCorpus('000');
  store.importBatch({ units: seed.units, projects: seed.projects, deptTargets: [] });
  return { store, seed, ...seed.projects[0]! };
}

describe('unit-year summary of self-evaluations', () => {
  it('counts and averages only the forms whose every row is filled in', async () => {
    const { store, unitCode, year } = await seeded();
    createUnitYearYearlyForms(store, unitCode, year);
    const ses = store.yearly.list('self-evaluation', unitCode, year).map((r) => r.form as SelfEvaluationFiling);
    expect(ses.length).toBeGreaterThanOrEqual(3);
    const save = (se: SelfEvaluationFiling, edit: (f: SelfEvaluationFiling) => void) => {
      const f = structuredClone(se);
      edit(f);
      saveYearlyForm(store, f);
    };
    // Every table gets its 全年执行数 (the treasury import); one is filled in completely, one half.
    for (const se of ses) save(se, (f) => (f.funds.total.executed = f.funds.total.budget));
    const fresh = () => store.yearly.list('self-evaluation', unitCode, year).map((r) => r.form as SelfEvaluationFiling);
    save(fresh()[0]!, (f) => f.rows.forEach((r) => ((r.actual = '100%'), (r.achievement = { level: '达成', percent: null }))));
    save(fresh()[1]!, (f) => (f.rows[0]!.actual = '100%'));
    const full = store.yearly.get('self-evaluation', ses[0]!.projectId)!;
    const own = validateYearlyForm(store, 'self-evaluation', full.form.projectId);
    const s = yearlySummary(store, unitCode, year);
    expect(s.evaluated).toBe(1);
    expect(s.total).toBe(own.score!.total);
    // On screen the receiver reads over how many tables the mean is.
    expect(yearlyTotalText(s)).toBe(`${hundredthsText(own.score!.total)}（1/${s.projects} 张已填完）`);
    expect(yearlyTotalText({ ...s, evaluated: 0, total: null, grade: null })).toBe(`未填完（0/${s.projects} 张）`);
    store.close();
  });
});

describe('yearly forms named when packing', () => {
  it('counts the forms, the filled-in self-evaluations and the 错误 of each kind', async () => {
    const { store, seed, unitCode, year } = await seeded();
    expect(yearlyPackNote(store, unitCode, year)).toEqual([]);
    createUnitYearYearlyForms(store, unitCode, year);
    const n = store.projectsOfUnitYear(unitCode, year).length;
    const errors = (kind: 'monitoring' | 'self-evaluation') =>
      store.projectsOfUnitYear(unitCode, year).reduce((a, p) => a + validateYearlyForm(store, kind, p.id).findings.filter((f) => f.severity === 'error').length, 0);
    const se = structuredClone(store.yearly.get('self-evaluation', seed.projects[0]!.id)!.form as SelfEvaluationFiling);
    se.rows.forEach((r) => ((r.actual = '100%'), (r.achievement = { level: '达成', percent: null })));
    saveYearlyForm(store, se);
    const mo = errors('monitoring');
    const seErr = errors('self-evaluation');
    expect(mo).toBeGreaterThan(0);
    expect(yearlyPackNote(store, unitCode, year)).toEqual([
      `同时报送：绩效运行监控表 ${n} 张（错误 ${mo} 个）、绩效自评表 ${n} 张（已填写完 1 张，错误 ${seErr} 个）。接收方按表中现有内容计分，未填完的表得分偏低；填完后可再次打包报送`,
    ]);
    store.close();
  });
});
