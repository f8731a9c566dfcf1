// Demo data: the published tables of the four seed documents, converted into the
// product's model by tools/convert-seeds.ts and kept in demo-data/ at the app root (inside
// app.asar when packed). Loaded as units marked 示例 (sample), so an office can remove
// them in one action without touching its own data.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { z } from 'zod';
import { deptTargetSchema, projectFilingSchema, unitSchema } from '../../shared/model/filing.ts';
import type { DeptTarget, ProjectFiling, Unit } from '../../shared/model/filing.ts';
import type { FilingStore } from '../store/store.ts';
import { warmCheckCounts } from './check-counts.ts';

/** <app root>/demo-data/: the seed-NNN.json files (the one place that names the folder). */
export const DEMO_DATA_DIR = fileURLToPath(new URL('../../demo-data/', import.meta.url));

const demoFileSchema = z.object({
  units: z.array(unitSchema),
  projects: z.array(projectFilingSchema),
  deptTargets: z.array(deptTargetSchema).default([]),
});

export interface DemoData {
  units: Unit[];
  projects: ProjectFiling[];
  deptTargets: DeptTarget[];
}

export function readDemoData(dir = DEMO_DATA_DIR): DemoData {
  const out: DemoData = { units: [], projects: [], deptTargets: [] };
  const files = readdirSync(dir).filter((f) => /^seed-\d+\.json$/.test(f)).sort();
  for (const f of files) {
    const doc = demoFileSchema.parse(JSON.parse(readFileSync(join(dir, f), 'utf8')));
    for (const u of doc.units) if (!out.units.some((x) => x.code === u.code)) out.units.push({ ...u, sample: true });
    out.projects.push(...doc.projects);
    out.deptTargets.push(...doc.deptTargets);
  }
  return out;
}

export function loadDemoData(store: FilingStore, dir = DEMO_DATA_DIR): { units: number; projects: number } {
  const data = readDemoData(dir);
  store.importBatch(data);
  warmCheckCounts(store, data.projects);
  return { units: data.units.length, projects: data.projects.length };
}

/** Settings key: when the 示例 data was loaded on first start (then never again, even once removed). */
export const DEMO_SETTING = 'demo_loaded_at';

/** The first start of an empty database (desktop and browser mode alike) loads the 示例 data; null otherwise. */
export function loadDemoOnFirstStart(store: FilingStore, dir = DEMO_DATA_DIR): { units: number; projects: number } | null {
  if (store.listUnits().length > 0 || store.getSetting(DEMO_SETTING) !== null) return null;
  const r = loadDemoData(store, dir);
  store.setSetting(DEMO_SETTING, new Date().toISOString());
  return r;
}
