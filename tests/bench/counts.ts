// The 审核 counts of the project list (electron/services/check-counts.ts): a list with the
// cache valid, and a list right after one table of the book was edited. The cache key holds
// the unit-year's context version, so one edit recomputes the badges of the whole book
// (R-COPIED-ROWS and the magnitude checks read the other tables); this suite shows what that
// costs per book size. Medians over RUNS lists, each in a fresh store.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FilingStore } from '../../electron/store/store.ts';
import { readDemoData } from '../../electron/services/demo.ts';
import { listProjectsWithCheckCounts } from '../../electron/services/check-counts.ts';
import type { ProjectFiling, Unit } from '../../shared/model/filing.ts';
import { RUNS, median } from './stats.ts';

const UNIT = '500100';
const YEAR = 2025;
const SIZES = [40, 200];

function book(count: number): { unit: Unit; projects: ProjectFiling[] } {
  const seeds = readDemoData().projects;
  const unit: Unit = { code: UNIT, name: '基准测试单位', supervisor: { code: '900000', name: '基准测试主管部门' }, region: '', sample: false };
  const projects = Array.from({ length: count }, (_, i) => {
    const src = seeds[i % seeds.length]!;
    return structuredClone({ ...src, id: `c${i + 1}`, unitCode: UNIT, year: YEAR, seq: i + 1, name: `${src.name}（${i + 1}）` });
  });
  return { unit, projects };
}

/** Wall and CPU ms of one call. */
function timed(fn: () => void): { wall: number; cpu: number } {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  fn();
  const wall = Number(process.hrtime.bigint() - t0) / 1e6;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1000 };
}

export async function runCountsBench(): Promise<void> {
  console.log('审核计数缓存：列表（缓存有效）与修改一张表后的列表（整本重新审核）');
  console.log('表数'.padEnd(6) + '缓存有效 ms'.padStart(14) + '修改后 ms'.padStart(12) + '修改后 CPU'.padStart(12) + '每表 ms'.padStart(10) + '  修改后/有效');
  for (const size of SIZES) {
    const warm: number[] = [];
    const afterEdit: number[] = [];
    const afterEditCpu: number[] = [];
    const dir = mkdtempSync(join(tmpdir(), 'jxmb-bench-counts-'));
    try {
      const store = await FilingStore.open(join(dir, 'counts.sqlite'), { dailyBackup: false });
      const { unit, projects } = book(size);
      store.importBatch({ units: [unit], projects, deptTargets: [] });
      listProjectsWithCheckCounts(store, UNIT, YEAR);
      for (let i = 0; i < RUNS; i++) {
        warm.push(timed(() => listProjectsWithCheckCounts(store, UNIT, YEAR)).wall);
        const rec = store.getProjectRecord(`c${(i % size) + 1}`)!;
        store.updateProject({ ...rec.filing, fundUse: `${rec.filing.fundUse}。` }, rec.revision);
        const edited = timed(() => listProjectsWithCheckCounts(store, UNIT, YEAR));
        afterEdit.push(edited.wall);
        afterEditCpu.push(edited.cpu);
      }
      store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const w = median(warm);
    const e = median(afterEdit);
    console.log(
      String(size).padEnd(6) + w.toFixed(1).padStart(14) + e.toFixed(1).padStart(12) + median(afterEditCpu).toFixed(1).padStart(12) + (e / size).toFixed(2).padStart(10) + `  ×${(e / w).toFixed(1)}`,
    );
  }
}
