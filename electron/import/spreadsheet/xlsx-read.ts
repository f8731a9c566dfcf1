// Reads an untrusted .xlsx or .xls in a worker thread (xlsx-worker.ts) with a byte limit, a time
// limit (the worker is terminated) and a memory limit (files/worker-run.ts); what comes back is
// validated again: plain cells (parseXlsxInWorker), or the preview of the filings recognised in
// the worker (previewXlsxInWorker: every filing checked with the filing schema here).
import { z } from 'zod';
import type { WorkerInput } from './xlsx-worker.ts';
import { readFileLimited } from '../../files/read-limited.ts';
import { runInWorker, type WorkerOutcome, type WorkerScript } from '../../files/worker-run.ts';
import { clipMerges, gridCells, type PlainSheet } from './grid-budget.ts';
import { refuseOtherFormats } from '../file-kind.ts';
import { SpreadsheetError } from './sheet-error.ts';
import type { SheetImportPreview, SheetPreviewOptions } from './sheet-preview.ts';
import { deptItemSchema, projectFilingSchema } from '../../../shared/model/filing.ts';
import { formatIssues } from '../../../shared/model/issues.ts';

export { SpreadsheetError };

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
          formulas: z.object({ count: z.number().int().min(1), cells: z.array(z.string().max(12)).max(5), noValue: z.number().int().min(0), noValueCells: z.array(z.string().regex(/^[A-Z]{1,3}[1-9]\d{0,6}$/)).max(2000).optional() }).optional(),
        }),
      )
      .max(SPREADSHEET_LIMITS.sheets),
  }),
  z.object({ ok: z.literal(false), code: z.string().max(40), message: z.string().max(2000) }),
]);
const resultSchema = z.array(itemSchema).max(100_000);

/** The worker; xlsx stays in node_modules (its advisories: see xlsx-worker.ts). */
const XLSX_WORKER: WorkerScript = {
  js: new URL('./xlsx-worker.js', import.meta.url),
  ts: new URL('./xlsx-worker.ts', import.meta.url),
  external: ['xlsx', 'xlsx/*'],
};

/** The checks before a file goes to the worker. */
function refuseBeforeParsing(bytes: Uint8Array, L: SpreadsheetLimits): void {
  if (bytes.length > L.fileBytes) {
    throw new SpreadsheetError(`表格文件过大（${(bytes.length / 1024 / 1024).toFixed(1)} MB，上限 ${L.fileBytes / 1024 / 1024} MB）`, 'TOO_LARGE');
  }
  if (bytes.length === 0) throw new SpreadsheetError('表格文件是空的', 'EMPTY');
  refuseOtherFormats(bytes, 'sheet', (m, c) => new SpreadsheetError(m, c));
}

function workerInput(items: Uint8Array[], L: SpreadsheetLimits, preview?: SheetPreviewOptions): WorkerInput {
  return {
    items,
    maxRowsPerSheet: L.rowsPerSheet,
    maxRowsTotal: L.rowsTotal,
    maxSheets: L.sheets,
    maxUncompressed: L.uncompressedBytes,
    maxCells: L.cells,
    maxCellChars: L.cellChars,
    ...(preview ? { preview } : {}),
  };
}

/** How the worker's failures read (Chinese). */
function failures(L: SpreadsheetLimits): Omit<WorkerOutcome<never>, 'accept'> {
  return {
    timeout: () => new SpreadsheetError(`解析表格文件超时（超过 ${Math.round(L.timeoutMs / 1000)} 秒），已停止。文件可能已损坏或是恶意构造的`, 'TIMEOUT'),
    memory: () => new SpreadsheetError('表格文件过于复杂，解析时超出内存上限，已停止', 'PARSE'),
    crashed: (detail) => new SpreadsheetError(detail === null ? '表格文件解析意外中止' : `表格文件无法解析（${detail}）`, 'PARSE'),
  };
}

/** Parses xlsx bytes in a worker; resolves with plain, validated sheets. */
export async function parseXlsxInWorker(bytes: Uint8Array, limits: Partial<SpreadsheetLimits> = {}): Promise<PlainSheet[]> {
  const L = { ...SPREADSHEET_LIMITS, ...limits };
  refuseBeforeParsing(bytes, L);
  const [r] = await parseXlsxBatch([bytes], L);
  if (!r) throw new SpreadsheetError('表格文件解析结果异常，已拒绝', 'PARSE');
  if (!r.ok) throw new SpreadsheetError(r.message, r.code);
  return r.sheets;
}

