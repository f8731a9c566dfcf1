// The benchmark corpus: 10,000 projects / ~100,000 indicator rows built from the seed
// corpus (100 units × 2 years, seed tables padded to 10 rows each).
import { readDemoData } from '../../electron/services/demo.ts';
import type { ProjectFiling, Unit } from '../../shared/model/filing.ts';

const TARGET_PROJECTS = 10_000;
const UNITS = 100;
export const YEARS = [2024, 2025];
const ROWS_PER_PROJECT = 10;


export function buildCorpus(): { units: Unit[]; projects: ProjectFiling[]; indicatorRows: number } {
  const seeds = readDemoData();
  const units: Unit[] = [];
  const projects: ProjectFiling[] = [];
  let indicatorRows = 0;
  const perUnitYear = Math.ceil(TARGET_PROJECTS / (UNITS * YEARS.length));
  let k = 0;
  for (let u = 0; u < UNITS; u++) {
    const code = String(500000 + u);
    units.push({ code, name: `基准测试单位${u + 1}`, supervisor: { code: '900', name: '基准测试主管部门' }, region: '', sample: false });
    for (const year of YEARS) {
      for (let s = 1; s <= perUnitYear && projects.length < TARGET_PROJECTS; s++) {
        const src = seeds.projects[k++ % seeds.projects.length]!;
        const p: ProjectFiling = structuredClone({ ...src, id: `b${code}-${year}-${s}`, unitCode: code, year, seq: s });
        // Seed tables average ~7 rows; pad to 10 per project (distinct names) to reach ~100,000 rows.
        const periods = Object.values(p.periods).filter((x) => x !== undefined);
        for (const per of periods) {
          const base = per.indicators.length ? [...per.indicators] : [];
          const want = Math.ceil(ROWS_PER_PROJECT / periods.length);
          for (let n = 0; base.length && per.indicators.length < want; n++) {
            const r = base[n % base.length]!;
            per.indicators.push({ ...r, id: `${r.id}-x${n}`, name: `${r.name}（补${n + 1}）` });
          }
          indicatorRows += per.indicators.length;
        }
        projects.push(p);
      }
    }
  }
  return { units, projects, indicatorRows };
}
