// Where a keystroke's time goes: a Chromium trace of typing in the 40-row table of the UI
// bench (a 说明 cell, a 指标值 cell, and a bare textarea on the same page), summed per
// keystroke by trace event (self time on the page's main thread, and totals per thread).
// `npm run bench -- ui-profile`; not a benchmark with targets, a profile to read.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import type { Page } from 'playwright-core';
import { FilingStore } from '../../electron/store/store.ts';
import { warmCheckCounts } from '../../electron/services/check-counts.ts';
import { startWebHost } from '../../electron/web-host/server.ts';
import { CHROMIUM, CHROMIUM_ARGS, HAVE_CHROMIUM, ensureRendererBuilt } from '../e2e/helpers.ts';
import { addPlain, buildData, measureTyping, p95 } from './ui.ts';

interface TraceEvent { name: string; ph: string; ts: number; dur?: number; pid: number; tid: number; args?: Record<string, unknown> }

const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'blink.user_timing', 'v8.execute', 'cc', 'gpu', 'viz', 'input', 'benchmark', 'toplevel'];
const TYPED = 'abcdefghijklmnopqrstuvwxyz0123456789abcdefghij';

/** Self time per event name on one thread, over complete ('X') events. */
function selfTimes(events: TraceEvent[]): Map<string, number> {
  const xs = events.filter((e) => e.ph === 'X' && e.dur !== undefined).sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const out = new Map<string, number>();
  const stack: TraceEvent[] = [];
  const child = new Map<TraceEvent, number>();
  for (const e of xs) {
    while (stack.length && stack[stack.length - 1]!.ts + stack[stack.length - 1]!.dur! <= e.ts) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) child.set(parent, (child.get(parent) ?? 0) + e.dur!);
    stack.push(e);
  }
  for (const e of xs) out.set(e.name, (out.get(e.name) ?? 0) + e.dur! - (child.get(e) ?? 0));
  return out;
}

interface CpuNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; children?: number[] }

/** JS self time per function while typing, from a sampled CPU profile (50 µs). */
async function jsProfile(page: Page, text: string, keys: number): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
  await cdp.send('Profiler.start');
  await page.keyboard.type(text, { delay: 35 });
  await page.waitForTimeout(100);
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: { nodes: CpuNode[]; samples: number[]; timeDeltas: number[] } };
  await cdp.detach();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const n = byId.get(id)!;
    const f = n.callFrame;
    const k = `${f.functionName || '(anonymous)'} ${path.basename(f.url)}:${f.lineNumber + 1}`;
    self.set(k, (self.get(k) ?? 0) + (profile.timeDeltas[i + 1] ?? 0));
  });
  // Who calls the heaviest native functions (a parent chain of 6).
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const chains = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const n = byId.get(id)!;
    if (!['setAttribute', 'getComputedStyle', 'removeAttribute', 'parseIndicatorValueUncached'].includes(n.callFrame.functionName)) return;
    const names: string[] = [];
    for (let p: number | undefined = id; p !== undefined && names.length < 9; p = parent.get(p)) names.push(byId.get(p)!.callFrame.functionName || '(anon)');
    const k = names.join(' < ');
    chains.set(k, (chains.get(k) ?? 0) + (profile.timeDeltas[i + 1] ?? 0));
  });
  for (const [k, us] of [...chains.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8)) console.log(`   ${(us / 1000 / keys).toFixed(3)}  ${k}`);
  const top = [...self.entries()].filter(([k]) => !k.startsWith('(idle)') && !k.startsWith('(program)')).sort((a, b) => b[1] - a[1]).slice(0, 25);
  console.log('  JS self time per key (ms):');
  for (const [k, us] of top) console.log(`     ${(us / 1000 / keys).toFixed(3)}  ${k}`);
}

