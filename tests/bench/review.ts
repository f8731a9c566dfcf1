// Review benchmark: a receiving office with 100 received unit-years × 50 tables, each table
// decided with two comments: write the 100 return packages (target ≤ 5 s), one unit imports
// its return (≤ 200 ms), the on-screen 汇总 with the review status of the 100 units opens
// (handover.summaryRows + review.summary, ≤ 500 ms); then the unit, having resubmitted, opens
// the comparison of its two submissions for each of its 50 tables (review.unitDiff; no target in
// the issue, held to 500 ms for the 50); the office receives that resubmission, carrying the 45
// 通过 of unchanged tables over (no target in the issue, held to 1 s). Medians of RUNS runs, wall and CPU time.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FilingStore } from '../../electron/store/store.ts';
import { buildPackage } from '../../electron/handover/pack.ts';
import { importPackageFile, importPackageFolder } from '../../electron/handover/receive.ts';
import { summaryRows } from '../../electron/handover/summary.ts';
import { submitToFolder } from '../../electron/services/submit.ts';
import { writeReturn } from '../../electron/services/review.ts';
import { importReturn } from '../../electron/services/review-return.ts';
import { reviewSummary, unitTableDiff } from '../../electron/services/review-views.ts';
import { packageFileName } from '../../shared/handover/manifest.ts';
import { unitYear } from './handover.ts';
import { RUNS, median } from './stats.ts';

const UNITS = 100;
const YEAR = 2024;

async function measure(fn: () => Promise<unknown> | unknown): Promise<{ wall: number; cpu: number }> {
  const c = process.cpuUsage();
  const t = process.hrtime.bigint();
  await fn();
  const wall = Number(process.hrtime.bigint() - t) / 1e6;
  const u = process.cpuUsage(c);
  return { wall, cpu: (u.user + u.system) / 1000 };
}

/** Every received table decided (every tenth returned) with a comment on a field and one on an indicator row. */
function decideAll(store: FilingStore): void {
  for (const cur of store.received.list({ year: YEAR, state: 'current' })) {
    const tables = store.projectsOfUnitYear(cur.unitCode, YEAR);
    for (const [i, p] of tables.entries()) {
      store.reviews.putTable({ projectId: p.id, unitCode: p.unitCode, year: YEAR, packageSha256: cur.sha256, grade: '良', criteria: { 完整性: '基本完整' }, criteriaGrades: { 完整性: '良' }, verdict: i % 10 ? 'pass' : 'return', estimate: null, reviewer: '基准审核' });
      const row = Object.values(p.periods)[0]?.indicators[0];
      store.reviews.addComments([
        { id: `c${p.id}-1`, projectId: p.id, unitCode: p.unitCode, year: YEAR, path: 'name', text: '请核对项目名称', source: 'reviewer', findingKey: null, author: '基准审核' },
        ...(row ? [{ id: `c${p.id}-2`, projectId: p.id, unitCode: p.unitCode, year: YEAR, path: `periods.annual.indicators[id=${row.id}]`, text: '指标值应量化', source: 'reviewer' as const, findingKey: null, author: '基准审核' }] : []),
      ]);
    }
  }
}

