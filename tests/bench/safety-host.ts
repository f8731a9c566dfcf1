// The web host of the safety bench in a process of its own (safety.ts starts a fresh one per
// kind of file), so that the memory measured is the host's alone. Prints one JSON line
// { origin, token }, then answers each line on stdin with one JSON line:
//   mark         → { rssMb }: the peak is reset to the RSS now, CPU time counted from now
//   report       → { peakMb, hwmMb, rssMb, cpuMs }: since mark, the peak RSS of the process (main
//                  and worker threads) sampled every 10 ms by a thread of its own (a busy main
//                  thread hides nothing), the kernel's peak (VmHWM, reset at mark) and CPU time
//   json-db      → { ok }: makes the database of the next JSON import (not part of the timed run)
//   json <file>  → { outcome }: the interchange JSON import, into a database of its own each
//                  time (a bench-only hook: no API call imports such a file)
//   quit         → exits (a --cpu-prof profile is written then)
//   tsx tests/bench/safety-host.ts <dir>
import { readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { Worker } from 'node:worker_threads';
import { startWebHost } from '../../electron/web-host/server.ts';
import { importInterchangeFile } from '../../electron/services/filing-service.ts';
import { storeWith } from '../handover/helpers.ts';

const MB = 1024 * 1024;
const dir = process.argv[2];
if (!dir) throw new Error('usage: safety-host <dir>');

const peakKb = new Int32Array(new SharedArrayBuffer(4));
const SAMPLER = `
const { workerData } = require('node:worker_threads');
const peak = new Int32Array(workerData);
setInterval(() => {
  const kb = Math.round(process.memoryUsage.rss() / 1024);
  if (kb > Atomics.load(peak, 0)) Atomics.store(peak, 0, kb);
}, 10);`;
const sampler = new Worker(SAMPLER, { eval: true, workerData: peakKb.buffer });

/** VmHWM of this process in MB; writing 5 to clear_refs resets it to the RSS now (Linux). */
const hwmMb = () => Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? NaN) / 1024;
const resetHwm = () => {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    // not Linux, or not allowed: VmHWM is then the peak since start
  }
};

const target = await storeWith(dir, ['382201'], `host-${process.pid}.sqlite`);
const host = await startWebHost({ dbPath: target.dbPath, store: target.store, staticDir: null, log: () => {} });
let cpu0 = process.cpuUsage();
let jsonRuns = 0;
const reply = (v: unknown) => process.stdout.write(JSON.stringify(v) + '\n');
const outcome = (p: Promise<unknown>) =>
  p.then(
    () => '接受',
    (e: Error) => `拒绝：${e.message.replace(/\s+/g, ' ').slice(0, 50)}`,
  );

/** The database of the next JSON import, made before the run is timed (its demo data written in one go). */
let jsonDb: Awaited<ReturnType<typeof storeWith>> | null = null;

async function importJson(file: string): Promise<string> {
  const db = jsonDb ?? (await storeWith(dir!, ['382201'], `json-${process.pid}-${++jsonRuns}.sqlite`));
  jsonDb = null;
  try {
    return await outcome(importInterchangeFile(db.store, file));
  } finally {
    db.store.close();
  }
}

reply({ origin: host.origin, token: host.token });
for await (const line of createInterface({ input: process.stdin })) {
  const [cmd, ...rest] = line.split(' ');
  const arg = rest.join(' ');
  const rss = process.memoryUsage.rss();
  if (line === 'mark') {
    Atomics.store(peakKb, 0, Math.round(rss / 1024));
    resetHwm();
    cpu0 = process.cpuUsage();
    reply({ rssMb: rss / MB });
  } else if (line === 'report') {
    const cpu = process.cpuUsage(cpu0);
    reply({ peakMb: Math.max(Atomics.load(peakKb, 0) * 1024, rss) / MB, hwmMb: hwmMb(), rssMb: rss / MB, cpuMs: (cpu.user + cpu.system) / 1000 });
  } else if (line === 'json-db') {
    jsonDb = await storeWith(dir, ['382201'], `json-${process.pid}-${++jsonRuns}.sqlite`);
    reply({ ok: true });
  } else if (cmd === 'json') {
    reply({ outcome: await importJson(arg) });
  } else if (line === 'quit') {
    break;
  } else reply({ error: `unknown command ${line}` });
}
await sampler.terminate();
await host.close();
target.store.close();
process.exit(0);