async function profileTyping(page: Page, selector: string, text: string, label: string): Promise<void> {
  await page.locator(selector).click();
  await page.keyboard.press('End');
  await page.waitForTimeout(200);
  if (process.env.PROFILE_JS) {
    console.log(`\n== ${label}`);
    await jsProfile(page, text, text.length);
    return;
  }
  const browser = page.context().browser()!;
  await browser.startTracing(page, { categories: CATEGORIES });
  await page.keyboard.type(text, { delay: 35 });
  await page.waitForTimeout(100);
  const buf = await browser.stopTracing();
  if (process.env.TRACE_DIR) fs.writeFileSync(path.join(process.env.TRACE_DIR, `${label}.json`), buf);
  const events = (JSON.parse(buf.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const names = new Map<string, string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, String(e.args?.name));
  const keys = text.length;
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of events) {
    const k = `${e.pid}:${e.tid}`;
    if (!byThread.has(k)) byThread.set(k, []);
    byThread.get(k)!.push(e);
  }
  console.log(`\n== ${label}: ${keys} 次按键，每键平均（ms）`);
  const rows: Array<[string, number]> = [];
  for (const [k, evs] of byThread) {
    const t = names.get(k) ?? k;
    const self = selfTimes(evs);
    const total = [...self.values()].reduce((a, b) => a + b, 0) / 1000 / keys;
    if (total < 0.05) continue;
    rows.push([t, total]);
    if (t === 'CrRendererMain' || t === 'Compositor' || t === 'VizCompositorThread' || t === 'CrBrowserMain') {
      const top = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 14);
      console.log(`  [${t} ${k}] ${total.toFixed(3)}`);
      for (const [n, us] of top) console.log(`     ${(us / 1000 / keys).toFixed(3)}  ${n}`);
    }
  }
  console.log('  threads: ' + rows.sort((a, b) => b[1] - a[1]).map(([t, v]) => `${t} ${v.toFixed(2)}`).join('; '));
}

export async function runUiProfile(): Promise<void> {
  if (!HAVE_CHROMIUM) return void console.log(`跳过：没有 ${CHROMIUM}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jxmb-uiprof-'));
  // PROFILE_JS: an unminified build, so the profile names the functions.
  let staticDir = await ensureRendererBuilt();
  if (process.env.PROFILE_JS) {
    staticDir = path.join(dir, 'renderer');
    const { build } = await import('vite');
    await build({ configFile: path.resolve('renderer/vite.config.ts'), logLevel: 'error', build: { outDir: staticDir, emptyOutDir: true, minify: false } });
  }
  const data = buildData();
  const store = await FilingStore.open(path.join(dir, 'ui.sqlite'), { dailyBackup: false });
  store.importBatch({ units: data.units, projects: data.projects, deptTargets: [] });
  warmCheckCounts(store, data.projects);
  const host = await startWebHost({ dbPath: store.path, store, staticDir, log: () => {} });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, '--disable-frame-rate-limit', '--disable-gpu-vsync'] });
  try {
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', bypassCSP: true });
    const page = await ctx.newPage();
    await page.goto(`${host.url}#/u/500001/2025/p/${data.bigId}`);
    await page.waitForSelector('.form-table[data-complete]');
    await page.waitForSelector('.audit-sum');
    await page.waitForTimeout(500);
    // EXTRA_CSS: a rule added to the page, to try a change before making it.
    if (process.env.EXTRA_CSS) await page.addStyleTag({ content: process.env.EXTRA_CSS });
    if (process.env.LATENCY) {
      // Quick comparison: p95 and median per round, on this one page.
      const plain = await addPlain(page);
      const res: Record<string, number[][]> = { 说明格: [], 指标值格: [], 空白文本框: [] };
      for (let r = 0; r < Number(process.env.LATENCY); r++) {
        res['说明格']!.push((await measureTyping(page, 'textarea[data-path="periods.annual.indicators[20].description"]', TYPED)).lat);
        res['指标值格']!.push((await measureTyping(page, 'textarea[data-path="periods.annual.indicators[21].value"]', '>=95% 90-100 ')).lat);
        await page.keyboard.press('Escape');
        await page.keyboard.press('Escape');
        res['空白文本框']!.push((await measureTyping(page, plain, TYPED)).lat);
        await page.keyboard.press('Escape');
      }
      const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
      for (const [k, runs] of Object.entries(res)) {
        const ratio = runs.map((l, i) => p95(l) / p95(res['空白文本框']![i]!));
        console.log(`${k}: 与空白框之比（各轮 p95）中位数 ${med(ratio).toFixed(2)}`);
        if (process.env.PER_KEY) console.log(`${k}: 各键中位数 ${runs[0]!.map((_, i) => med(runs.map((l) => l[i] ?? NaN)).toFixed(1)).join(' ')}`);
        console.log(`${k}: p95 ${runs.map((l) => p95(l).toFixed(1)).join('/')}，中位 ${runs.map((l) => med(l).toFixed(1)).join('/')}；p95 的中位数 ${med(runs.map(p95)).toFixed(2)}`);
      }
      return;
    }
    await profileTyping(page, 'textarea[data-path="periods.annual.indicators[20].description"]', TYPED, '说明格');
    await profileTyping(page, 'textarea[data-path="periods.annual.indicators[21].value"]', '>=95% 90-100', '指标值格');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await profileTyping(page, await addPlain(page), TYPED, '空白文本框');
  } finally {
    await browser.close();
    await host.close();
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
