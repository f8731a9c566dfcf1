// Paste of a block into the project form (renderer/src/form/paste.ts): the plan of the edit
// (TSV parsed, columns mapped, rows placed in their groups) and its application to the
// filing, as a paste runs it before the form repaints. Last year's table as Excel copies it
// (一级 | 二级 | 三级 | 描述 | 指标值, merged cells blank) into the merged 一级 cell of a new
// table, 40 and 490 rows, layouts B and C. Medians of wall and CPU time.
import { planPaste } from '../../renderer/src/form/paste.ts';
import { buildGrid } from '../../renderer/src/form/grid.ts';
import { applyEdit } from '../../renderer/src/form/ops.ts';
import { blankFiling } from '../../electron/services/blank.ts';
import { getTemplate } from '../../shared/templates/index.ts';
import { RUNS, median } from './stats.ts';

/** A 40-row paste within one frame's budget of a busy machine. */
const TARGET_40_MS = 16;

function table(rows: number): string {
  const groups = [
    ['产出指标', '数量指标'],
    ['效益指标', '社会效益指标'],
    ['满意度指标', '服务对象满意度指标'],
  ];
  const lines: string[] = [];
  for (let i = 0; i < rows; i++) {
    const g = Math.min(2, Math.floor((i * 3) / rows));
    const first = i === 0 || Math.min(2, Math.floor(((i - 1) * 3) / rows)) !== g;
    lines.push([first ? groups[g]![0] : '', first ? groups[g]![1] : '', `指标${i + 1}`, `全年完成指标${i + 1}`, `≥${i + 1}次`].join('\t'));
  }
  return lines.join('\r\n') + '\r\n';
}

export async function runPasteBench(): Promise<void> {
  const n = Math.max(RUNS * 4, 20);
  console.log(`粘贴上年指标表（一级 | 二级 | 三级 | 描述 | 指标值）到新表的一级单元格，${n} 次的中位数`);
  for (const tid of ['B', 'C']) {
    const t = getTemplate(tid)!;
    let k = 0;
    const f = blankFiling(t, { code: '619001', name: '基准测试单位', supervisor: null, region: '', sample: false }, 2025, '基准', { project: 'bench', row: () => `r${++k}` });
    const g = buildGrid(t, f);
    const cell = g.cells[g.byKey.get(g.byPath.get(`periods.${t.periods[0]}.indicators[0].level1`)!)!]!;
    for (const rows of [40, 490]) {
      const text = table(rows);
      const wall: number[] = [];
      const cpu: number[] = [];
      for (let i = 0; i < n + 2; i++) {
        const c0 = process.cpuUsage();
        const t0 = process.hrtime.bigint();
        const r = planPaste(g, cell, text, f, t);
        if (r.t !== 'edit') throw new Error(`粘贴未成功：${JSON.stringify(r)}`);
        const after = applyEdit(f, r.edit);
        const ms = Number(process.hrtime.bigint() - t0) / 1e6;
        const c = process.cpuUsage(c0);
        if ((after.periods[t.periods[0]!]?.indicators.length ?? 0) < rows) throw new Error('粘贴的行数不对');
        if (i >= 2) {
          wall.push(ms);
          cpu.push((c.user + c.system) / 1000);
        }
      }
      const m = median(wall);
      const target = rows === 40 ? `　目标 ≤${TARGET_40_MS} ms　${(TARGET_40_MS / m).toFixed(1)}×` : '';
      console.log(`  表样 ${tid}，${rows} 行：${m.toFixed(2)} ms（CPU ${median(cpu).toFixed(2)} ms）${target}`);
    }
  }
}
