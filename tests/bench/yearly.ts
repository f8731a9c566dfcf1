// Yearly benchmark: score and 审核 10,000 self-evaluations (target ≤ 1 s), each run in its own process.
import { execFileSync } from 'node:child_process';
import { RUNS, median } from './stats.ts';

export async function runYearlyBench(): Promise<void> {
  const runs: Array<{ ms: number; cpuMs: number; findings: number; total: number }> = [];
  for (let i = 0; i < RUNS; i++) {
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'tests/bench/yearly-work.ts'], { encoding: 'utf8' });
    runs.push(JSON.parse(out.trim().split('\n').pop()!));
  }
  const ms = median(runs.map((r) => r.ms));
  const cpu = median(runs.map((r) => r.cpuMs));
  console.log(`评分并审核 10,000 张绩效自评表：每次 ${runs.map((r) => r.ms.toFixed(0)).join(' / ')} ms，中位数 ${ms.toFixed(0)} ms，目标 1000 ms，目标/实测 ${(1000 / ms).toFixed(2)}`);
  // CPU time of the process: close to the wall time on a quiet machine, and far less
  // disturbed than it when other work shares the cores (wall ≫ CPU tells the run was loaded).
  console.log(`（CPU 时间中位数 ${cpu.toFixed(0)} ms；墙钟 / CPU = ${(ms / cpu).toFixed(2)}，明显大于 1 说明机器另有负载，结果偏慢）`);
  console.log(`（审核结果 ${runs[0]!.findings} 条，总分合计 ${(runs[0]!.total / 100).toFixed(2)}，各次一致：${runs.every((r) => r.findings === runs[0]!.findings && r.total === runs[0]!.total) ? '是' : '否'}）`);
}
