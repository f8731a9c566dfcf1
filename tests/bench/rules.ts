// Per-rule benchmark (`npm run bench -- rules`): the corpus of the core suite validated in
// memory with the catalogue before the substance rules and with all of it (CPU time, the
// same process, alternately), and each rule's own time; medians over runs.
import { execFileSync } from 'node:child_process';
import { RUNS, median } from './stats.ts';

interface RulesRun {
  old: number;
  new: number;
  ratio: number;
  counts: { old: number; new: number };
  timedTotal: number;
  timer: number;
  perRule: Record<string, number>;
  substance: string[];
}

export async function runRulesBench(): Promise<void> {
  const runs: RulesRun[] = [];
  for (let i = 0; i < RUNS; i++) {
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'tests/bench/rules-work.ts'], { encoding: 'utf8' });
    runs.push(JSON.parse(out.trim().split('\n').pop()!));
  }
  const first = runs[0]!;
  const m = (f: (r: RulesRun) => number) => median(runs.map(f));
  console.log(`审核 10,000 个项目（内存中，CPU 时间，${RUNS} 次运行的中位数）：`);
  console.log(`  不含新规则 old ${m((r) => r.old).toFixed(0)} ms（${first.counts.old} 条）`);
  console.log(`  含新规则   new ${m((r) => r.new).toFixed(0)} ms（${first.counts.new} 条）`);
  console.log(`  new/old（同一次运行内）${m((r) => r.ratio).toFixed(2)}×`);
  const substance = new Set(first.substance);
  const codes = Object.keys(first.perRule).sort((a, b) => m((r) => r.perRule[b]!) - m((r) => r.perRule[a]!));
  let sumNew = 0;
  let sumAll = 0;
  console.log(`\n每条规则自身的耗时（ms，CPU 时间，已减去计时本身的 ${m((r) => r.timer).toFixed(0)} ms；计时运行共 ${m((r) => r.timedTotal).toFixed(0)} ms）：`);
  for (const code of codes) {
    const ms = m((r) => r.perRule[code]!);
    sumAll += ms;
    if (substance.has(code)) sumNew += ms;
    console.log(`  ${(substance.has(code) ? '新 ' : '   ') + code.padEnd(24)}${ms.toFixed(1).padStart(9)}`);
  }
  console.log(`  合计 ${sumAll.toFixed(0)} ms，其中新规则 ${sumNew.toFixed(0)} ms`);
}
