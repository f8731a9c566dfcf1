// Safety benchmark (issue 11): the largest hostile file of each kind that the limits accept
// is parsed by the web host while a second client calls app.info in a loop. Three kinds of
// process, so that each figure is the one it names: the files are made first in a process of
// their own (safety-files.ts), each run gets a fresh host process (safety-host.ts: its
// memory is what is measured, and no run before raises its start or serves it from a cache), and the
// second client is a process of its own. Reported per kind, medians over RUNS runs: wall
// time, the client's longest wait for an answer (target ≤ 200 ms), the host's peak RSS,
// worker threads included (target ≤ 500 MB), and its RSS at the start.
// SAFETY_ONLY=Word (a part of a label) measures one kind; SAFETY_CPU_PROF=<dir> writes a
// --cpu-prof profile of each host there (to find what blocks its main thread).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { API_HTTP, type ApiClient } from '../../shared/api/contract.ts';
import { createHttpClient } from '../../shared/api/http-client.ts';
import type { SafetyCall, SafetyFile } from './safety-files.ts';
import { RUNS, median } from './stats.ts';

/**
 * The second client, in its own process (so that only the host's pauses are measured):
 * asks app.info back to back; on each line from stdin prints the longest gap between two
 * answers since the previous line, in ms (a dropped connection is retried, the gap grows).
 */
const PINGER = `
const [origin, token, header] = process.argv.slice(1);
let max = 0;
process.stdin.setEncoding('utf8').on('data', () => { process.stdout.write(max.toFixed(1) + '\\n'); max = 0; });
let t = performance.now();
for (;;) {
  try {
    const r = await fetch(origin + '/api/app.info', { method: 'POST', headers: { 'content-type': 'application/json', [header]: token }, body: '{}' });
    await r.text();
  } catch {
    // a dropped keep-alive connection: the wait goes on until an answer comes
    continue;
  }
  max = Math.max(max, performance.now() - t);
  t = performance.now();
}`;

/** A child that answers each line written to its stdin with one line; `greets`: it first prints a line of its own unasked. */
function lineChild(child: ChildProcess, greets: boolean): { ask(line: string): Promise<string>; greeting: Promise<string> } {
  const waiting: Array<(l: string) => void> = [];
  const greeting = new Promise<string>((r) => (greets ? waiting.push(r) : r('')));
  createInterface({ input: child.stdout! }).on('line', (l) => waiting.shift()?.(l));
  return {
    greeting,
    ask: (line) =>
      new Promise((r) => {
        waiting.push(r);
        child.stdin!.write(line + '\n');
      }),
  };
}

interface Host {
  api: ApiClient;
  ask<T>(line: string): Promise<T>;
  stop(): Promise<void>;
  pinger: { report(): Promise<number> };
}

