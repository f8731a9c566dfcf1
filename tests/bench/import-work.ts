// One measured import (preview, then store into a fresh database), in its own process so
// that peak memory (maxRSS) belongs to it. A timer ticking every 5 ms stands for a
// concurrent `app.info`: the longest gap between its ticks is the longest the app could
// not answer. Prints one JSON line: { ms, cpuMs (worker threads included), previewMs, maxRssMB, pauseMs, projects }.
//   tsx tests/bench/import-work.ts <file> <unitCode> <year> <db.sqlite>
import { readFileSync } from 'node:fs';
import { previewWordInWorker } from '../../electron/import/docx/word-offthread.ts';
import { importWorkbook, storeImported } from '../../electron/import/spreadsheet/workbook.ts';
import { FilingStore } from '../../electron/store/store.ts';

const [file, unitCode, yearText, db] = process.argv.slice(2);
if (!file || !unitCode || !yearText || !db) throw new Error('usage: import-work <file> <unitCode> <year> <db.sqlite>');
const year = Number(yearText);
const store = await FilingStore.open(db, { dailyBackup: false });
store.upsertUnit({ code: unitCode, name: '基准测试单位' });

let last = performance.now();
let pauseMs = 0;
const tick = setInterval(() => {
  const now = performance.now();
  pauseMs = Math.max(pauseMs, now - last);
  last = now;
}, 5);
await new Promise((r) => setTimeout(r, 20));
last = performance.now();
pauseMs = 0;

const cpu0 = process.cpuUsage();
const t0 = performance.now();
const bytes = new Uint8Array(readFileSync(file));
const sheet = /\.xlsx?$/.test(file);
const projects = sheet ? (await importWorkbook(bytes, { unitCode, year })).projects.map((p) => p.filing) : (await previewWordInWorker(bytes, { unitCode, year })).projects.map((p) => p.filing);
const previewMs = performance.now() - t0;
await new Promise((r) => setImmediate(r));
storeImported(store, unitCode, projects.map((p, i) => ({ ...p, seq: i + 1 })));
const ms = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
await new Promise((r) => setTimeout(r, 10));
clearInterval(tick);
store.close();
process.stdout.write(JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, previewMs, maxRssMB: process.resourceUsage().maxRSS / 1024, pauseMs, projects: projects.length }) + '\n');
