// Reads an untrusted .xlsx or .xls in a worker thread (xlsx-worker.ts) with a byte limit, a time
// limit (the worker is terminated) and a memory limit; what comes back is validated again.
import { Worker } from 'node:worker_threads';
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';
import type { PlainSheet, WorkerInput } from './xlsx-worker.ts';
import { readFileLimited } from '../../files/read-limited.ts';
import { UserError } from '../../user-error.ts';
import { clipMerges, gridCells } from './grid-budget.ts';
import { refuseOtherFormats } from '../file-kind.ts';

export class SpreadsheetError extends UserError {
  override name = 'SpreadsheetError';
  constructor(message: string, code = 'INVALID') {
    super(message, code);
  }
}

export const SPREADSHEET_LIMITS = {
  fileBytes: 20 * 1024 * 1024,
  uncompressedBytes: 200 * 1024 * 1024,
  rowsPerSheet: 20_000,
  rowsTotal: 1_000_000,
  sheets: 1000,
  /** Grid cells (rows × effective width, plus merged area) over all sheets: bounds the work after parsing. */
  cells: 1_000_000,
  cellChars: 100_000,
  timeoutMs: 15_000,
  memoryMb: 1024,
};
export type SpreadsheetLimits = typeof SPREADSHEET_LIMITS;

const cellSchema = z.union([z.string().max(100_000), z.number(), z.boolean(), z.null()]);
const itemSchema = z.union([
  z.object({
    ok: z.literal(true),
    sheets: z
      .array(
        z.object({
          name: z.string().max(200),
          hidden: z.number().int().min(0).max(2),
          rows: z.array(z.array(cellSchema).max(20_000)).max(SPREADSHEET_LIMITS.rowsPerSheet + 1),
          merges: z.array(z.tuple([z.number().int().min(0), z.number().int().min(0), z.number().int().min(0), z.number().int().min(0)])).max(200_000),
          formulas: z.object({ count: z.number().int().min(1), cells: z.array(z.string().max(12)).max(5), noValue: z.number().int().min(0) }).optional(),
        }),
      )
      .max(SPREADSHEET_LIMITS.sheets),
  }),
  z.object({ ok: z.literal(false), code: z.string().max(40), message: z.string().max(2000) }),
]);
const resultSchema = z.array(itemSchema).max(100_000);

/**
 * The worker's script. A packaged build ships it as JavaScript beside this module. From
 * the TypeScript sources (development, tests, browser mode) it is bundled once with
 * esbuild into node_modules/.cache (keyed by a hash of the sources), because starting a
 * worker through a TypeScript loader costs about a second per file and plain node ~50 ms.
 */
let workerScript: Promise<string> | undefined;
function workerBoot(): Promise<string> {
  workerScript ??= (async () => {
    const js = new URL('./xlsx-worker.js', import.meta.url);
    if (existsSync(js)) return js.href;
    const entry = fileURLToPath(new URL('./xlsx-worker.ts', import.meta.url));
    const hash = createHash('sha256');
    for (const dep of [entry, ...['../../files/zip.ts', './grid-budget.ts', '../compound-file.ts'].map((f) => fileURLToPath(new URL(f, import.meta.url)))]) hash.update(readFileSync(dep));
    const key = hash.digest('hex').slice(0, 12);
    const out = fileURLToPath(new URL(`../../../node_modules/.cache/jxmb/xlsx-worker-${key}.mjs`, import.meta.url));
    if (!existsSync(out)) {
      const { build } = await import('esbuild');
      const tmp = `${out}.${process.pid}.tmp`;
      await build({ entryPoints: [entry], outfile: tmp, bundle: true, platform: 'node', format: 'esm', target: 'node20', external: ['xlsx'], logLevel: 'error' });
      renameSync(tmp, out);
    }
    return pathToFileURL(out).href;
  })();
  return workerScript.then((u) => `import(${JSON.stringify(u)});`);
}

