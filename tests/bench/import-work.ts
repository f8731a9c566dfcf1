// One measured import (preview, then store into a fresh database), in its own process so
// that peak memory (maxRSS) belongs to it. A timer ticking every 5 ms stands for a
// concurrent `app.info`: the longest gap between its ticks is the longest the app could
// not answer. Prints one JSON line: { ms, previewMs, cpuMs, maxRssMB, pauseMs, projects, previewKB }.
//   tsx tests/bench/import-work.ts <file> <unitCode> <year> <db.sqlite>
import { readFileSync } from 'node:fs';
import { defaultPlan, importPlanSchema } from '../../shared/api/import-preview.ts';
import { buildPreview, readImportFile } from '../../electron/services/import-preview.ts';
import { applyImport } from '../../electron/services/import-apply.ts';
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

const t0 = performance.now();
const cpu0 = process.cpuUsage();
const bytes = new Uint8Array(readFileSync(file));
const sheet = /\.xlsx?$/.test(file);
// As the import dialog does it: the preview (tables beside their source cells), then the
// store step, which reads the same bytes again with the choices made (every table imported,
// printed units sent to the bench unit).
const kind = sheet ? 'xlsx' : 'docx';
const empty = importPlanSchema.parse({});
const read = await readImportFile(kind, bytes, unitCode, empty);
const printed = [...new Set(read.tables.flatMap((t) => (t.printed ? [t.printed.code] : [])))].map((code) => ({ printed: code, unitCode }));
const first = buildPreview(store, read, { fileName: file, defaultUnit: unitCode, year, plan: { ...empty, units: printed }, bytes });
const previewBytes = JSON.stringify(first).length;
const projects = first.units.flatMap((u) => u.tables);
const previewMs = performance.now() - t0;
await new Promise((r) => setImmediate(r));
await applyImport(store, { kind, bytes, fileName: file, sha256: first.sha256, defaultUnit: unitCode, year, plan: { ...defaultPlan(first, { units: printed, tables: [] }), createUnits: [] } });
const ms = performance.now() - t0;
await new Promise((r) => setTimeout(r, 10));
clearInterval(tick);
store.close();
const cpu = process.cpuUsage(cpu0);
const cpuMs = (cpu.user + cpu.system) / 1000;
process.stdout.write(JSON.stringify({ ms, previewMs, cpuMs, maxRssMB: process.resourceUsage().maxRSS / 1024, pauseMs, projects: projects.length, previewKB: previewBytes / 1024 }) + '\n');
