// One measured DOCX export, in its own process so that peak memory (maxRSS) belongs to
// this run alone. Prints one JSON line: { ms, maxRssMB, bytes }.
//   tsx tests/bench/docx-work.ts <baseline|ours> <tables> <out.docx>
import { statSync } from 'node:fs';
import { readDemoData } from '../../electron/services/demo.ts';
import { baselineDocx } from './docx-baseline.ts';
import { writeDocument } from '../../electron/export/book-export.ts';
import { writeFileAtomic } from '../../electron/files/atomic-write.ts';
import { buildBookLayout } from '../../shared/layout/index.ts';
import type { BookUnit } from '../../shared/layout/index.ts';
import type { ProjectFiling, Unit } from '../../shared/model/filing.ts';

const [mode, countText, out] = process.argv.slice(2);
if ((mode !== 'baseline' && mode !== 'ours') || !countText || !out) throw new Error('usage: docx-work <baseline|ours> <tables> <out.docx>');
const count = Number(countText);

// The book: seed 002's 54 tables (layout B, ~13 rows × 6 columns each) repeated over
// units of 54 projects, with seed 002's department part.
const demo = readDemoData();
const seed = demo.projects.filter((p) => p.templateId === 'B').sort((a, b) => a.seq - b.seq);
const dept = demo.deptTargets[0]!;
const units: BookUnit[] = [];
for (let k = 0; k < count; k++) {
  const u = Math.floor(k / seed.length);
  if (!units[u]) {
    const unit: Unit = { code: String(700000 + u), name: `基准测试单位${u + 1}`, supervisor: null, region: '', sample: false };
    units.push({ unit, projects: [] });
  }
  const src = seed[k % seed.length]!;
  const p: ProjectFiling = { ...src, id: `bench-${k}`, unitCode: units[u]!.unit.code, seq: (k % seed.length) + 1 };
  units[u]!.projects.push(p);
}

const t0 = process.hrtime.bigint();
if (mode === 'baseline') {
  await writeFileAtomic(out, await baselineDocx(units.flatMap((u) => u.projects)));
} else {
  const doc = buildBookLayout({ year: 2025, units, deptTarget: { ...dept, unitCode: units[0]!.unit.code }, lazy: true });
  await writeDocument(doc, out);
}
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
process.stdout.write(JSON.stringify({ ms, maxRssMB: process.resourceUsage().maxRSS / 1024, bytes: statSync(out).size }) + '\n');
