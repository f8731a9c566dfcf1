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
    const work = (args: string[]): Record<string, number> =>
      JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', 'tests/bench/core-work.ts', db, ...args], { encoding: 'utf8' }).trim().split('\n').pop()!);
    for (let i = 0; i < RUNS; i++) {
      // The full catalogue and the one before the substance rules, each in a fresh process
      // (first pass cold, as a user's first 审核全部), alternately.
      runs.push({ ...work([corpus.units[0]!.code, String(YEARS[0]), join(dir, `export-${i}.json`)]), ...work(['--old']) });
    }
    const rows: Array<[string, string, number]> = [
      ['打开数据库 open', 'open', 200],
      ['列出一个单位年度 list', 'list', 20],
      ['审核全部 validate all', 'validate', 1000],
      ['  同上第二遍 second pass', 'validate2', NaN],
      ['不含新规则 without substance', 'validateOld', NaN],
      ['  同上第二遍 second pass', 'validateOld2', NaN],
      ['按单位年度含上年 with context', 'validateContext', NaN],
      ['导出全部 JSON export all', 'exportAll', NaN],
      ['峰值内存 peak RSS (MB)', 'maxRssMB', 300],
    ];
    const m = (key: string) => median(runs.map((r) => r[key]!));
    console.log(`\n${RUNS} 次运行的中位数（每次在独立进程中；CPU 为进程的 CPU 时间，含编译和垃圾回收线程）：`);
    console.log('指标'.padEnd(28) + '中位数'.padStart(10) + 'CPU'.padStart(10) + '目标'.padStart(10) + '  目标/实测');
    for (const [label, key, target] of rows) {
      const v = m(key);
      const unit = key === 'maxRssMB' ? 'MB' : 'ms';
      const cpu = runs[0]![`${key}Cpu`] !== undefined ? `${m(`${key}Cpu`).toFixed(0)} ms` : '';
      const ratio = Number.isFinite(target) ? (target / v).toFixed(1) + '×' : '—';
      console.log(label.padEnd(28) + `${v.toFixed(1)} ${unit}`.padStart(12) + cpu.padStart(10) + (Number.isFinite(target) ? `≤${target} ${unit}` : '—').padStart(10) + '  ' + ratio);
    }
    const ratio = (a: string, b: string) => median(runs.map((r) => r[a]! / r[b]!)).toFixed(2);
    console.log(`新规则/旧规则 validate/validateOld：第一遍 ${ratio('validate', 'validateOld')}×（CPU ${ratio('validateCpu', 'validateOldCpu')}×），第二遍 ${ratio('validate2', 'validateOld2')}×（CPU ${ratio('validate2Cpu', 'validateOld2Cpu')}×）`);
    console.log(`（列出 ${runs[0]!.listed} 个项目；审核 ${runs[0]!.projects} 个项目，发现 ${runs[0]!.findings} 条（不含新规则 ${runs[0]!.oldFindings} 条），含同年其他表和上年 ${runs[0]!.contextFindings} 条；导出 ${runs[0]!.exported} 个项目）`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