/** Parses xlsx bytes in a worker; resolves with plain, validated sheets. */
export async function parseXlsxInWorker(bytes: Uint8Array, limits: Partial<SpreadsheetLimits> = {}): Promise<PlainSheet[]> {
  const L = { ...SPREADSHEET_LIMITS, ...limits };
  if (bytes.length > L.fileBytes) {
    throw new SpreadsheetError(`表格文件过大（${(bytes.length / 1024 / 1024).toFixed(1)} MB，上限 ${L.fileBytes / 1024 / 1024} MB）`, 'TOO_LARGE');
  }
  if (bytes.length === 0) throw new SpreadsheetError('表格文件是空的', 'EMPTY');
  refuseOtherFormats(bytes, 'sheet', (m, c) => new SpreadsheetError(m, c));
  const [r] = await parseXlsxBatch([bytes], L);
  if (!r) throw new SpreadsheetError('表格文件解析结果异常，已拒绝', 'PARSE');
  if (!r.ok) throw new SpreadsheetError(r.message, r.code);
  return r.sheets;
}

export type ParseOutcome = { ok: true; sheets: PlainSheet[] } | { ok: false; code: string; message: string };

/** Parses several files in one worker (one time limit for all); each result on its own. */
export function parseXlsxBatch(items: Uint8Array[], limits: Partial<SpreadsheetLimits> = {}): Promise<ParseOutcome[]> {
  const L = { ...SPREADSHEET_LIMITS, ...limits };
  const input: WorkerInput = {
    items,
    maxRowsPerSheet: L.rowsPerSheet,
    maxRowsTotal: L.rowsTotal,
    maxSheets: L.sheets,
    maxUncompressed: L.uncompressedBytes,
    maxCells: L.cells,
    maxCellChars: L.cellChars,
  };
  return workerBoot().then((boot) => runWorker(boot, input, L));
}

function runWorker(boot: string, input: WorkerInput, L: SpreadsheetLimits): Promise<ParseOutcome[]> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const worker = new Worker(boot, {
      eval: true,
      workerData: input,
      resourceLimits: { maxOldGenerationSizeMb: L.memoryMb },
      stdout: true,
      stderr: true,
    });
    const done = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      fn();
    };
    const timer = setTimeout(
      () => done(() => reject(new SpreadsheetError(`解析表格文件超时（超过 ${Math.round(L.timeoutMs / 1000)} 秒），已停止。文件可能已损坏或是恶意构造的`, 'TIMEOUT'))),
      L.timeoutMs,
    );
    worker.on('message', (msg: unknown) =>
      done(() => {
        const r = resultSchema.safeParse(msg);
        if (!r.success || r.data.length !== input.items.length) return reject(new SpreadsheetError('表格文件解析结果异常，已拒绝', 'PARSE'));
        const out = r.data as ParseOutcome[];
        // The worker keeps the cell budget; checked again here before anyone builds a grid.
        for (const item of out) {
          if (!item.ok) continue;
          let cells = 0;
          for (const s of item.sheets) {
            s.merges = clipMerges(s.rows, s.merges);
            cells += gridCells(s.rows, s.merges);
          }
          if (cells > L.cells) return reject(new SpreadsheetError(`表格过大（超过 ${L.cells} 个单元格），已拒绝`, 'TOO_MANY_CELLS'));
        }
        resolve(out);
      }),
    );
    worker.on('error', (e) =>
      done(() =>
        reject(
          new SpreadsheetError(
            /memory|heap/i.test(String(e)) ? '表格文件过于复杂，解析时超出内存上限，已停止' : `表格文件无法解析（${String((e as Error).message ?? e).slice(0, 200)}）`,
            'PARSE',
          ),
        ),
      ),
    );
    worker.on('exit', () => done(() => reject(new SpreadsheetError('表格文件解析意外中止', 'PARSE'))));
  });
}

/** Reads a .xlsx/.xls file (size checked before reading) and parses it in the worker. */
export async function readXlsxFile(path: string, limits: Partial<SpreadsheetLimits> = {}): Promise<PlainSheet[]> {
  const max = limits.fileBytes ?? SPREADSHEET_LIMITS.fileBytes;
  const bytes = await readFileLimited(path, {
    maxBytes: max,
    tooLarge: (size) => new SpreadsheetError(`表格文件过大（${(size / 1024 / 1024).toFixed(1)} MB，上限 ${max / 1024 / 1024} MB）`, 'TOO_LARGE'),
  });
  return parseXlsxInWorker(bytes, limits);
}

export type { PlainSheet };
