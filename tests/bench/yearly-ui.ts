// Yearly UI benchmark (`npm run bench -- yearly-ui`), in Chromium against the real backend:
// opening a 40-row 绩效自评表 from its target table (click → every row and the 总分 painted,
// target ≤ 100 ms) and input-to-paint while typing an 实际完成值 (frame-rate limit off, as
// in the ui suite), beside the backend's share (yearly.get in Node).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { FilingStore } from '../../electron/store/store.ts';
import { readDemoData } from '../../electron/services/demo.ts';
import { startWebHost } from '../../electron/web-host/server.ts';
import { createProjectYearlyForms } from '../../electron/services/yearly-service.ts';
import type { ProjectFiling } from '../../shared/model/filing.ts';
import { CHROMIUM, CHROMIUM_ARGS, HAVE_CHROMIUM, ensureRendererBuilt } from '../e2e/helpers.ts';
import { RUNS, median } from './stats.ts';
import { addPlain, measureTyping, p95, timeInPage } from './ui.ts';

const UNIT = '500101';
const YEAR = 2025;
const ROWS = 40;
const ID = 'y-40';

function table(): ProjectFiling {
  const b = readDemoData().projects.find((p) => p.templateId === 'B')!;
  const t = structuredClone({ ...b, id: ID, unitCode: UNIT, year: YEAR, seq: 1, name: '四十行指标表', carriedOver: [] });
  const rows = t.periods.annual!.indicators;
  const base = [...rows];
  for (let n = 0; rows.length < ROWS; n++) {
    const r = base[n % base.length]!;
    rows.splice(rows.findIndex((x) => x.id === r.id) + 1, 0, { ...r, id: `${r.id}-x${n}`, name: `${r.name}（补${n + 1}）` });
  }
  return t;
}

/** CPU time (ms) of the renderer main thread's top-level tasks in a trace file (thread time, nested tasks once). */
function mainThreadCpuMs(file: string): number {
  type Ev = { name: string; ph: string; pid: number; tid: number; ts: number; dur?: number; tdur?: number; args?: { name?: string } };
  const events = (JSON.parse(fs.readFileSync(file, 'utf8')) as { traceEvents: Ev[] }).traceEvents;
  const main = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}/${e.tid}`));
  const tasks = events.filter((e) => e.ph === 'X' && /(^|::)RunTask$/.test(e.name) && main.has(`${e.pid}/${e.tid}`)).sort((a, b) => a.ts - b.ts);
  let us = 0;
  let end = -1;
  for (const e of tasks) {
    if (e.ts < end) continue;
    us += e.tdur ?? 0;
    end = e.ts + (e.dur ?? 0);
  }
  return us / 1000;
}

export async function runYearlyUiBench(): Promise<void> {
  if (!HAVE_CHROMIUM) {
    console.log(`跳过自评界面基准：没有 ${CHROMIUM}`);
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jxmb-yuibench-'));
  const staticDir = await ensureRendererBuilt();
  const store = await FilingStore.open(path.join(dir, 'y.sqlite'), { dailyBackup: false });
  store.importBatch({ units: [{ code: UNIT, name: '自评基准单位', supervisor: null, region: '', sample: false }], projects: [table()], deptTargets: [] });
  createProjectYearlyForms(store, ID);
  const se = store.yearly.get('self-evaluation', ID)!;
  store.yearly.put({ ...se.form, rows: se.form.rows.map((r, i) => ({ ...r, actual: i % 2 ? '95%' : '100%', deviation: i % 2 ? '略有滞后' : '' })) });
  const host = await startWebHost({ dbPath: store.path, store, staticDir, log: () => {} });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, '--disable-frame-rate-limit', '--disable-gpu-vsync'] });
  const res: Record<string, number[]> = { open: [], openCpu: [], fetch: [], total: [], api: [], type: [], plain: [] };
  try {
    for (let run = 0; run < RUNS; run++) {
      const ctx = await browser.newContext({ viewport: { width: 1600, height: 900 }, locale: 'zh-CN' });
      const page = await ctx.newPage();
      await page.goto(`${host.url}#/u/${UNIT}/${YEAR}/p/${ID}`);
      await page.getByRole('button', { name: '运行监控和自评' }).waitFor();
      await page.waitForTimeout(300);
      // The renderer main thread's CPU time over the opening (thread time of its top-level tasks
      // in a Chromium trace): what the page costs, far less disturbed by a loaded machine than wall time.
      const trace = path.join(dir, `trace-${run}.json`);
      await browser.startTracing(page, { path: trace, categories: ['toplevel', 'devtools.timeline'] });
      const [rows, total] = await timeInPage(
        page,
        `[...document.querySelectorAll('button')].find((b) => b.textContent.trim() === '运行监控和自评').click();`,
        [`document.querySelectorAll('[data-testid="se-row"]').length === ${ROWS}`, `!!document.querySelector('[data-testid="se-total"]')?.textContent`],
      );
      await browser.stopTracing();
      res.openCpu!.push(mainThreadCpuMs(trace));
      res.open!.push(rows!);
      res.total!.push(total!);
      // The HTTP round trip of yearly.get inside that time (the rest is the page's work).
      res.fetch!.push((await page.evaluate(`(() => { const e = performance.getEntriesByType('resource').filter((x) => x.name.includes('yearly.get')).at(-1); return e ? e.responseEnd - e.startTime : NaN; })()`)) as number);
      await page.waitForTimeout(300);
      const t = await measureTyping(page, `input[data-field="rows[20].actual"]`, '98.5%');
      res.type!.push(p95(t.lat));
      res.plain!.push(p95((await measureTyping(page, await addPlain(page), '98.5%')).lat));
      await ctx.close();
    }
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      await host.handlers['yearly.get']({ projectId: ID });
      res.api!.push(performance.now() - t);
    }
  } finally {
    await browser.close();
    await host.close();
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const line = (label: string, key: string, target: number) => {
    const m = median(res[key]!);
    console.log(`${label.padEnd(34)}${`${m.toFixed(1)} ms`.padStart(10)}${(Number.isFinite(target) ? `≤${target} ms` : '—').padStart(10)}  ${Number.isFinite(target) ? `${(target / m).toFixed(1)}×` : '—'}`);
  };
  console.log(`自评界面基准：Chromium 1600×900，${RUNS} 次运行的中位数`);
  line(`打开 ${ROWS} 行的绩效自评表：全部行`, 'open', 100);
  line('　其中页面主线程 CPU 时间', 'openCpu', 100);
  line('　总分显示', 'total', NaN);
  line('　其中 yearly.get 往返（HTTP）', 'fetch', NaN);
  line('　其中后端 yearly.get', 'api', NaN);
  line('输入实际完成值：输入到显示 p95', 'type', 16);
  line('　对照：空白文本框 p95', 'plain', NaN);
  console.log(`（机器负载 ${os.loadavg()[0]!.toFixed(1)}，${os.cpus().length} 核；负载高时各项偏慢）`);
  console.log(`（各次：${Object.entries(res).map(([k, v]) => `${k} ${v.map((x) => x.toFixed(0)).join('/')}`).join('；')}）`);
}