async function startHost(dir: string): Promise<Host> {
  const prof = process.env.SAFETY_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.SAFETY_CPU_PROF}`] : [];
  const child = spawn(process.execPath, [...prof, '--import', 'tsx', 'tests/bench/safety-host.ts', dir], { stdio: ['pipe', 'pipe', 'inherit'] });
  const host = lineChild(child, true);
  const { origin, token } = JSON.parse(await host.greeting) as { origin: string; token: string };
  const pingerChild = spawn(process.execPath, ['--input-type=module', '-e', PINGER, origin, token, API_HTTP.tokenHeader], { stdio: ['pipe', 'pipe', 'inherit'] });
  const pinger = lineChild(pingerChild, false);
  return {
    api: createHttpClient({ baseUrl: origin, token }),
    ask: async <T>(line: string) => JSON.parse(await host.ask(line)) as T,
    pinger: { report: async () => Number(await pinger.ask('')) },
    stop: async () => {
      pingerChild.kill();
      const exited = new Promise((r) => child.once('exit', r));
      child.stdin!.write('quit\n');
      await exited;
    },
  };
}

interface Run {
  ms: number;
  pauseMs: number;
  peakMb: number;
  hwmMb: number;
  rss0Mb: number;
  cpuMs: number;
  outcome: string;
}

/** One run of `call` on `file` in the host while the pinger asks app.info. */
async function measure(host: Host, f: SafetyFile): Promise<Run> {
  await new Promise((r) => setTimeout(r, 300));
  // The file is read before it is timed; its bytes go as they are (a binary body, shared/api/upload.ts).
  const upload = f.call === 'hook:json' ? null : { name: f.path.split('/').pop()!, bytes: readFileSync(f.path) };
  const works: Record<SafetyCall, () => Promise<string>> = {
    'hook:json': async () => (await host.ask<{ outcome: string }>(`json ${f.path}`)).outcome,
    'handover.inspect': () => settled(host.api.call('handover.inspect', { file: upload! })),
    'import.preview:xlsx': () => settled(host.api.call('import.preview', { kind: 'xlsx', file: upload!, unitCode: '382201', year: 2024 })),
    'import.preview:docx': () => settled(host.api.call('import.preview', { kind: 'docx', file: upload!, unitCode: '382201', year: 2024 })),
  };
  if (f.call === 'hook:json') await host.ask('json-db');
  await host.pinger.report(); // reset
  const { rssMb: rss0Mb } = await host.ask<{ rssMb: number }>('mark');
  const t0 = performance.now();
  const outcome = await works[f.call]();
  const ms = performance.now() - t0;
  const pauseMs = await host.pinger.report();
  const r = await host.ask<{ peakMb: number; hwmMb: number; cpuMs: number }>('report');
  return { ms, pauseMs, peakMb: r.peakMb, hwmMb: r.hwmMb, rss0Mb, cpuMs: r.cpuMs, outcome };
}

const settled = (p: Promise<unknown>) =>
  p.then(
    () => '接受',
    (e: Error) => `拒绝：${e.message.replace(/\s+/g, ' ').slice(0, 50)}`,
  );

export async function runSafetyBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'jxmb-bench-safety-'));
  try {
    const files = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', 'tests/bench/safety-files.ts', dir], { encoding: 'utf8', maxBuffer: 1 << 20 }).trim().split('\n').pop()!) as SafetyFile[];
    console.log(
      `安全基准：每种文件 ${RUNS} 次，每次一个新的宿主进程，第二个客户端（另一进程）连续调用 app.info（目标：最长等待 ≤ 200 ms，宿主峰值内存 ≤ 500 MB）；开始时负载 ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' / ')}`,
    );
    for (const f of files.filter((x) => !process.env.SAFETY_ONLY || x.label.includes(process.env.SAFETY_ONLY))) {
      const runs: Run[] = [];
      for (let i = 0; i < RUNS; i++) {
        // A fresh host each run: nothing of the run before (memory, the last files read) is left.
        const host = await startHost(dir);
        try {
          runs.push(await measure(host, f));
        } finally {
          await host.stop();
        }
      }
      const med = (k: keyof Omit<Run, 'outcome'>) => median(runs.map((r) => r[k]));
      console.log(
        `  ${f.label}，${f.size}：墙钟 ${med('ms').toFixed(0)} ms（宿主 CPU ${med('cpuMs').toFixed(0)} ms，含工作线程；负载 ${loadavg()[0]!.toFixed(1)}），${runs[0]!.outcome}；` +
          `最长等待 ${med('pauseMs').toFixed(0)} ms（目标的 ${(med('pauseMs') / 200).toFixed(2)} 倍；各次 ${runs.map((r) => r.pauseMs.toFixed(0)).join('/')}），` +
          `宿主峰值内存 ${med('peakMb').toFixed(0)} MB（目标的 ${(med('peakMb') / 500).toFixed(2)} 倍；内核记录 ${med('hwmMb').toFixed(0)} MB），开始时 ${med('rss0Mb').toFixed(0)} MB（第一次 ${runs[0]!.rss0Mb.toFixed(0)} MB）`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
