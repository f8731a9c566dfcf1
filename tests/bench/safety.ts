// Safety benchmark (issue 11): the largest hostile file of each kind that the limits accept
// is parsed by the web host while a second client calls app.info in a loop. Reported per
// kind, medians over RUNS runs: the client's longest wait for an answer (target ≤ 200 ms)
// and the peak RSS of the process, worker threads included (target ≤ 500 MB).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { API_HTTP } from '../../shared/api/contract.ts';
import { startWebHost } from '../../electron/web-host/server.ts';
import { createHttpClient } from '../../shared/api/http-client.ts';
import { buildPackage, readUnitYear } from '../../electron/handover/pack.ts';
import { importInterchangeFile } from '../../electron/services/filing-service.ts';
import { DOCX_LIMITS } from '../../electron/import/docx/docx-read.ts';
import { WORD_BODY_LIMITS } from '../../electron/import/docx/body-budget.ts';
import { PACKAGE_LIMITS } from '../../shared/handover/manifest.ts';
import { DEFAULT_JSON_LIMIT } from '../../electron/files/read-json.ts';
import { SPREADSHEET_LIMITS } from '../../electron/import/spreadsheet/xlsx-read.ts';
import { unzipSafe } from '../../electron/files/zip.ts';
import { inflatedPackage, rawZip, storeWith } from '../handover/helpers.ts';
import { RUNS, median } from './stats.ts';

const MB = 1024 * 1024;

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

function startPinger(origin: string, token: string): { report(): Promise<number>; stop(): void } {
  const child = spawn(process.execPath, ['--input-type=module', '-e', PINGER, origin, token, API_HTTP.tokenHeader], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const waiting: Array<(n: number) => void> = [];
  lines.on('line', (l) => waiting.shift()?.(Number(l)));
  return {
    report: () =>
      new Promise((r) => {
        waiting.push(r);
        child.stdin!.write('\n');
      }),
    stop: () => child.kill(),
  };
}

/** Runs `work` while the pinger asks app.info; the longest wait and the peak RSS. */
async function underLoad(pinger: ReturnType<typeof startPinger>, work: () => Promise<unknown>): Promise<{ pauseMs: number; rssMb: number; rss0Mb: number; ms: number; cpuMs: number; outcome: string }> {
  await new Promise((r) => setTimeout(r, 300));
  await pinger.report(); // reset
  let rss = process.memoryUsage().rss;
  const rss0Mb = rss / MB;
  const sampler = setInterval(() => (rss = Math.max(rss, process.memoryUsage().rss)), 10);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const outcome = await work().then(
    () => '接受',
    (e: Error) => `拒绝：${e.message.replace(/\s+/g, ' ').slice(0, 50)}`,
  );
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  clearInterval(sampler);
  return { pauseMs: await pinger.report(), rssMb: Math.max(rss, process.memoryUsage().rss) / MB, rss0Mb, ms, cpuMs: (cpu.user + cpu.system) / 1000, outcome };
}

/** An .xlsx of the row limit × 32 columns of numbers: under the 20 MB file limit and the 32 MB upload (base64). */
function budgetWorkbook(): Uint8Array {
  const XLSX = createRequire(import.meta.url)('xlsx') as typeof import('xlsx');
  const cols = 32;
  const rows = Math.min(SPREADSHEET_LIMITS.rowsPerSheet, Math.floor(SPREADSHEET_LIMITS.cells / cols)) - 1;
  const aoa = Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => r * 100 + c));
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa), '绩效目标');
  return new Uint8Array(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
}

/**
 * The largest Word body the limits let through to the end of the read: just under the
 * paragraph limit, each paragraph long enough that document.xml nears its inflated-size
 * limit (a small .docx on disk). Nothing in it is a 绩效目标表: it is refused after the read.
 */
function budgetDocx(): Uint8Array {
  const paras = WORD_BODY_LIMITS.blocks - 10;
  const per = Math.floor((DOCX_LIMITS.documentBytes * 0.95) / paras) - 40;
  const p = `<w:p><w:r><w:t>${'说明'.repeat(Math.floor(per / 6))}</w:t></w:r></w:p>`;
  const xml = `<w:document xmlns:w="w"><w:body>${p.repeat(paras)}</w:body></w:document>`;
  return rawZip([{ name: 'word/document.xml', data: new TextEncoder().encode(xml) }]);
}

