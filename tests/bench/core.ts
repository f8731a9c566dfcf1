// Core benchmark: a store of 10,000 projects / ~100,000 indicator rows built from the seed
// corpus; then open, list one unit-year, validate everything, export everything as JSON.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { FilingStore } from '../../electron/store/store.ts';
import { YEARS, buildCorpus } from './corpus.ts';
import { RUNS, median } from './stats.ts';

export async function runCoreBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'jxmb-bench-'));
  try {
    const db = join(dir, 'bench.sqlite');
    const corpus = buildCorpus();
    let t = process.hrtime.bigint();
    const store = await FilingStore.open(db, { dailyBackup: false });
    store.importBatch({ units: corpus.units, projects: corpus.projects, deptTargets: [] });
    store.close();
    const buildMs = Number(process.hrtime.bigint() - t) / 1e6;
    console.log(`核心基准：${corpus.projects.length} 个项目，${corpus.indicatorRows} 条指标，数据库 ${(statSync(db).size / 1024 / 1024).toFixed(1)} MB，建库 ${buildMs.toFixed(0)} ms`);

    const runs: Array<Record<string, number>> = [];
    for (let i = 0; i < RUNS; i++) {
      const out = execFileSync(
        process.execPath,
        ['--import', 'tsx', 'tests/bench/core-work.ts', db, corpus.units[0]!.code, String(YEARS[0]), join(dir, `export-${i}.json`)],
        { encoding: 'utf8' },
      );
      runs.push(JSON.parse(out.trim().split('\n').pop()!));
    }
    const rows: Array<[string, string, number, number]> = [
      ['打开数据库 open', 'open', 200, 1],
      ['列出一个单位年度 list', 'list', 20, 1],
      ['审核全部 validate all', 'validate', 1000, 1],
      ['不含新规则 without substance', 'validateOld', NaN, 1],
      ['按单位年度含上年 with context', 'validateContext', NaN, 1],
      ['导出全部 JSON export all', 'exportAll', NaN, 1],
      ['峰值内存 peak RSS (MB)', 'maxRssMB', 300, 1],
    ];
    console.log(`\n${RUNS} 次运行的中位数（每次在独立进程中）：`);
    console.log('指标'.padEnd(28) + '中位数'.padStart(10) + '目标'.padStart(10) + '  目标/实测');
    for (const [label, key, target] of rows) {
      const m = median(runs.map((r) => r[key]!));
      const unit = key === 'maxRssMB' ? 'MB' : 'ms';
      const ratio = Number.isFinite(target) ? (target / m).toFixed(1) + '×' : '—';
      console.log(label.padEnd(28) + `${m.toFixed(1)} ${unit}`.padStart(12) + (Number.isFinite(target) ? `≤${target} ${unit}` : '—').padStart(10) + '  ' + ratio);
    }
    console.log(`新规则/旧规则 validate/validateOld（同一次运行内）：${median(runs.map((r) => r.validate! / r.validateOld!)).toFixed(2)}×`);
    console.log(`（列出 ${runs[0]!.listed} 个项目；审核 ${runs[0]!.projects} 个项目，发现 ${runs[0]!.findings} 条，含同年其他表和上年 ${runs[0]!.contextFindings} 条；导出 ${runs[0]!.exported} 个项目）`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

