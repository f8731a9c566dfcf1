// Handover benchmark: import a folder of 100 packages × 50 projects (target ≤ 10 s),
// build the 汇总 spreadsheet for them (≤ 2 s), import a 5,000-row spreadsheet (≤ 2 s).
// Medians of RUNS runs; each import run into a fresh database.
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FilingStore } from '../../electron/store/store.ts';
import { readDemoData } from '../../electron/services/demo.ts';
import { buildPackage } from '../../electron/handover/pack.ts';
import { importPackageFolder } from '../../electron/handover/receive.ts';
import { buildSummaryWorkbook } from '../../electron/handover/summary.ts';
import { exportUnitYearWorkbook, importWorkbook } from '../../electron/import/spreadsheet/workbook.ts';
import { packageFileName } from '../../shared/handover/manifest.ts';
import type { ProjectFiling, Unit } from '../../shared/model/filing.ts';
import { RUNS, median } from './stats.ts';

const UNITS = 100;
const PER_UNIT = 50;
const YEAR = 2024;

/** 50 clean template-A projects per unit, cloned from the seed unit-years without 错误. */
export function unitYear(u: number): { unit: Unit; projects: ProjectFiling[] } {
  const seeds = readDemoData().projects.filter((p) => p.unitCode === '382201' || p.unitCode === '382302');
  const code = String(700000 + u);
  const unit: Unit = { code, name: `基准单位${u + 1}`, supervisor: { code: '901', name: '基准主管部门' }, region: '', sample: false };
  const projects = Array.from({ length: PER_UNIT }, (_, i) => {
    const src = seeds[i % seeds.length]!;
    return { ...structuredClone(src), id: `h${code}-${i + 1}`, unitCode: code, year: YEAR, seq: i + 1, name: `${src.name}（${i + 1}）`, headingName: '' };
  });
  return { unit, projects };
}

const time = async (fn: () => Promise<unknown> | unknown): Promise<number> => {
  const t = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
};

export async function runHandoverBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'jxmb-bench-handover-'));
  try {
    const pkgDir = join(dir, 'packages');
    mkdirSync(pkgDir);
    let t = Date.now();
    for (let u = 0; u < UNITS; u++) {
      const { unit, projects } = unitYear(u);
      const { bytes } = await buildPackage({ unit, year: YEAR, projects, deptTarget: null }, { book: null });
      writeFileSync(join(pkgDir, packageFileName(unit.code, unit.name, YEAR)), bytes);
    }
    console.log(`交接基准：${UNITS} 个报送包 × ${PER_UNIT} 张项目表（不含 Word 文件），生成 ${Date.now() - t} ms`);

    const imports: number[] = [];
    const summaries: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const store = await FilingStore.open(join(dir, `recv-${i}.sqlite`), { dailyBackup: false });
      let ok = 0;
      imports.push(
        await time(async () => {
          const r = await importPackageFolder(store, pkgDir);
          ok = r.items.filter((x) => x.ok && x.result?.outcome === 'new').length;
        }),
      );
      if (ok !== UNITS) throw new Error(`imported ${ok} of ${UNITS}`);
      summaries.push(await time(() => buildSummaryWorkbook(store, { year: YEAR })));
      store.close();
    }

    // 5,000 rows: 250 project sheets of 20 rows (4 fixed rows, header, 15 indicators).
    const seeds = readDemoData().projects.filter((p) => p.unitCode === '382302');
    const unit: Unit = { code: '799999', name: '表格基准单位', supervisor: null, region: '', sample: false };
    const projects: ProjectFiling[] = Array.from({ length: 250 }, (_, i) => {
      const p = structuredClone(seeds[i % seeds.length]!);
      const rows = p.periods.annual!.indicators;
      const base = rows.length ? [...rows] : [];
      for (let n = 0; base.length && rows.length < 15; n++) rows.push({ ...base[n % base.length]!, id: `x${i}-${n}`, name: `${base[n % base.length]!.name}${n}` });
      rows.splice(15);
      return { ...p, id: `s${i}`, unitCode: unit.code, seq: i + 1 };
    });
    const xlsx = await exportUnitYearWorkbook({ unit, year: YEAR, projects });
    let rowCount = 0;
    const sheetImports: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      sheetImports.push(
        await time(async () => {
          const r = await importWorkbook(xlsx);
          rowCount = r.projects.length;
        }),
      );
    }
    t = Date.now();
    console.log(`表格：${projects.length} 张项目表，约 ${projects.length * 20} 行，${(xlsx.length / 1024).toFixed(0)} KB（读回 ${rowCount} 张）`);
    const rows: Array<[string, number[], number]> = [
      ['导入 100 个报送包 import folder', imports, 10_000],
      ['生成汇总表 summary xlsx', summaries, 2_000],
      ['导入 5000 行表格 import xlsx', sheetImports, 2_000],
    ];
    console.log(`\n${RUNS} 次运行的中位数（ms）：`);
    console.log('指标'.padEnd(30) + '中位数'.padStart(10) + '目标'.padStart(10) + '  目标/实测');
    for (const [label, xs, target] of rows) {
      const m = median(xs);
      console.log(label.padEnd(30) + m.toFixed(0).padStart(10) + String(target).padStart(10) + '  ' + (target / m).toFixed(2));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
