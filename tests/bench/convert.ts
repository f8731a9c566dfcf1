// 转换表样 of a 40-row table (20 rows of 中期, 20 of 年度, layout D) to C and back, on a real
// SQLite file through the service (plan, confirm count, save with its audit rows). Medians
// over the conversions, split into the plan (pure mapping) and the whole call.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FilingStore } from '../../electron/store/store.ts';
import { readDemoData } from '../../electron/services/demo.ts';
import { convertTable, previewConversion } from '../../electron/services/convert.ts';
import { planConversion } from '../../shared/settings/conversion.ts';
import { projectFilingSchema, type ProjectFiling } from '../../shared/model/filing.ts';
import { RUNS, median } from './stats.ts';

const ROWS_PER_PERIOD = 20;
const TARGET_MS = 100;

function table40(): ProjectFiling {
  const src = projectFilingSchema.parse(readDemoData().projects.find((p) => p.templateId === 'D'));
  const p = structuredClone({ ...src, id: 'bench-convert', unitCode: '341182', year: 2030, seq: 1 });
  for (const per of [p.periods.midterm!, p.periods.annual!]) {
    const base = [...per.indicators];
    for (let n = 0; per.indicators.length < ROWS_PER_PERIOD; n++) {
      const r = base[n % base.length]!;
      per.indicators.push({ ...r, id: `${r.id}-x${n}`, name: `${r.name}（补${n + 1}）`, standard: n % 3 ? '' : '行业标准' });
    }
  }
  return p;
}

export async function runConvertBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'jxmb-bench-convert-'));
  try {
    const store = await FilingStore.open(join(dir, 'convert.sqlite'), { dailyBackup: false });
    const filing = table40();
    store.importBatch({ units: [{ code: '341182', name: '基准测试单位', supervisor: null, region: '', sample: false }], projects: [filing], deptTargets: [] });
    const n = Math.max(RUNS * 4, 20);
    const whole: number[] = [];
    const plan: number[] = [];
    for (let i = 0; i < n + 2; i++) {
      const to = i % 2 ? 'D' : 'C';
      const current = store.getProject(filing.id)!;
      let t = process.hrtime.bigint();
      planConversion(current, to, 'legacy');
      const planMs = Number(process.hrtime.bigint() - t) / 1e6;
      t = process.hrtime.bigint();
      const p = previewConversion(store, filing.id, { templateId: to });
      convertTable(store, filing.id, { templateId: to }, p.revision, p.losses.length, { force: true });
      const ms = Number(process.hrtime.bigint() - t) / 1e6;
      if (i >= 2) {
        whole.push(ms);
        plan.push(planMs);
      }
    }
    store.close();
    const m = median(whole);
    console.log(`转换表样：${ROWS_PER_PERIOD * 2} 行指标的表 D ⇄ C，${n} 次的中位数`);
    console.log(`  转换一张 40 行的表（预览 + 确认 + 保存）${m.toFixed(1)} ms　目标 ≤${TARGET_MS} ms　${(TARGET_MS / m).toFixed(1)}×`);
    console.log(`  其中对应关系计算（纯函数）${median(plan).toFixed(2)} ms；其余为读表、保存与修改记录`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