export type ParseOutcome = { ok: true; sheets: PlainSheet[] } | { ok: false; code: string; message: string };

/** Parses several files in one worker (one time limit for all); each result on its own. */
export function parseXlsxBatch(items: Uint8Array[], limits: Partial<SpreadsheetLimits> = {}): Promise<ParseOutcome[]> {
  const L = { ...SPREADSHEET_LIMITS, ...limits };
  const input = workerInput(items, L);
  return runInWorker(XLSX_WORKER, input, L, {
    accept: (msg) => {
      const r = resultSchema.safeParse(msg);
      if (!r.success || r.data.length !== input.items.length) throw new SpreadsheetError('表格文件解析结果异常，已拒绝', 'PARSE');
      const out = r.data as ParseOutcome[];
      // The worker keeps the cell budget; checked again here before anyone builds a grid.
      for (const item of out) {
        if (!item.ok) continue;
        let cells = 0;
        for (const s of item.sheets) {
          s.merges = clipMerges(s.rows, s.merges);
          cells += gridCells(s.rows, s.merges);
        }
        if (cells > L.cells) throw new SpreadsheetError(`表格过大（超过 ${L.cells} 个单元格），已拒绝`, 'TOO_MANY_CELLS');
      }
      return out;
    },
    ...failures(L),
  });
}

const unitSchema = z.object({ code: z.string().max(20), name: z.string().max(200) }).strict();
const shortText = z.string().max(20_000);
/** The preview the worker recognised: its shape here, each filing again with the filing schema below. */
const previewSchema = z.object({
  unitCode: z.string().regex(/^\d{6}$/),
  year: z.number().int().min(0).max(9999),
  templateId: z.string().max(8).nullable(),
  projects: z
    .array(
      z.object({
        sheet: z.string().max(200),
        filing: z.record(z.string(), z.unknown()),
        recognised: z.array(z.string().max(200)).max(10_000),
        source: z.object({ key: z.string().max(100) }).passthrough(),
        unit: unitSchema.nullable(),
      }),
    )
    .max(SPREADSHEET_LIMITS.rowsTotal),
  printedYear: z.number().int().min(0).max(9999).nullable(),
  notes: z.array(shortText).max(100_000),
  unit: z.record(z.string(), z.unknown()).nullable(),
  dept: z.object({ overall: shortText, items: z.array(deptItemSchema).max(200), measures: z.array(z.string().max(10_000)).max(200) }).strict().nullable(),
  deptUnit: unitSchema.nullable(),
});
const previewReply = z.array(z.union([z.object({ ok: z.literal(true), preview: previewSchema }), z.object({ ok: z.literal(false), code: z.string().max(40), message: z.string().max(20_000) })])).length(1);

/**
 * Parses and recognises a workbook in the worker (sheet-preview.ts runs there): the main
 * process gets the preview, checks its shape and every filing again, and builds no grid.
 */
export async function previewXlsxInWorker(bytes: Uint8Array, opts: SheetPreviewOptions, limits: Partial<SpreadsheetLimits> = {}): Promise<SheetImportPreview> {
  const L = { ...SPREADSHEET_LIMITS, ...limits };
  refuseBeforeParsing(bytes, L);
  return runInWorker(XLSX_WORKER, workerInput([bytes], L, opts), L, {
    accept: (msg) => {
      const r = previewReply.safeParse(msg);
      if (!r.success) throw new SpreadsheetError('表格文件解析结果异常，已拒绝', 'PARSE');
      const item = r.data[0]!;
      if (!item.ok) throw new SpreadsheetError(item.message, item.code);
      for (const p of item.preview.projects) {
        const f = projectFilingSchema.safeParse(p.filing);
        if (!f.success) throw new SpreadsheetError(`表格文件解析结果异常（工作表“${p.sheet.slice(0, 31)}”：${formatIssues(f.error.issues, 3)}），已拒绝`, 'PARSE');
        p.filing = f.data;
      }
      return item.preview as unknown as SheetImportPreview;
    },
    ...failures(L),
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

export type { PlainSheet } from './grid-budget.ts';