export async function runReviewBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'jxmb-bench-review-'));
  try {
    const pkgDir = join(dir, 'packages');
    mkdirSync(pkgDir);
    // Unit 0 submits from its own database (its return must match a submission it made).
    const unitDb = join(dir, 'unit.sqlite');
    const first = unitYear(0);
    const unitStore = await FilingStore.open(unitDb, { dailyBackup: false });
    unitStore.importBatch({ units: [first.unit], projects: first.projects, deptTargets: [] });
    await submitToFolder(unitStore, { unitCode: first.unit.code, year: YEAR, outDir: pkgDir, book: null });
    unitStore.close();
    for (let u = 1; u < UNITS; u++) {
      const { unit, projects } = unitYear(u);
      const { bytes } = await buildPackage({ unit, year: YEAR, projects, deptTarget: null }, { book: null });
      writeFileSync(join(pkgDir, packageFileName(unit.code, unit.name, YEAR)), bytes);
    }
    const recvDb = join(dir, 'recv.sqlite');
    const recv = await FilingStore.open(recvDb, { dailyBackup: false });
    const r = await importPackageFolder(recv, pkgDir);
    if (r.items.filter((x) => x.ok).length !== UNITS) throw new Error('not every package imported');
    decideAll(recv);
    console.log(`审核基准：${UNITS} 个单位 × 50 张表已接收并审核（每表 2 条意见）`);

    const writes: Array<{ wall: number; cpu: number }> = [];
    const summaries: Array<{ wall: number; cpu: number }> = [];
    const statuses: Array<{ wall: number; cpu: number }> = [];
    let firstReturn = '';
    for (let i = 0; i < RUNS; i++) {
      const out = join(dir, `returns-${i}`);
      mkdirSync(out);
      writes.push(
        await measure(async () => {
          for (const cur of recv.received.list({ year: YEAR, state: 'current' })) {
            const w = await writeReturn(recv, cur.unitCode, YEAR, out, '基准审核');
            if (i === 0 && cur.unitCode === first.unit.code) firstReturn = w.path;
          }
        }),
      );
      statuses.push(await measure(() => reviewSummary(recv, YEAR)));
      summaries.push(
        await measure(() => {
          const rows = summaryRows(recv, { year: YEAR }).rows;
          const review = reviewSummary(recv, YEAR);
          if (rows.length !== UNITS || review.length !== UNITS) throw new Error('summary rows missing');
        }),
      );
    }
    recv.close();

    const imports: Array<{ wall: number; cpu: number }> = [];
    const bytes = new Uint8Array(readFileSync(firstReturn));
    for (let i = 0; i < RUNS; i++) {
      const copy = join(dir, `unit-${i}.sqlite`);
      copyFileSync(unitDb, copy);
      const s = await FilingStore.open(copy, { dailyBackup: false });
      imports.push(await measure(() => importReturn(s, bytes)));
      s.close();
    }
    console.log(`退回包：${(bytes.length / 1024).toFixed(0)} KB（50 张表，约 95 条意见）`);
    const diffs: Array<{ wall: number; cpu: number }> = [];
    const unitSide = await FilingStore.open(join(dir, 'unit-0.sqlite'), { dailyBackup: false });
    const again = join(dir, 'resubmit');
    mkdirSync(again);
    await submitToFolder(unitSide, { unitCode: first.unit.code, year: YEAR, outDir: again, book: null });
    const ids = unitSide.projectsOfUnitYear(first.unit.code, YEAR).map((p) => p.id);
    for (let i = 0; i < RUNS; i++) {
      diffs.push(
        await measure(() => {
          for (const id of ids) if (!unitTableDiff(unitSide, id)?.from) throw new Error('no earlier submission to compare');
        }),
      );
    }
    unitSide.close();
    // The office receives that resubmission (nothing changed): the 45 tables passed on submission 1 keep their 通过.
    const receives: Array<{ wall: number; cpu: number }> = [];
    const resubmission = join(again, readdirSync(again)[0]!);
    for (let i = 0; i < RUNS; i++) {
      const copy = join(dir, `recv-${i}.sqlite`);
      copyFileSync(recvDb, copy);
      const s = await FilingStore.open(copy, { dailyBackup: false });
      receives.push(await measure(() => importPackageFile(s, resubmission, { noBackup: true })));
      const carried = s.reviews.tables(first.unit.code, YEAR).filter((t) => t.carried).length;
      s.close();
      if (carried !== 45) throw new Error(`expected 45 decisions carried over, got ${carried}`);
    }
    const rows: Array<[string, Array<{ wall: number; cpu: number }>, number]> = [
      ['写 100 个退回包 write returns', writes, 5_000],
      ['单位导入退回包 import return', imports, 200],
      ['汇总与审核状态 summary+status', summaries, 500],
      ['  其中审核状态 review.summary', statuses, 500],
      ['单位版本比较 50 表 unit diff', diffs, 500],
      ['接收重新报送 50 表 沿用 45 receive', receives, 1_000],
    ];
    console.log(`\n${RUNS} 次运行的中位数（ms）：`);
    console.log('指标'.padEnd(32) + '墙钟'.padStart(8) + 'CPU'.padStart(8) + '目标'.padStart(8) + '  目标/实测');
    for (const [label, xs, target] of rows) {
      const wall = median(xs.map((x) => x.wall));
      const cpu = median(xs.map((x) => x.cpu));
      console.log(label.padEnd(32) + wall.toFixed(0).padStart(8) + cpu.toFixed(0).padStart(8) + String(target).padStart(8) + '  ' + (target / wall).toFixed(2));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