export async function runSafetyBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'jxmb-bench-safety-'));
  try {
    const sender = await storeWith(dir, ['382201'], 'sender.sqlite');
    const valid = (await buildPackage(readUnitYear(sender.store, '382201', 2024), { book: null })).bytes;
    sender.store.close();
    // One project copy is ~2.4 KB of JSON: as many as fit the limit of one member (and of a JSON file).
    const perCopy = 2450;
    const copies = Math.floor((DEFAULT_JSON_LIMIT * 0.95) / perCopy);
    let jsonRuns = 0;

    const target = await storeWith(dir, ['382201'], 'host.sqlite');
    const host = await startWebHost({ dbPath: target.dbPath, store: target.store, staticDir: null, log: () => {} });
    const api = createHttpClient({ baseUrl: host.origin, token: host.token });
    const pinger = startPinger(host.origin, host.token);
    // Each kind's file is made when its turn comes; uploads are encoded before they are timed (the browser does that, not the host).
    const upload = (name: string, bytes: Uint8Array) => ({ name, base64: Buffer.from(bytes).toString('base64') });
    const kinds: Array<{ label: string; prepare: () => { size: string; work: () => Promise<unknown> } }> = [
      {
        label: '报送包（handover.inspect）',
        prepare: () => {
          const pkg = inflatedPackage(valid, Math.floor((PACKAGE_LIMITS.memberBytes * 0.97) / perCopy));
          const file = upload('hostile.jxmb', pkg);
          return { size: `${(pkg.length / MB).toFixed(2)} MB 压缩，filings.json ${((PACKAGE_LIMITS.memberBytes * 0.97) / MB).toFixed(0)} MB`, work: () => api.call('handover.inspect', { file }) };
        },
      },
      {
        label: '交换文件 JSON（import：解析并保存）',
        prepare: () => {
          const jsonPath = join(dir, 'hostile.json');
          const jsonBytes = unzipSafe(inflatedPackage(valid, copies)).files.get('filings.json')!;
          writeFileSync(jsonPath, jsonBytes);
          return {
            size: `${(jsonBytes.length / MB).toFixed(0)} MB，${copies} 个项目`,
            // Each run into a database of its own (one seed unit), so that runs are alike.
            work: async () => {
              const db = await storeWith(dir, ['382201'], `json-${++jsonRuns}.sqlite`);
              try {
                await importInterchangeFile(db.store, jsonPath);
              } finally {
                db.store.close();
              }
            },
          };
        },
      },
      {
        label: '表格（import.preview）',
        prepare: () => {
          const xlsx = budgetWorkbook();
          const file = upload('big.xlsx', xlsx);
          return {
            size: `${(xlsx.length / MB).toFixed(1)} MB，${SPREADSHEET_LIMITS.rowsPerSheet} 行 × 32 列`,
            work: () => api.call('import.preview', { kind: 'xlsx', file, unitCode: '382201', year: 2024 }),
          };
        },
      },
      {
        label: 'Word（import.preview）',
        prepare: () => {
          const docx = budgetDocx();
          const file = upload('big.docx', docx);
          return {
            size: `${(docx.length / MB).toFixed(2)} MB，document.xml ${((DOCX_LIMITS.documentBytes * 0.95) / MB).toFixed(0)} MB，${WORD_BODY_LIMITS.blocks - 10} 段`,
            work: () => api.call('import.preview', { kind: 'docx', file, unitCode: '382201', year: 2024 }),
          };
        },
      },
    ];
    console.log(`安全基准：每种文件 ${RUNS} 次，第二个客户端连续调用 app.info（目标：最长等待 ≤ 200 ms，峰值内存 ≤ 500 MB）；开始时负载 ${loadavg().map((l) => l.toFixed(1)).join(' / ')}`);
    // SAFETY_ONLY=Word (a part of a label) measures one kind alone: its peak memory then starts from a fresh process.
    for (const k of kinds.filter((x) => !process.env.SAFETY_ONLY || x.label.includes(process.env.SAFETY_ONLY))) {
      const { size, work } = k.prepare();
      const runs = [];
      for (let i = 0; i < RUNS; i++) runs.push(await underLoad(pinger, work));
      const pause = median(runs.map((r) => r.pauseMs));
      const rss = median(runs.map((r) => r.rssMb));
      console.log(
        `  ${k.label}，${size}：墙钟 ${median(runs.map((r) => r.ms)).toFixed(0)} ms（CPU ${median(runs.map((r) => r.cpuMs)).toFixed(0)} ms，含工作线程；负载 ${loadavg()[0]!.toFixed(1)}），${runs[0]!.outcome}；` +
          `最长等待 ${pause.toFixed(0)} ms（目标的 ${(pause / 200).toFixed(2)} 倍），峰值内存 ${rss.toFixed(0)} MB（目标的 ${(rss / 500).toFixed(2)} 倍；开始时 ${median(runs.map((r) => r.rss0Mb)).toFixed(0)} MB，进程不归还已用内存，前面各项会抬高后面的起点）`,
      );
    }
    pinger.stop();
    await host.close();
    target.store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
