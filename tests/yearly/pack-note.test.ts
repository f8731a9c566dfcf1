// 打包报送 says what it carries of the yearly forms and their 错误: the package takes them as
// they are (a July package has empty self-evaluations) and the receiver scores them so.
import { afterEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import { FilingStore } from '../../electron/store/store.ts';
import { createUnitYearYearlyForms, saveYearlyForm, validateYearlyForm } from '../../electron/services/yearly-service.ts';
import { yearlyPackNote } from '../../electron/services/yearly-pack-note.ts';
import type { SelfEvaluationFiling } from '../../shared/yearly/model.ts';
import { seedCorpus } from '../../tools/seed-corpus.ts';
import { tempDirs } from '../store/helpers.ts';

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

describe('yearly forms named when packing', () => {
  it('counts the forms, the filled-in self-evaluations and the 错误 of each kind', async () => {
    const store = await FilingStore.open(path.join(dirs.make(), 'y.sqlite'), { dailyBackup: false });
    const seed = seedCorpus('000');
    store.importBatch({ units: seed.units, projects: seed.projects, deptTargets: [] });
    const { unitCode, year } = seed.projects[0]!;
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
