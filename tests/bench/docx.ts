// DOCX benchmark: a 54-table department book (seed 002) and books of 500 and 2,000 tables
// made from it, exported by the naive docx-library implementation (one `Table` object per
// project, tests/bench/docx-baseline.ts) and by ours (layout model → streamed
// WordprocessingML, electron/export/docx/writer.ts). Each run is its own process
// (tests/bench/docx-work.ts) so that peak RSS belongs to it; medians are printed.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RUNS, median } from './stats.ts';

const SIZES: Array<{ tables: number; targetMs: number }> = [
  { tables: 54, targetMs: 300 },
  { tables: 500, targetMs: 1500 },
  { tables: 2000, targetMs: 5000 },
];
const TARGET_RSS_MB = 400;

interface Run {
  ms: number;
  maxRssMB: number;
  bytes: number;
}

function measure(dir: string, mode: 'baseline' | 'ours', tables: number, runs: number): Run {
  const rs: Run[] = [];
  for (let i = 0; i < runs; i++) {
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'tests/bench/docx-work.ts', mode, String(tables), join(dir, `${mode}-${tables}-${i}.docx`)], {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    });
    rs.push(JSON.parse(out.trim().split('\n').pop()!) as Run);
  }
  return { ms: median(rs.map((r) => r.ms)), maxRssMB: median(rs.map((r) => r.maxRssMB)), bytes: rs[0]!.bytes };
}

export async function runDocxBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'jxmb-bench-docx-'));
  try {
    console.log(`DOCX 导出基准：${RUNS} 次运行的中位数（每次在独立进程中，峰值内存为该进程的 maxRSS；基线 2000 张表最多 3 次）`);
    console.log(
      '表格数'.padEnd(8) +
        '基线 ms'.padStart(10) +
        '基线 MB'.padStart(9) +
        '本实现 ms'.padStart(11) +
        '本实现 MB'.padStart(10) +
        '目标'.padStart(14) +
        '提速'.padStart(8) +
        '  达标',
    );
    for (const { tables, targetMs } of SIZES) {
      const base = measure(dir, 'baseline', tables, tables >= 2000 ? Math.min(RUNS, 3) : RUNS);
      const ours = measure(dir, 'ours', tables, RUNS);
      const ok = ours.ms <= targetMs && ours.maxRssMB <= TARGET_RSS_MB;
      console.log(
        String(tables).padEnd(10) +
          base.ms.toFixed(0).padStart(10) +
          base.maxRssMB.toFixed(0).padStart(9) +
          ours.ms.toFixed(0).padStart(11) +
          ours.maxRssMB.toFixed(0).padStart(10) +
          `≤${targetMs} ms/${TARGET_RSS_MB} MB`.padStart(16) +
          `${(base.ms / ours.ms).toFixed(1)}×`.padStart(8) +
          `  ${ok ? '是' : '否'}`,
      );
    }
    console.log('（时间为导出本身：排版模型 + DOCX 生成 + 安全写入文件；不含进程与模块加载）');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
